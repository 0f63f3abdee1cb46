"""One definition of a case's shown dates: target date, legal limit, days left and ended-late flag.

A paused case's dates move on with today (the clock does not run while paused);
once the clock has stopped (decision, withdrawal, decline) days left count to
that day.  ``case list`` (text and JSON), the index-driven search, the start-up
page, the GUI list model, ``case show`` (text and JSON) and the detail view must
give every case the same dates on any day -- including a day on which a paused
case's moving target falls on a holiday.  An old store (schema 0003) gets the
columns the list needs back-filled from each case's history.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.cli import main
from app.db.engine import make_engine
from app.db.migrate import alembic_config
from app.desk import Desk, open_desk
from app.domain.deadlines import legal_limit_roll
from app.domain.states import CaseAction
from app.services import case_actions as acts
from app.services.case_search import search_cases
from app.services.cases import register_case
from app.services.first_page import read_first_page
from app.services.identity import Actor
from app.services.intake import parse_intake
from app.services.queries import CaseFilter, case_detail, export_case_rows, list_cases
from ui.case_model import CaseTableModel, Column
from ui.tasks import SynchronousExecutor

from .conftest import FakeClock, intake_dict
from .test_due_status import ACCEPT, PATHS, PAUSE, RESUME, TODAY, Step, _act, _at, _decide, _extend


def _note(desk: Desk, actor: Actor, _sup: Actor, number: str) -> object:
    with desk.write() as s:
        return acts.add_note(s, desk.rulebook, actor, number, text="鉴定机构来电")


#: More paths for the dates: paused twice, changed while paused, decided late after a pause,
#: withdrawn from a review, paused just before the 2026 Spring Festival.
MORE: list[tuple[str, list[int], list[tuple[int, Step]]]] = [
    ("paused_twice", [30], [(0, ACCEPT), (2, PAUSE), (5, RESUME), (9, PAUSE)]),
    ("paused_changed", [30], [(0, ACCEPT), (2, PAUSE), (6, _extend), (8, _note)]),
    ("paused_then_decided_late", [40], [(0, ACCEPT), (1, PAUSE), (3, RESUME), (30, _decide)]),
    ("withdrawn_in_review", [40], [(0, ACCEPT), (3, _decide), (5, _act(CaseAction.REQUEST_REVIEW, "不服")),
                                   (9, _act(CaseAction.WITHDRAW, "已协商"))]),
    ("paused_before_festival", [24], [(0, ACCEPT), (1, PAUSE)]),
]

#: Days the views are compared on: TODAY, the first working day after the Spring Festival, and
#: days on which the paused cases' moving targets fall on the Qingming and Labour Day rest days.
DAYS = [TODAY, date(2026, 2, 24), date(2026, 3, 21), date(2026, 4, 19), date(2026, 4, 25)]


@pytest.fixture
def walked(desk: Desk, actors: dict[str, Actor], clock: FakeClock) -> dict[str, list[str]]:
    numbers: dict[str, list[str]] = {}
    for name, ages, steps in PATHS + MORE:
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


Dates = tuple[str, str, int, bool]  # target date, legal limit, days left, ended late


def _views(desk: Desk, qapp: QApplication) -> dict[str, dict[str, Dates]]:
    """Every case's dates as each view gives them on the desk's today."""
    rb = desk.rulebook
    today = rb.today()
    roll = legal_limit_roll(rb.rules, rb.calendar)
    views: dict[str, dict[str, Dates]] = {}
    with desk.read() as s:
        rows = list_cases(s, rb, CaseFilter(), limit=None)
        for name, found in (("list", rows), ("search", search_cases(s, rb, CaseFilter(), limit=10_000))):
            views[name] = {}
            for r in found:
                shown = r.shown(today, roll)
                assert r.days_left(today) == shown.days_left
                views[name][r.case_number] = (shown.nominal_due.isoformat(), shown.legal_limit.isoformat(),
                                              shown.days_left, shown.ended_late)
        views["row_json"] = {r.case_number: (j["due_date"], j["legal_limit"], j["days_left"], j["ended_late"])
                             for r in rows for j in [r.as_json(today, roll)]}
        views["list_json"] = {j["number"]: (j["due_date"], j["legal_limit"], j["days_left"], j["ended_late"])
                              for j in export_case_rows(s, rb, CaseFilter())}
        views["show"] = {}
        for r in rows:
            d = case_detail(s, rb, r.case_number).deadline
            views["show"][r.case_number] = (d.nominal_due.isoformat(), d.legal_limit.isoformat(), d.days_left,
                                            d.ended_late)
    page = read_first_page(desk.paths, 10_000)
    assert page is not None and page.calendar is not None
    page_roll = legal_limit_roll(page.rules, page.calendar)
    views["first_page"] = {r.case_number: (s.nominal_due.isoformat(), s.legal_limit.isoformat(), s.days_left,
                                           s.ended_late) for r in page.rows for s in [r.shown(today, page_roll)]}
    # The GUI list: its tooltip names both dates; its due column counts the days while the clock runs.
    model = CaseTableModel(desk, SynchronousExecutor(), page_size=10_000, today=lambda: today)
    model.set_filter(CaseFilter(), force=True)
    for i in range(model.rowCount()):
        row = model.row_at(i)
        assert row is not None
        want = views["show"][row.case_number]
        tip = model.data(model.index(i, Column.DUE.value), Qt.ItemDataRole.ToolTipRole)
        assert f"{want[0]}" in tip and f"{want[1]}" in tip, (row.case_number, tip)
        text = model.data(model.index(i, Column.DUE.value), Qt.ItemDataRole.DisplayRole)
        if want[2] > 0 and row.state in ("registered", "accepted", "in_progress") and want[1] >= today.isoformat():
            assert str(want[2]) in text, (row.case_number, text)
    assert model.rowCount() == len(rows)
    return views


@pytest.mark.parametrize("day", DAYS)
def test_every_view_shows_the_same_dates(desk: Desk, walked: dict[str, list[str]], clock: FakeClock,
                                         qapp: QApplication, day: date) -> None:
    clock.now = _at(day)
    views = _views(desk, qapp)
    show = views.pop("show")
    for name, got in views.items():
        diff = {n: (got.get(n), show[n]) for n in show if got.get(n) != show[n]}
        assert not diff, f"{name} disagrees with case show on {day}: {diff}"


def test_paused_dates_move_on_and_stopped_clocks_count_to_their_day(desk: Desk, walked: dict[str, list[str]],
                                                                     clock: FakeClock, qapp: QApplication) -> None:
    first = _views(desk, qapp)["list_json"]
    clock.now = _at(TODAY + timedelta(days=10))
    later = _views(desk, qapp)["list_json"]
    for name in ("paused", "paused_twice", "paused_changed", "paused_before_festival"):
        for n in walked[name]:
            # Ten days later the target is ten days later, and as many days are left as before.
            assert date.fromisoformat(later[n][0]) - date.fromisoformat(first[n][0]) == timedelta(days=10), name
            assert later[n][2] == first[n][2] > 0, name
    for name in ("decided_on_time", "decided_late", "closed", "withdrawn", "withdrawn_while_paused", "declined",
                 "paused_then_decided_late", "withdrawn_in_review"):
        for n in walked[name]:
            assert later[n] == first[n], name  # nothing moves once the clock has stopped
    assert all(first[n][3] for n in walked["decided_late"] + walked["paused_then_decided_late"])
    assert not any(first[n][3] for n in walked["decided_on_time"] + walked["withdrawn_while_paused"])
    assert all(first[n][2] >= 0 for n in walked["decided_on_time"])
    # Withdrawn during the review of an on-time decision: the clock stopped on the decision day.
    with desk.read() as s:
        for n in walked["withdrawn_in_review"]:
            d = case_detail(s, desk.rulebook, n).deadline
            assert d.clock_stopped_on == TODAY - timedelta(days=40 - 3) and not d.ended_late


def test_cli_list_and_show_agree(desk: Desk, walked: dict[str, list[str]],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The real CLI (on the real today): list, list --json, show and show --json."""
    home = str(desk.paths.data)
    desk.close()
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    listed = {r["number"]: r for r in json.loads(capsys.readouterr().out)}
    assert main(["--data-dir", home, "case", "list"]) == 0
    lines = {ln.split("\t")[0]: ln.split("\t") for ln in capsys.readouterr().out.splitlines()}
    numbers = [n for name in ("paused", "paused_twice", "paused_changed", "paused_before_festival", "resumed",
                              "decided_on_time", "decided_late", "withdrawn_while_paused", "declined", "closed",
                              "paused_then_decided_late", "in_progress") for n in walked[name]]
    for n in numbers:
        assert main(["--data-dir", home, "case", "show", n, "--json"]) == 0
        shown = json.loads(capsys.readouterr().out)
        keys = ("due_date", "legal_limit", "days_left", "ended_late", "clock_stopped_on", "due_status")
        assert {k: listed[n][k] for k in keys} == {k: shown[k] for k in keys}, n
        assert lines[n][5] == shown["due_date"], n
        if shown["due_status"] in ("on_time", "due_soon"):
            assert lines[n][6] == f"{shown['days_left']}d"
        assert main(["--data-dir", home, "case", "show", n]) == 0
        text = capsys.readouterr().out
        assert f"due {shown['due_date']} (legal limit {shown['legal_limit']}," in text, n


