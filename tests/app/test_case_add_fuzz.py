"""Fuzzing ``case add`` (issue 8): whatever the JSON holds, exit 0 or 2, never a traceback, nothing stored on 2.

Documents are drawn from the schema in README.md / app.services.intake: each
field gets a valid value, a hostile string (control and bidi characters,
invisible-only text, huge strings, random Unicode, digits of every script) or a
value of the wrong JSON type; keys are dropped or unknown ones added at every
level; some documents are raw bytes (invalid UTF-8, deep nesting, truncation).
Every example runs the real ``main([... "case", "add", "--json", FILE])`` on one
initialised store, whose case and audit counts tell whether anything was written.
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.cli import main

ERROR_LINE = re.compile(r"error: [^\n]+ \[[a-z_0-9]+\]")
RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# Zeros of decimal-digit scripts (the nine digits follow each in Unicode).
ZEROS = ["0", "\uff10", "\u0660", "\u06f0", "\u0966", "\u09e6", "\u0e50", "\u1040", "\u17e0", "\U0001d7ce"]
HOSTILE_PIECES = ["\x00", "\x07", "\x1b[2J", "\x1b]0;pwned\x07", "\x9b31m", "\r", "\n", "\t", "\x7f",
                  "\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff", "\u3164", "\ud800",
                  "\udfff", "\uffff", "\u2028", "'; DROP TABLE cases; --", "%s%n", "{0}", "${jndi:x}", "../../"]


def in_script(text: str, zero: str) -> str:
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in text)


def numbers(*valid: str) -> st.SearchStrategy[str]:
    """Valid numbers written in any digit script, sometimes with a hostile piece inside."""
    base = st.builds(in_script, st.sampled_from(valid), st.sampled_from(ZEROS))
    return st.one_of(base, st.builds(lambda b, p, i: b[:i] + p + b[i:], base, st.sampled_from(HOSTILE_PIECES),
                                     st.integers(0, 18)))


hostile_text = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(HOSTILE_PIECES + ["张", "三", "a", " "]), max_size=12).map("".join),
    st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=4).map("".join),
    st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=20),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn"]), min_size=1, max_size=8),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["x", "张", "\u200b", "9"]), st.integers(50, 60_000)),
)
wrong_type = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                       st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(),
                                                                            max_size=2))


def field(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly valid values, so that documents also get past the first refusal and get stored."""
    return st.one_of(*[valid] * 8, hostile_text, wrong_type)


names = st.sampled_from(["张三", "欧阳娜娜", "José Núñez", "أحمد", "李\u00b7四"])
ids = numbers("11010519491231002X", "110105199001011232", "110105491231002")
phones = numbers("13800138000", "0591-87654321", "+86 591 87654321", "(0991) 2345678", "010-12345678")
moments = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                 timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.datetimes(min_value=datetime(1989, 12, 1), max_value=datetime(2026, 11, 1),
                 timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.sampled_from(["2026-02-01", "2026-02-01T10:00:00", "0001-01-01T00:00:00+08:00",
                     "9999-12-31T23:59:59-12:00", "２０２６-01-01T00:00:00+08:00"]),
)


def person(role: str) -> st.SearchStrategy[dict[str, Any]]:
    required: dict[str, st.SearchStrategy[Any]] = {"name": field(names), "id_number": field(ids),
                                                   "phone": field(phones)}
    optional: dict[str, st.SearchStrategy[Any]] = {
        "id_type": field(st.sampled_from(["resident_id", "passport", "other", "hk_macau_permit"])),
        "address": field(st.just("福州市鼓楼区五四路100号")),
    }
    if role == "complainant":
        optional["kind"] = st.one_of(st.just("person"), field(st.sampled_from(["person", "organisation"])))
        optional["uscc"] = field(st.sampled_from(["91350100M000100Y43", "911101087178612691"]))
        optional["legal_representative"] = field(names)
    if role == "proxy":
        required.update(relation=field(st.just("律师")), absence_reason=field(st.just("投诉人住院。\n无法到场。")))
        optional.update(poa_signed_original=field(st.booleans()), poa_reference=field(st.just("POA-1")),
                        inheritance_proof=field(st.just("继承公证书")))
    unknown = st.one_of(*[st.just({})] * 6, st.dictionaries(st.text(max_size=8), wrong_type, min_size=1, max_size=1))
    return st.builds(lambda d, extra: {**d, **extra}, st.fixed_dictionaries(required, optional=optional), unknown)


