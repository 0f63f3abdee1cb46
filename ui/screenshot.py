"""Open the desk, save a picture of its window once the case list is shown, and exit.

For a machine without a display (``scripts/run --screenshot FILE``): the app
runs on an invisible screen there, so this is the way to see what it shows.
Usage: ``python -m ui.screenshot FILE [--size 1366x768] [app options...]``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer

from app.cli import build_parser
from ui.app import run_gui
from ui.main_window import MainWindow

#: How often the window is looked at until the store is open and the list is filled.
_POLL_MS = 20
#: Give up (and save what is shown) after this many looks: a desk that cannot open still shows why.
_MAX_POLLS = 1500


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("expected WIDTHxHEIGHT, e.g. 1366x768") from None
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise argparse.ArgumentTypeError("between 320x240 and 7680x4320")
    return width, height


def main(argv: Sequence[str] | None = None) -> int:
    own = argparse.ArgumentParser(prog="scripts/run --screenshot", add_help=False)
    own.add_argument("file", type=Path)
    own.add_argument("--size", type=_size, default=(1366, 768))
    mine, rest = own.parse_known_args(argv)
    args = build_parser().parse_args(rest)
    if args.command is not None:
        print("error: screenshot: takes the app's options only, not a command [usage]", file=sys.stderr)
        return 2
    target: Path = mine.file
    if not target.parent.is_dir():
        print(f"error: screenshot: no folder {target.parent} [no_folder]", file=sys.stderr)
        return 2
    outcome: list[int] = []
    polls = 0

    def grab_when_settled(window: MainWindow) -> None:
        nonlocal polls
        polls += 1
        model = window.list_page.model
        if (window.ctx is None or model.busy) and polls < _MAX_POLLS:
            QTimer.singleShot(_POLL_MS, lambda: grab_when_settled(window))
            return
        if window.isMaximized():
            window.showNormal()
        window.resize(*mine.size)
        # One pass of the event loop so the new size is laid out before the picture is taken.
        QTimer.singleShot(0, lambda: save(window))

    def save(window: MainWindow) -> None:
        if window.grab().save(str(target), "PNG"):
            print(f"run: saved a picture of the window ({mine.size[0]}x{mine.size[1]}) to {target}", file=sys.stderr)
            outcome.append(0)
        else:
            print(f"error: screenshot: cannot write {target} [write_failed]", file=sys.stderr)
            outcome.append(2)
        window.close()

    status = run_gui(args, on_ready=grab_when_settled)
    return outcome[0] if outcome else (status or 1)


if __name__ == "__main__":
    sys.exit(main())
