"""Reading a JSON document defensively: limits hold exactly, and nothing legitimate is refused."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.json_input import MAX_BYTES, MAX_DEPTH, decode_json_document


def code(raw: bytes) -> str:
    with pytest.raises(ValidationError) as exc:
        decode_json_document(raw)
    [problem] = exc.value.problems
    assert problem.field == "input"
    return problem.code


def test_depth_limit_is_exact_and_brackets_in_strings_do_not_count() -> None:
    assert decode_json_document(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH) is not None
    assert code(b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1)) == "too_deep"
    text = '{"facts": "' + "[{" * 5000 + '\\"}]"}'
    assert decode_json_document(text.encode())["facts"].startswith("[{[{")


def test_size_limit_is_exact() -> None:
    padding = MAX_BYTES - len(b'{"a": ""}')
    assert decode_json_document(b'{"a": "' + b"x" * padding + b'"}')["a"] == "x" * padding
    assert code(b'{"a": "' + b"x" * (padding + 1) + b'"}') == "too_large"


def test_bom_and_unicode_escapes() -> None:
    assert decode_json_document(b'\xef\xbb\xbf{"name": "\\u5f20\\u4e09"}') == {"name": "张三"}
    assert code(b'{"name": "\xe5\xbc"}') == "encoding"
    assert code(b'{"a": 1} trailing') == "json_syntax"
    assert code(b'{"a": Infinity}') == "json_syntax"
    assert decode_json_document(b'{"n": 12.5, "m": -3}') == {"n": 12.5, "m": -3}
