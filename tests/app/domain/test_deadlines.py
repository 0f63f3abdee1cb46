"""Decision deadlines: the dates the desk shows and the overdue flags supervisors act on."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.deadlines import (
    DeadlineInputs,
    Extension,
    Pause,
    compute_deadline,
    validate_extension,
)
from app.domain.holidays import HolidayCalendar
from app.domain.rules import ComplaintRules, load_rules
from app.domain.states import DueStatus
from app.errors import DeskError


@pytest.fixture(scope="module")
def rules() -> ComplaintRules:
    return load_rules()


@pytest.fixture(scope="module")
def calendar() -> HolidayCalendar:
    return HolidayCalendar()


def test_spring_festival_rolls_the_legal_limit(rules: ComplaintRules, calendar: HolidayCalendar) -> None:
    status = compute_deadline(DeadlineInputs(received_on=date(2026, 2, 1)), rules, calendar, today=date(2026, 2, 10))
    assert status.clock_start == date(2026, 2, 1)
    assert status.limit_days == 15
    assert status.nominal_due == date(2026, 2, 16)
    assert status.legal_limit == date(2026, 2, 24)
    assert status.days_left == 6
    assert (status.overdue, status.past_target, status.due_soon, status.paused) == (False, False, False, False)
    assert status.warnings == ()
    assert status.rules_version == "CN-2020-measures/2026.1"


def test_between_target_and_legal_limit(rules: ComplaintRules, calendar: HolidayCalendar) -> None:
    inputs = DeadlineInputs(received_on=date(2026, 2, 1))
    status = compute_deadline(inputs, rules, calendar, today=date(2026, 2, 20))
    # Past the target while the holiday roll-over keeps the legal limit ahead: urgent, so "due soon"
    # (as the list's due-soon filter has always selected it), not overdue.
    assert (status.past_target, status.overdue, status.due_soon) == (True, False, True)
    assert status.days_left == -4
    assert compute_deadline(inputs, rules, calendar, today=date(2026, 2, 24)).overdue is False
    assert compute_deadline(inputs, rules, calendar, today=date(2026, 2, 25)).overdue is True


def test_tiaoxiu_saturday_does_not_roll(rules: ComplaintRules, calendar: HolidayCalendar) -> None:
    status = compute_deadline(DeadlineInputs(received_on=date(2025, 9, 26)), rules, calendar, today=date(2025, 9, 26))
    assert status.nominal_due == date(2025, 10, 11)
    assert status.legal_limit == date(2025, 10, 11)


def test_due_soon_window(rules: ComplaintRules, calendar: HolidayCalendar) -> None:
    inputs = DeadlineInputs(received_on=date(2026, 3, 2))  # due 2026-03-17
    assert not compute_deadline(inputs, rules, calendar, today=date(2026, 3, 13)).due_soon
    assert compute_deadline(inputs, rules, calendar, today=date(2026, 3, 14)).due_soon
    assert compute_deadline(inputs, rules, calendar, today=date(2026, 3, 17)).due_soon
    assert not compute_deadline(inputs, rules, calendar, today=date(2026, 3, 18)).due_soon


def test_extensions_take_the_limit_to_30_then_60(rules: ComplaintRules, calendar: HolidayCalendar) -> None:
    first = Extension(1, date(2026, 3, 10), "complex case")
    second = Extension(2, date(2026, 3, 25), "especially complex, approved by head office")
    received = date(2026, 3, 2)
    today = date(2026, 3, 26)
    assert compute_deadline(DeadlineInputs(received), rules, calendar, today).nominal_due == date(2026, 3, 17)
    once = compute_deadline(DeadlineInputs(received, extensions=(first,)), rules, calendar, today)
    assert (once.limit_days, once.nominal_due) == (30, date(2026, 4, 1))
    twice = compute_deadline(DeadlineInputs(received, extensions=(first, second)), rules, calendar, today)
    assert (twice.limit_days, twice.nominal_due) == (60, date(2026, 5, 1))
    # 2026-05-01 to 05-05 is the Labour Day holiday.
    assert twice.legal_limit == date(2026, 5, 6)


def test_closed_pause_pushes_the_due_date(rules: ComplaintRules, calendar: HolidayCalendar) -> None:
    inputs = DeadlineInputs(date(2026, 3, 2), pauses=(Pause(date(2026, 3, 5), date(2026, 3, 10)),))
    status = compute_deadline(inputs, rules, calendar, today=date(2026, 3, 12))
    assert status.paused_days == 5
    assert status.nominal_due == date(2026, 3, 22)
    assert status.paused is False


def test_open_pause_counts_up_to_today(rules: ComplaintRules, calendar: HolidayCalendar) -> None:
    inputs = DeadlineInputs(date(2026, 3, 2), pauses=(Pause(date(2026, 3, 5)),))
    on_12 = compute_deadline(inputs, rules, calendar, today=date(2026, 3, 12))
    on_20 = compute_deadline(inputs, rules, calendar, today=date(2026, 3, 20))
    assert (on_12.paused, on_12.paused_days, on_12.nominal_due) == (True, 7, date(2026, 3, 24))
    assert (on_20.paused_days, on_20.nominal_due) == (15, date(2026, 4, 1))
    # While paused the countdown stands still.
    assert on_12.days_left == on_20.days_left == 12


def test_overlapping_pauses_count_once(rules: ComplaintRules, calendar: HolidayCalendar) -> None:
    pauses = (Pause(date(2026, 3, 5), date(2026, 3, 10)), Pause(date(2026, 3, 8), date(2026, 3, 12)))
    status = compute_deadline(DeadlineInputs(date(2026, 3, 2), pauses=pauses), rules, calendar, date(2026, 3, 13))
    assert status.paused_days == 7


def test_new_facts_restart_the_clock(rules: ComplaintRules, calendar: HolidayCalendar) -> None:
    inputs = DeadlineInputs(
        date(2026, 3, 2),
        pauses=(Pause(date(2026, 3, 3), date(2026, 3, 6)),),  # before the restart: no longer counts
        new_facts_on=(date(2026, 3, 9),),
    )
    status = compute_deadline(inputs, rules, calendar, today=date(2026, 3, 10))
    assert status.clock_start == date(2026, 3, 9)
    assert status.paused_days == 0
    assert status.nominal_due == date(2026, 3, 24)


def test_ended_case_stops_the_clock(rules: ComplaintRules, calendar: HolidayCalendar) -> None:
    inputs = DeadlineInputs(date(2026, 3, 2), ended_on=date(2026, 3, 16))
    status = compute_deadline(inputs, rules, calendar, today=date(2026, 6, 1))
    assert (status.days_left, status.overdue, status.past_target, status.due_soon) == (1, False, False, False)
    assert (status.status, status.ended_late) == (DueStatus.DECIDED, False)
    late = compute_deadline(DeadlineInputs(date(2026, 3, 2), ended_on=date(2026, 3, 25)), rules, calendar,
                            today=date(2026, 6, 1))
    # Decided late: that is history (ended_late), not a running overdue case.
    assert (late.overdue, late.ended_late, late.status) == (False, True, DueStatus.DECIDED)


def test_year_beyond_package_data_warns_without_crash(rules: ComplaintRules, tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    path.write_text(json.dumps({"covered_years": [], "years": {}}), encoding="utf-8")
    status = compute_deadline(DeadlineInputs(date(2031, 3, 3)), rules, HolidayCalendar(path), today=date(2031, 3, 4))
    assert status.nominal_due == status.legal_limit == date(2031, 3, 18)
    assert status.warnings == ("holiday_data_missing:2031",)


def test_override_entry_moves_the_legal_limit(rules: ComplaintRules, tmp_path: Path) -> None:
    path = tmp_path / "override.json"
    path.write_text(json.dumps({"covered_years": [2031],
                                "years": {"2031": {"holidays": ["2031-03-18", "2031-03-19"], "workdays": []}}}),
                    encoding="utf-8")
    status = compute_deadline(DeadlineInputs(date(2031, 3, 3)), rules, HolidayCalendar(path), today=date(2031, 3, 4))
    assert status.legal_limit == date(2031, 3, 20)
    assert status.warnings == ()


def test_rules_without_rolling(rules: ComplaintRules, calendar: HolidayCalendar) -> None:
    from dataclasses import replace

    flat = replace(rules, roll_rest_days=False)
    status = compute_deadline(DeadlineInputs(date(2026, 2, 1)), flat, calendar, today=date(2026, 2, 1))
    assert status.legal_limit == status.nominal_due == date(2026, 2, 16)


def test_bad_pause_is_reported_not_fatal(rules: ComplaintRules, calendar: HolidayCalendar) -> None:
    inputs = DeadlineInputs(date(2026, 3, 2), pauses=(Pause(date(2026, 3, 10), date(2026, 3, 5)),))
    status = compute_deadline(inputs, rules, calendar, today=date(2026, 3, 12))
    assert status.paused_days == 0
    assert status.warnings == ("pause_end_before_start:2026-03-10",)


def ext(level: int) -> Extension:
    return Extension(level, date(2026, 3, 10) + timedelta(days=level), "reason")


def test_extension_order() -> None:
    validate_extension((), 1)
    validate_extension((ext(1),), 2)
    for existing, level, code in [
        ((), 2, "extension_order"),
        ((ext(1),), 1, "extension_order"),
        ((), 0, "extension_order"),
        ((ext(1), ext(2)), 1, "extension_max"),
        ((ext(1), ext(2)), 2, "extension_max"),
        ((ext(1),), 3, "extension_max"),
    ]:
        with pytest.raises(DeskError) as exc:
            validate_extension(existing, level)
        assert exc.value.code == code, (existing, level)
