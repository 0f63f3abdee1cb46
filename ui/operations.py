"""The GUI's operations: one small function per user action, one Session each, plain results back.

Shaped after Anki's ``aqt/operations``.  Every function here may run on a
worker thread (see ui.tasks): it opens its own Session through the Desk,
calls one core service and returns frozen dataclasses, never ORM objects.
Widgets call these, never the database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from app.desk import Desk
from app.domain.states import CaseAction
from app.errors import Problem, ValidationError
from app.roles import Role
from app.services import case_actions as acts
from app.services.cases import CaseChange, register_case, transition
from app.services.identity import (
    Actor,
    DeskInfo,
    add_operator,
    get_desk_info,
    list_operators,
    set_desk_identity,
)
from app.services.intake import CaseIntake, parse_intake
from app.services.queries import (
    CaseCounts,
    CaseDetail,
    CaseFilter,
    CaseRow,
    DueFilter,
    RelatedCase,
    case_detail,
    related_cases,
)
from app.services.case_search import count_matching, search_cases

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeskSnapshot:
    """The desk identity and its operators, as the main window shows them."""

    info: DeskInfo | None
    operators: tuple[Actor, ...]


def desk_snapshot(desk: Desk) -> DeskSnapshot:
    with desk.read() as s:
        return DeskSnapshot(get_desk_info(s), tuple(list_operators(s)))


def set_up_desk(desk: Desk, *, branch_code: str, branch_name: str, desk_code: str, bank_name: str,
                staff_no: str, operator_name: str) -> DeskSnapshot:
    """First run: the desk identity and its first operator (an administrator), in one unit of work."""
    problems: list[Problem] = []
    with desk.write() as s:
        try:
            set_desk_identity(s, desk.clock, branch_code=branch_code, branch_name=branch_name,
                              desk_code=desk_code, bank_name=bank_name)
        except ValidationError as exc:
            problems.extend(exc.problems)
        if not list_operators(s):
            try:
                add_operator(s, desk.clock, staff_no=staff_no, name=operator_name, role=Role.ADMIN.value)
            except ValidationError as exc:
                problems.extend(Problem(p.code, "operator_name" if p.field == "name" else p.field,
                                        p.message, p.params) for p in exc.problems)
        if problems:
            raise ValidationError(problems)  # rolls back both
        return DeskSnapshot(get_desk_info(s), tuple(list_operators(s)))


def update_desk_identity(desk: Desk, actor: Actor, *, branch_code: str, branch_name: str, desk_code: str,
                         bank_name: str) -> DeskInfo:
    with desk.write() as s:
        return set_desk_identity(s, desk.clock, branch_code=branch_code, branch_name=branch_name,
                                 desk_code=desk_code, bank_name=bank_name, actor_id=actor.operator_id)


def add_desk_operator(desk: Desk, actor: Actor, *, staff_no: str, name: str, role: str) -> Actor:
    with desk.write() as s:
        return add_operator(s, desk.clock, staff_no=staff_no, name=name, role=role, actor_id=actor.operator_id)


@dataclass(frozen=True)
class CasePage:
    """One page of the case list for one filter; ``total`` is only counted for the first page."""

    flt: CaseFilter
    offset: int
    rows: tuple[CaseRow, ...]
    exhausted: bool
    total: int | None


def case_page(desk: Desk, flt: CaseFilter, *, offset: int, limit: int, with_total: bool = False) -> CasePage:
    """One page of the list (the rows of ``list_cases``, through the index-driven search)."""
    rb = desk.rulebook
    with desk.read() as s:
        rows = tuple(search_cases(s, rb, flt, offset=offset, limit=limit))
        total = None
        if with_total or (offset == 0 and len(rows) < limit):
            total = offset + len(rows) if len(rows) < limit else count_matching(s, rb, flt)
    return CasePage(flt, offset, rows, len(rows) < limit, total)


def case_total(desk: Desk, flt: CaseFilter) -> tuple[CaseFilter, int]:
    """How many cases match (counted apart from the first page, which must come fast)."""
    with desk.read() as s:
        return flt, count_matching(s, desk.rulebook, flt)


def counts(desk: Desk) -> CaseCounts:
    """Open, overdue and due-soon cases for the status bar (what ``case_counts`` says, faster)."""
    rb = desk.rulebook
    with desk.read() as s:
        return CaseCounts(*(count_matching(s, rb, CaseFilter(due=due))
                            for due in (DueFilter.OPEN, DueFilter.OVERDUE, DueFilter.DUE_SOON)))


def validate_intake(desk: Desk, data: dict[str, Any]) -> CaseIntake:
    """The same check the CLI's ``case add`` runs (pure, no store access)."""
    return parse_intake(data, desk.rules, desk.reference, desk.clock())


