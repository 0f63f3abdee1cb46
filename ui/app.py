"""Starting the GUI: application, translators, look, the window frame at once, then the store.

The frame (menus, search box, empty list, status bar) is shown before the store
and its libraries (SQLAlchemy, Alembic) are even imported: those load on a
worker thread while the window already takes input, and the list fills in as
soon as the store is open.  A desk without an identity gets the first-run
set-up dialog first.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.paths import resolve_paths
from app.settings import Settings, load_settings, save_settings
from ui import icons
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.style import apply_look
from ui.tasks import Executor, TaskState, ThreadPoolExecutor, submit

if TYPE_CHECKING:
    from app.desk import Desk
    from ui.operations import DeskSnapshot

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
    """The main window over an opened, set-up desk, attached at once (tests call this directly)."""
    window = MainWindow()
    window.attach(make_context(desk, settings, executor, snapshot, operator=operator))
    return window


def make_context(desk: Desk, settings: Settings, executor: Executor, snapshot: DeskSnapshot, *,
                 operator: str | None = None) -> object:
    from ui.context import DeskContext

    ctx = DeskContext(desk, settings, executor, snapshot)
    wanted = operator or settings.last_operator
    staff_nos = [o.staff_no for o in snapshot.operators]
    if wanted not in staff_nos:
        wanted = staff_nos[0] if staff_nos else ""
    if wanted:
        ctx.actor = next(o for o in snapshot.operators if o.staff_no == wanted)
    return ctx


@dataclass(frozen=True)
class OpenedStore:
    """What the worker hands back once the store is open."""

    desk: Desk
    snapshot: DeskSnapshot


def open_store(data_dir: str | None) -> OpenedStore:
    """Import the store's libraries and open it (runs on a worker thread at start-up)."""
    from app.desk import open_desk
    from ui.operations import desk_snapshot

    desk = open_desk(data_dir)
    try:
        snapshot = desk_snapshot(desk)
    except BaseException:
        desk.close()
        raise
    # What attach() needs, loaded here off the GUI thread; the tabs load after the first page.
    import ui.case_model  # noqa: F401
    import ui.context  # noqa: F401
    return OpenedStore(desk, snapshot)


def preload_tabs(_state: TaskState) -> None:
    """Import the intake form, case view and settings dialog before the operator asks for them."""
    import ui.detail.view  # noqa: F401
    import ui.intake.form  # noqa: F401
    import ui.settings_dialog  # noqa: F401


def _fit_to_screen(window: MainWindow) -> None:
    screen = window.screen().availableGeometry()
    window.resize(min(1440, screen.width()), min(900, screen.height()))
    if screen.width() <= 1440 or screen.height() <= 900:
        window.showMaximized()
    else:
        window.show()


def run_gui(args: argparse.Namespace, *, executor: Executor | None = None,
            on_shown: Callable[[MainWindow], None] | None = None,
            on_ready: Callable[[MainWindow], None] | None = None) -> int:
    """Open the desk in a window; returns the exit status (``args``: data_dir, lang, operator).

    ``on_shown`` runs when the frame is on screen and takes input, ``on_ready``
    when the first page of cases is in the list (both for the bench).
    """
    app = application()
    data_dir = getattr(args, "data_dir", None)
    paths = resolve_paths(data_dir)
    settings, problems = load_settings(paths.settings_file)
    for problem in problems:
        log.warning("settings: %s", problem)
    install_language(getattr(args, "lang", None) or settings.language)
    apply_look(app)
    pool = executor or ThreadPoolExecutor()
    window = MainWindow()
    window.ready.connect(lambda: submit(pool, preload_tabs, name="preload-tabs"))
    if on_ready is not None:
        window.ready.connect(lambda: on_ready(window))
    _fit_to_screen(window)
    if on_shown is not None:
        QTimer.singleShot(0, lambda: on_shown(window))
    opened: list[Desk] = []

    def store_open(result: OpenedStore) -> None:
        nonlocal settings
        opened.append(result.desk)
        snapshot = result.snapshot
        if snapshot.info is None or not snapshot.operators:
            from ui.setup_dialog import SetupDialog

            dialog = SetupDialog(result.desk, pool, needs_operator=not snapshot.operators, parent=window)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.snapshot is None:
                window.close()
                return
            snapshot = dialog.snapshot
            if dialog.language_code() != settings.language:
                settings = replace(settings, language=dialog.language_code())
                save_settings(result.desk.paths.settings_file, settings)
        ctx = make_context(result.desk, settings, pool, snapshot, operator=getattr(args, "operator", None))
        window.attach(ctx)  # type: ignore[arg-type]
        window.start()
        from ui.recording_desk import recover_at_start

        recover_at_start(window, ctx)  # type: ignore[arg-type]  # recordings a crash left without a manifest

    def store_failed(exc: BaseException) -> None:
        from ui.messages import error_text

        QMessageBox.critical(window, APP_NAME, error_text(exc))
        window.close()

    def opening(_state: TaskState) -> OpenedStore:
        return open_store(data_dir)

    # After the first event-loop pass: the frame is painted before the worker competes for the GIL.
    QTimer.singleShot(0, lambda: submit(pool, opening, on_result=store_open, on_error=store_failed,
                                        name="open-store"))
    status = app.exec()
    pool.wait_for_done(10_000)
    for desk in opened:
        desk.close()
    return int(status)
