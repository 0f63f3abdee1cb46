"""Who may see a case and who may change what (the ownership table of the README).

- Intake belongs for good to the branch that registered the case; only a desk of
  that branch and desk code registers it, under a number of its own.
- Handling (accept, start, pause/resume, extend, decide, review, close, withdraw,
  decline, hand-over, assign) belongs to the case's current owner: the
  registering branch until a transfer, then the receiving branch or head office.
- A transfer is made by the current owner or by head office (which may take a case up).
- Notes, notices, prints and recordings may be added by any desk that sees the case;
  recordings only by the registering branch (it holds the evidence it captured).
- A branch desk sees its own branch's cases and cases transferred to it; a
  head-office desk sees all.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.contract import events as ev
from app.contract.events import HEAD_OFFICE, CaseEvent, EventKind
from app.domain.deadlines import validate_extension
from app.domain.states import CaseAction, CaseState, next_state
from app.errors import DeskError
from central.domain.casefile import CaseFile, acting_unit, deadline_inputs, split_number
from central.domain.rules import rules_for

HANDLING = frozenset({
    EventKind.ACCEPT, EventKind.START, EventKind.PAUSE, EventKind.RESUME, EventKind.NEW_FACTS, EventKind.EXTEND,
    EventKind.DECIDE, EventKind.REQUEST_REVIEW, EventKind.RECORD_REVIEW, EventKind.CLOSE, EventKind.WITHDRAW,
    EventKind.DECLINE, EventKind.HAND_OVER, EventKind.ASSIGN,
})
_OPEN = frozenset(s.value for s in CaseState) - {"closed", "withdrawn", "declined"}


@dataclass(frozen=True)
class DeskRef:
    """The desk that sends an event or a request, as the centre enrolled it."""

    id: int
    uuid: str
    branch: str
    desk_code: str
    head_office: bool

    @property
    def unit(self) -> str:
        return acting_unit(self.branch, self.head_office)


@dataclass(frozen=True)
class Refusal:
    """Why an event is not accepted; ``conflict`` ones are the desk's view disagreeing with the centre's (409)."""

    code: str
    reason: str
    conflict: bool = True


def may_see(desk: DeskRef, branch: str, owner: str) -> bool:
    return desk.head_office or desk.branch in (branch, owner)


def check_created(event: ev.CreatedEvent, desk: DeskRef, number_holder: str | None,
                  case_exists: bool) -> Refusal | None:
    """May ``desk`` register this case?  ``number_holder`` is the desk uuid already holding the number."""
    branch, desk_code, _day, _seq = split_number(event.case_number)
    if (branch, desk_code) != (desk.branch, desk.desk_code):
        return Refusal("not_your_number", f"case number {event.case_number} belongs to desk {branch}-{desk_code}, "
                       f"this desk is {desk.branch}-{desk.desk_code}")
    if number_holder is not None:
        if number_holder != desk.uuid:
            return Refusal("case_number_taken", f"case number {event.case_number} is already held by another desk "
                           f"(a reinstalled desk must continue numbering after the highest sequence)")
        return Refusal("case_number_taken", f"case number {event.case_number} is already held by another case")
    if case_exists:
        return Refusal("case_exists", f"case {event.case_id} was already registered")
    rules = rules_for(event.content.rules_version)
    if rules is None:
        return Refusal("unknown_rules_version", f"rules edition {event.content.rules_version} is not known "
                       "to the service", conflict=False)
    if len(event.content.representatives) > rules.max_representatives:
        return Refusal("too_many_representatives", f"a group complaint in person has at most "
                       f"{rules.max_representatives} representatives ({rules.version})", conflict=False)
    return None


def check_change(event: CaseEvent, case: CaseFile | None, desk: DeskRef, last_seq_of_desk: int) -> Refusal | None:
    """May ``desk`` make this change to ``case`` now (its state as rebuilt so far)?"""
    if case is None:
        return Refusal("unknown_case", f"case {event.case_id} is not known: push its created event first")
    if case.number != event.case_number:
        return Refusal("case_number_mismatch", f"case {event.case_id} has number {case.number}, "
                       f"not {event.case_number}", conflict=False)
    if not may_see(desk, case.branch, case.owner):
        return Refusal("not_visible", f"case {case.number} belongs to branch {case.branch}; this desk may not "
                       "see or change it")
    if event.seq <= last_seq_of_desk:
        return Refusal("seq_not_increasing", f"event seq {event.seq} is not after {last_seq_of_desk}, the last "
                       "this desk sent for the case")
    kind = EventKind(event.kind)
    if kind is EventKind.CREATED:
        return Refusal("case_exists", f"case {case.number} was already registered")
    if kind is EventKind.TRANSFER:
        if desk.unit != case.owner and not desk.head_office:
            return Refusal("not_owner", f"case {case.number} is handled by {case.owner}; only its owner or head "
                           "office may transfer it")
        assert isinstance(event, ev.TransferEvent)
        if event.content.to == case.owner:
            return Refusal("same_owner", f"case {case.number} is already with {case.owner}")
    elif kind in HANDLING and desk.unit != case.owner:
        return Refusal("not_owner", f"case {case.number} is handled by {case.owner}, not by {desk.unit}: "
                       f"{kind.value} belongs to the case's current owner")
    if kind is EventKind.RECORDING and desk.branch != case.branch:
        return Refusal("not_registering_branch", f"recordings of case {case.number} come from branch {case.branch}")
    if kind in (EventKind.ASSIGN, EventKind.TRANSFER):
        if case.state not in _OPEN:
            return Refusal("illegal_transition", f"case {case.number} has ended ({case.state})")
        return None
    try:
        next_state(case.state, CaseAction(kind.value))
        if isinstance(event, ev.ExtendEvent):
            validate_extension(deadline_inputs(case).extensions, event.content.level)
    except DeskError as exc:
        return Refusal(exc.code, exc.message)
    return None


__all__ = ["HEAD_OFFICE", "DeskRef", "Refusal", "check_change", "check_created", "may_see"]
