"""Recordings of the reception as part of the case: notice, start, attach, recover, play back.

The capture itself lives in ``recording/``; this module ties it to cases.
Every recording starts here (:func:`begin_recording`): the notice must have
been given, and a journal entry (recording id, file name, case, operator,
start time) is written before capture begins.  A recording becomes evidence
only through a timeline event that carries its file name, SHA-256 and
manifest hash, so `verify` (:mod:`app.services.recording_verify`) can compare
the journal, the store, the files and the signed manifests with each other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import RecordingJournalEntry, new_id
from app.desk import Desk
from app.domain.states import CaseAction, next_state
from app.errors import DeskError
from app.services import case_actions as acts
from app.services.audit import append_audit
from app.services.cases import CaseChange, load_case
from app.services.context import Rulebook
from app.services.identity import Actor, get_actor, require_desk_info
from recording.api import (
    RecordingMeta,
    RecordingResult,
    find_unfinished,
    load_signing_key,
    manifest_hash,
    public_key_text,
    read_manifest,
    recover,
    verify_recording,
)
from recording.manifest import MANIFEST_SUFFIX
from recording.session import recording_file_name
from recording.storage import RESERVE_SUFFIX

log = logging.getLogger(__name__)

NOTICE_CONFIRMED, NOTICE_REFUSED = "notice_confirmed", "notice_refused"
ATTACHED, RECOVERED = "attached", "recovered"
# Journal states: capture under way (or crashed), on the case, or ended with nothing kept.
JOURNAL_RECORDING, JOURNAL_NOTHING_KEPT = "recording", "nothing_kept"
_RATE_SAMPLE, _RATE_MIN_S = 5, 5.0


@dataclass(frozen=True)
class CaseRecording:
    """One recording of a case as listed in the case view and the report."""

    event_id: str
    file_name: str
    manifest_name: str
    started_utc: str
    duration_s: float
    size_bytes: int
    sha256: str
    recovered: bool
    stopped_reason: str
    manifest_sha256: str = ""


@dataclass(frozen=True)
class StartedRecording:
    """A recording the journal knows, ready for its recorder: where to write, what to sign with."""

    recording_id: str
    case_number: str
    meta: RecordingMeta
    path: Path
    previous_manifest_hash: str
    signing_key: Ed25519PrivateKey = field(repr=False)
    expected_bytes_per_s: float | None
    """The rate of this desk's recent recordings (None before its first): what free space is judged by."""


def recording_meta(session: Session, actor: Actor, case_ref: str) -> RecordingMeta:
    desk = require_desk_info(session)
    case = load_case(session, case_ref)
    return RecordingMeta(case_id=case.id, case_number=case.case_number, branch=desk.branch_code,
                         desk=desk.desk_code, staff_no=actor.staff_no)


def notice_given(session: Session, case_ref: str) -> bool:
    """Whether the complainant was told about recording (the latest answer counts)."""
    case = load_case(session, case_ref)
    for e in reversed(case.events):
        if e.kind == CaseAction.RECORDING and e.data.get("what") in (NOTICE_CONFIRMED, NOTICE_REFUSED):
            return bool(e.data["what"] == NOTICE_CONFIRMED)
    return False


def record_notice_answer(session: Session, rb: Rulebook, actor: Actor, case_ref: str, *, told: bool,
                         notice_text: str, refusal_reason: str = "") -> CaseChange:
    """The receptionist confirms the complainant was told (or records a refusal with its reason)."""
    from hashlib import sha256

    return acts.record_recording_event(
        session, rb, actor, case_ref, what=NOTICE_CONFIRMED if told else NOTICE_REFUSED,
        data={"notice_sha256": sha256(notice_text.encode()).hexdigest()}, reason=refusal_reason)


def previous_manifest_hash(session: Session, case_ref: str) -> str:
    return acts.last_recording_manifest_hash(session, case_ref)


def journal_entry(session: Session, file_name: str) -> RecordingJournalEntry | None:
    return session.scalar(select(RecordingJournalEntry).where(RecordingJournalEntry.file_name == file_name))


def measured_bytes_per_s(session: Session) -> float | None:
    """The data rate of this desk's recent recordings (the fastest of the last few), None before any."""
    rows = session.execute(
        select(RecordingJournalEntry.size_bytes, RecordingJournalEntry.duration_s)
        .where(RecordingJournalEntry.duration_s >= _RATE_MIN_S, RecordingJournalEntry.size_bytes > 0)
        .order_by(RecordingJournalEntry.started_at.desc()).limit(_RATE_SAMPLE)).all()
    rates = [size / duration for size, duration in rows]
    return max(rates) if rates else None


