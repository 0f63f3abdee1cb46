"""Starting the application: the frame first, the store on a worker, the first-run set-up."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.desk import Desk
from app.settings import load_settings
from ui import operations
from ui.app import run_gui
from ui.case_columns import Column
from ui.main_window import MainWindow
from ui.setup_dialog import SetupDialog
from ui.tasks import SynchronousExecutor

from .conftest import actor, intake


def test_start_shows_the_frame_first_then_the_cases(qtbot: Any, desk: Desk) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    events: list[str] = []
    seen: dict[str, Any] = {}

    def shown(window: MainWindow) -> None:
        events.append("shown")
        seen["attached_when_shown"] = window.ctx is not None
        seen["search_box"] = window.list_page.search.isVisible()
        seen["painted"] = window.windowHandle().isExposed()

    def attached(window: MainWindow) -> None:
        if window.ctx is None:
            QTimer.singleShot(5, lambda: attached(window))
            return
        seen["operator"] = window.ctx.actor.staff_no if window.ctx.actor else ""
        window.close()

    def ready(window: MainWindow) -> None:
        events.append("ready")
        model = window.list_page.model
        seen["rows"] = [model.row_at(r).case_number for r in range(model.rowCount())]
        attached(window)

    args = argparse.Namespace(data_dir=str(desk.paths.data), lang="en", operator="2048")
    assert run_gui(args, on_shown=shown, on_ready=ready) == 0  # the real thread pool
    assert events == ["shown", "ready"]
    assert seen["attached_when_shown"] is False, "the frame is up before the store is open"
    assert seen["search_box"] and seen["painted"]
    assert seen["rows"] == [number]
    assert seen["operator"] == "2048"


def test_the_first_page_is_listed_before_the_store_is_open(qtbot: Any, desk: Desk) -> None:
    who = actor(desk, "1024")
    numbers = [operations.register(desk, who, intake(complainant=dict(intake()["complainant"], name=name)))
               .case_number for name in ("王小明", "李四", "赵六")]
    seen: dict[str, Any] = {}
    windows: list[MainWindow] = []

    def ready(window: MainWindow) -> None:
        windows.append(window)
        model = window.list_page.model
        seen["open_at_ready"] = window.ctx is not None
        seen["rows"] = [model.row_at(r).case_number for r in range(model.rowCount())]
        seen["names"] = [model.index(r, Column.FIRST_RESPONDER).data() for r in range(model.rowCount())]
        # Before the store is open: Enter on the first row, Ctrl+N and a search are kept for it.
        window.list_page.focus_list()
        QTest.keyClick(window.list_page.view, Qt.Key.Key_Return)
        window.new_action.trigger()
        window.refresh_action.trigger()  # F5: the list is read from the store once it is open anyway
        window.list_page.search.setText("李四")
        seen["tabs_before"] = window.tabs.count()

    def done() -> bool:
        window = windows[0] if windows else None
        model = window.list_page.model if window else None
        return (window is not None and window.ctx is not None and model is not None
                and model.current_filter.text == "李四" and not model.busy and model.rowCount() == 1)

    def close_when_done() -> None:
        if done():
            seen["tabs"] = [type(windows[0].tabs.widget(i)).__name__ for i in range(windows[0].tabs.count())]
            seen["found"] = windows[0].list_page.model.row_at(0).case_number  # type: ignore[union-attr]
            windows[0].close()
        else:
            QTimer.singleShot(10, close_when_done)

    QTimer.singleShot(0, close_when_done)
    args = argparse.Namespace(data_dir=str(desk.paths.data), lang="en", operator=None)
    # The synchronous executor: the store opens one event-loop pass after the first page is listed.
    assert run_gui(args, executor=SynchronousExecutor(), on_ready=ready) == 0
    assert seen["open_at_ready"] is False
    assert seen["rows"] == numbers[::-1], "newest first, as the store's search lists them"
    assert seen["names"] == ["1024 林晓"] * 3
    assert seen["tabs_before"] == 1, "nothing opened before the store is"
    assert seen["tabs"] == ["CaseListPage", "CaseDetailView", "IntakeForm"]
    assert seen["found"] == numbers[1], "the search typed meanwhile ran once the store was open"


def test_first_run_asks_for_the_desk_identity(qtbot: Any, desk_home: Path) -> None:
    home = desk_home / "fresh"
    seen: dict[str, Any] = {}

    def fill_setup() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SetupDialog):
            QTimer.singleShot(20, fill_setup)
            return
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.branch_code.setText("0592")
        dialog.branch_name.setText("厦门分行营业部")
        dialog.desk_code.setText("W03")
        dialog.operator_name.setText("林晓")
        dialog.hotline.setText("95588")
        dialog.branch_contact.setText("厦门市思明区鹭江道8号")
        dialog.submit()

    def ready(window: MainWindow) -> None:
        seen["desk"] = window.status.desk.text()
        seen["title"] = window.tabs.tabText(0)
        QTimer.singleShot(0, window.close)

    QTimer.singleShot(0, fill_setup)
    args = argparse.Namespace(data_dir=str(home), lang=None, operator=None)
    assert run_gui(args, executor=SynchronousExecutor(), on_ready=ready) == 0
    assert seen["desk"] == "0592-W03 厦门分行营业部"
    assert seen["title"] == "Cases", "the language chosen in the set-up is used at once"
    settings, _ = load_settings(home / "config" / "settings.json")
    assert settings.language == "en", "and kept for the next start"
