"""Audit anchoring: the history of each desk's audit chain heads, and the check for a chain gone back.

A desk's audit log is hash-chained, but only the desk knows its head.  Every push
reports the head (seq, hash); a later report with a lower seq (a cut tail) or a
different hash for a seq already reported (a rewritten tail) means the desk's
log was changed after the fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.store.models import AuditHead, Desk


@dataclass(frozen=True)
class ChainFinding:
    """A desk whose audit chain went backwards, with the two reports that show it."""

    desk_uuid: str
    branch: str
    desk: str
    code: str  # "seq_decreased" or "hash_changed"
    detail: str


def check_chains(session: Session) -> list[ChainFinding]:
    """Every desk (enrolment) whose reported audit heads went backwards."""
    findings: list[ChainFinding] = []
    desks = {d.id: d for d in session.scalars(select(Desk))}
    heads = session.scalars(select(AuditHead).order_by(AuditHead.desk_id, AuditHead.id))
    highest: dict[int, tuple[int, str]] = {}
    hash_at: dict[tuple[int, int], str] = {}
    flagged: set[tuple[int, str]] = set()
    for head in heads:
        desk = desks[head.desk_id]

        def flag(code: str, detail: str, desk: Desk = desk) -> None:
            if (desk.id, code) not in flagged:
                flagged.add((desk.id, code))
                findings.append(ChainFinding(desk.desk_uuid, desk.branch, desk.desk_code, code, detail))

        top = highest.get(head.desk_id)
        if top is not None and head.seq < top[0]:
            flag("seq_decreased", f"audit head went from seq {top[0]} back to {head.seq} "
                 f"(reported {head.reported_at.isoformat(timespec='seconds')})")
        earlier = hash_at.get((head.desk_id, head.seq))
        if earlier is not None and earlier != head.hash:
            flag("hash_changed", f"audit entry {head.seq} was reported with hash {earlier[:12]}… and later "
                 f"{head.hash[:12]}…")
        hash_at.setdefault((head.desk_id, head.seq), head.hash)
        if top is None or head.seq >= top[0]:
            highest[head.desk_id] = (head.seq, head.hash)
    return findings
