"""Starting the application: the frame first, the store on a worker, the first-run set-up."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.desk import Desk
from app.settings import load_settings
from ui import operations
from ui.app import run_gui
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

    def ready(window: MainWindow) -> None:
        events.append("ready")
        model = window.list_page.model
        seen["rows"] = [model.row_at(r).case_number for r in range(model.rowCount())]
        seen["operator"] = window.ctx.actor.staff_no if window.ctx and window.ctx.actor else ""
        QTimer.singleShot(0, window.close)

    args = argparse.Namespace(data_dir=str(desk.paths.data), lang="en", operator="2048")
    assert run_gui(args, on_shown=shown, on_ready=ready) == 0  # the real thread pool
    assert events == ["shown", "ready"]
    assert seen["attached_when_shown"] is False, "the frame is up before the store is open"
    assert seen["search_box"]
    assert seen["rows"] == [number]
    assert seen["operator"] == "2048"


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
