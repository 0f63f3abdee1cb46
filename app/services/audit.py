"""The keyed, hash-chained audit log: every create, change, print and export leaves a line.

Each line carries the desk's uuid and the hash of the one before, and its own
hash is an HMAC-SHA256 under the desk's audit key (in the keyring, never in the
store), so an edited, deleted or inserted line breaks the chain and
:func:`verify_audit_log` names it, and whoever holds only the store file cannot
re-seal a rewritten chain.  Cutting the tail is caught once the head
(:func:`audit_head`) is anchored at head office.  Details must never hold clear
personal data: callers pass ids, codes and masked values only.

The key reaches this module through the Session's ``info`` (``AUDIT_KEY_INFO``,
``DESK_UUID_INFO``), which :class:`app.desk.Desk` fills for every Session it opens.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from app.clock import as_utc
from app.db.models import AuditEntry, CaseEvent
from app.errors import DeskError

GENESIS = "0" * 64
_TAIL_KEY = "audit_tail"
AUDIT_KEY_INFO = "audit_key"
DESK_UUID_INFO = "desk_uuid"
#: The store's own guards: without them a line can be changed in place.
GUARD_TRIGGERS = ("audit_log_no_update", "audit_log_no_delete", "case_events_no_update")


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_tail(session: Session) -> None:
    # Another process may append once our transaction has ended.
    session.info.pop(_TAIL_KEY, None)


def _canonical(seq: int, at: datetime, operator_id: str, action: str, case_id: str,
               details: dict[str, Any], prev_hash: str, desk_uuid: str | None = None) -> bytes:
    body: dict[str, Any] = {
        "seq": seq,
        "at": as_utc(at).isoformat(timespec="microseconds"),
        "operator_id": operator_id,
        "action": action,
        "case_id": case_id,
        "details": details,
        "prev_hash": prev_hash,
    }
    if desk_uuid is not None:
        body["desk_uuid"] = desk_uuid
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def legacy_entry_hash(seq: int, at: datetime, operator_id: str, action: str, case_id: str,
                      details: dict[str, Any], prev_hash: str) -> str:
    """The unkeyed SHA-256 of a line written before the audit key (only to check it before re-sealing)."""
    return hashlib.sha256(_canonical(seq, at, operator_id, action, case_id, details, prev_hash)).hexdigest()


def keyed_hash(key: bytes, desk_uuid: str, seq: int, at: datetime, operator_id: str, action: str, case_id: str,
               details: dict[str, Any], prev_hash: str) -> str:
    """HMAC-SHA256 of a line under the desk's audit key."""
    return hmac.new(key, _canonical(seq, at, operator_id, action, case_id, details, prev_hash, desk_uuid),
                    hashlib.sha256).hexdigest()


def entry_hash(entry: AuditEntry, key: bytes) -> str:
    return keyed_hash(key, entry.desk_uuid, entry.seq, entry.at, entry.operator_id, entry.action,
                      entry.case_id, entry.details, entry.prev_hash)


def _session_key(session: Session) -> tuple[bytes, str]:
    key = session.info.get(AUDIT_KEY_INFO)
    desk_uuid = session.info.get(DESK_UUID_INFO)
    if not isinstance(key, bytes) or not key or not isinstance(desk_uuid, str):
        raise DeskError("the audit key is not loaded for this session (open the store through open_desk)",
                        code="audit_key_not_loaded", field="keyring")
    return key, desk_uuid