def find_related(desk: Desk, *, id_number: str = "", phone: str = "") -> tuple[RelatedCase, ...]:
    with desk.read() as s:
        return tuple(related_cases(s, id_number=id_number, phone=phone))


def register(desk: Desk, actor: Actor, data: dict[str, Any]) -> CaseChange:
    """Validate the form's data exactly like ``case add`` and store the new case."""
    intake = validate_intake(desk, data)
    with desk.write() as s:
        change = register_case(s, desk.rulebook, actor, intake)
    log.info("case %s registered at the desk by operator %s", change.case_number, actor.staff_no)
    return change


def merge_into(desk: Desk, actor: Actor, case_ref: str, facts: str) -> CaseChange:
    """A repeat of an open complaint: its facts go to the earlier case as new facts (clock restarts)."""
    with desk.write() as s:
        return acts.add_new_facts(s, desk.rulebook, actor, case_ref, facts=facts)


def detail(desk: Desk, case_ref: str) -> CaseDetail:
    """The case as the masked view shows it: free text masked too (on the worker, not the GUI thread)."""
    from app.services.masked_detail import mask_detail_text

    with desk.read() as s:
        return mask_detail_text(case_detail(s, desk.rulebook, case_ref))


def reveal(desk: Desk, actor: Actor, case_ref: str, reason: str) -> CaseDetail:
    """The case unmasked: role-checked and written to the audit log (hence a write session)."""
    if not reason.strip():
        raise ValidationError([Problem("required", "reveal_reason", "say why")])
    with desk.write() as s:
        return case_detail(s, desk.rulebook, case_ref, reveal_for=actor, reveal_reason=reason.strip())


_PLAIN = frozenset({CaseAction.ACCEPT, CaseAction.START, CaseAction.PAUSE, CaseAction.RESUME,
                    CaseAction.WITHDRAW, CaseAction.DECLINE, CaseAction.REQUEST_REVIEW,
                    CaseAction.RECORD_REVIEW})


def perform(desk: Desk, actor: Actor, case_ref: str, action: CaseAction, values: dict[str, Any]) -> CaseChange:
    """Apply one case action with the values its dialog asked for."""
    rb = desk.rulebook
    with desk.write() as s:
        if action in _PLAIN:
            return transition(s, rb, actor, case_ref, action, reason=str(values.get("reason", "")))
        if action is CaseAction.EXTEND:
            return acts.extend_deadline(s, rb, actor, case_ref, level=int(values["level"]),
                                        reason=str(values.get("reason", "")),
                                        approver_staff_no=str(values.get("approver", "")))
        if action is CaseAction.NEW_FACTS:
            return acts.add_new_facts(s, rb, actor, case_ref, facts=str(values.get("facts", "")))
        if action is CaseAction.DECIDE:
            return acts.record_decision(s, rb, actor, case_ref, verified=str(values.get("verified", "")),
                                        basis=str(values.get("basis", "")), outcome=str(values.get("outcome", "")),
                                        remedies=str(values.get("remedies", "")))
        if action is CaseAction.CLOSE:
            return acts.close_case(s, rb, actor, case_ref, root_cause=str(values.get("root_cause", "")),
                                   rectification=str(values.get("rectification", "")),
                                   satisfaction=str(values.get("satisfaction", "")),
                                   surveyed_by_staff_no=str(values.get("surveyed_by", "")),
                                   survey_note=str(values.get("survey_note", "")))
        if action is CaseAction.HAND_OVER:
            return acts.hand_over(s, rb, actor, case_ref, to_staff_no=str(values.get("to", "")),
                                  reason=str(values.get("reason", "")))
        if action is CaseAction.NOTE:
            return acts.add_note(s, rb, actor, case_ref, text=str(values.get("note", "")))
    raise ValueError(f"no dialog for action {action}")
