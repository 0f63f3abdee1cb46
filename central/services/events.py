"""Push of event batches from a desk, and pull of what a desk may see since a cursor.

A push is one transaction (serialised, see central.store.db): each event is
checked against the case as rebuilt so far (ownership, state, numbering) and is
accepted, reported as a duplicate (same id, same content: a replay) or rejected
with a reason.  Accepted events are stored and folded into the case row; the
batch's audit head is recorded whatever happened to its events.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import TypeAdapter
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.contract import events as ev
from app.contract.api import EventResult, Outcome, PulledEvent, PullPage, PushBatch, PushResult
from app.contract.events import CaseEvent
from central.domain.casefile import CaseFile, apply, deadline, open_case, split_number
from central.domain.ownership import DeskRef, Refusal, check_change, check_created
from central.store.models import AuditHead, Case, CaseCounter, Desk, Event

EVENT = TypeAdapter[CaseEvent](CaseEvent)


def _body(event: CaseEvent) -> dict[str, object]:
    return event.model_dump(mode="json")


def _bump_counter(session: Session, number: str) -> None:
    branch, desk, day, seq = split_number(number)
    row = session.get(CaseCounter, (branch, desk, day))
    if row is None:
        session.add(CaseCounter(branch=branch, desk_code=desk, day=day, highest_seq=seq))
    elif seq > row.highest_seq:
        row.highest_seq = seq


def _store_case(case: Case | None, file: CaseFile, today: date, cursor: int) -> Case:
    status = deadline(file, today)
    if case is None:
        case = Case(id=file.id, number=file.number, branch=file.branch, desk_code=file.desk_code,
                    desk_uuid=file.desk_uuid, received_at=datetime.fromisoformat(file.received_at),
                    receipt_date=date.fromisoformat(file.receipt_date), rules_version=file.rules_version,
                    reference_version=file.reference_version)
    case.state, case.owner, case.handler = file.state, file.owner, file.handler
    case.nominal_due, case.legal_limit = status.nominal_due, status.legal_limit
    case.paused = status.paused
    case.extension_level = max((int(x["level"]) for x in file.extensions), default=0)
    case.detail = file.to_json()
    case.updated_cursor = cursor
    return case


class CaseBatch:
    """The cases touched by one push, kept in memory between its events."""

    def __init__(self, session: Session, desk: DeskRef, today: date, now: datetime) -> None:
        self.session, self.desk, self.today, self.now = session, desk, today, now
        self.rows: dict[str, Case] = {}
        self.files: dict[str, CaseFile] = {}
        self.last_seq: dict[str, int] = {}

    def case_row(self, case_id: str) -> Case | None:
        if case_id not in self.rows:
            row = self.session.get(Case, case_id)
            if row is None:
                return None
            self.rows[case_id] = row
            self.files[case_id] = CaseFile.from_json(dict(row.detail))
        return self.rows[case_id]

    def desk_last_seq(self, case_id: str) -> int:
        if case_id not in self.last_seq:
            self.last_seq[case_id] = int(self.session.scalar(
                select(func.max(Event.seq)).where(Event.case_id == case_id, Event.desk_id == self.desk.id)) or 0)
        return self.last_seq[case_id]

    def check(self, event: CaseEvent) -> Refusal | None:
        if isinstance(event, ev.CreatedEvent):
            holder = self.session.scalar(select(Case.desk_uuid).where(Case.number == event.case_number))
            return check_created(event, self.desk, holder, self.case_row(event.case_id) is not None)
        row = self.case_row(event.case_id)
        return check_change(event, self.files.get(event.case_id) if row else None, self.desk,
                            self.desk_last_seq(event.case_id))

    def store(self, event: CaseEvent) -> None:
        if isinstance(event, ev.CreatedEvent):
            file = open_case(event, self.desk.uuid)
            row = _store_case(None, file, self.today, 0)
            self.session.add(row)
            self.rows[event.case_id], self.files[event.case_id] = row, file
            _bump_counter(self.session, event.case_number)
        else:
            file = self.files[event.case_id]
            apply(file, event)
        stored = Event(id=event.id, case_id=event.case_id, desk_id=self.desk.id, seq=event.seq, kind=event.kind,
                       at=event.at, body=_body(event), stored_at=self.now)
        self.session.add(stored)
        self.session.flush()
        _store_case(self.rows[event.case_id], file, self.today, stored.cursor)
        self.last_seq[event.case_id] = max(self.desk_last_seq(event.case_id), event.seq)


def push(session: Session, desk: DeskRef, batch: PushBatch, *, now: datetime, today: date) -> PushResult:
    """Store what may be stored of ``batch``; one result per event, in order."""
    work = CaseBatch(session, desk, today, now)
    results: list[EventResult] = []
    seen: set[str] = set()
    ids = [e.id for e in batch.events]
    known_bodies = {i: b for i, b in session.execute(select(Event.id, Event.body).where(Event.id.in_(ids)))}
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
    session.add(AuditHead(desk_id=desk.id, seq=batch.audit_head.seq, hash=batch.audit_head.hash, reported_at=now))
    count = {o: sum(1 for r in results if r.outcome is o) for o in Outcome}
    return PushResult(results=results, accepted=count[Outcome.ACCEPTED], duplicates=count[Outcome.DUPLICATE],
                      rejected=count[Outcome.REJECTED])


def pull(session: Session, desk: DeskRef, *, after: int, limit: int) -> PullPage:
    """Events the desk may see with a cursor above ``after``, oldest first, at most ``limit``."""
    query = (select(Event, Desk.desk_uuid).join(Desk, Desk.id == Event.desk_id)
             .where(Event.cursor > after).order_by(Event.cursor).limit(limit + 1))
    if not desk.head_office:
        query = query.join(Case, Case.id == Event.case_id).where(
            or_(Case.branch == desk.branch, Case.owner == desk.branch))
    rows = session.execute(query).all()
    page = [PulledEvent(cursor=e.cursor, desk_uuid=uuid, event=EVENT.validate_python(e.body)) for e, uuid in
            rows[:limit]]
    return PullPage(events=page, next_cursor=page[-1].cursor if page else after, more=len(rows) > limit)


def case_events(session: Session, case_id: str) -> list[tuple[Event, CaseEvent]]:
    rows = session.scalars(select(Event).where(Event.case_id == case_id).order_by(Event.cursor))
    return [(row, EVENT.validate_python(row.body)) for row in rows]
