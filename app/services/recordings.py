"""Recordings of the reception as part of the case: notice, attach, recover, verify, play back.

The capture itself lives in ``recording/``; this module ties it to cases.
A recording becomes evidence only through a timeline event that carries its
file name, SHA-256 and manifest hash, so `verify` can compare the store, the
files and the signed manifests with each other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Case
from app.desk import Desk
from app.domain.states import CaseAction
from app.errors import DeskError, Problem
from app.services import case_actions as acts
from app.services.audit import append_audit
from app.services.cases import CaseChange, load_case
from app.services.context import Rulebook
from app.services.identity import Actor, require_desk_info
from recording.api import (
    RecordingMeta,
    RecordingResult,
    find_unfinished,
    load_signing_key,
    order_chain,
    public_key_text,
    read_manifest,
    recover,
    verify_case,
)

log = logging.getLogger(__name__)

NOTICE_CONFIRMED, NOTICE_REFUSED = "notice_confirmed", "notice_refused"
ATTACHED, RECOVERED = "attached", "recovered"


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


def attach_recording(session: Session, rb: Rulebook, actor: Actor, case_ref: str,
                     result: RecordingResult) -> CaseChange:
    """Put a finished (or recovered) recording on the case's timeline."""
    manifest = read_manifest(result.manifest_path)
    data: dict[str, Any] = {
        "file_name": result.path.name, "manifest_name": result.manifest_path.name, "sha256": result.sha256,
        "manifest_sha256": result.manifest_sha256, "duration_s": round(result.duration_s, 3),
        "frames": result.frames, "dropped_frames": result.dropped_frames, "audio_samples": result.audio_samples,
        "size_bytes": result.size_bytes, "started_at": manifest.get("started_utc", ""),
        "stopped_reason": result.stopped_reason, "recovered": result.recovered,
    }
    return acts.record_recording_event(session, rb, actor, case_ref,
                                       what=RECOVERED if result.recovered else ATTACHED, data=data,
                                       reason=result.message)


def case_recordings(session: Session, case_ref: str) -> list[CaseRecording]:
    case = load_case(session, case_ref)
    return [CaseRecording(e.id, str(e.data.get("file_name", "")), str(e.data.get("manifest_name", "")),
                          str(e.data.get("started_at", "")), float(e.data.get("duration_s", 0.0)),
                          int(e.data.get("size_bytes", 0)), str(e.data.get("sha256", "")),
                          bool(e.data.get("recovered")), str(e.data.get("stopped_reason", "")))
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


def recover_unfinished(desk: Desk, actor: Actor) -> list[tuple[str, RecordingResult]]:
    """At start-up: finish, sign and attach every recording that has no manifest (the app or machine died).

    Returns (case number, result) for each; a file that cannot be recovered stays where it is and is logged.
    """
    recovered: list[tuple[str, RecordingResult]] = []
    for unfinished in find_unfinished(desk.paths.recordings):
        meta = unfinished.meta
        if meta is None:
            log.warning("recording %s has no case metadata; left for an administrator", unfinished.path.name)
            continue
        with desk.read() as s:
            try:
                prev = previous_manifest_hash(s, meta.case_id)
            except DeskError:
                log.warning("recording %s belongs to an unknown case; left as it is", unfinished.path.name)
                continue
        try:
            result = recover(unfinished.path, previous_manifest_hash=prev, meta=meta, clock=desk.clock)
        except DeskError as exc:
            log.warning("recording %s could not be recovered: %s", unfinished.path.name, exc.code)
            continue
        with desk.write() as s:
            attach_recording(s, desk.rulebook, actor, meta.case_id, result)
        recovered.append((meta.case_number, result))
        log.info("recovered recording %s for case %s", result.path.name, meta.case_number)
    return recovered + attach_orphans(desk, actor)


def attach_orphans(desk: Desk, actor: Actor) -> list[tuple[str, RecordingResult]]:
    """Signed recordings whose attach never happened (the app quit in between): put them on their case."""
    attached: list[tuple[str, RecordingResult]] = []
    folder = desk.paths.recordings
    if not folder.is_dir():
        return attached
    for manifest_path in sorted(folder.glob("*.manifest.json")):
        try:
            m = read_manifest(manifest_path)
        except DeskError:
            log.warning("manifest %s is unreadable; left for verify", manifest_path.name)
            continue
        media = folder / str(m.get("file_name", ""))
        with desk.read() as s:
            try:
                known = {r.sha256 for r in case_recordings(s, str(m.get("case_id", "")))}
            except DeskError:
                log.warning("recording %s belongs to an unknown case; left as it is", media.name)
                continue
        if m.get("sha256") in known or not media.exists():
            continue
        from recording.manifest import manifest_hash

        result = RecordingResult(
            path=media, manifest_path=manifest_path, sha256=str(m["sha256"]),
            duration_s=float(m.get("duration_s", 0.0)), frames=int(m.get("frames", 0)),
            dropped_frames=int(m.get("dropped_frames", 0)), audio_samples=int(m.get("audio_samples", 0)),
            size_bytes=int(m.get("size_bytes", 0)), recovered=bool(m.get("recovered", False)),
            stopped_reason=str(m.get("stopped_reason", "")), manifest_sha256=manifest_hash(manifest_path),
            message="attached at start-up: the program ended before it could attach the recording")
        with desk.write() as s:
            attach_recording(s, desk.rulebook, actor, str(m["case_id"]), result)
        attached.append((str(m.get("case_number", "")), result))
        log.info("attached orphaned recording %s to case %s", media.name, m.get("case_number", ""))
    return attached


def verify_case_recordings(desk: Desk, case_ref: str | None = None) -> tuple[int, list[Problem]]:
    """Re-hash every recording (of one case or all), check signatures, chains and the store's record.

    Returns (number of recordings checked, problems).
    """
    key = load_signing_key()
    trusted = {public_key_text(key)}
    problems: list[Problem] = []
    checked = 0
    with desk.read() as s:
        if case_ref is not None:
            refs = [load_case(s, case_ref).id]
        else:
            refs = list(s.scalars(select(Case.id).order_by(Case.received_at)))
        listing = {ref: (load_case(s, ref).case_number, case_recordings(s, ref)) for ref in refs}
    folder = desk.paths.recordings
    for number, recs in listing.values():
        if not recs:
            continue
        manifests = []
        for rec in recs:
            checked += 1
            media, manifest = folder / rec.file_name, folder / rec.manifest_name
            if not media.exists():
                problems.append(Problem("recording_missing", number, f"{rec.file_name} is missing"))
            if not manifest.exists():
                problems.append(Problem("manifest_missing", number, f"{rec.manifest_name} is missing"))
                continue
            try:
                stated = read_manifest(manifest)
            except DeskError as exc:
                problems.append(Problem(exc.code, number, f"{rec.manifest_name}: {exc.message}"))
                continue
            if stated.get("sha256") != rec.sha256:
                problems.append(Problem("store_mismatch", number,
                                        f"{rec.file_name}: the manifest's hash differs from the one on the case"))
            manifests.append(manifest)
        for problem in verify_case(order_chain(manifests), trusted_keys=trusted):
            problems.append(Problem(problem.code, number, f"{problem.field}: {problem.message}", problem.params))
    return checked, problems


def recordings_folder(desk: Desk) -> Path:
    return desk.paths.recordings
