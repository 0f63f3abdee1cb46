"""One start-up for bench/gui_bench.py: prints READY when the window is interactive, then quits.

    python bench/gui_start_probe.py bare
    python bench/gui_start_probe.py app STORE

``bare``: a plain PySide6 main window with an empty table (the reference).
``app``: the real ``run_gui`` over STORE.  SHOWN: the window frame is on screen
and takes input (the first event-loop pass after show()); READY: the first page of
the case list is in it.  Both lines carry the peak RSS so far (KB).
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def _ready(what: str = "READY") -> None:
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{what} {peak_kb}", flush=True)


def bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1366, 768)
    window.show()

    def done() -> None:
        _ready("SHOWN")
        _ready()
        app.quit()

    QTimer.singleShot(0, done)
    return app.exec()


def real_app(store: str) -> int:
    import argparse

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from PySide6.QtCore import QTimer

    from ui.app import run_gui

    def ready(window: object) -> None:
        _ready()
        QTimer.singleShot(0, window.close)  # type: ignore[attr-defined]

    return run_gui(argparse.Namespace(data_dir=store, lang=None, operator=None),
                   on_shown=lambda _w: _ready("SHOWN"), on_ready=ready)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        sys.exit(bare())
    sys.exit(real_app(sys.argv[2]))
