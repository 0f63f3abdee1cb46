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
from PySide6.QtWidgets import QApplication, QWidget

from app.paths import resolve_paths
from app.settings import Settings, load_settings, save_settings
from ui.i18n import install_language
from ui.style import STYLE_ARGUMENTS, apply_look

if TYPE_CHECKING:
    # The window, the task helper and the store load inside run_gui, the last two once the
    # window's first frame is painted.
    from app.desk import Desk
    from ui.main_window import MainWindow
    from ui.operations import DeskSnapshot
    from ui.tasks import Executor, TaskState

log = logging.getLogger(__name__)

APP_NAME = "Complaint Desk"


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication (created on first use)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication([*(argv if argv is not None else sys.argv[:1]), *STYLE_ARGUMENTS])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("complaint-desk")
    # The icon is set once the first frame is painted (run_gui): loading it costs ~1.5 ms.
    return app


def set_window_icon(app: QApplication) -> None:
    """The application's icon, which every window without its own shows."""
    from ui import icons

    app.setWindowIcon(icons.icon("app"))


def build_main_window(desk: Desk, settings: Settings, executor: Executor, snapshot: DeskSnapshot, *,
                      operator: str | None = None) -> MainWindow:
    """The main window over an opened, set-up desk, attached at once (tests call this directly)."""
    from ui.main_window import MainWindow

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


def _fit_to_screen(window: QWidget) -> None:
    screen = window.screen().availableGeometry()
    window.resize(min(1440, screen.width()), min(900, screen.height()))
    if screen.width() <= 1440 or screen.height() <= 900:
        window.showMaximized()
    else:
        window.show()


#: How long start-up waits for the window's first frame before going on regardless.
FIRST_FRAME_WAIT_MS = 500


def after_first_frame(window: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` on the first event-loop pass after ``window``'s first frame is painted.

    Qt paints a shown top-level widget while it delivers the window's first
    expose event, which comes a few passes after ``show()``; until then, work on
    other threads would only compete with that paint for the Python lock.  A
    window that is never exposed (minimised at start) waits FIRST_FRAME_WAIT_MS.
    """
    timer = QTimer(window)
    timer.setInterval(1)
    waited = 0

    def check() -> None:
        nonlocal waited
        waited += 1
        handle = window.windowHandle()
        if (handle is not None and handle.isExposed()) or waited >= FIRST_FRAME_WAIT_MS:
            timer.stop()
            timer.deleteLater()
            QTimer.singleShot(0, then)

    timer.timeout.connect(check)
    timer.start()


def run_gui(args: argparse.Namespace, *, executor: Executor | None = None,
            on_shown: Callable[[MainWindow], None] | None = None,
            on_ready: Callable[[MainWindow], None] | None = None) -> int:
    """Open the desk in a window; returns the exit status (``args``: data_dir, lang, operator).

    ``on_shown`` runs when the frame is painted and takes input, ``on_ready``
    when the first page of cases is in the list (both for the bench).
    """
    made_here = QApplication.instance() is None
    app = application()
    data_dir = getattr(args, "data_dir", None)
    paths = resolve_paths(data_dir)
    settings, problems = load_settings(paths.settings_file)
    for problem in problems:
        log.warning("settings: %s", problem)
    install_language(getattr(args, "lang", None) or settings.language)
    apply_look(app, style_chosen=made_here)
    from ui.main_window import MainWindow

    window = MainWindow()
    _fit_to_screen(window)
    pools: list[Executor] = []  # made once the first frame is painted
    if on_ready is not None:
        window.ready.connect(lambda: on_ready(window))
    opened: list[Desk] = []

    def store_open(result: OpenedStore) -> None:
        nonlocal settings
        opened.append(result.desk)
        snapshot = result.snapshot
        pool = pools[0]
        if snapshot.info is None or not snapshot.operators:
            from PySide6.QtWidgets import QDialog

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
        from PySide6.QtWidgets import QMessageBox

        from ui.messages import error_text

        QMessageBox.critical(window, APP_NAME, error_text(exc))
        window.close()

    def opening(_state: TaskState) -> OpenedStore:
        return open_store(data_dir)

    def frame_painted() -> None:
        set_window_icon(app)
        if on_shown is not None:
            on_shown(window)
        from ui.tasks import ThreadPoolExecutor, submit

        pool = executor or ThreadPoolExecutor()
        pools.append(pool)
        window.ready.connect(lambda: submit(pool, preload_tabs, name="preload-tabs"))
        submit(pool, opening, on_result=store_open, on_error=store_failed, name="open-store")

    after_first_frame(window, frame_painted)
    status = app.exec()
    for pool in pools:
        pool.wait_for_done(10_000)
    for desk in opened:
        desk.close()
    return int(status)
