"""The lazy case table: model contract, paging, urgency marks, search off the GUI thread."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QThreadPool

from app.clock import BEIJING
from app.desk import Desk
from app.services.demo import add_demo_cases
from app.services.identity import list_operators
from app.services.queries import CaseFilter, DueFilter
from ui import operations
from ui.case_model import CaseTableModel, Column
from ui.tasks import SynchronousExecutor, ThreadPoolExecutor

from .conftest import actor, intake


def demo(desk: Desk, n: int) -> None:
    with desk.write() as s:
        add_demo_cases(s, desk.rulebook, list_operators(s), n, seed=7)


def test_model_passes_qtmodeltester_with_paging(qtbot: Any, qtmodeltester: Any, desk: Desk) -> None:
    demo(desk, 45)
    model = CaseTableModel(desk, SynchronousExecutor(), page_size=20)
    with qtbot.waitSignal(model.totalChanged, timeout=5000):
        model.set_filter(CaseFilter())
        assert model.rowCount() == 20
        assert model.total is None, "counted apart, after a pause in typing"
    assert model.canFetchMore(QModelIndex())
    assert model.total == 45
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 45
    qtmodeltester.check(model)
    numbers = [model.row_at(i).case_number for i in range(45)]
    received = [model.row_at(i).received_at for i in range(45)]
    assert received == sorted(received, reverse=True), "newest first"
    assert len(set(numbers)) == 45


def test_overdue_and_due_soon_rows_stand_out_by_colour_and_icon(qtbot: Any, desk: Desk) -> None:
    now = datetime.now(BEIJING)
    who = actor(desk, "1024")
    overdue = operations.register(desk, who, intake(received_at=(now - timedelta(days=40)).isoformat()))
    soon = operations.register(desk, who, intake(received_at=(now - timedelta(days=13)).isoformat()))
    calm = operations.register(desk, who, intake())
    model = CaseTableModel(desk, SynchronousExecutor())
    model.set_filter(CaseFilter())
    rows = {model.row_at(r).case_number: r for r in range(model.rowCount())}
    for number, words in ((overdue.case_number, "已超期"), (soon.case_number, "剩余")):
        index = model.index(rows[number], Column.DUE)
        assert words in model.data(index, Qt.ItemDataRole.DisplayRole)
        assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None, "coloured"
        icon = model.data(index, Qt.ItemDataRole.DecorationRole)
        assert icon is not None and not icon.isNull(), "and marked with an icon, not colour alone"
        assert model.data(model.index(rows[number], Column.NUMBER), Qt.ItemDataRole.DecorationRole) is not None
    index = model.index(rows[calm.case_number], Column.DUE)
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "剩余 15 天"
    model.set_filter(CaseFilter(due=DueFilter.OVERDUE))
    assert [model.row_at(r).case_number for r in range(model.rowCount())] == [overdue.case_number]
    model.set_filter(CaseFilter(due=DueFilter.DUE_SOON))
    assert [model.row_at(r).case_number for r in range(model.rowCount())] == [soon.case_number]


def test_search_runs_off_the_gui_thread_and_drops_stale_results(qtbot: Any, desk: Desk) -> None:
    demo(desk, 60)
    executor = ThreadPoolExecutor(QThreadPool.globalInstance())
    model = CaseTableModel(desk, executor)
    first = model.row_at(0)
    with qtbot.waitSignal(model.filterApplied, timeout=10_000):
        model.set_filter(CaseFilter())
    first = model.row_at(0)
    assert first is not None
    applied: list[CaseFilter] = []
    model.filterApplied.connect(applied.append)
    # Typing fast: each keystroke narrows the search; only the latest may be shown at the end.
    target = first.case_number
    for i in range(8, len(target) + 1):
        model.set_filter(CaseFilter(text=target[:i]))
    qtbot.waitUntil(lambda: not model.busy and applied and applied[-1].text == target, timeout=10_000)
    assert all(f.text.startswith(target[:8]) for f in applied)
    assert len(applied) < len(target) - 7, "stale searches were dropped, not all shown"
    assert [model.row_at(r).case_number for r in range(model.rowCount())] == [target]
    assert executor.wait_for_done(5000)


def test_menu_values_match_the_core() -> None:
    from app.domain.states import CaseState
    from ui.case_columns import DUE_FILTERS, STATES

    assert STATES == tuple(s.value for s in CaseState)
    assert DUE_FILTERS == tuple(d.value for d in DueFilter)


def test_a_first_page_read_before_the_store_opens_shows_what_the_store_shows(qtbot: Any, qtmodeltester: Any,
                                                                             desk: Desk) -> None:
    from app.services.first_page import read_first_page

    demo(desk, 45)
    page = read_first_page(desk.paths, 20)
    assert page is not None
    early = CaseTableModel(None, SynchronousExecutor(), page_size=20, first_page=page)
    qtmodeltester.check(early)
    assert not early.canFetchMore(QModelIndex()), "no paging before the store is open"
    early.set_filter(CaseFilter(text="王"))  # typed while the store opens: kept, not searched yet
    assert early.rowCount() == 20 and early.current_filter.text == "王"

    store = CaseTableModel(desk, SynchronousExecutor(), page_size=20)
    store.set_operator_names({o.staff_no: o.name for o in list_operators_of(desk)})
    store.set_filter(CaseFilter())
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole)
    for r in range(20):
        for c in Column:
            for role in roles:
                assert early.data(early.index(r, c), role) == store.data(store.index(r, c), role), (r, c, role)

    early.attach(desk, SynchronousExecutor())
    early.set_filter(CaseFilter())  # what CaseListPage.start() does once the store is open
    assert early.total == 45, "the rows read apart are counted, not read again"
    assert early.canFetchMore(QModelIndex())
    early.set_filter(CaseFilter(text="王"))
    store.set_filter(CaseFilter(text="王"))
    assert [early.row_at(r) for r in range(early.rowCount())] == [store.row_at(r) for r in range(store.rowCount())]


def list_operators_of(desk: Desk) -> list[Any]:
    with desk.read() as s:
        return list_operators(s)


def test_tints_follow_the_core_due_status_and_the_rules_window(qtbot: Any, desk: Desk, make_window: Any) -> None:
    """A case decided on time is not overdue once its limit passes; 'due soon' is the rules file's window."""
    from dataclasses import replace

    from app.services import case_actions as acts
    from app.services.cases import transition
    from app.domain.states import CaseAction

    desk.rules = replace(desk.rules, due_soon_days=6)
    now = datetime.now(BEIJING)
    who = actor(desk, "1024")
    decided = operations.register(desk, who, intake(received_at=(now - timedelta(days=40)).isoformat()))
    with desk.write() as s:
        transition(s, desk.rulebook, who, decided.case_number, CaseAction.ACCEPT)
        acts.record_decision(s, desk.rulebook, who, decided.case_number, verified="已核实", basis="合同",
                             outcome="减免", remedies="可申请核查")
    soon = operations.register(desk, who, intake(received_at=(now - timedelta(days=10)).isoformat()))
    window = make_window("1024")
    page = window.list_page
    qtbot.waitUntil(lambda: page.model is not None and page.model.rowCount() == 2)
    model = page.model
    assert model is not None
    rows = {model.row_at(r).case_number: r for r in range(model.rowCount())}
    index = model.index(rows[decided.case_number], Column.DUE)
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "已决定，停止计时"
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None, "decided on time: not tinted overdue"
    index = model.index(rows[soon.case_number], Column.DUE)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None, "5 days left is due soon in a 6-day window"
    assert "6日内到期。" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    labels = [page.due_filter.itemText(i) for i in range(page.due_filter.count())]
    assert "6日内到期" in labels and "3日内到期" not in labels
