"""Push of event batches from a desk, and pull of what a desk may see since a cursor.

A push is one transaction (serialised, see central.store.db): each event is
checked against the case as rebuilt so far (ownership, state, numbering) and is
accepted, reported as a duplicate (same id, same content: a replay) or rejected
with a reason.  Accepted events are stored and folded into the case row; the
batch's audit head is recorded whatever happened to its events.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from app.contract import events as ev
from app.contract.api import EventResult, Outcome, PushBatch, PushResult
from app.contract.events import CaseEvent
from central.domain.casefile import CaseFile, apply, deadline, open_case, split_number
from central.domain.ownership import DeskRef, Refusal, check_change, check_created
from central.store.models import AuditHead, Case, CaseCounter, Desk, Event

EVENT = TypeAdapter[CaseEvent](CaseEvent)


def _body(event: CaseEvent) -> dict[str, object]:
    return event.model_dump(mode="json")


def _case_values(file: CaseFile, today: date, cursor: int) -> dict[str, Any]:
    """The case row's columns for ``file`` (the filterable ones, and the whole file as JSON)."""
    status = deadline(file, today)
    return {"state": file.state, "owner": file.owner, "handler": file.handler, "nominal_due": status.nominal_due,
            "legal_limit": status.legal_limit, "paused": status.paused,
            "extension_level": max((int(x["level"]) for x in file.extensions), default=0),
            "detail": file.to_json(), "updated_cursor": cursor}


def _new_case_values(file: CaseFile, today: date, cursor: int) -> dict[str, Any]:
    return {"id": file.id, "number": file.number, "branch": file.branch, "desk_code": file.desk_code,
            "desk_uuid": file.desk_uuid, "received_at": datetime.fromisoformat(file.received_at),
            "receipt_date": date.fromisoformat(file.receipt_date), "rules_version": file.rules_version,
            "reference_version": file.reference_version, **_case_values(file, today, cursor)}


class CaseBatch:
    """The cases one push (or one action) touches: read once, checked and folded in memory, written once.

    Reads happen up front with a few queries for the whole batch, and writes at
    ``finish``: a push of 500 events costs a handful of statements, not thousands.
    """

    def __init__(self, session: Session, desk: DeskRef, events: list[CaseEvent], *, today: date,
                 now: datetime) -> None:
        self.session, self.desk, self.today, self.now = session, desk, today, now
        case_ids = sorted({e.case_id for e in events})
        numbers = sorted({e.case_number for e in events if isinstance(e, ev.CreatedEvent)})
        self.rows: dict[str, Case] = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_(case_ids)))}
        self.files: dict[str, CaseFile] = {i: CaseFile.from_json(dict(r.detail)) for i, r in self.rows.items()}
        self.holders: dict[str, str] = {number: holder for number, holder in session.execute(
            select(Case.number, Case.desk_uuid).where(Case.number.in_(numbers)))}
        self.last_seq: dict[str, int] = {case_id: int(seq) for case_id, seq in session.execute(
            select(Event.case_id, func.max(Event.seq)).where(Event.case_id.in_(case_ids),
                                                               Event.desk_id == desk.id)
            .group_by(Event.case_id))}
        self.new_events: list[dict[str, Any]] = []
        self.new_cases: list[str] = []
        self.counters: dict[tuple[str, str, str], int] = {}

    def check(self, event: CaseEvent) -> Refusal | None:
        if isinstance(event, ev.CreatedEvent):
            return check_created(event, self.desk, self.holders.get(event.case_number),
                                 event.case_id in self.files)
        return check_change(event, self.files.get(event.case_id), self.desk, self.last_seq.get(event.case_id, 0))

    def store(self, event: CaseEvent) -> None:
        """Fold a checked event into its case and queue it for writing."""
        if isinstance(event, ev.CreatedEvent):
            self.files[event.case_id] = open_case(event, self.desk.uuid)
            self.holders[event.case_number] = self.desk.uuid
            self.new_cases.append(event.case_id)
            branch, desk, day, seq = split_number(event.case_number)
            key = (branch, desk, day)
            self.counters[key] = max(self.counters.get(key, 0), seq)
        else:
            apply(self.files[event.case_id], event)
        self.new_events.append({"id": event.id, "case_id": event.case_id, "desk_id": self.desk.id, "seq": event.seq,
                                "kind": event.kind, "at": event.at, "body": _body(event), "stored_at": self.now})
        self.last_seq[event.case_id] = max(self.last_seq.get(event.case_id, 0), event.seq)

    def finish(self) -> None:
        """Write the events, the new cases and every touched case row, in a few statements.

        Cursors are handed out here, under the store's write lock (see
        central.store.db), so they follow commit order and each case row is written
        once with its final ``updated_cursor``.
        """
        if not self.new_events:
            return
        cursor = int(self.session.scalar(select(func.max(Event.cursor))) or 0)
        last: dict[str, int] = {}
        for values in self.new_events:
            cursor += 1
            values["cursor"] = last[values["case_id"]] = cursor
        new_cases = [_new_case_values(self.files[i], self.today, last[i]) for i in self.new_cases]
        if new_cases:
            self.session.execute(insert(Case), new_cases)
        self.session.execute(insert(Event), self.new_events)
        for case_id, row in self.rows.items():
            if case_id in last:
                for column, value in _case_values(self.files[case_id], self.today, last[case_id]).items():
                    setattr(row, column, value)
        for (branch, desk, day), seq in self.counters.items():
            counter = self.session.get(CaseCounter, (branch, desk, day))
            if counter is None:
                self.session.add(CaseCounter(branch=branch, desk_code=desk, day=day, highest_seq=seq))
            elif seq > counter.highest_seq:
                counter.highest_seq = seq


