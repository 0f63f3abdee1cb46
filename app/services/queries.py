"""Reading cases: the list (filtered and paged in SQL), the detail view, related cases.

Everything returned is a plain frozen dataclass, safe to hand from a worker
thread to the GUI thread.  Personal data comes back masked unless the caller
goes through :func:`case_detail` with ``reveal_for`` set (role-checked, audited).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar, Unpack

from sqlalchemy import ColumnElement, Select, String, and_, func, or_, select, type_coerce
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session, aliased

from app.db.models import Case, CaseEvent, Operator, Party
from app.domain.card import scrub_sensitive_text
from app.domain.deadlines import DeadlineStatus, legal_limit_roll, shown_dates
from app.domain.masking import MaskStrength, mask_address
from app.domain.states import (
    CLOCK_COUNTING_STATES,
    DECIDED_STATES,
    OPEN_STATES,
    TERMINAL_STATES,
    CaseState,
    DueStatus,
)
from app.errors import Problem, ValidationError
from app.pii import digest
from app.roles import Permission, require
from app.services.action_text import checked_text
from app.services.audit import append_audit
from app.services.case_rows import CaseFilter as CaseFilter
from app.services.case_rows import check_search_text
from app.services.case_rows import CaseRow as CaseRow
from app.services.case_rows import DueFilter as DueFilter
from app.services.case_rows import SortKey as SortKey
from app.services.cases import deadline_of, load_case
from app.services.context import Rulebook
from app.services.identity import Actor

_complainant = aliased(Party)
_first = aliased(Operator)
_owner = aliased(Operator)

_TERMINAL = sorted(s.value for s in TERMINAL_STATES)
_DECIDED = sorted(s.value for s in DECIDED_STATES)
#: States whose decision clock counts: the only ones that can be on time, due soon or overdue.
COUNTING = sorted(s.value for s in CLOCK_COUNTING_STATES)


def _text_clause(text: str) -> ColumnElement[bool] | None:
    t = check_search_text(text)
    if not t:
        return None
    like = t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    clauses: list[ColumnElement[bool]] = [Case.case_number.like(f"%{like}%", escape="\\")]
    if re.fullmatch(r"\d{3}[\dXx]|\d{4}", t):
        clauses.append(_complainant.id_tail == t.upper())
        if t.isdigit():
            clauses.append(_complainant.phone_tail == t)
    if not t.isdigit():
        clauses.append(_complainant.name.like(f"{like}%", escape="\\"))
    return or_(*clauses)


AnySelect = Select[Unpack[tuple[Any, ...]]]
S = TypeVar("S", bound=AnySelect)


def due_status_clause(status: DueStatus, today: date, due_soon_days: int) -> ColumnElement[bool]:
    """The cases whose :func:`app.domain.states.due_status` is ``status`` on ``today``, in SQL.

    Reads the stored state, target date and legal limit (the service layer
    rewrites both dates with every event); a test checks it against the Python
    definition for every state and the boundary dates.
    """
    counting = Case.state.in_(COUNTING)
    soon = today + timedelta(days=due_soon_days)
    if status is DueStatus.CLOSED:
        return Case.state.in_(_TERMINAL)
    if status is DueStatus.DECIDED:
        return Case.state.in_(_DECIDED)
    if status is DueStatus.PAUSED:
        return Case.state == CaseState.PAUSED.value
    if status is DueStatus.OVERDUE:
        return and_(counting, Case.legal_limit < today)
    if status is DueStatus.DUE_SOON:
        return and_(counting, Case.legal_limit >= today, Case.nominal_due <= soon)
    return and_(counting, Case.legal_limit >= today, Case.nominal_due > soon)


_DUE_FILTERS = {DueFilter.OVERDUE: DueStatus.OVERDUE, DueFilter.DUE_SOON: DueStatus.DUE_SOON,
                DueFilter.PAUSED: DueStatus.PAUSED, DueFilter.CLOSED: DueStatus.CLOSED}


def _filtered(stmt: S, flt: CaseFilter, today: date, due_soon_days: int) -> S:
    clause = _text_clause(flt.text)
    if clause is not None:
        stmt = stmt.where(clause)
    if flt.states:
        stmt = stmt.where(Case.state.in_(flt.states))
    if flt.due is DueFilter.OPEN:
        stmt = stmt.where(Case.state.not_in(_TERMINAL))
    elif flt.due in _DUE_FILTERS:
        stmt = stmt.where(due_status_clause(_DUE_FILTERS[flt.due], today, due_soon_days))
    return stmt


def _base() -> AnySelect:
    return (
        select(Case.id, Case.case_number, Case.received_at, _complainant.name, _complainant.phone_masked,
               Case.channel_code, Case.business_code, Case.reason_code, Case.demand_code, Case.state,
               _first.staff_no, _owner.staff_no, Case.nominal_due, Case.legal_limit, Case.deadline_paused,
               Case.pause_counted_to, Case.clock_stopped_on)
        .join(_complainant, and_(_complainant.case_id == Case.id, _complainant.role == "complainant"))
        .join(_first, _first.id == Case.first_responder_id)
        .join(_owner, _owner.id == Case.owner_id)
    )


# Mapped attributes and SQL expressions alike (SQLAlchemy's own typing keeps them apart).
SortTerm = Any


def sort_columns(key: SortKey, *, name: SortTerm, first_responder: SortTerm) -> list[SortTerm]:
    """The columns a sort key orders by, ascending, before the newest-first tie-break.

    Remaining time puts the cases whose clock runs first, earliest target date
    first (the most urgent at the top); paused, decided and ended cases follow.
    """
    if key is SortKey.NUMBER:
        return [Case.case_number]
    if key is SortKey.RECEIVED:
        return [Case.received_at]
    if key is SortKey.COMPLAINANT:
        return [name]
    if key is SortKey.CLASSIFICATION:
        return [Case.business_code, Case.reason_code]
    if key is SortKey.STATE:
        return [Case.state]
    if key is SortKey.FIRST_RESPONDER:
        return [first_responder]
    return [sql_case((Case.state.in_(COUNTING), 0), else_=1), Case.nominal_due, Case.legal_limit]


def order_by(flt: CaseFilter, *, name: SortTerm, first_responder: SortTerm) -> list[SortTerm]:
    """ORDER BY terms for the filter's sort, with newest first as the tie-break."""
    key, descending = flt.order()
    tie: list[SortTerm] = [Case.received_at.desc(), Case.case_number.desc()]
    if key is SortKey.RECEIVED:
        return tie if descending else [Case.received_at.asc(), Case.case_number.asc()]
    cols = sort_columns(key, name=name, first_responder=first_responder)
    return [c.desc() if descending else c.asc() for c in cols] + tie


