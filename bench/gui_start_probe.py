"""One start-up for bench/gui_bench.py: prints SHOWN and READY as the window gets there, then quits.

    python bench/gui_start_probe.py bare
    python bench/gui_start_probe.py app STORE

``bare``: a plain PySide6 main window with an empty table (the reference).
``app``: the real ``run_gui`` over STORE.

SHOWN: the window's first frame is painted and the event loop has come round
once more, so it takes input.  Both kinds are judged by the same rule
(:func:`when_painted`): Qt paints a top-level widget while it delivers the
window's first expose event, so once ``isExposed()`` holds the frame is on
screen; the first event-loop pass after ``show()`` comes *before* that paint
and would flatter the window with the costlier first frame.
READY (``app`` only): the first page of cases is in the list *and painted*.
OPEN (``app`` only): the store is open and the window attached to it, so
searching, counting and every action work (the first page can come before).
Each line carries the peak RSS so far (KB).
"""

from __future__ import annotations

import resource
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _report(what: str) -> None:
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{what} {peak_kb}", flush=True)


def when_painted(window: Any, then: Callable[[], None]) -> None:
    """Call ``then`` on the first event-loop pass after ``window``'s first frame is painted."""
    from PySide6.QtCore import QTimer

    def check() -> None:
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            QTimer.singleShot(0, then)
        else:
            QTimer.singleShot(1, check)

    QTimer.singleShot(0, check)


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1366, 768)
    window.show()
    when_painted(window, lambda: (_report("SHOWN"), app.quit()))
    return app.exec()


def real_app(store: str) -> int:
    import argparse

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from PySide6.QtCore import QTimer

    from ui.app import run_gui

    seen: list[str] = []

    def shown() -> None:
        _report("SHOWN")
        seen.append("shown")

    def ready(window: Any) -> None:
        if not seen:  # the rows came before the frame's first paint: READY follows SHOWN
            QTimer.singleShot(1, lambda: ready(window))
            return
        window.repaint()  # the rows drawn, not only handed to the view
        _report("READY")
        store_open(window)

    def store_open(window: Any) -> None:
        if window.ctx is None:  # the first page can come before the store is open
            QTimer.singleShot(1, lambda: store_open(window))
            return
        _report("OPEN")
        QTimer.singleShot(0, window.close)

    return run_gui(argparse.Namespace(data_dir=store, lang=None, operator=None),
                   on_shown=lambda w: when_painted(w, shown), on_ready=ready)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        sys.exit(bare())
    sys.exit(real_app(sys.argv[2]))
