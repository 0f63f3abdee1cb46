"""The hash-chained audit log: every create, change, print and export leaves a line.

Each line carries the hash of the one before, so an edited, deleted or inserted
line breaks the chain and :func:`verify_audit_log` names it.  Details must never
hold clear personal data: callers pass ids, codes and masked values only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.clock import as_utc
from app.db.models import AuditEntry

GENESIS = "0" * 64
_TAIL_KEY = "audit_tail"


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_tail(session: Session) -> None:
    # Another process may append once our transaction has ended.
    session.info.pop(_TAIL_KEY, None)


def _canonical(seq: int, at: datetime, operator_id: str, action: str, case_id: str,
               details: dict[str, Any], prev_hash: str) -> bytes:
    body = {
        "seq": seq,
        "at": as_utc(at).isoformat(timespec="microseconds"),
        "operator_id": operator_id,
        "action": action,
        "case_id": case_id,
        "details": details,
        "prev_hash": prev_hash,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(
        _canonical(entry.seq, entry.at, entry.operator_id, entry.action, entry.case_id,
                   entry.details, entry.prev_hash)
    ).hexdigest()


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
                       case_id=case_id, details=clean, prev_hash=prev, hash="")
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.info[_TAIL_KEY] = (seq, entry.hash)
    return entry


@dataclass(frozen=True)
class AuditProblem:
    """Something wrong in the chain: kind is 'altered', 'deleted' or 'inserted'."""

    kind: str
    seq: int
    detail: str

    def __str__(self) -> str:
        return f"entry {self.seq}: {self.kind} ({self.detail})"


@dataclass(frozen=True)
class AuditReport:
    entries: int
    problems: tuple[AuditProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_audit_log(session: Session) -> AuditReport:
    """Walk the chain from the start and report every line that does not fit."""
    entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    problems: list[AuditProblem] = []
    hashes = {e.seq: e.hash for e in entries}
    prev_hash = GENESIS
    prev_seq = 0
    for i, entry in enumerate(entries):
        altered = entry_hash(entry) != entry.hash
        if altered:
            problems.append(AuditProblem("altered", entry.seq, "content does not match its hash"))
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
    return AuditReport(len(entries), tuple(problems))
