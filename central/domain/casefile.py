"""A case rebuilt from its events alone: what the centre knows of it after each event.

``apply`` folds one event into the case; ``rebuild`` folds a whole timeline.  The
centre keeps the result on the case row (columns to filter on, the rest as JSON),
so a change costs one fold, and ``rebuild`` from the stored events gives the same
answer (tested).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from app.contract import events as ev
from app.contract.events import HEAD_OFFICE, CaseEvent
from app.domain.deadlines import DeadlineInputs, DeadlineStatus, Extension, Pause, compute_deadline
from app.domain.states import CaseAction, CaseState, next_state
from central.domain.rules import holiday_calendar, rules_for


_ACTIONS = frozenset(a.value for a in CaseAction)


@dataclass
class CaseFile:
    """Everything the centre holds about one case (personal data included: sensitive, never logged)."""

    id: str
    number: str
    branch: str
    desk_code: str
    desk_uuid: str
    received_at: str
    receipt_date: str
    rules_version: str
    reference_version: str
    intake: dict[str, Any]
    state: str = CaseState.REGISTERED.value
    owner: str = ""
    handler: str = ""
    facts_added: list[dict[str, str]] = field(default_factory=list)
    decision: dict[str, str] = field(default_factory=dict)
    decided_at: str = ""
    review_outcome: str = ""
    root_cause: str = ""
    rectification: str = ""
    satisfaction: str = ""
    ended_on: str = ""
    extensions: list[dict[str, Any]] = field(default_factory=list)
    pauses: list[dict[str, str]] = field(default_factory=list)
    new_facts_on: list[str] = field(default_factory=list)
    transfers: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        # Plain attribute copy (asdict's deep recursion was a third of a push's time);
        # the file owns its lists, and the stored JSON is written once per change.
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CaseFile:
        # A deep copy: folding must never change the stored JSON in place (the ORM
        # would then see no change to write).
        return cls(**copy.deepcopy(data))


def split_number(number: str) -> tuple[str, str, str, int]:
    """Branch, desk, day (YYYYMMDD) and sequence of a case number (already pattern-checked)."""
    branch, desk, day, seq = number.split("-")
    return branch, desk, day, int(seq)


def open_case(event: ev.CreatedEvent, desk_uuid: str) -> CaseFile:
    """The case as its ``created`` event registers it: owned by the registering branch."""
    c = event.content
    branch, desk, _day, _seq = split_number(event.case_number)
    return CaseFile(
        id=event.case_id, number=event.case_number, branch=branch, desk_code=desk, desk_uuid=desk_uuid,
        received_at=c.received_at.isoformat(), receipt_date=c.receipt_date.isoformat(),
        rules_version=c.rules_version, reference_version=c.reference_version,
        intake=c.model_dump(mode="json"), owner=branch, handler=c.first_responder,
    )


def apply(case: CaseFile, event: CaseEvent) -> None:
    """Fold one (already checked) event into the case."""
    on = event.on.isoformat()
    if event.kind in _ACTIONS:
        case.state = next_state(case.state, event.kind).value
    if isinstance(event, ev.NewFactsEvent):
        case.new_facts_on.append(on)
        case.facts_added.append({"on": on, "facts": event.content.facts})
    elif isinstance(event, ev.ExtendEvent):
        case.extensions.append({"level": event.content.level, "on": on, "reason": event.content.reason,
                                "approver": event.content.approver})
    elif isinstance(event, ev.PauseEvent):
        case.pauses.append({"start": on, "end": ""})
    elif isinstance(event, ev.ResumeEvent):
        if case.pauses and not case.pauses[-1]["end"]:
            case.pauses[-1]["end"] = on
    elif isinstance(event, ev.DecideEvent):
        case.decision = event.content.model_dump(mode="json")
        case.decided_at = event.at.isoformat()
        case.ended_on = on
    elif isinstance(event, ev.RecordReviewEvent):
        case.review_outcome = event.content.outcome
    elif isinstance(event, ev.CloseEvent):
        case.root_cause = event.content.root_cause
        case.rectification = event.content.rectification
        case.satisfaction = event.content.satisfaction.value
    elif isinstance(event, (ev.WithdrawEvent, ev.DeclineEvent)):
        case.ended_on = on
    elif isinstance(event, ev.HandOverEvent):
        case.handler = event.content.to_staff
    elif isinstance(event, ev.AssignEvent):
        case.handler = event.content.handler
    elif isinstance(event, ev.TransferEvent):
        case.transfers.append({"from": case.owner, "to": event.content.to, "on": on})
        case.owner = event.content.to
        case.handler = ""
    # created, notes, notices, prints and recordings change nothing else of the case


def rebuild(events: list[CaseEvent], desk_uuid: str) -> CaseFile:
    """The case from its whole timeline (first event ``created``), in the centre's order."""
    first = events[0]
    if not isinstance(first, ev.CreatedEvent):
        raise ValueError("a case's timeline starts with its created event")
    case = open_case(first, desk_uuid)
    for event in events[1:]:
        apply(case, event)
    return case


def deadline_inputs(case: CaseFile) -> DeadlineInputs:
    return DeadlineInputs(
        received_on=date.fromisoformat(case.receipt_date),
        extensions=tuple(Extension(int(x["level"]), date.fromisoformat(x["on"]), str(x["reason"]))
                         for x in case.extensions),
        pauses=tuple(Pause(date.fromisoformat(p["start"]), date.fromisoformat(p["end"]) if p["end"] else None)
                     for p in case.pauses),
        new_facts_on=tuple(date.fromisoformat(d) for d in case.new_facts_on),
        ended_on=date.fromisoformat(case.ended_on) if case.ended_on else None,
    )


def deadline(case: CaseFile, today: date) -> DeadlineStatus:
    """The case's deadline by its own rules edition (checked to be shipped when it was registered)."""
    rules = rules_for(case.rules_version)
    if rules is None:
        raise LookupError(f"rules edition {case.rules_version} is not shipped with this service")
    return compute_deadline(deadline_inputs(case), rules, holiday_calendar(), today)


def acting_unit(branch: str, head_office: bool) -> str:
    """The unit a desk acts for: head office, or its branch."""
    return HEAD_OFFICE if head_office else branch


def received(case: CaseFile) -> datetime:
    return datetime.fromisoformat(case.received_at)
