"""Synonyms in the classification table: found by the words people use; a bank's table without them still loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.classification import load_reference
from app.errors import DeskError


def test_common_words_find_their_codes() -> None:
    table = load_reference()
    assert {c.code for c in table.search("demand", "年费")} >= {"D01", "D02"}
    assert "C03" in {c.code for c in table.search("reason", "年费")}
    assert [c.code for c in table.search("business", "信用卡年费")] == ["B0302"], "a synonym inside the text"
    assert [c.code for c in table.search("demand", "REFUND")] == ["D01"], "case-insensitive"
    assert table.search("demand", "火星") == []


def test_a_table_without_synonyms_loads_and_bad_synonyms_are_named(tmp_path: Path) -> None:
    shipped = json.loads(Path("resources/reference/jrt0169_2018.json").read_text(encoding="utf-8"))
    for entries in shipped["axes"].values():
        for entry in entries:
            entry.pop("synonyms", None)
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    assert [c.code for c in load_reference(plain).search("demand", "退费")] == ["D01"]
    shipped["axes"]["demand"][0]["synonyms"] = "年费"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DeskError) as caught:
        load_reference(bad)
    assert caught.value.code == "reference_invalid" and "demand[0]" in str(caught.value)