@pytest.fixture
def old_store(desk: Desk, walked: dict[str, list[str]]) -> Iterator[tuple[Path, dict[str, tuple[object, ...]]]]:
    """The walked store as schema 0003 left it, and the columns the services wrote, by case number."""
    db = desk.paths.database
    with sqlite3.connect(db) as conn:
        written = {r[0]: r[1:] for r in conn.execute(
            "SELECT case_number, pause_counted_to, clock_stopped_on, nominal_due, legal_limit FROM cases")}
    desk.close()
    engine = make_engine(db)
    try:
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003_keyed_audit")
    finally:
        engine.dispose()
    with sqlite3.connect(db) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(cases)")}
        events = conn.execute("SELECT count(*) FROM case_events").fetchone()[0]
    assert not {"pause_counted_to", "clock_stopped_on"} & columns
    assert events > len(written)  # the old store keeps every case's history
    yield desk.paths.data, written


def test_the_upgrade_back_fills_an_old_store(old_store: tuple[Path, dict[str, tuple[object, ...]]],
                                             walked: dict[str, list[str]], clock: FakeClock,
                                             qapp: QApplication) -> None:
    home, written = old_store
    desk = open_desk(home, clock=clock)  # migrates to the head
    try:
        with sqlite3.connect(desk.paths.database) as conn:
            after = {r[0]: r[1:] for r in conn.execute(
                "SELECT case_number, pause_counted_to, clock_stopped_on, nominal_due, legal_limit FROM cases")}
            states = {r[0] for r in conn.execute("SELECT DISTINCT state FROM cases")}
        assert states >= {"registered", "accepted", "in_progress", "paused", "decided", "review_requested",
                          "reviewed", "closed", "withdrawn", "declined"}
        assert after == written
        assert any(v[0] is not None for v in after.values()) and any(v[1] is not None for v in after.values())
        for day in (TODAY, date(2026, 4, 19)):
            clock.now = _at(day)
            views = _views(desk, qapp)
            show = views.pop("show")
            for name, got in views.items():
                assert got == show, f"{name} disagrees with case show on {day} after the upgrade"
    finally:
        desk.close()
