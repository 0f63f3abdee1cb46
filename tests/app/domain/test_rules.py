"""The rules file: the shipped edition loads, and a broken one is refused with a clear reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.rules import ComplaintRules, load_rules
from app.errors import DeskError


def shipped() -> dict[str, Any]:
    from importlib.resources import files

    data: dict[str, Any] = json.loads((files("resources") / "rules" / "complaint_rules.json").read_text("utf-8"))
    return data


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_shipped_rules_hold_the_2020_measures() -> None:
    rules = load_rules()
    assert rules.version == "CN-2020-measures/2026.1"
    assert (rules.decision_days, rules.first_extension_total_days, rules.second_extension_total_days) == (15, 30, 60)
    assert (rules.review_request_days, rules.review_decision_days) == (30, 30)
    assert rules.retention_years_after_close == 3
    assert rules.max_representatives == 5
    assert rules.roll_rest_days is True
    assert rules.field_max_lengths["name"] == 50
    assert rules.field_max_lengths["facts"] == 10000


def test_shipped_file_matches_dataclass_defaults() -> None:
    assert load_rules() == ComplaintRules(version="CN-2020-measures/2026.1")


def test_a_bank_file_with_new_numbers_takes_effect(tmp_path: Path) -> None:
    data = shipped() | {"version": "CN-2026-draft/1", "decision_days": 10}
    rules = load_rules(write(tmp_path, data))
    assert (rules.version, rules.decision_days) == ("CN-2026-draft/1", 10)


@pytest.mark.parametrize(("change", "words"), [
    ({"decision_days": "15"}, "decision_days"),
    ({"decision_days": True}, "decision_days"),
    ({"decision_days": -1}, "decision_days"),
    ({"roll_rest_days": 1}, "roll_rest_days"),
    ({"version": ""}, "version"),
    ({"decison_days": 15}, "unknown keys"),
    ({"first_extension_total_days": 10}, "grow"),
    ({"field_max_lengths": {"name": 50}}, "lacks"),
    ({"field_max_lengths": []}, "field_max_lengths"),
])
def test_broken_files_are_refused(tmp_path: Path, change: dict[str, Any], words: str) -> None:
    with pytest.raises(DeskError) as exc:
        load_rules(write(tmp_path, shipped() | change))
    assert exc.value.code == "rules_invalid"
    assert words in exc.value.message


def test_missing_key_is_refused(tmp_path: Path) -> None:
    data = shipped()
    del data["retention_years_after_close"]
    with pytest.raises(DeskError, match="retention_years_after_close") as exc:
        load_rules(write(tmp_path, data))
    assert exc.value.code == "rules_invalid"


def test_not_json_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{ decision_days: 15 ", encoding="utf-8")
    with pytest.raises(DeskError, match="not valid JSON") as exc:
        load_rules(bad)
    assert exc.value.code == "rules_invalid"
    with pytest.raises(DeskError, match="cannot be read"):
        load_rules(tmp_path / "absent.json")
    with pytest.raises(DeskError, match="JSON object"):
        load_rules(write(tmp_path, [1, 2]))
