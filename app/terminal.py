"""Output that is safe to show on a terminal, whatever the store holds.

Records stored before the intake refused control characters (or written by
another program) may carry ESC sequences, C1 controls, bidi overrides or lone
surrogates. Printed raw, they would recolour or clear the operator's terminal,
hide lines, or reorder a name. Every CLI command writes through
``TerminalSafeStream``, which shows such characters as ``\\uXXXX`` (the same
notation is valid inside JSON strings, so ``--json`` output stays parseable);
``one_line`` additionally keeps a field from breaking a tab-separated row.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

# C0 controls except tab and line feed, DEL, C1 controls, bidi marks/embeddings/
# overrides/isolates, line/paragraph separators, lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")
_BREAKS = re.compile("[\t\n]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def escape_unsafe(text: str) -> str:
    """``text`` with every character that could act on a terminal shown as ``\\uXXXX``."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def any_unsafe(values: Iterable[str | None]) -> bool:
    """Whether any of ``values`` holds a character ``escape_unsafe`` would change (one pass over them all)."""
    return _UNSAFE.search("\x20".join(v for v in values if v)) is not None


def unguarded(stream: TextIO) -> TextIO:
    """The stream under a TerminalSafeStream, for output already known to be safe.

    Escaping 100,000 listed cases as JSON costs ~0.3 s; when the only stored text
    in them has been checked with ``any_unsafe``, the caller may write directly.
    """
    return stream.wrapped if isinstance(stream, TerminalSafeStream) else stream


def one_line(text: str) -> str:
    """A field value for one cell of a line: tabs and line breaks shown as ``\\t`` / ``\\n`` too."""
    text = escape_unsafe(text)
    if _BREAKS.search(text):
        text = text.replace("\t", "\\t").replace("\n", "\\n")
    return text


class TerminalSafeStream:
    """A text stream wrapper that escapes unsafe characters on their way out."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @property
    def wrapped(self) -> TextIO:
        return self._stream

    def write(self, text: str) -> int:
        self._stream.write(escape_unsafe(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def terminal_safe_output() -> Iterator[None]:
    """Route ``sys.stdout`` and ``sys.stderr`` through TerminalSafeStream for the duration."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, TerminalSafeStream(out))
    sys.stderr = cast(TextIO, TerminalSafeStream(err))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