def desk_signing_key(session: Session, folder: Path) -> Ed25519PrivateKey:
    """The desk's signing key; created only for a desk's very first recording.

    A desk that has recordings (in its journal or signed in its folder) and no
    key has lost it: ``signing_key_missing``, never a fresh key that would make
    every genuine recording look untrusted.
    """
    has_recordings = bool(session.scalar(select(func.count()).select_from(RecordingJournalEntry))) or (
        folder.is_dir() and any(folder.glob("*.manifest.json")))
    return load_signing_key(create=not has_recordings)


def begin_recording(session: Session, rb: Rulebook, actor: Actor, case_ref: str, folder: Path, *,
                    told: bool = False, notice_text: str = "") -> StartedRecording:
    """Everything before capture: the notice, the key, the file name and the journal entry.

    ``told`` records the notice confirmation first (the CLI's ``--told``).
    Raises ``DeskError``: ``recording_notice_required`` (field ``notice``) when
    the complainant was not told, ``illegal_transition`` for a case that takes
    no more recordings, ``signing_key_missing`` / ``signing_key_unavailable``.
    The caller starts the recorder with what this returns, and calls
    :func:`abandon_recording` if it does not start or keeps nothing.
    """
    case = load_case(session, case_ref)
    next_state(case.state, CaseAction.RECORDING)
    if not notice_given(session, case.id):
        if not told:
            raise DeskError("confirm first that the complainant was told about the recording",
                            code="recording_notice_required", field="notice")
        record_notice_answer(session, rb, actor, case.id, told=True, notice_text=notice_text)
    key = desk_signing_key(session, folder)
    recording_id = new_id()
    meta = replace(recording_meta(session, actor, case.id), recording_id=recording_id)
    now = rb.clock()
    path = recording_file_name(meta, now, folder)
    n = 2
    while journal_entry(session, path.name) is not None:  # a name used before, whose file is gone
        path = path.with_name(f"{path.stem}-j{n}{path.suffix}")
        n += 1
    session.add(RecordingJournalEntry(id=recording_id, file_name=path.name, case_id=case.id,
                                      operator_id=actor.operator_id, staff_no=actor.staff_no, started_at=now,
                                      state=JOURNAL_RECORDING, size_bytes=0, duration_s=0.0))
    append_audit(session, at=now, operator_id=actor.operator_id, action="recording.start", case_id=case.id,
                 details={"case_number": case.case_number, "file_name": path.name, "recording_id": recording_id})
    session.flush()
    return StartedRecording(recording_id, case.case_number, meta, path, previous_manifest_hash(session, case.id),
                            key, measured_bytes_per_s(session))


def abandon_recording(session: Session, rb: Rulebook, recording_id: str, why: str) -> None:
    """A journalled recording that never started, or kept nothing: say so in the journal and the audit log."""
    entry = session.get(RecordingJournalEntry, recording_id)
    if entry is None or entry.state != JOURNAL_RECORDING:
        return
    entry.state, entry.finished_at = JOURNAL_NOTHING_KEPT, rb.clock()
    append_audit(session, at=rb.clock(), operator_id=entry.operator_id, action="recording.nothing_kept",
                 case_id=entry.case_id, details={"file_name": entry.file_name, "why": why[:200]})


