"""Statutory rest days: package data, the bank's override file, and years nobody knows."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.domain.holidays import HolidayCalendar
from app.errors import DeskError


def overrides(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "holiday_overrides.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_package_data() -> None:
    calendar = HolidayCalendar()
    assert calendar.is_rest_day(date(2026, 2, 17)) is True  # Spring Festival
    assert calendar.is_rest_day(date(2026, 2, 24)) is False
    assert calendar.is_rest_day(date(2025, 10, 11)) is False  # 调休 working Saturday
    assert calendar.is_rest_day(date(2025, 10, 12)) is True  # ordinary Sunday


def test_roll_forward_over_spring_festival() -> None:
    assert HolidayCalendar().roll_forward(date(2026, 2, 16)) == (date(2026, 2, 24), None)


def test_working_day_does_not_roll() -> None:
    assert HolidayCalendar().roll_forward(date(2025, 10, 11)) == (date(2025, 10, 11), None)


def test_unknown_year_warns_once_and_keeps_the_date(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    calendar = HolidayCalendar(overrides(tmp_path, {"covered_years": [], "years": {}}))
    assert calendar.is_rest_day(date(2031, 5, 3)) is None
    with caplog.at_level(logging.WARNING, logger="app.domain.holidays"):
        assert calendar.roll_forward(date(2031, 5, 3)) == (date(2031, 5, 3), "holiday_data_missing:2031")
        calendar.roll_forward(date(2031, 5, 4))
    assert len([r for r in caplog.records if "2031" in r.getMessage()]) == 1


def test_override_entries_win_over_package_data(tmp_path: Path) -> None:
    calendar = HolidayCalendar(overrides(tmp_path, {
        "covered_years": [],
        # Say the bank learns of an extra day off on Tuesday 2026-02-24.
        "years": {"2026": {"holidays": ["2026-02-24"], "workdays": ["2026-02-22"]}},
    }))
    assert calendar.is_rest_day(date(2026, 2, 24)) is True
    assert calendar.is_rest_day(date(2026, 2, 22)) is False
    assert calendar.roll_forward(date(2026, 2, 23)) == (date(2026, 2, 25), None)


def test_covered_year_beyond_the_package(tmp_path: Path) -> None:
    calendar = HolidayCalendar(overrides(tmp_path, {
        "covered_years": [2031],
        "years": {"2031": {"holidays": ["2031-05-01", "2031-05-02", "2031-05-05"], "workdays": ["2031-05-10"]}},
    }))
    assert calendar.is_rest_day(date(2031, 5, 6)) is False
    assert calendar.is_rest_day(date(2031, 5, 10)) is False  # Saturday made a working day
    assert calendar.is_rest_day(date(2031, 5, 11)) is True  # ordinary Sunday
    assert calendar.roll_forward(date(2031, 5, 1)) == (date(2031, 5, 6), None)


def test_roll_into_an_unknown_year_stops_with_a_warning(tmp_path: Path) -> None:
    calendar = HolidayCalendar(overrides(tmp_path, {"covered_years": [2030], "years": {}}))
    # 2030-12-29 is a Sunday; 2030-12-30 a Monday.
    assert calendar.roll_forward(date(2030, 12, 29)) == (date(2030, 12, 30), None)
    calendar = HolidayCalendar(overrides(tmp_path, {
        "covered_years": [2030], "years": {"2030": {"holidays": ["2030-12-30", "2030-12-31"], "workdays": []}},
    }))
    assert calendar.roll_forward(date(2030, 12, 30)) == (date(2031, 1, 1), "holiday_data_missing:2031")


@pytest.mark.parametrize(("data", "words"), [
    ({"covered_years": "2027"}, "covered_years"),
    ({"years": {"2027": {"holidays": ["2027-13-01"]}}}, "YYYY-MM-DD"),
    ({"years": {"2027": {"holidays": "2027-01-01"}}}, "list"),
    ({"years": {"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-01-01"]}}}, "both"),
])
def test_broken_override_file(tmp_path: Path, data: dict[str, Any], words: str) -> None:
    with pytest.raises(DeskError) as exc:
        HolidayCalendar(overrides(tmp_path, data))
    assert exc.value.code == "holidays_invalid"
    assert words in exc.value.message
