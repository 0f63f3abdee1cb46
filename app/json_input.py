"""Reading a JSON document someone handed the desk (``case add --json``), defensively.

Python's ``json`` module recurses once per nesting level (100,000 ``[`` raise
RecursionError), reads numbers of any length, takes ``NaN``, lets a repeated key
silently win, and needs text: every one of those is refused here, before or
while parsing, with one problem naming what is wrong and where (byte offset,
line and column), never quoting more than a few characters of the input.
"""

from __future__ import annotations

import json
import re
from typing import Any

from app.domain.text import excerpt
from app.errors import Problem, ValidationError

MAX_BYTES = 1024 * 1024
# The case schema nests three levels (case → representatives → person); anything
# much deeper is not a case, and stays far below the interpreter's recursion limit.
MAX_DEPTH = 32
_MAX_NUMBER_CHARS = 40

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class _Refused(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _refuse(code: str, message: str, **params: Any) -> ValidationError:
    return ValidationError([Problem(code, "input", message, params)])


def _too_deep(text: str, max_depth: int) -> bool:
    """Whether arrays/objects nest deeper than ``max_depth`` (brackets inside strings do not count)."""
    depth = 0
    for ch in _NOT_BRACKET.sub("", _STRING.sub("", text)):
        if ch in "[{":
            depth += 1
            if depth > max_depth:
                return True
        else:
            depth -= 1
    return False


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(Problem("duplicate_key", "input", f'key "{excerpt(key)}" appears twice in one object',
                                   {"key": excerpt(key)}))
        out[key] = value
    return out


def _number(text: str) -> float | int:
    if len(text) > _MAX_NUMBER_CHARS:
        raise _Refused(Problem("json_number", "input", f"a number has more than {_MAX_NUMBER_CHARS} characters"))
    return float(text) if any(c in text for c in ".eE") else int(text)


def _constant(name: str) -> Any:
    raise _Refused(Problem("json_syntax", "input", f"not valid JSON: {name} is not a JSON value"))


def decode_json_document(raw: bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """The value of a UTF-8 JSON document (a leading byte-order mark is allowed).

    Raises ValidationError (field ``input``) with one of the codes ``too_large``,
    ``encoding``, ``too_deep``, ``json_syntax``, ``json_number``, ``duplicate_key``.
    """
    if len(raw) > max_bytes:
        raise _refuse("too_large", f"is larger than {max_bytes // 1024} KiB", max_bytes=max_bytes)
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + bom
        raise _refuse("encoding", f"is not valid UTF-8 (byte 0x{raw[offset]:02x} at offset {offset})",
                      offset=offset) from None
    if _too_deep(text, max_depth):
        raise _refuse("too_deep", f"is nested deeper than {max_depth} levels", max_depth=max_depth)
    try:
        return json.loads(text, object_pairs_hook=_no_repeated_keys, parse_int=_number, parse_float=_number,
                          parse_constant=_constant)
    except _Refused as exc:
        raise ValidationError([exc.problem]) from None
    except json.JSONDecodeError as exc:
        raise _refuse("json_syntax", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                      line=exc.lineno, column=exc.colno) from None
    except RecursionError:  # the depth check above should make this unreachable; never a traceback
        raise _refuse("too_deep", f"is nested deeper than {max_depth} levels", max_depth=max_depth) from None
