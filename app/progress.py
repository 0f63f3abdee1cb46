"""A progress line on stderr for long CLI tasks, shown only when stderr is a terminal.

Scripts, pipes and tests read stderr for the one ``error: ...`` line, so when
stderr is not a terminal nothing is written at all.  On a terminal the line is
redrawn in place (carriage return) at most a few times a second and ends with a
line break, so the command's own output starts on a fresh line.  No extra
dependency: one redrawn line is all a desk operator needs.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from app.terminal import unguarded

_REDRAW_SECONDS = 0.2


class ProgressLine:
    """``label: done/total (pct%)`` redrawn on a terminal; silent elsewhere."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        # The terminal-safe wrapper would show the carriage return as \u000d; the label is ours, not stored data.
        self._stream = unguarded(stream if stream is not None else sys.stderr)
        self._label = label
        self._total = max(0, total)
        self._clock = clock
        self._done = 0
        self._drawn_at: float | None = None
        self.shown = _is_terminal(self._stream)

    def __enter__(self) -> ProgressLine:
        self._draw()
        return self

    def advance(self, steps: int = 1) -> None:
        """``steps`` more units are done; redraws when enough time has passed."""
        self._done = min(self._total, self._done + steps)
        now = self._clock()
        if self._drawn_at is None or now - self._drawn_at >= _REDRAW_SECONDS or self._done == self._total:
            self._draw()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.shown:
            if exc_type is None:
                self._draw()
            self._stream.write("\n")
            self._stream.flush()

    def _draw(self) -> None:
        self._drawn_at = self._clock()
        if not self.shown:
            return
        pct = 100 * self._done // self._total if self._total else 100
        self._stream.write(f"\r{self._label}: {self._done}/{self._total} ({pct}%)")
        self._stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except ValueError:  # a closed stream is no terminal
        return False