def attach_recording(session: Session, rb: Rulebook, actor: Actor, case_ref: str,
                     result: RecordingResult) -> CaseChange:
    """Put a finished (or recovered) recording on the case's timeline.

    Only a recording the journal knows for this case can be attached
    (``recording_foreign`` otherwise).  The event's operator is the one who
    started the recording (the journal's), whoever is at the desk when it
    ends; ``actor`` is kept for callers that have no journal entry to offer.
    """
    case = load_case(session, case_ref)
    entry = journal_entry(session, result.path.name)
    if entry is None or entry.case_id != case.id:
        raise DeskError(f"{result.path.name} is not a recording this desk started for {case.case_number} "
                        "(foreign)", code="recording_foreign", field="recording", file=result.path.name)
    recorded_by = get_actor(session, operator_id=entry.operator_id) if entry.operator_id != actor.operator_id \
        else actor
    manifest = read_manifest(result.manifest_path)
    data: dict[str, Any] = {
        "file_name": result.path.name, "manifest_name": result.manifest_path.name, "sha256": result.sha256,
        "manifest_sha256": result.manifest_sha256, "duration_s": round(result.duration_s, 3),
        "frames": result.frames, "dropped_frames": result.dropped_frames, "audio_samples": result.audio_samples,
        "size_bytes": result.size_bytes, "started_at": manifest.get("started_utc", ""),
        "stopped_reason": result.stopped_reason, "recovered": result.recovered, "recording_id": entry.id,
    }
    if result.problem:
        data["recovery_problem"] = result.problem
    change = acts.record_recording_event(session, rb, recorded_by, case.id,
                                         what=RECOVERED if result.recovered else ATTACHED, data=data,
                                         reason=result.message)
    entry.state, entry.finished_at = RECOVERED if result.recovered else ATTACHED, rb.clock()
    entry.size_bytes, entry.duration_s = result.size_bytes, float(result.duration_s)
    return change


def case_recordings(session: Session, case_ref: str) -> list[CaseRecording]:
    case = load_case(session, case_ref)
    return [CaseRecording(e.id, str(e.data.get("file_name", "")), str(e.data.get("manifest_name", "")),
                          str(e.data.get("started_at", "")), float(e.data.get("duration_s", 0.0)),
                          int(e.data.get("size_bytes", 0)), str(e.data.get("sha256", "")),
                          bool(e.data.get("recovered")), str(e.data.get("stopped_reason", "")),
                          str(e.data.get("manifest_sha256", "")))
            for e in case.events
            if e.kind == CaseAction.RECORDING and e.data.get("what") in (ATTACHED, RECOVERED)]


def log_recording_access(session: Session, rb: Rulebook, actor: Actor, case_ref: str, file_name: str,
                         action: str) -> None:
    """Every playback or export of a recording goes into the audit log."""
    if action not in ("playback", "export"):
        raise DeskError(f"unknown recording access {action!r}", code="invalid_input", field="action")
    case = load_case(session, case_ref)
    append_audit(session, at=rb.clock(), operator_id=actor.operator_id, action=f"recording.{action}",
                 case_id=case.id, details={"case_number": case.case_number, "file_name": file_name})


@dataclass
class RecoveryReport:
    """What a recovery run did: recordings finished and attached, files left alone and why."""

    recovered: list[tuple[str, RecordingResult]] = field(default_factory=list)
    """(case number, result) for every recording put on its case."""
    foreign: list[str] = field(default_factory=list)
    """Files the journal does not know (or whose header contradicts it): never touched."""
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(file name, what went wrong) for the desk's own files that could not be finished; left as they are."""


def recover_unfinished(desk: Desk, actor: Actor) -> RecoveryReport:
    """Finish, sign and attach the desk's own recordings a crash left without a manifest or unattached.

    Only files the journal knows as still recording are finished; any other
    file is reported as foreign and not touched.  A recovery that cannot make
    a clean copy keeps the original and signs it as it stands (the result's
    ``problem`` and ``message`` say so).
    """
    report = RecoveryReport()
    for unfinished in find_unfinished(desk.paths.recordings):
        name = unfinished.path.name
        with desk.read() as s:
            entry = journal_entry(s, name)
            if entry is None or entry.state != JOURNAL_RECORDING:
                log.warning("recording %s is not in the journal as unfinished: foreign, left as it is", name)
                report.foreign.append(name)
                continue
            case = load_case(s, entry.case_id)
            info = require_desk_info(s)
            meta = RecordingMeta(case_id=case.id, case_number=case.case_number, branch=info.branch_code,
                                 desk=info.desk_code, staff_no=entry.staff_no, recording_id=entry.id)
            prev = previous_manifest_hash(s, case.id)
            key = desk_signing_key(s, desk.paths.recordings)
        header = unfinished.meta
        if header is not None and (header.case_id != meta.case_id or
                                   (header.recording_id and header.recording_id != meta.recording_id)):
            log.warning("recording %s: its header names another case or recording than the journal: foreign", name)
            report.foreign.append(name)
            continue
        try:
            result = recover(unfinished.path, previous_manifest_hash=prev, meta=meta, signing_key=key,
                             clock=desk.clock)
        except (DeskError, OSError) as exc:
            detail = exc.message if isinstance(exc, DeskError) else f"{exc.strerror or exc}"
            log.warning("recording %s could not be recovered: %s", name, detail)
            report.failed.append((name, detail))
            continue
        with desk.write() as s:
            attach_recording(s, desk.rulebook, actor, meta.case_id, result)
        report.recovered.append((meta.case_number, result))
        log.info("recovered recording %s for case %s%s", name, meta.case_number,
                 f" ({result.problem})" if result.problem else "")
    attach_orphans(desk, actor, report)
    _report_foreign_files(desk, report)
    return report


