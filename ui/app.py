"""Starting the GUI: application, translators, look, the window frame at once, then the store.

The frame (menus, search box, empty list, status bar) is shown before the store
and its libraries (SQLAlchemy, Alembic) are even imported; ui.startup then lists
the first page of cases (read with sqlite3) and opens the store on a worker
while the window already takes input.  A desk without an identity gets the
first-run set-up dialog first.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.logs import setup_logging
from app.paths import resolve_paths
from app.settings import Settings, load_settings
from ui.i18n import install_language
from ui.style import STYLE_ARGUMENTS, apply_look

if TYPE_CHECKING:
    # The window loads inside run_gui, the task helper and the store once its first frame is painted.
    from app.desk import Desk
    from ui.main_window import MainWindow
    from ui.operations import DeskSnapshot
    from ui.startup import DeskStart
    from ui.tasks import Executor

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
    expose event, a few passes after ``show()``; work started on other threads
    before that would only compete with the paint for the Python lock.  A window
    that is never exposed (minimised at start) waits FIRST_FRAME_WAIT_MS.
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
    paths = resolve_paths(getattr(args, "data_dir", None))
    try:
        setup_logging(paths.ensure())  # the same rotating file the CLI writes to
    except OSError as exc:
        log.warning("cannot write the log folder %s: %s", paths.logs, exc.strerror or type(exc).__name__)
    settings, problems = load_settings(paths.settings_file)
    for problem in problems:
        log.warning("settings: %s", problem)
    install_language(getattr(args, "lang", None) or settings.language)
    apply_look(app, style_chosen=made_here)
    from ui.main_window import MainWindow

    window = MainWindow()
    _fit_to_screen(window)
    if on_ready is not None:
        window.ready.connect(lambda: on_ready(window))
    started: list[DeskStart] = []

    def frame_painted() -> None:
        from ui.startup import DeskStart  # the steps from here: first page, store, the rest

        set_window_icon(app)
        if on_shown is not None:
            on_shown(window)
        started.append(DeskStart(window, args, paths, settings, executor))
        started[0].begin()

    after_first_frame(window, frame_painted)
    status = app.exec()
    for start in started:
        start.wait_for_workers()
        for desk in start.opened:
            desk.close()
    return int(status)
