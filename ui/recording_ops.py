"""The recording panel's operations: one small function per user action, one Session each, plain results.

Like :mod:`ui.operations` (Anki's ``aqt/operations``): every function may run on
a worker thread, opens its own Session through the Desk, calls the
recordings service and hands back frozen dataclasses or plain values.
"""

from __future__ import annotations

from pathlib import Path

from app.desk import Desk
from app.errors import DeskError
from app.services import recordings as recs
from app.services.cases import CaseChange
from app.services.identity import Actor
from recording.api import RecordingResult

PreparedRecording = recs.StartedRecording
"""What a recording of one case needs before its recorder starts (journalled already)."""


def answer_notice(desk: Desk, actor: Actor, case_number: str, *, told: bool, notice_text: str,
                  refusal_reason: str = "") -> CaseChange:
    """The complainant was told about the recording, or refused it (a case event either way)."""
    with desk.write() as s:
        return recs.record_notice_answer(s, desk.rulebook, actor, case_number, told=told, notice_text=notice_text,
                                         refusal_reason=refusal_reason)


def prepare_recording(desk: Desk, actor: Actor, case_number: str) -> PreparedRecording:
    """The journal entry, file, key and chain link of a new recording (:func:`recs.begin_recording`).

    Refuses (``recording_notice_required``) before the notice was answered.
    """
    with desk.write() as s:
        return recs.begin_recording(s, desk.rulebook, actor, case_number, recs.recordings_folder(desk))


def abandon(desk: Desk, recording_id: str, why: str) -> None:
    """A prepared recording that did not start, or kept nothing: the journal says so."""
    with desk.write() as s:
        recs.abandon_recording(s, desk.rulebook, recording_id, why)


def attach(desk: Desk, actor: Actor, case_number: str, result: RecordingResult) -> CaseChange:
    """Put a finished recording on the case's timeline."""
    with desk.write() as s:
        return recs.attach_recording(s, desk.rulebook, actor, case_number, result)


def open_for_playback(desk: Desk, actor: Actor, case_number: str, file_name: str) -> Path:
    """Write the playback to the audit log first, then hand back the file to play."""
    path = recs.recordings_folder(desk) / Path(file_name).name
    if not path.is_file():
        raise DeskError(f"{path.name} is missing", code="recording_missing", field="recordings", file=path.name)
    with desk.write() as s:
        recs.log_recording_access(s, desk.rulebook, actor, case_number, path.name, "playback")
    return path


def recover(desk: Desk, actor: Actor) -> recs.RecoveryReport:
    """Finish, sign and attach the recordings a crash left without a manifest; foreign files are left alone."""
    return recs.recover_unfinished(desk, actor)