def append_audit(
    session: Session,
    *,
    at: datetime,
    operator_id: str,
    action: str,
    case_id: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add one line at the end of the chain (inside the caller's transaction)."""
    key, desk_uuid = _session_key(session)
    # The chain's tail is remembered per Session so a batch of changes needs no
    # query (and no flush) per line; write sessions hold the write lock, so no
    # other writer can move the tail meanwhile.
    tail = session.info.get(_TAIL_KEY)
    if tail is None:
        last = session.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        tail = (last[0], last[1]) if last else (0, GENESIS)
    seq, prev = tail[0] + 1, tail[1]
    # JSON round trip so the hash is computed over exactly what is stored.
    clean = json.loads(json.dumps(details or {}, ensure_ascii=False, default=str))
    entry = AuditEntry(seq=seq, at=as_utc(at), operator_id=operator_id, action=action,
                       case_id=case_id, details=clean, prev_hash=prev, hash="", desk_uuid=desk_uuid)
    entry.hash = entry_hash(entry, key)
    session.add(entry)
    session.info[_TAIL_KEY] = (seq, entry.hash)
    return entry


@dataclass(frozen=True)
class AuditProblem:
    """Something wrong: kind is 'altered', 'deleted', 'inserted', 'foreign_desk', 'guard_missing'
    or 'event_unaudited' (seq is 0 for the last two, which concern no line)."""

    kind: str
    seq: int
    detail: str

    def __str__(self) -> str:
        if not self.seq:
            return f"{self.kind} ({self.detail})"
        return f"entry {self.seq}: {self.kind} ({self.detail})"


@dataclass(frozen=True)
class AuditReport:
    entries: int
    problems: tuple[AuditProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class AuditHead:
    """The end of the chain: what head office anchors so a cut tail shows."""

    desk_uuid: str
    seq: int
    hash: str


def audit_head(session: Session) -> AuditHead:
    """The last line's seq and hash (0 and the genesis hash for an empty log)."""
    _, desk_uuid = _session_key(session)
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)).first()
    return AuditHead(desk_uuid, last[0], last[1]) if last else AuditHead(desk_uuid, 0, GENESIS)


def _guard_problems(session: Session) -> list[AuditProblem]:
    present = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    return [AuditProblem("guard_missing", 0, f"trigger {name} was dropped: the store no longer refuses edits")
            for name in GUARD_TRIGGERS if name not in present]


def _unaudited_events(session: Session) -> list[AuditProblem]:
    audited: set[str] = set()
    for action, details in session.execute(
            select(AuditEntry.action, AuditEntry.details).where(AuditEntry.action.like("case.%"))):
        event_id = details.get("event_id") if isinstance(details, dict) else None
        if isinstance(event_id, str):
            audited.add(event_id)
    problems = []
    for event_id, case_id, seq, kind in session.execute(
            select(CaseEvent.id, CaseEvent.case_id, CaseEvent.seq, CaseEvent.kind).order_by(CaseEvent.at)):
        if event_id not in audited:
            problems.append(AuditProblem("event_unaudited", 0,
                                         f"case event {kind} #{seq} of case {case_id} has no audit line"))
    return problems


def verify_audit_log(session: Session) -> AuditReport:
    """Walk the chain from the start and report every line that does not fit.

    Also checks that the store's guard triggers exist and that every case event
    has its audit line (an event written around the services has none).
    """
    key, desk_uuid = _session_key(session)
    entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    problems: list[AuditProblem] = _guard_problems(session)
    hashes = {e.seq: e.hash for e in entries}
    prev_hash = GENESIS
    prev_seq = 0
    for i, entry in enumerate(entries):
        altered = not hmac.compare_digest(entry_hash(entry, key), entry.hash)
        if altered:
            problems.append(AuditProblem("altered", entry.seq, "content does not match its keyed hash"))
        elif entry.desk_uuid != desk_uuid:
            problems.append(AuditProblem("foreign_desk", entry.seq, "written for another desk"))
        if entry.seq != prev_seq + 1:
            problems.append(AuditProblem(
                "deleted", entry.seq, f"entries {prev_seq + 1}..{entry.seq - 1} are missing"))
        elif entry.prev_hash != prev_hash and not altered:
            nxt = entries[i + 1] if i + 1 < len(entries) else None
            if nxt is not None and nxt.prev_hash == prev_hash:
                problems.append(AuditProblem("inserted", entry.seq, "not part of the original chain"))
            elif entry.prev_hash in hashes.values():
                problems.append(AuditProblem("deleted", entry.seq, "links to an earlier entry; one was removed"))
            else:
                problems.append(AuditProblem("inserted", entry.seq, "links to no known entry"))
        prev_hash = entry.hash
        prev_seq = entry.seq
    problems.extend(_unaudited_events(session))
    return AuditReport(len(entries), tuple(problems))
