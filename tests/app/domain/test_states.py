"""The case life cycle: every allowed action works, every other one is refused with a code."""

from __future__ import annotations

import pytest

from app.domain.states import (
    OPEN_STATES,
    CaseAction,
    CaseState,
    allowed_actions,
    is_terminal,
    next_state,
)
from app.errors import IllegalTransition

S, A = CaseState, CaseAction

# The expected table, written out independently of the module.
MOVES = {
    (S.REGISTERED, A.ACCEPT): S.ACCEPTED,
    (S.REGISTERED, A.DECLINE): S.DECLINED,
    (S.REGISTERED, A.WITHDRAW): S.WITHDRAWN,
    (S.ACCEPTED, A.START): S.IN_PROGRESS,
    (S.ACCEPTED, A.PAUSE): S.PAUSED,
    (S.ACCEPTED, A.DECIDE): S.DECIDED,
    (S.ACCEPTED, A.WITHDRAW): S.WITHDRAWN,
    (S.IN_PROGRESS, A.PAUSE): S.PAUSED,
    (S.IN_PROGRESS, A.DECIDE): S.DECIDED,
    (S.IN_PROGRESS, A.WITHDRAW): S.WITHDRAWN,
    (S.PAUSED, A.RESUME): S.IN_PROGRESS,
    (S.PAUSED, A.WITHDRAW): S.WITHDRAWN,
    (S.DECIDED, A.REQUEST_REVIEW): S.REVIEW_REQUESTED,
    (S.DECIDED, A.CLOSE): S.CLOSED,
    (S.REVIEW_REQUESTED, A.RECORD_REVIEW): S.REVIEWED,
    (S.REVIEW_REQUESTED, A.WITHDRAW): S.WITHDRAWN,
    (S.REVIEWED, A.CLOSE): S.CLOSED,
}
TERMINAL = {S.CLOSED, S.WITHDRAWN, S.DECLINED}
HANDLING = {S.ACCEPTED, S.IN_PROGRESS, S.PAUSED}
STAYS = {
    A.NEW_FACTS: HANDLING | {S.REGISTERED},
    A.EXTEND: HANDLING,
    A.HAND_OVER: set(S) - TERMINAL,
    A.NOTE: set(S),
    A.NOTICE: set(S),
    A.PRINT: set(S),
    A.RECORDING: set(S),
}
ALL_PAIRS = [(s, a) for s in S for a in A]
ALLOWED = {(s, a) for (s, a) in MOVES} | {(s, a) for a, states in STAYS.items() for s in states}
ILLEGAL = [pair for pair in ALL_PAIRS if pair not in ALLOWED]


def test_values_are_stable() -> None:
    assert [s.value for s in S] == ["registered", "accepted", "in_progress", "paused", "decided",
                                    "review_requested", "reviewed", "closed", "withdrawn", "declined"]
    assert [a.value for a in A] == ["accept", "start", "pause", "resume", "new_facts", "extend", "decide",
                                    "request_review", "record_review", "close", "withdraw", "decline",
                                    "hand_over", "note", "notice", "print", "recording"]


@pytest.mark.parametrize(("pair", "target"), list(MOVES.items()))
def test_moving_actions(pair: tuple[CaseState, CaseAction], target: CaseState) -> None:
    assert next_state(*pair) is target


@pytest.mark.parametrize("pair", [(s, a) for a, states in STAYS.items() for s in states])
def test_staying_actions_keep_the_state(pair: tuple[CaseState, CaseAction]) -> None:
    assert next_state(*pair) is pair[0]


@pytest.mark.parametrize("pair", ILLEGAL)
def test_every_illegal_pair_raises(pair: tuple[CaseState, CaseAction]) -> None:
    state, action = pair
    with pytest.raises(IllegalTransition) as exc:
        next_state(state, action)
    assert exc.value.code == "illegal_transition"
    assert exc.value.field == "state"
    assert exc.value.params == {"state": state.value, "action": action.value}


def test_illegal_pairs_exist_in_every_state() -> None:
    assert len(ILLEGAL) == len(ALL_PAIRS) - len(ALLOWED)
    assert {s for s, _ in ILLEGAL} == set(S)


@pytest.mark.parametrize("state", list(S))
def test_allowed_actions_match_the_table_in_display_order(state: CaseState) -> None:
    expected = [a for a in A if (state, a) in ALLOWED]
    assert allowed_actions(state) == expected


def test_strings_from_the_database_are_accepted() -> None:
    assert next_state("registered", "accept") is S.ACCEPTED
    assert allowed_actions("closed") == [A.NOTE, A.NOTICE, A.PRINT, A.RECORDING]


def test_unknown_values_raise_illegal_transition() -> None:
    with pytest.raises(IllegalTransition):
        next_state("archived", "accept")
    with pytest.raises(IllegalTransition):
        next_state(S.REGISTERED, "approve")


def test_terminal_and_open_states() -> None:
    assert {s for s in S if is_terminal(s)} == TERMINAL
    assert OPEN_STATES == frozenset(set(S) - TERMINAL)
