"""Text fields: hostile characters are refused with the code point named, never the input echoed."""

from __future__ import annotations

import pytest

from app.domain.text import excerpt, text_problems, to_ascii_digits


@pytest.mark.parametrize(("value", "code"), [
    ("张\x00三", "control_char"),
    ("张三\x07", "control_char"),
    ("\x1b[2J\x1b[31m张三", "control_char"),
    ("张\x9b三", "control_char"),           # C1 CSI: some terminals take it as ESC [
    ("张\n三", "line_break"),
    ("张三\r", "line_break"),
    ("\u202e三张", "bidi_control"),
    ("张\u2066三\u2069", "bidi_control"),
    ("\u200b\u200b", "invisible"),
    ("\u200d\ufeff\u2060", "invisible"),
    ("\u3164", "invisible"),               # Hangul filler draws nothing
    ("张\ud800三", "invalid_char"),         # a lone surrogate JSON lets through
    ("张\uffff", "invalid_char"),
])
def test_single_line_fields_refuse(value: str, code: str) -> None:
    problems = text_problems(value, "complainant.name")
    assert [(p.code, p.field) for p in problems] == [(code, "complainant.name")]
    assert value not in problems[0].message


def test_multiline_fields_take_line_breaks_only() -> None:
    assert text_problems("第一行\n第二行", "facts", multiline=True) == []
    assert [p.code for p in text_problems("第一行\t第二行", "facts", multiline=True)] == ["control_char"]
    assert [p.code for p in text_problems("a\x1b[0m", "facts", multiline=True)] == ["control_char"]


@pytest.mark.parametrize("value", ["张三", "Zoë O'Brien", "أحمد", "José\u0301", "👨\u200d👩\u200d👧", "Ab\u00a0Cd"])
def test_ordinary_names_pass(value: str) -> None:
    assert text_problems(value, "name") == []


def test_ascii_digits() -> None:
    assert to_ascii_digits("１２３－４５Ｘ") == "123-45X"
    assert to_ascii_digits("٣٤٥ ۶۷۸ ४५६ ๑๒") == "345 678 456 12"
    assert to_ascii_digits("①²一") == "①²一"


def test_excerpt_is_short() -> None:
    assert excerpt("x" * 1_000_000) == "x" * 40 + "…(+999960)"
    assert excerpt("short") == "short"