def list_cases(session: Session, rb: Rulebook, flt: CaseFilter = CaseFilter(), *, offset: int = 0,
               limit: int | None = 200) -> list[CaseRow]:
    """A page of the case list in the filter's order (newest first by default), filtered in SQL."""
    stmt = _filtered(_base(), flt, rb.today(), rb.rules.due_soon_days)
    stmt = stmt.order_by(*order_by(flt, name=_complainant.name, first_responder=_first.staff_no)).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [CaseRow(*row) for row in session.execute(stmt)]


_EXPORT_KEYS = ("id", "number", "received_at", "complainant", "phone", "channel", "business", "reason", "demand",
                "state", "first_responder", "owner", "due_date", "legal_limit", "paused", "pause_counted_to",
                "clock_stopped_on")
#: due_status of the states whose status does not depend on the dates.
_STATUS_OF_STATE = {**{v: DueStatus.CLOSED.value for v in _TERMINAL}, **{v: DueStatus.DECIDED.value for v in _DECIDED},
                    CaseState.PAUSED.value: DueStatus.PAUSED.value}


def export_case_rows(session: Session, rb: Rulebook, flt: CaseFilter = CaseFilter()) -> list[dict[str, Any]]:
    """Every matching case as a JSON-ready dict (the ``case list --json`` shape), built for speed:
    dates come straight from SQLite as ISO text instead of through Python date objects."""
    raw = select(Case.id, Case.case_number, type_coerce(Case.received_at, String), _complainant.name,
                 _complainant.phone_masked, Case.channel_code, Case.business_code, Case.reason_code,
                 Case.demand_code, Case.state, _first.staff_no, _owner.staff_no,
                 type_coerce(Case.nominal_due, String), type_coerce(Case.legal_limit, String),
                 Case.deadline_paused, type_coerce(Case.pause_counted_to, String),
                 type_coerce(Case.clock_stopped_on, String))
    raw = (raw.join(_complainant, and_(_complainant.case_id == Case.id, _complainant.role == "complainant"))
           .join(_first, _first.id == Case.first_responder_id).join(_owner, _owner.id == Case.owner_id))
    today = rb.today()
    stmt = _filtered(raw, flt, today, rb.rules.due_soon_days).order_by(Case.received_at.desc(),
                                                                       Case.case_number.desc())
    # due_status() on ISO text (which sorts as the dates do), for speed over 100,000 rows; a test
    # checks every row against due_status() itself.
    today_iso = today.isoformat()
    soon_iso = (today + timedelta(days=rb.rules.due_soon_days)).isoformat()
    overdue, due_soon, on_time = DueStatus.OVERDUE.value, DueStatus.DUE_SOON.value, DueStatus.ON_TIME.value
    roll = legal_limit_roll(rb.rules, rb.calendar)
    out = []
    for row in session.execute(stmt):
        item = dict(zip(_EXPORT_KEYS, row, strict=True))
        at = str(item["received_at"]).replace(" ", "T")
        # Same text as datetime.isoformat(), which leaves out zero microseconds.
        item["received_at"] = (at[:-7] if at.endswith(".000000") else at) + "+00:00"
        item["paused"] = bool(item["paused"])
        counted_to, stopped = item.pop("pause_counted_to"), item["clock_stopped_on"]
        if item["paused"] and counted_to is not None and stopped is None:
            # Paused: the dates move on with today (shown_dates; few rows, so the plain way).
            shown = shown_dates(date.fromisoformat(item["due_date"]), date.fromisoformat(item["legal_limit"]),
                                today, pause_counted_to=date.fromisoformat(counted_to), roll=roll)
            item["due_date"], item["legal_limit"] = shown.nominal_due.isoformat(), shown.legal_limit.isoformat()
            item["days_left"] = shown.days_left
        else:
            # shown_dates on ISO text: counted to the clock-stop day once it has stopped.
            item["days_left"] = (date.fromisoformat(item["due_date"])
                                 - (today if stopped is None else date.fromisoformat(stopped))).days
        item["ended_late"] = stopped is not None and stopped > item["legal_limit"]
        status = _STATUS_OF_STATE.get(item["state"])
        if status is None:
            status = (overdue if today_iso > item["legal_limit"]
                      else due_soon if item["due_date"] <= soon_iso else on_time)
        item["due_status"] = status
        item["overdue"] = status == overdue
        out.append(item)
    return out