def media_name_of(path: Path) -> str:
    """The recording a file in the recordings folder belongs to (the name of its media file)."""
    name = path.name
    if name.endswith(MANIFEST_SUFFIX):
        try:
            return str(read_manifest(path).get("file_name", "")) or name[:-len(MANIFEST_SUFFIX)] + ".mp4"
        except DeskError:
            return name[:-len(MANIFEST_SUFFIX)] + ".mp4"
    if name.startswith(".") and name.endswith(RESERVE_SUFFIX):
        return name[1:-len(RESERVE_SUFFIX)] + ".mp4"
    return name


def _report_foreign_files(desk: Desk, report: RecoveryReport) -> None:
    """Every other file in the recordings folder the journal does not know: named, never touched."""
    folder = desk.paths.recordings
    if not folder.is_dir():
        return
    with desk.read() as s:
        known = set(s.scalars(select(RecordingJournalEntry.file_name)))
    for path in sorted(folder.iterdir()):
        if media_name_of(path) not in known and path.name not in report.foreign:
            log.warning("file %s in the recordings folder is not in the journal: foreign, left as it is", path.name)
            report.foreign.append(path.name)


def attach_orphans(desk: Desk, actor: Actor, report: RecoveryReport) -> None:
    """Signed recordings of this desk whose attach never happened (the app quit in between): put them on their case."""
    folder = desk.paths.recordings
    if not folder.is_dir():
        return
    for manifest_path in sorted(folder.glob("*.manifest.json")):
        try:
            m = read_manifest(manifest_path)
        except DeskError:
            log.warning("manifest %s is unreadable; left for verify", manifest_path.name)
            continue
        media = folder / str(m.get("file_name", ""))
        with desk.read() as s:
            entry = journal_entry(s, media.name)
            if entry is not None and entry.state != JOURNAL_RECORDING:
                continue  # attached already (or the journal says nothing was kept: verify reports it)
            if entry is None or entry.case_id != m.get("case_id") or not media.is_file():
                if media.name not in report.foreign:
                    log.warning("signed recording %s is not in this desk's journal: foreign, left as it is",
                                media.name)
                    report.foreign.append(media.name)
                continue
            key = desk_signing_key(s, folder)
        problems = verify_recording(manifest_path, trusted_keys={public_key_text(key)})
        if problems:
            detail = "; ".join(p.message for p in problems)
            log.warning("signed recording %s does not verify; not attached: %s", media.name, detail)
            report.failed.append((media.name, detail))
            continue
        result = RecordingResult(
            path=media, manifest_path=manifest_path, sha256=str(m["sha256"]),
            duration_s=float(m.get("duration_s", 0.0)), frames=int(m.get("frames", 0)),
            dropped_frames=int(m.get("dropped_frames", 0)), audio_samples=int(m.get("audio_samples", 0)),
            size_bytes=int(m.get("size_bytes", 0)), recovered=bool(m.get("recovered", False)),
            stopped_reason=str(m.get("stopped_reason", "")), manifest_sha256=manifest_hash(manifest_path),
            message="attached at start-up: the program ended before it could attach the recording")
        with desk.write() as s:
            attach_recording(s, desk.rulebook, actor, str(m["case_id"]), result)
        report.recovered.append((str(m.get("case_number", "")), result))
        log.info("attached orphaned recording %s to case %s", media.name, m.get("case_number", ""))


def verify_case_recordings(desk: Desk, case_ref: str | None = None) -> tuple[int, list[Any]]:
    """See :func:`app.services.recording_verify.verify_recordings` (kept for callers of the older name)."""
    from app.services.recording_verify import verify_recordings

    found = verify_recordings(desk, case_ref)
    return found.checked, found.problems


def recordings_folder(desk: Desk) -> Path:
    return desk.paths.recordings
