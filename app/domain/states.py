"""The life cycle of a complaint case: its states, the actions on it, and which are allowed where.

One table answers both "may the operator do this now?" (buttons are enabled
from ``allowed_actions``) and "what state follows?" (``next_state``), so the
screen and the service can never disagree.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from app.errors import IllegalTransition


class CaseState(StrEnum):
    """Where a case stands; the values are stored and synced, so they never change."""

    REGISTERED = "registered"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    PAUSED = "paused"
    DECIDED = "decided"
    REVIEW_REQUESTED = "review_requested"
    REVIEWED = "reviewed"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    DECLINED = "declined"


class CaseAction(StrEnum):
    """Something done to a case; declaration order is the display order of buttons and menus."""

    ACCEPT = "accept"
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    NEW_FACTS = "new_facts"
    EXTEND = "extend"
    DECIDE = "decide"
    REQUEST_REVIEW = "request_review"
    RECORD_REVIEW = "record_review"
    CLOSE = "close"
    WITHDRAW = "withdraw"
    DECLINE = "decline"
    HAND_OVER = "hand_over"
    NOTE = "note"
    NOTICE = "notice"
    PRINT = "print"
    RECORDING = "recording"


_S = CaseState
_A = CaseAction

TERMINAL_STATES: frozenset[CaseState] = frozenset({_S.CLOSED, _S.WITHDRAWN, _S.DECLINED})
OPEN_STATES: frozenset[CaseState] = frozenset(set(CaseState) - TERMINAL_STATES)
#: Open states in which the decision clock counts (paused: it stands still; decided: it has stopped).
CLOCK_COUNTING_STATES: frozenset[CaseState] = frozenset({_S.REGISTERED, _S.ACCEPTED, _S.IN_PROGRESS})
#: Open states after the decision (a review may follow): the decision clock has stopped for good.
DECIDED_STATES: frozenset[CaseState] = frozenset({_S.DECIDED, _S.REVIEW_REQUESTED, _S.REVIEWED})

# Actions that move the case to another state.
_TRANSITIONS: dict[CaseState, dict[CaseAction, CaseState]] = {
    _S.REGISTERED: {_A.ACCEPT: _S.ACCEPTED, _A.DECLINE: _S.DECLINED, _A.WITHDRAW: _S.WITHDRAWN},
    _S.ACCEPTED: {_A.START: _S.IN_PROGRESS, _A.PAUSE: _S.PAUSED, _A.DECIDE: _S.DECIDED, _A.WITHDRAW: _S.WITHDRAWN},
    _S.IN_PROGRESS: {_A.PAUSE: _S.PAUSED, _A.DECIDE: _S.DECIDED, _A.WITHDRAW: _S.WITHDRAWN},
    _S.PAUSED: {_A.RESUME: _S.IN_PROGRESS, _A.WITHDRAW: _S.WITHDRAWN},
    _S.DECIDED: {_A.REQUEST_REVIEW: _S.REVIEW_REQUESTED, _A.CLOSE: _S.CLOSED},
    _S.REVIEW_REQUESTED: {_A.RECORD_REVIEW: _S.REVIEWED, _A.WITHDRAW: _S.WITHDRAWN},
    _S.REVIEWED: {_A.CLOSE: _S.CLOSED},
    _S.CLOSED: {},
    _S.WITHDRAWN: {},
    _S.DECLINED: {},
}

# Actions that leave the state as it is, and the states where each is allowed.
_HANDLING = frozenset({_S.ACCEPTED, _S.IN_PROGRESS, _S.PAUSED})
_STAYING: dict[CaseAction, frozenset[CaseState]] = {
    # New facts may arrive before acceptance too; they restart the clock either way.
    _A.NEW_FACTS: _HANDLING | {_S.REGISTERED},
    _A.EXTEND: _HANDLING,
    # 首问负责制: ownership moves only while the case is open.
    _A.HAND_OVER: OPEN_STATES,
    # The file stays readable and annotatable after the end (archive, audits).
    _A.NOTE: frozenset(CaseState),
    _A.NOTICE: frozenset(CaseState),
    _A.PRINT: frozenset(CaseState),
    _A.RECORDING: frozenset(CaseState),
}


def is_terminal(state: CaseState | str) -> bool:
    """Whether the case has ended (closed, withdrawn or declined)."""
    return CaseState(state) in TERMINAL_STATES


def allowed_actions(state: CaseState | str) -> list[CaseAction]:
    """Every action allowed in ``state``, in the stable display order of ``CaseAction``."""
    current = CaseState(state)
    moving = _TRANSITIONS[current]
    return [action for action in CaseAction if action in moving or current in _STAYING.get(action, ())]


def next_state(state: CaseState | str, action: CaseAction | str) -> CaseState:
    """The state after ``action``; the same state for actions that do not move the case.

    Raises IllegalTransition (code ``illegal_transition``, field ``state``, params
    ``state`` and ``action``) when the action is not allowed in that state.
    """
    try:
        current = CaseState(state)
        act = CaseAction(action)
    except ValueError:
        raise IllegalTransition(
            f"unknown state or action: {state!s} / {action!s}",
            code="illegal_transition", field="state", state=str(state), action=str(action),
        ) from None
    target = _TRANSITIONS[current].get(act)
    if target is not None:
        return target
    if current in _STAYING.get(act, ()):
        return current
    raise IllegalTransition(
        f"action {act.value} is not allowed in state {current.value}",
        code="illegal_transition", field="state", state=current.value, action=act.value,
    )


class DueStatus(StrEnum):
    """Where a case stands against its decision clock today: the one answer every view gives.

    The case list, its ``--due`` filters (and the SQL behind them), ``case show``,
    the GUI's tints and the detail panel all take it from :func:`due_status`.
    The values are the ``--due`` filter names where one exists.
    """

    #: The clock counts and the target date is more than the rules' due-soon window away.
    ON_TIME = "on_time"
    #: The clock counts, the legal limit has not passed, the target date is at most the window away
    #: (or already past while a holiday roll-over keeps the legal limit ahead).
    DUE_SOON = "due_soon"
    #: The clock counts and the legal limit has passed with no decision.
    OVERDUE = "overdue"
    #: Paused for external appraisal: the clock stands still, nothing can run late.
    PAUSED = "paused"
    #: The decision is made (a review may follow): the clock has stopped; never overdue afterwards.
    DECIDED = "decided"
    #: Closed, withdrawn or declined.
    CLOSED = "closed"


def due_status(state: CaseState | str, nominal_due: date, legal_limit: date, today: date,
               due_soon_days: int) -> DueStatus:
    """The due status of a case in ``state`` with these dates, on ``today``.

    ``due_soon_days`` comes from the rules file (``ComplaintRules.due_soon_days``).
    ``app.services.queries.due_status_clause`` says the same in SQL; a test holds
    the two together for every state and the boundary dates.
    """
    current = CaseState(state)
    if current in TERMINAL_STATES:
        return DueStatus.CLOSED
    if current in DECIDED_STATES:
        return DueStatus.DECIDED
    if current not in CLOCK_COUNTING_STATES:
        return DueStatus.PAUSED
    if today > legal_limit:
        return DueStatus.OVERDUE
    if (nominal_due - today).days <= due_soon_days:
        return DueStatus.DUE_SOON
    return DueStatus.ON_TIME
