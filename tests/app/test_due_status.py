"""One definition of a case's due status: list, JSON, --due filters (SQL), case show and the start-up page agree.

Cases are walked into every state by the services on a real store, received on a
spread of days around the 2026 Spring Festival (so some due dates roll past the
holiday), with extensions, pauses, new facts, decisions on time and late.  On one
later day every view must say the same thing about every case.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.cli import main
from app.desk import Desk
from app.domain.states import CaseAction, CaseState, DueStatus, due_status
from app.services import case_actions as acts
from app.services.case_search import count_matching, search_cases
from app.services.cases import register_case, transition
from app.services.first_page import read_first_page
from app.services.identity import Actor
from app.services.intake import parse_intake
from app.services.queries import CaseFilter, DueFilter, case_detail, count_cases, export_case_rows, list_cases

from .conftest import FakeClock, intake_dict

#: The day the views are compared on (10:00 Beijing).
TODAY = date(2026, 3, 4)  # a Wednesday: no rest day rolls a limit onto it
Step = Callable[[Desk, Actor, Actor, str], object]


def _act(action: CaseAction, reason: str = "") -> Step:
    def step(desk: Desk, actor: Actor, _sup: Actor, number: str) -> object:
        with desk.write() as s:
            return transition(s, desk.rulebook, actor, number, action, reason=reason or "reason")
    return step


def _extend(desk: Desk, actor: Actor, _sup: Actor, number: str) -> object:
    with desk.write() as s:
        return acts.extend_deadline(s, desk.rulebook, actor, number, level=1, reason="复杂案件")


def _new_facts(desk: Desk, actor: Actor, _sup: Actor, number: str) -> object:
    with desk.write() as s:
        return acts.add_new_facts(s, desk.rulebook, actor, number, facts="补充了新的交易记录")


def _decide(desk: Desk, actor: Actor, _sup: Actor, number: str) -> object:
    with desk.write() as s:
        return acts.record_decision(s, desk.rulebook, actor, number, verified="已核实", basis="合同条款",
                                    outcome="减免罚息", remedies="可申请核查")


def _close(desk: Desk, _actor: Actor, sup: Actor, number: str) -> object:
    with desk.write() as s:
        return acts.close_case(s, desk.rulebook, sup, number, root_cause="系统延迟", rectification="",
                               satisfaction="satisfied", surveyed_by_staff_no="2048")


ACCEPT, START = _act(CaseAction.ACCEPT), _act(CaseAction.START)
PAUSE, RESUME = _act(CaseAction.PAUSE, "外部鉴定"), _act(CaseAction.RESUME)
# (name, days before TODAY the case was received, [(days after receipt, step), ...])
PATHS: list[tuple[str, list[int], list[tuple[int, Step]]]] = [
    ("registered", list(range(8, 40)), []),
    ("accepted", list(range(8, 40)), [(0, ACCEPT)]),
    ("in_progress", list(range(8, 40, 3)), [(0, ACCEPT), (1, START)]),
    ("extended", list(range(26, 36)), [(0, ACCEPT), (2, _extend)]),
    ("new_facts", list(range(18, 24)), [(5, _new_facts)]),
    ("paused", [10, 20, 40], [(0, ACCEPT), (2, PAUSE)]),
    ("resumed", list(range(17, 27)), [(0, ACCEPT), (2, PAUSE), (8, RESUME)]),
    ("decided_on_time", [10, 20, 40], [(0, ACCEPT), (3, _decide)]),
    ("decided_late", [40], [(0, ACCEPT), (35, _decide)]),
    ("review_requested", [40], [(0, ACCEPT), (3, _decide), (5, _act(CaseAction.REQUEST_REVIEW, "不服"))]),
    ("reviewed", [40], [(0, ACCEPT), (3, _decide), (5, _act(CaseAction.REQUEST_REVIEW, "不服")),
                        (8, _act(CaseAction.RECORD_REVIEW, "维持"))]),
    ("closed", [40], [(0, ACCEPT), (3, _decide), (5, _close)]),
    ("withdrawn", [20, 40], [(1, _act(CaseAction.WITHDRAW, "已协商"))]),
    ("withdrawn_while_paused", [40], [(0, ACCEPT), (1, PAUSE), (3, _act(CaseAction.WITHDRAW, "已协商"))]),
    ("declined", [20, 40], [(1, _act(CaseAction.DECLINE, "非本人投诉"))]),
]


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=timezone.utc)  # 10:00 Beijing


@pytest.fixture
def walked(desk: Desk, actors: dict[str, Actor], clock: FakeClock) -> dict[str, list[str]]:
    """Case numbers by path name, every case walked to its state; the clock left on TODAY."""
    numbers: dict[str, list[str]] = {}
    for name, ages, steps in PATHS:
        for age in ages:
            received = TODAY - timedelta(days=age)
            clock.now = _at(received)
            intake = parse_intake(intake_dict(), desk.rules, desk.reference, clock())
            with desk.write() as s:
                number = register_case(s, desk.rulebook, actors["1024"], intake).case_number
            for offset, step in steps:
                clock.now = _at(received + timedelta(days=offset))
                step(desk, actors["1024"], actors["2048"], number)
            numbers.setdefault(name, []).append(number)
    clock.now = _at(TODAY)
    return numbers


def _selected(desk: Desk, flt: CaseFilter) -> dict[str, set[str]]:
    """The numbers each way of listing returns for ``flt``."""
    rb = desk.rulebook
    with desk.read() as s:
        found = {
            "list_cases": {r.case_number for r in list_cases(s, rb, flt, limit=None)},
            "search_cases": {r.case_number for r in search_cases(s, rb, flt, limit=10_000)},
            "export": {r["number"] for r in export_case_rows(s, rb, flt)},
        }
        counts = {count_cases(s, rb, flt), count_matching(s, rb, flt)}
    assert counts == {len(found["list_cases"])}, f"counts disagree for {flt}"
    return found


def _check_every_view(desk: Desk) -> dict[str, DueStatus]:
    """Assert that every view gives every case the due status of the one definition; returns them."""
    rb = desk.rulebook
    today, window = rb.today(), rb.rules.due_soon_days
    with desk.read() as s:
        rows = list_cases(s, rb, CaseFilter(), limit=None)
        exported = {r["number"]: r for r in export_case_rows(s, rb, CaseFilter())}
        expected = {r.case_number: due_status(r.state, r.nominal_due, r.legal_limit, today, window) for r in rows}
        for row in rows:
            assert row.due_status(today, window) is expected[row.case_number]
            shown = case_detail(s, rb, row.case_number).deadline
            assert shown.status is expected[row.case_number], row.case_number
            assert shown.overdue == (expected[row.case_number] is DueStatus.OVERDUE), row.case_number
            item = exported[row.case_number]
            assert item["due_status"] == expected[row.case_number].value, row.case_number
            assert item["overdue"] == (expected[row.case_number] is DueStatus.OVERDUE)
            assert row.is_overdue(today) == (expected[row.case_number] is DueStatus.OVERDUE)
    by_filter = {
        DueFilter.OVERDUE: {DueStatus.OVERDUE}, DueFilter.DUE_SOON: {DueStatus.DUE_SOON},
        DueFilter.PAUSED: {DueStatus.PAUSED}, DueFilter.CLOSED: {DueStatus.CLOSED},
        DueFilter.OPEN: set(DueStatus) - {DueStatus.CLOSED}, DueFilter.ALL: set(DueStatus),
    }
    for due, statuses in by_filter.items():
        want = {n for n, st in expected.items() if st in statuses}
        for how, got in _selected(desk, CaseFilter(due=due)).items():
            assert got == want, f"--due {due.value} via {how}: extra {got - want}, missing {want - got}"
        # A state filter on top narrows the same way (the index-driven search re-plans for it).
        for state in (CaseState.ACCEPTED, CaseState.DECIDED, CaseState.PAUSED):
            narrowed = {n for n in want if next(r for r in rows if r.case_number == n).state == state.value}
            for how, got in _selected(desk, CaseFilter(states=(state.value,), due=due)).items():
                assert got == narrowed, f"--due {due.value} --state {state.value} via {how}"
    return expected


def test_every_view_agrees_on_every_state_and_boundary(desk: Desk, walked: dict[str, list[str]]) -> None:
    expected = _check_every_view(desk)
    with desk.read() as s:
        states = {r.state for r in list_cases(s, desk.rulebook, CaseFilter(), limit=None)}
    assert states == {s.value for s in CaseState}, "every state is covered"
    # Every status occurs, and the boundaries are in the data: due today, limit today, limit yesterday.
    assert set(expected.values()) == set(DueStatus)
    with desk.read() as s:
        rows = list_cases(s, desk.rulebook, CaseFilter(states=("accepted",)), limit=None)
    assert any(r.nominal_due == TODAY for r in rows) and any(r.legal_limit == TODAY for r in rows)
    assert any(r.legal_limit == TODAY - timedelta(days=1) for r in rows)
    at_limit = [r for r in rows if r.legal_limit == TODAY]
    assert all(expected[r.case_number] is DueStatus.DUE_SOON for r in at_limit), "the last legal day is not overdue"
    past_limit = [r for r in rows if r.legal_limit == TODAY - timedelta(days=1)]
    assert all(expected[r.case_number] is DueStatus.OVERDUE for r in past_limit)
    # The cases, by name.
    for number in walked["decided_on_time"] + walked["decided_late"] + walked["review_requested"]:
        assert expected[number] is DueStatus.DECIDED
    for number in walked["paused"]:
        assert expected[number] is DueStatus.PAUSED
    for name in ("closed", "withdrawn", "withdrawn_while_paused", "declined"):
        assert all(expected[n] is DueStatus.CLOSED for n in walked[name])


def test_views_agree_while_a_holiday_holds_the_legal_limit_back(desk: Desk, walked: dict[str, list[str]],
                                                                 clock: FakeClock) -> None:
    holiday_end = date(2026, 2, 24)  # first working day after the 2026 Spring Festival rest days
    clock.now = _at(holiday_end)
    expected = _check_every_view(desk)
    with desk.read() as s:
        rows = list_cases(s, desk.rulebook, CaseFilter(states=("accepted",)), limit=None)
    rolled = [r for r in rows if r.nominal_due < holiday_end == r.legal_limit]
    assert rolled, "targets in the holiday rolled to its end"
    assert all(expected[r.case_number] is DueStatus.DUE_SOON for r in rolled)


def test_the_due_soon_window_comes_from_the_rules(desk: Desk, walked: dict[str, list[str]]) -> None:
    three = _check_every_view(desk)
    desk.rules = replace(desk.rules, due_soon_days=6)
    six = _check_every_view(desk)
    widened = {n for n in three if three[n] is DueStatus.ON_TIME and six[n] is DueStatus.DUE_SOON}
    assert widened, "a wider window in the rules makes more cases due soon"
    with desk.read() as s:
        rows = {r.case_number: r for r in list_cases(s, desk.rulebook, CaseFilter(), limit=None)}
    assert {(rows[n].nominal_due - TODAY).days for n in widened} == {4, 5, 6}


def test_start_up_page_rows_carry_the_same_status(desk: Desk, walked: dict[str, list[str]]) -> None:
    page = read_first_page(desk.paths, 500)
    assert page is not None and len(page.rows) == sum(len(v) for v in walked.values())
    with desk.read() as s:
        shown = {r["number"]: r["due_status"] for r in export_case_rows(s, desk.rulebook, CaseFilter())}
    assert {r.case_number: r.due_status(TODAY, page.rules.due_soon_days).value for r in page.rows} == shown


def test_cli_decided_on_time_is_not_overdue_anywhere(desk: Desk, walked: dict[str, list[str]],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's report: list said OVERDUE, --due overdue left it out, show said not overdue."""
    home = str(desk.paths.data)
    desk.close()  # the CLI opens the store itself (with the real clock: the dates below are long past)
    number = walked["decided_on_time"][-1]  # received 40 days before TODAY, decided on day 3
    late = walked["registered"][-1]  # received 39 days before TODAY, never decided: overdue
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    listed = {r["number"]: r for r in json.loads(capsys.readouterr().out)}
    assert (listed[number]["overdue"], listed[number]["due_status"]) == (False, "decided")
    assert (listed[late]["overdue"], listed[late]["due_status"]) == (True, "overdue")
    assert main(["--data-dir", home, "case", "list"]) == 0
    lines = {line.split("\t")[0]: line for line in capsys.readouterr().out.splitlines()}
    assert lines[number].endswith("\tDECIDED") and lines[late].endswith("\tOVERDUE")
    assert main(["--data-dir", home, "case", "list", "--due", "overdue", "--json"]) == 0
    overdue = {r["number"] for r in json.loads(capsys.readouterr().out)}
    assert late in overdue and number not in overdue
    assert overdue == {n for n, r in listed.items() if r["overdue"]}
    assert main(["--data-dir", home, "case", "show", number, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["overdue"], shown["due_status"], shown["ended_late"]) == (False, "decided", False)
    assert main(["--data-dir", home, "case", "show", number]) == 0
    assert "OVERDUE" not in capsys.readouterr().out
    decided_late = walked["decided_late"][0]
    assert main(["--data-dir", home, "case", "show", decided_late, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["overdue"], shown["due_status"], shown["ended_late"]) == (False, "decided", True)


def test_cli_due_soon_uses_the_bank_rules_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "desk"
    assert main(["--data-dir", str(home), "init", "--branch", "0591", "--branch-name", "福州分行营业部",
                 "--desk", "W01", "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    shipped = json.loads((Path(__file__).parents[2] / "resources/rules/complaint_rules.json").read_text("utf-8"))
    now = datetime.now(timezone.utc)
    case = tmp_path / "case.json"
    # Received 9 days ago: 6 days to the target (or a holiday further), outside the shipped 3-day window.
    case.write_text(json.dumps(intake_dict(received_at=(now - timedelta(days=9)).isoformat()),
                               ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", str(home), "case", "add", "--json", str(case)]) == 0
    number = capsys.readouterr().out.strip()
    assert main(["--data-dir", str(home), "case", "list", "--due", "due_soon", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    shipped["due_soon_days"] = 30
    (home / "config" / "complaint_rules.json").write_text(json.dumps(shipped), encoding="utf-8")
    assert main(["--data-dir", str(home), "case", "list", "--due", "due_soon", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["number"], row["due_status"]) == (number, "due_soon")
    assert main(["--data-dir", str(home), "case", "show", number, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["due_status"] == "due_soon"