def push(session: Session, desk: DeskRef, batch: PushBatch, *, now: datetime, today: date) -> PushResult:
    """Store what may be stored of ``batch``; one result per event, in order."""
    work = CaseBatch(session, desk, list(batch.events), today=today, now=now)
    results: list[EventResult] = []
    seen: set[str] = set()
    ids = [e.id for e in batch.events]
    known_bodies: dict[str, dict[str, Any]] = {
        i: body for i, body in session.execute(select(Event.id, Event.body).where(Event.id.in_(ids)))}
    for event in batch.events:
        if event.id in seen:
            results.append(EventResult(id=event.id, outcome=Outcome.DUPLICATE, code="repeated_in_batch"))
            continue
        seen.add(event.id)
        known = known_bodies.get(event.id)
        if known is not None:
            if known == _body(event):
                results.append(EventResult(id=event.id, outcome=Outcome.DUPLICATE))
            else:
                results.append(EventResult(id=event.id, outcome=Outcome.REJECTED, code="id_reused",
                                           reason=f"event {event.id} was already stored with other content"))
            continue
        refusal = work.check(event)
        if refusal is not None:
            results.append(EventResult(id=event.id, outcome=Outcome.REJECTED, code=refusal.code,
                                       reason=refusal.reason))
            continue
        work.store(event)
        results.append(EventResult(id=event.id, outcome=Outcome.ACCEPTED))
    work.finish()
    session.add(AuditHead(desk_id=desk.id, seq=batch.audit_head.seq, hash=batch.audit_head.hash, reported_at=now))
    count = {o: sum(1 for r in results if r.outcome is o) for o in Outcome}
    return PushResult(results=results, accepted=count[Outcome.ACCEPTED], duplicates=count[Outcome.DUPLICATE],
                      rejected=count[Outcome.REJECTED])


def pull(session: Session, desk: DeskRef, *, after: int, limit: int) -> dict[str, Any]:
    """Events the desk may see with a cursor above ``after``, oldest first, at most ``limit``.

    The answer has the shape of :class:`app.contract.api.PullPage`; the stored
    bodies were validated when pushed and go out as they are (re-validating 100,000
    events cost more than reading them).
    """
    query = (select(Event.cursor, Event.body, Desk.desk_uuid).join(Desk, Desk.id == Event.desk_id)
             .where(Event.cursor > after).order_by(Event.cursor).limit(limit + 1))
    if not desk.head_office:
        query = query.join(Case, Case.id == Event.case_id).where(
            or_(Case.branch == desk.branch, Case.owner == desk.branch))
    rows = session.execute(query).all()
    page = [{"cursor": cursor, "desk_uuid": uuid, "event": body} for cursor, body, uuid in rows[:limit]]
    return {"events": page, "next_cursor": page[-1]["cursor"] if page else after, "more": len(rows) > limit}


def case_events(session: Session, case_id: str) -> list[tuple[Event, CaseEvent]]:
    rows = session.scalars(select(Event).where(Event.case_id == case_id).order_by(Event.cursor))
    return [(row, EVENT.validate_python(row.body)) for row in rows]