def count_cases(session: Session, rb: Rulebook, flt: CaseFilter = CaseFilter()) -> int:
    stmt = _filtered(select(func.count()).select_from(Case).join(
        _complainant, and_(_complainant.case_id == Case.id, _complainant.role == "complainant")),
        flt, rb.today(), rb.rules.due_soon_days)
    return int(session.scalar(stmt) or 0)


@dataclass(frozen=True)
class CaseCounts:
    open: int
    overdue: int
    due_soon: int


def case_counts(session: Session, rb: Rulebook) -> CaseCounts:
    return CaseCounts(count_cases(session, rb, CaseFilter(due=DueFilter.OPEN)),
                      count_cases(session, rb, CaseFilter(due=DueFilter.OVERDUE)),
                      count_cases(session, rb, CaseFilter(due=DueFilter.DUE_SOON)))


@dataclass(frozen=True)
class RelatedCase:
    case_number: str
    received_at: datetime
    state: str
    matched_on: str
    open: bool


def related_cases(session: Session, *, id_number: str = "", phone: str = "") -> list[RelatedCase]:
    """Earlier cases of the same person (same ID number or phone), for repeat/merge checks."""
    found: dict[str, RelatedCase] = {}
    for kind, value, col in (("id_number", id_number, Party.id_digest), ("phone", phone, Party.phone_digest)):
        if not value:
            continue
        rows = session.execute(
            select(Case.case_number, Case.received_at, Case.state)
            .join(Party, Party.case_id == Case.id)
            .where(col == digest("id" if kind == "id_number" else "phone", value))
            .order_by(Case.received_at.desc()).limit(20)
        )
        for number, at, state in rows:
            found.setdefault(number, RelatedCase(number, at, state, kind, state in OPEN_STATES))
    return sorted(found.values(), key=lambda r: r.received_at, reverse=True)


@dataclass(frozen=True)
class PartyView:
    role: str
    position: int
    kind: str
    name: str
    id_type: str
    id_number: str
    phone: str
    address: str
    uscc: str
    legal_representative: str
    relation: str
    poa_signed_original: bool
    poa_reference: str
    absence_reason: str
    inheritance_proof: str


