"""What a text field of a case may hold, and digits typed in any script.

Hostile or garbled input must never reach the store: terminal escape sequences
(C0/C1 control characters) rewrite a supervisor's screen when a record is
listed, bidirectional overrides make ``张三`` display as something else on a
printed file, and a name made only of zero-width characters looks blank while
being "filled in". The same rules serve the intake form and ``case add``.
"""

from __future__ import annotations

import unicodedata

from app.errors import Problem

# Explicit bidi embeddings, overrides and isolates (Unicode TR9): they reorder
# what a reader sees without changing what is stored.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters that draw nothing (Hangul fillers, braille blank, Mongolian vowel separator).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
_EXCERPT = 40


def excerpt(value: str, limit: int = _EXCERPT) -> str:
    """At most ``limit`` characters of what was typed, for an error line (never the whole input)."""
    if len(value) <= limit:
        return value
    return value[:limit] + f"…(+{len(value) - limit})"


def to_ascii_digits(value: str) -> str:
    """``value`` with every decimal digit written as an ASCII digit.

    Full-width forms (``１３８``, ``Ｘ``, ``－``) go through NFKC; digits of other
    scripts (Arabic-Indic ``١٣٨``, Devanagari ``१३८`` ...) through their Unicode
    decimal value. Other characters are left as they are, so look-alikes that are
    not decimal digits (``①``, ``²``, ``一``) still fail the field's check.
    """
    if value.isascii():
        return value
    out: list[str] = []
    for ch in value:
        if ch.isascii():
            out.append(ch)
            continue
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            out.append(str(digit))
        elif "\uff01" <= ch <= "\uff5e" or ch == "\u3000":
            out.append(unicodedata.normalize("NFKC", ch))
        else:
            out.append(ch)
    return "".join(out)


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _is_visible(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category[0] in "CZ" or category in ("Mn", "Me"):
        return False
    return ch not in _BLANK_LETTERS


def text_problems(value: str, path: str, *, multiline: bool = False) -> list[Problem]:
    """What is wrong with the characters of one text field (empty when it may be stored).

    Refused: C0/C1 control characters (a line break only in multi-line free
    text), bidi controls, lone surrogates and non-characters, and a value made
    only of invisible characters. Messages name the code point, never the input.
    """
    for ch in value:
        o = ord(ch)
        if ch == "\n" and multiline:
            continue
        if o < 0x20 or 0x7F <= o <= 0x9F:
            if ch in "\r\n" and not multiline:
                return [Problem("line_break", path, "must be a single line", {"char": _describe(ch)})]
            return [Problem("control_char", path, f"contains a control character ({_describe(ch)})",
                            {"char": _describe(ch)})]
        if ch in BIDI_CONTROLS:
            return [Problem("bidi_control", path,
                            f"contains a text-direction control character ({_describe(ch)})",
                            {"char": _describe(ch)})]
        if 0xD800 <= o <= 0xDFFF or (0xFDD0 <= o <= 0xFDEF) or (o & 0xFFFE) == 0xFFFE:
            return [Problem("invalid_char", path, f"contains a character that is not text ({_describe(ch)})",
                            {"char": _describe(ch)})]
    if value and not any(_is_visible(ch) for ch in value):
        return [Problem("invisible", path, "has no visible characters")]
    return []


def normalise_line_breaks(value: str) -> str:
    """Windows and old Mac line breaks as ``\\n`` (multi-line free text only)."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value