CASE_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "channel": field(st.sampled_from(["A01", "A02", "a01"])),
    "business": field(st.sampled_from(["B0302", "B01"])),
    "reason": field(st.sampled_from(["C05", "C01"])),
    "demand": field(st.sampled_from(["D01", "D02", "D05", "D99"])),
    "request": field(st.just("要求减免逾期罚息。")),
    "facts": field(st.just("投诉人称因系统原因还款未及时入账，\r\n产生罚息。卡号6222021234567894。")),
    "grounds": field(st.just("合同第5条。")),
    "card_number": field(numbers("6222021234567894", "4111 1111 1111 1111")),
    "complained_institution": field(st.just("福州分行营业部")),
    "complained_staff": field(names),
    "received_at": field(moments),
    "complainant": st.one_of(*[person("complainant")] * 5, wrong_type),
    "proxy": st.one_of(*[person("proxy")] * 3, st.none(), wrong_type),
    "representatives": st.one_of(*[st.lists(person("representative"), max_size=6)] * 3, st.none(), wrong_type),
}
BASE: dict[str, Any] = {
    "channel": "A01", "business": "B0302", "reason": "C05", "demand": "D02",
    "complainant": {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"},
    "request": "要求减免逾期罚息。", "facts": "投诉人称还款未及时入账。",
}


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    doc: dict[str, Any] = dict(BASE)
    for key in draw(st.lists(st.sampled_from(sorted(CASE_FIELDS)), max_size=3, unique=True)):
        if draw(st.sampled_from([False] * 5 + [True])):  # a key left out
            doc.pop(key, None)
        else:
            doc[key] = draw(CASE_FIELDS[key])
    if draw(st.sampled_from([False] * 9 + [True])):  # an unknown key
        doc[draw(st.one_of(hostile_text, st.sampled_from(["Channel", "complainant.name", ""])))] = 1
    # Plain first: hypothesis shrinks towards the first choice.
    shape = draw(st.sampled_from(["plain"] * 7 + ["not_object", "deep", "bytes", "cut", "bom"]))
    if shape == "not_object":
        return json.dumps(draw(wrong_type)).encode()
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()) or _has_surrogate(doc))  # lone surrogates: as \\uXXXX
    raw = text.encode("utf-8")
    if shape == "deep":  # nesting far beyond the schema (Python's json recursed until RecursionError)
        depth = draw(st.integers(20, 200_000))
        raw = raw[:-1] + b', "nested": ' + b"[" * depth + b"]" * depth + b"}"
    elif shape == "bytes":  # bytes that are not UTF-8, NUL, or a BOM in the middle
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x00"])) \
            + raw[at:]
    elif shape == "cut":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif shape == "bom":
        raw = b"\xef\xbb\xbf" + raw
    return raw


def _has_surrogate(value: Any) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in json.dumps(value, ensure_ascii=False))


def counts(home: Path) -> tuple[int, int]:
    with sqlite3.connect(home / "desk.sqlite3") as db:
        return (db.execute("SELECT count(*) FROM cases").fetchone()[0],
                db.execute("SELECT count(*) FROM audit_log").fetchone()[0])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("fuzz") / "desk"
    assert main(["--data-dir", str(home), "init", "--branch", "0591", "--branch-name", "福州分行营业部",
                 "--desk", "W01", "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    return home


@settings(max_examples=500, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(raw=documents())
def test_case_add_never_crashes_and_writes_nothing_on_refusal(store: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str], raw: bytes) -> None:
    f = tmp_path / "case.json"
    f.write_bytes(raw)
    before = counts(store)
    capsys.readouterr()
    rc = main(["--data-dir", str(store), "case", "add", "--json", str(f)])
    out, err = capsys.readouterr()
    assert rc in (0, 2), (rc, err)
    event(f"exit {rc}")
    for code in re.findall(r"\[([a-z_0-9]+)\]$", err, re.MULTILINE):
        event(f"refused: {code}")
    assert "Traceback" not in out + err
    assert not RAW_UNSAFE.search(out + err), "no raw control characters reach the terminal"
    if rc == 2:
        assert out == ""
        lines = err.splitlines()
        assert 1 <= len(lines) <= 20
        assert all(ERROR_LINE.fullmatch(line) and len(line) < 300 for line in lines), err
        assert counts(store) == before, "nothing written on a refusal"
    else:
        assert re.fullmatch(r"0591-W01-\d{8}-\d{4}\n", out)
        assert "error:" not in err
        assert counts(store)[0] == before[0] + 1
