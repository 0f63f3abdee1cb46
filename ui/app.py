"""Starting the GUI: application, translators, look, first-run set-up, main window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.desk import Desk, open_desk
from app.errors import DeskError
from app.settings import Settings, load_settings
from ui import icons
from ui.context import DeskContext
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.messages import error_text
from ui.operations import DeskSnapshot, desk_snapshot
from ui.setup_dialog import SetupDialog
from ui.style import apply_look
from ui.tasks import Executor, ThreadPoolExecutor

log = logging.getLogger(__name__)

APP_NAME = "Complaint Desk"


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication (created on first use)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("complaint-desk")
    app.setWindowIcon(icons.icon("app"))
    return app


def build_main_window(desk: Desk, settings: Settings, executor: Executor, snapshot: DeskSnapshot, *,
                      operator: str | None = None) -> MainWindow:
    """The main window over an opened, set-up desk (tests call this directly)."""
    ctx = DeskContext(desk, settings, executor, snapshot)
    wanted = operator or settings.last_operator
    staff_nos = [o.staff_no for o in snapshot.operators]
    if wanted not in staff_nos:
        wanted = staff_nos[0] if staff_nos else ""
    if wanted:
        ctx.actor = next(o for o in snapshot.operators if o.staff_no == wanted)
    return MainWindow(ctx)


def _fit_to_screen(window: MainWindow) -> None:
    screen = window.screen().availableGeometry()
    width = min(1440, screen.width())
    height = min(900, screen.height())
    window.resize(width, height)
    if screen.width() <= 1440 or screen.height() <= 900:
        window.showMaximized()
    else:
        window.show()


def run_gui(args: argparse.Namespace, *, executor: Executor | None = None,
            on_ready: Callable[[MainWindow], None] | None = None) -> int:
    """Open the desk in a window; returns the exit status (``args``: data_dir, lang, operator)."""
    app = application()
    try:
        desk = open_desk(args.data_dir)
    except DeskError as exc:
        install_language(getattr(args, "lang", None) or "zh_CN")
        QMessageBox.critical(None, APP_NAME, error_text(exc))
        return 1
    settings, problems = load_settings(desk.paths.settings_file)
    for problem in problems:
        log.warning("settings: %s", problem)
    install_language(getattr(args, "lang", None) or settings.language)
    apply_look(app)
    pool = executor or ThreadPoolExecutor()
    try:
        snapshot = desk_snapshot(desk)
        if snapshot.info is None or not snapshot.operators:
            dialog = SetupDialog(desk, pool, needs_operator=not snapshot.operators)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.snapshot is None:
                return 0
            snapshot = dialog.snapshot
            if dialog.language_code() != settings.language:
                from dataclasses import replace

                from app.settings import save_settings

                settings = replace(settings, language=dialog.language_code())
                save_settings(desk.paths.settings_file, settings)
        window = build_main_window(desk, settings, pool, snapshot, operator=getattr(args, "operator", None))
        if on_ready is not None:
            window.ready.connect(lambda: on_ready(window))
        _fit_to_screen(window)
        QTimer.singleShot(0, window.start)
        status = app.exec()
        pool.wait_for_done(10_000)
        return int(status)
    finally:
        desk.close()
