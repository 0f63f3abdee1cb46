"""Classification codes: the shipped table, look-ups for the intake form, and broken tables refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.classification import AXES, Code, load_reference
from app.errors import DeskError


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    from importlib.resources import files

    data: dict[str, Any] = json.loads((files("resources") / "reference" / "jrt0169_2018.json").read_text("utf-8"))
    return data


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "table.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_shipped_table() -> None:
    table = load_reference()
    assert table.version == "JRT0169-2018/desk-2026.1"
    assert [c.code for c in table.codes("channel")] == ["A01", "A02", "A03", "A04", "A05", "A06", "A99"]
    assert table.get("business", "B0302") == Code("business", "B0302", "信用卡", "Credit card", "B03")
    assert len(table.codes("reason")) == 11
    assert table.get("demand", "D04").name_zh == "停息挂账"
    assert table.get("channel", "a01").name_zh == "营业网点现场"


def test_leaves() -> None:
    table = load_reference()
    assert not table.is_leaf("business", "B03")
    assert table.is_leaf("business", "B0302")
    assert table.is_leaf("channel", "A01")


def test_search_by_code_prefix_chinese_and_english() -> None:
    table = load_reference()
    assert [c.code for c in table.search("business", "b03")] == ["B03", "B0301", "B0302", "B0399"]
    assert [c.code for c in table.search("business", "信用")] == ["B0302"]
    assert [c.code for c in table.search("reason", "SECURITY")] == ["C09", "C10"]
    assert [c.code for c in table.search("demand", "分期")] == ["D03"]
    assert len(table.search("demand", "")) == 8
    assert table.search("demand", "nothing like this") == []


def test_labels() -> None:
    table = load_reference()
    assert table.label("business", "B0302") == "B0302 信用卡"
    assert table.label("business", "B0302", lang="en_US") == "B0302 Credit card"


def test_unknown_code_and_axis() -> None:
    table = load_reference()
    with pytest.raises(DeskError) as exc:
        table.get("business", "B77")
    assert exc.value.code == "unknown_code"
    with pytest.raises(DeskError) as exc:
        table.codes("colour")
    assert exc.value.code == "unknown_code"


def test_every_axis_present() -> None:
    table = load_reference()
    assert all(table.codes(axis) for axis in AXES)


def entry(code: str, parent: str | None = None) -> dict[str, Any]:
    return {"code": code, "name_zh": "名", "name_en": "name", "parent": parent}


@pytest.mark.parametrize(("mutate", "words"), [
    (lambda d: d["axes"]["business"].append(entry("B01")), "duplicate"),
    (lambda d: d["axes"]["business"].append(entry("B0701", "B07")), "parent"),
    (lambda d: d["axes"].pop("demand"), "axes"),
    (lambda d: d["axes"]["channel"].append({"code": "A07"}), "keys"),
    (lambda d: d["axes"]["channel"].append(entry("a07")), "upper case"),
    (lambda d: d.update(version=3), "version"),
    (lambda d: d["axes"].update(reason=[]), "non-empty"),
])
def test_broken_tables_are_refused(tmp_path: Path, raw: dict[str, Any], mutate: Any, words: str) -> None:
    data = json.loads(json.dumps(raw))
    mutate(data)
    with pytest.raises(DeskError) as exc:
        load_reference(write(tmp_path, data))
    assert exc.value.code == "reference_invalid"
    assert words in exc.value.message


def test_unreadable_table(tmp_path: Path) -> None:
    (tmp_path / "t.json").write_text("[", encoding="utf-8")
    with pytest.raises(DeskError) as exc:
        load_reference(tmp_path / "t.json")
    assert exc.value.code == "reference_invalid"