@dataclass(frozen=True)
class EventView:
    id: str
    seq: int
    kind: str
    at: datetime
    operator: str
    operator_name: str
    state_before: str
    state_after: str
    reason: str
    data: dict[str, Any]


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case view and the case report show (masked unless revealed)."""

    id: str
    case_number: str
    state: str
    received_at: datetime
    receipt_date: date
    channel: str
    business: str
    reason: str
    demand: str
    reference_version: str
    request: str
    facts: str
    grounds: str
    complained_institution: str
    complained_staff: str
    card_number: str
    is_group: bool
    first_responder: str
    owner: str
    owner_name: str
    rules_version: str
    deadline: DeadlineStatus
    extension_level: int
    decision: dict[str, str]
    review_outcome: str
    root_cause: str
    rectification: str
    satisfaction: str
    parties: tuple[PartyView, ...]
    events: tuple[EventView, ...]
    masked: bool
    row_version: int

    @property
    def complainant(self) -> PartyView:
        return next(p for p in self.parties if p.role == "complainant")

    @property
    def proxy(self) -> PartyView | None:
        return next((p for p in self.parties if p.role == "proxy"), None)


def case_detail(session: Session, rb: Rulebook, case_ref: str, *, reveal_for: Actor | None = None,
                reveal_reason: str = "") -> CaseDetail:
    """The case with its parties and timeline; ``reveal_for`` unmasks (role-checked, audited)."""
    case = load_case(session, case_ref)
    masked = reveal_for is None
    if reveal_for is not None:
        require(reveal_for.role, Permission.UNMASK_PERSONAL_DATA, field="reveal")
        problems: list[Problem] = []
        reveal_reason = checked_text(reveal_reason, "reason", problems, limit=200)
        if problems:
            raise ValidationError(problems)
        append_audit(session, at=rb.clock(), operator_id=reveal_for.operator_id, action="pii.reveal",
                     case_id=case.id, details={"case_number": case.case_number,
                                               "reason": scrub_sensitive_text(reveal_reason)[0][:200]})
    ops = {o.id: o for o in session.scalars(select(Operator))}
    parties = tuple(
        PartyView(p.role, p.position, p.kind, p.name, p.id_type,
                  p.id_masked if masked else p.id_number, p.phone_masked if masked else p.phone,
                  mask_address(p.address, MaskStrength.SCREEN) if masked else p.address, p.uscc,
                  p.legal_representative, p.relation, p.poa_signed_original, p.poa_reference, p.absence_reason,
                  p.inheritance_proof)
        for p in case.parties)
    events = tuple(
        EventView(e.id, e.seq, e.kind, e.at, ops[e.operator_id].staff_no if e.operator_id in ops else "",
                  ops[e.operator_id].name if e.operator_id in ops else "", e.state_before, e.state_after,
                  e.reason, dict(e.data))
        for e in sorted(case.events, key=lambda ev: ev.seq))
    owner = ops.get(case.owner_id)
    first = ops.get(case.first_responder_id)
    return CaseDetail(
        id=case.id, case_number=case.case_number, state=case.state, received_at=case.received_at,
        receipt_date=case.receipt_date, channel=case.channel_code, business=case.business_code,
        reason=case.reason_code, demand=case.demand_code, reference_version=case.reference_version,
        request=case.request_text, facts=case.facts_text, grounds=case.grounds_text,
        complained_institution=case.complained_institution, complained_staff=case.complained_staff,
        card_number=case.card_masked if masked else case.card_number, is_group=case.is_group,
        first_responder=first.staff_no if first else "", owner=owner.staff_no if owner else "",
        owner_name=owner.name if owner else "", rules_version=case.rules_version,
        deadline=deadline_of(case, rb), extension_level=case.extension_level,
        decision={"verified": case.decision_verified, "basis": case.decision_basis,
                  "outcome": case.decision_outcome, "remedies": case.decision_remedies},
        review_outcome=case.review_outcome, root_cause=case.root_cause, rectification=case.rectification,
        satisfaction=case.satisfaction, parties=parties, events=events, masked=masked,
        row_version=case.row_version)


def event_ids(session: Session, case_ref: str) -> list[str]:
    case = load_case(session, case_ref)
    return list(session.scalars(select(CaseEvent.id).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)))
