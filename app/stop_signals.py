"""Ctrl-C (SIGINT), SIGTERM and SIGHUP turned into a request to stop cleanly, for the CLI's long-running commands.

Python's default turns SIGINT into ``KeyboardInterrupt`` wherever the main
thread happens to be, and SIGTERM kills the process outright; either way a
recording in progress would be left without its signed manifest.  Inside
:class:`StopSignals` both only set :attr:`StopSignals.event`: the command
notices, stops the recorder, finalises, signs and attaches what was captured,
and exits with ``128 + signal number`` (130 for SIGINT, 143 for SIGTERM, 129 for
SIGHUP, sent when the terminal window is closed), as a
shell reports a command ended by that signal.  Further signals while it
finishes are noted and otherwise ignored, so a second Ctrl-C cannot cut the
file short; SIGKILL cannot be caught, and is what ``recover`` is for.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType
from typing import Any

# SIGHUP: the terminal window or SSH session the command runs in was closed (POSIX only).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM) + ((signal.SIGHUP,) if hasattr(signal, "SIGHUP") else ())


class StopSignals:
    """While active (a ``with`` block on the main thread), SIGINT/SIGTERM set :attr:`event` instead of killing."""

    def __init__(self, signals: tuple[signal.Signals, ...] = STOP_SIGNALS) -> None:
        self.signals = signals
        self.event = threading.Event()
        self.received: signal.Signals | None = None
        """The first stop signal that arrived, if any."""
        self._previous: dict[signal.Signals, Any] = {}

    def __enter__(self) -> StopSignals:
        # Handlers can only be installed from the main thread (a test may call main() from another one).
        if threading.current_thread() is threading.main_thread():
            for sig in self.signals:
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        self._previous.clear()

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        if self.received is None:
            self.received = signal.Signals(signum)
        self.event.set()

    @property
    def name(self) -> str:
        return self.received.name if self.received is not None else ""

    @property
    def exit_code(self) -> int:
        """128 + the signal's number (0 when none arrived)."""
        return 128 + int(self.received) if self.received is not None else 0
