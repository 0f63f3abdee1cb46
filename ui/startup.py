"""Start-up after the window frame is shown: the first page of cases, the store, then what can wait.

:func:`ui.app.run_gui` shows the window frame at once and, once it is painted
(:func:`ui.app.after_first_frame`), hands over to :class:`DeskStart`, which goes
on one step at a time, so that no step competes for the Python lock with the
GUI thread or with the step before it:

1. the first page of the default case list is read with the standard library's sqlite3
   (:mod:`app.services.first_page`, a few milliseconds) and listed;
2. then the store is opened on a worker (SQLAlchemy, the schema check, the desk
   identity and operators, ~0.4 s) and the window attached to it: searching,
   counting and every action work from here (one pressed meanwhile runs now).
   A desk without an identity gets the first-run set-up dialog first;
3. then the recording libraries load on a worker, unfinished recordings are
   recovered, and the modules of the intake form, case view and settings load.
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from app.paths import DeskPaths
from app.settings import Settings

if TYPE_CHECKING:
    from app.desk import Desk
    from app.services.first_page import FirstPage
    from ui.context import DeskContext
    from ui.main_window import MainWindow
    from ui.operations import DeskSnapshot
    from ui.tasks import Executor, TaskState

# ui.tasks (and the PySide6 work-arounds it installs) load once the first frame is painted.

log = logging.getLogger(__name__)


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
    import ui.context  # noqa: F401 - what attach() needs, loaded here off the GUI thread
    return OpenedStore(desk, snapshot)


def read_first_page(paths: DeskPaths) -> FirstPage | None:
    """The first page of the default list, read without the store's libraries (runs on a worker)."""
    from app.services.first_page import read_first_page as read
    from ui.case_model import PAGE_SIZE  # the table model (and Qt's enums) load here, off the GUI thread

    return read(paths, PAGE_SIZE)


def load_recording(_state: TaskState) -> None:
    """Import the recording side (OpenCV, PyAV, NumPy: ~0.3 s) before the recovery runs."""
    import ui.recording_desk  # noqa: F401


def preload_tabs(_state: TaskState) -> None:
    """Import the intake form, case view and settings dialog before the operator asks for them."""
    import ui.detail.view  # noqa: F401
    import ui.intake.form  # noqa: F401
    import ui.settings_dialog  # noqa: F401


class DeskStart:
    """The start-up steps after the window frame is shown (see the module docstring)."""

    def __init__(self, window: MainWindow, args: argparse.Namespace, paths: DeskPaths, settings: Settings,
                 executor: Executor | None) -> None:
        from ui.tasks import ThreadPoolExecutor

        self.window = window
        self.args = args
        self.paths = paths
        self.settings = settings
        self.pool: Executor = executor or ThreadPoolExecutor()
        #: Desks opened for this window (closed by the caller after the event loop).
        self.opened: list[Desk] = []

    def begin(self) -> None:
        """Read the first page (call once the frame is painted)."""
        from ui.tasks import submit

        pool, paths = self.pool, self.paths
        submit(pool, lambda _s: read_first_page(paths), on_result=self._first_page_read,
               on_error=self._first_page_failed, name="first-page")

    def _first_page_read(self, page: FirstPage | None) -> None:
        if page is not None:
            self.window.show_first_page(page, self.pool)
        # A zero timer runs after the view's update request: the rows are painted first.
        QTimer.singleShot(0, self._open_store)

    def _first_page_failed(self, exc: BaseException) -> None:
        log.warning("start-up: the first page was not read ahead (%s); the list waits for the store", exc)
        self._open_store()

    def _open_store(self) -> None:
        from ui.tasks import submit

        data_dir = getattr(self.args, "data_dir", None)
        submit(self.pool, lambda _s: open_store(data_dir), on_result=self._store_open, on_error=self._store_failed,
               name="open-store")

    def _store_open(self, result: OpenedStore) -> None:
        from ui.app import make_context
        from ui.tasks import submit

        self.opened.append(result.desk)
        snapshot = result.snapshot
        if snapshot.info is None or not snapshot.operators:
            from PySide6.QtWidgets import QDialog

            from ui.setup_dialog import SetupDialog

            dialog = SetupDialog(result.desk, self.pool, needs_operator=not snapshot.operators,
                                 settings=self.settings, parent=self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.snapshot is None:
                self.window.close()
                return
            snapshot = dialog.snapshot
            self.settings = dialog.settings  # saved by the dialog: language, hotline, branch contact
        ctx = make_context(result.desk, self.settings, self.pool, snapshot,
                           operator=getattr(self.args, "operator", None))
        self.window.attach(ctx)  # type: ignore[arg-type]
        self.window.start()
        submit(self.pool, load_recording, on_result=lambda _r: self._recover(ctx),  # type: ignore[arg-type]
               on_error=lambda exc: log.error("start-up: recording libraries did not load: %s", exc),
               name="load-recording")

    def _recover(self, ctx: DeskContext) -> None:
        from ui.recording_desk import recover_at_start
        from ui.tasks import submit

        recover_at_start(self.window, ctx)  # recordings a crash left without a manifest
        submit(self.pool, preload_tabs, name="preload-tabs")

    def _store_failed(self, exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ui.app import APP_NAME
        from ui.messages import error_text

        QMessageBox.critical(self.window, APP_NAME, error_text(exc))
        self.window.close()

    def wait_for_workers(self) -> None:
        """At the end: let the workers finish (they hold the store open)."""
        if self.pool is not None:
            self.pool.wait_for_done(10_000)
