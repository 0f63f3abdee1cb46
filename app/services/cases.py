"""The one service layer through which every case is created and changed.

Each change, in the caller's transaction: checks the state machine and the
actor's role, appends a timeline event, recomputes the deadline clock, bumps
the row version, writes an outbox entry for the later sync and a line in the
audit log.  Widgets and the CLI call these functions; nothing else writes cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import beijing_date
from app.db.models import Case, CaseEvent, OutboxEntry, Party, new_id
from app.domain.card import scrub_sensitive_text
from app.domain.deadlines import DeadlineInputs, DeadlineStatus, Extension, Pause, compute_deadline
from app.domain.masking import MaskStrength, mask_card, mask_id, mask_phone
from app.domain.states import CaseAction, CaseState, next_state
from app.errors import NotFound, Problem, ValidationError
from app.pii import digest, tail
from app.services.action_text import checked_text
from app.services.audit import append_audit
from app.services.context import Rulebook
from app.services.identity import Actor, require_desk_info
from app.services.intake import CaseIntake, PartyInput
from app.services.numbering import allocate_case_number

#: Timeline event kinds besides the CaseAction values.
CREATED = "created"


@dataclass(frozen=True)
class CaseChange:
    """What a service call changed, for the UI to redraw from."""

    case_id: str
    case_number: str
    state: str
    event_id: str
    event_kind: str
    nominal_due: date
    legal_limit: date
    detail: dict[str, Any]


def _party_row(p: PartyInput, role: str, position: int) -> Party:
    return Party(
        id=new_id(), role=role, position=position, kind=p.kind, name=p.name, id_type=p.id_type,
        id_number=p.id_number, id_masked=mask_id(p.id_number, MaskStrength.SCREEN) if p.id_number else "",
        id_tail=tail(p.id_number), id_digest=digest("id", p.id_number),
        phone=p.phone, phone_masked=mask_phone(p.phone, MaskStrength.SCREEN) if p.phone else "",
        phone_tail=tail(p.phone.replace("-", "")), phone_digest=digest("phone", p.phone),
        address=p.address, uscc=p.uscc, legal_representative=p.legal_representative, relation=p.relation,
        poa_signed_original=p.poa_signed_original, poa_reference=p.poa_reference,
        absence_reason=p.absence_reason, inheritance_proof=p.inheritance_proof,
    )


def deadline_inputs(case: Case, events: list[CaseEvent]) -> DeadlineInputs:
    """Rebuild the deadline clock's inputs from the case's timeline."""
    extensions: list[Extension] = []
    pauses: list[Pause] = []
    new_facts: list[date] = []
    ended: date | None = None
    for e in events:
        on = date.fromisoformat(e.data["on"]) if "on" in e.data else beijing_date(e.at)
        if e.kind == CaseAction.EXTEND:
            extensions.append(Extension(level=int(e.data["level"]), on=on, reason=e.reason))
        elif e.kind == CaseAction.PAUSE:
            pauses.append(Pause(start=on, end=None))
        elif e.kind == CaseAction.RESUME and pauses and pauses[-1].end is None:
            pauses[-1] = Pause(start=pauses[-1].start, end=on)
        elif e.kind == CaseAction.NEW_FACTS:
            new_facts.append(on)
        elif e.kind in (CaseAction.DECIDE, CaseAction.WITHDRAW, CaseAction.DECLINE) and ended is None:
            ended = on  # the first stop: withdrawing during a review does not move the decision day
    return DeadlineInputs(received_on=case.receipt_date, extensions=tuple(extensions), pauses=tuple(pauses),
                          new_facts_on=tuple(new_facts), ended_on=ended)


def deadline_of(case: Case, rb: Rulebook) -> DeadlineStatus:
    """The case's deadline status as of today (its due status follows the case's state)."""
    return compute_deadline(deadline_inputs(case, list(case.events)), rb.rules, rb.calendar, rb.today(),
                            state=case.state)


def _append(session: Session, rb: Rulebook, actor: Actor, case: Case, kind: str, *, reason: str = "",
            data: dict[str, Any] | None = None, state_before: str = "") -> CaseEvent:
    now = rb.clock()
    seq = (max((e.seq for e in case.events), default=0)) + 1
    payload = dict(data or {})
    # Every event's reason is free text: the last line of defence for any caller that forgot.
    reason, removed = scrub_sensitive_text(reason)
    if removed:
        payload["scrubbed"] = sorted(set(payload.get("scrubbed", [])) | set(removed))
    payload.setdefault("on", beijing_date(now).isoformat())
    event = CaseEvent(id=new_id(), case_id=case.id, seq=seq, kind=kind, at=now, operator_id=actor.operator_id,
                      state_before=state_before or case.state, state_after=case.state, reason=reason,
                      data=payload)
    case.events.append(event)
    status = deadline_of(case, rb)
    case.nominal_due = status.nominal_due
    case.legal_limit = status.legal_limit
    case.deadline_paused = status.paused
    inputs = deadline_inputs(case, list(case.events))
    # What the list needs to show the dates as case show does (app.domain.deadlines.shown_dates).
    case.pause_counted_to = rb.today() if status.paused else None
    case.clock_stopped_on = inputs.ended_on
    case.extension_level = max((x.level for x in inputs.extensions), default=0)
    case.updated_at = now
    case.row_version = (case.row_version or 0) + 1
    session.add(OutboxEntry(entry_id=new_id(), created_at=now, entity="case_event", entity_id=event.id,
                            op=kind, payload={"case_id": case.id, "case_number": case.case_number,
                                              "event_id": event.id, "seq": seq, "kind": kind,
                                              "row_version": case.row_version}))
    append_audit(session, at=now, operator_id=actor.operator_id, action=f"case.{kind}", case_id=case.id,
                 details={"case_number": case.case_number, "event_id": event.id,
                          "state_before": event.state_before, "state_after": case.state})
    return event


def _change(case: Case, event: CaseEvent) -> CaseChange:
    return CaseChange(case.id, case.case_number, case.state, event.id, event.kind, case.nominal_due,
                      case.legal_limit, dict(event.data))


def register_case(session: Session, rb: Rulebook, actor: Actor, intake: CaseIntake) -> CaseChange:
    """Store a new case with its first-responder owner; returns its new case number."""
    desk = require_desk_info(session)
    now = rb.clock()
    received_at = intake.received_at or now
    receipt_day = beijing_date(received_at)
    number = allocate_case_number(session, desk.branch_code, desk.desk_code, beijing_date(now))
    case = Case(
        id=new_id(), case_number=number, state=CaseState.REGISTERED.value, received_at=received_at,
        receipt_date=receipt_day, channel_code=intake.channel, business_code=intake.business,
        reason_code=intake.reason, demand_code=intake.demand, reference_version=rb.reference.version,
        request_text=intake.request, facts_text=intake.facts, grounds_text=intake.grounds,
        complained_institution=intake.complained_institution, complained_staff=intake.complained_staff,
        card_number=intake.card_number,
        card_masked=mask_card(intake.card_number, MaskStrength.SCREEN) if intake.card_number else "",
        is_group=bool(intake.representatives), first_responder_id=actor.operator_id, owner_id=actor.operator_id,
        rules_version=rb.rules.version, nominal_due=receipt_day, legal_limit=receipt_day,
        created_at=now, updated_at=now, row_version=0,
    )
    case.parties.append(_party_row(intake.complainant, "complainant", 0))
    if intake.proxy is not None:
        case.parties.append(_party_row(intake.proxy, "proxy", 0))
    for i, rep in enumerate(intake.representatives):
        case.parties.append(_party_row(rep, "representative", i))
    session.add(case)
    event = _append(session, rb, actor, case, CREATED, state_before="",
                    data={"on": receipt_day.isoformat(), "first_responder": actor.staff_no,
                          "scrubbed": list(intake.scrubbed)})
    return _change(case, event)


def load_case(session: Session, case_ref: str) -> Case:
    """The case with this id or case number, or NotFound."""
    case = session.get(Case, case_ref)
    if case is None:
        case = session.scalars(select(Case).where(Case.case_number == case_ref)).first()
    if case is None:
        raise NotFound(f"no case {case_ref}", field="case", case=case_ref)
    return case


def _required(value: str, field: str, problems: list[Problem], limit: int = 4000) -> str:
    return checked_text(value, field, problems, limit=limit, required=True)


def _check(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)


def transition(session: Session, rb: Rulebook, actor: Actor, case_ref: str, action: CaseAction, *,
               reason: str = "", data: dict[str, Any] | None = None) -> CaseChange:
    """Apply a plain state action (accept, start, pause, resume, request/record review, withdraw, decline)."""
    case = load_case(session, case_ref)
    before = case.state
    after = next_state(CaseState(case.state), action)
    problems: list[Problem] = []
    limit = rb.rules.field_max_lengths.get("reason", 1000)
    needs_reason = action in (CaseAction.PAUSE, CaseAction.WITHDRAW, CaseAction.DECLINE,
                              CaseAction.REQUEST_REVIEW, CaseAction.RECORD_REVIEW)
    reason = checked_text(reason, "reason", problems, limit=limit, required=needs_reason)
    reason, scrubbed = scrub_sensitive_text(reason)  # before the review outcome stores it too
    if action is CaseAction.ACCEPT and case.complained_staff and case.complained_staff in (
            actor.staff_no, actor.name) and case.owner_id == actor.operator_id:
        problems.append(Problem("recusal", "owner", "the handler may not be the staff member complained about; "
                                "hand the case over first"))
    _check(problems)
    case.state = after.value
    if action is CaseAction.RECORD_REVIEW:
        case.review_outcome = reason
    if action in (CaseAction.WITHDRAW, CaseAction.DECLINE):
        case.ended_at = rb.clock()
    payload = {**(data or {}), **({"scrubbed": scrubbed} if scrubbed else {})}
    event = _append(session, rb, actor, case, action.value, reason=reason, data=payload, state_before=before)
    return _change(case, event)
