"""Statutory rest days in mainland China, for rolling legal limits (Civil Code Art. 203).

Sources, first match wins: the bank-maintained override file, then the
``chinesecalendar`` package (which covers only the years up to its release).
For a year neither knows the answer is "unknown": deadlines then fall back to
plain calendar days and say so, rather than crash or guess.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar

from app.domain.datafiles import read_json_file
from app.errors import DeskError

log = logging.getLogger(__name__)

OVERRIDES_FILE = "holiday_overrides.json"
HOLIDAY_DATA_MISSING = "holiday_data_missing"
# Longest run of rest days we believe in; more means a broken override file.
_MAX_ROLL_DAYS = 31


def _invalid(source: str, message: str) -> DeskError:
    return DeskError(f"holiday file {source}: {message}", code="holidays_invalid", source=source)


def _parse_days(values: object, source: str, where: str) -> set[date]:
    if not isinstance(values, list):
        raise _invalid(source, f"{where} must be a list of YYYY-MM-DD dates")
    days: set[date] = set()
    for value in values:
        try:
            days.add(date.fromisoformat(str(value)))
        except ValueError:
            raise _invalid(source, f"{where}: {value!r} is not a YYYY-MM-DD date") from None
    return days


def missing_holiday_year(code: str) -> int | None:
    """The year of a ``holiday_data_missing:<year>`` warning code, None for any other code."""
    name, _, year = code.partition(":")
    if name != HOLIDAY_DATA_MISSING or not year.isdigit():
        return None
    return int(year)


class HolidayCalendar:
    """Answers "is this a statutory rest day?" and rolls a limit past rest days."""

    def __init__(self, overrides_path: Path | None = None) -> None:
        data, source = read_json_file(overrides_path, ("rules", OVERRIDES_FILE), _invalid)
        if not isinstance(data, dict):
            raise _invalid(source, "the top level must be a JSON object")
        self.version = str(data.get("version", ""))
        covered = data.get("covered_years", [])
        if not isinstance(covered, list) or not all(isinstance(y, int) and not isinstance(y, bool)
                                                    for y in covered):
            raise _invalid(source, "covered_years must be a list of years")
        self._covered_years = frozenset(covered)
        years = data.get("years", {})
        if not isinstance(years, dict):
            raise _invalid(source, "years must be an object of year -> {holidays, workdays}")
        self._holidays: set[date] = set()
        self._workdays: set[date] = set()
        for year, lists in years.items():
            if not isinstance(lists, dict):
                raise _invalid(source, f"years[{year}] must be an object with holidays and workdays")
            self._holidays |= _parse_days(lists.get("holidays", []), source, f"years[{year}].holidays")
            self._workdays |= _parse_days(lists.get("workdays", []), source, f"years[{year}].workdays")
        both = self._holidays & self._workdays
        if both:
            raise _invalid(source, f"dates listed as both holiday and workday: {sorted(map(str, both))}")
        self._warned_years: set[int] = set()

    def is_rest_day(self, d: date) -> bool | None:
        """True on a statutory rest day (holiday or ordinary weekend), False on a working day
        (including a 调休 working weekend), None when no source knows the year."""
        if d in self._holidays:
            return True
        if d in self._workdays:
            return False
        if d.year in self._covered_years:
            return d.weekday() >= 5
        try:
            return bool(chinese_calendar.is_holiday(d))
        except NotImplementedError:
            return None

    def roll_forward(self, d: date) -> tuple[date, str | None]:
        """The first day on or after ``d`` that is not a rest day, and a warning code or None.

        When a year's data is missing the roll stops at the first unknown day
        (plain calendar days) with ``holiday_data_missing:<year>``.
        """
        day = d
        for _ in range(_MAX_ROLL_DAYS):
            rest = self.is_rest_day(day)
            if rest is None:
                self._warn_missing(day.year)
                return day, f"{HOLIDAY_DATA_MISSING}:{day.year}"
            if not rest:
                return day, None
            day += timedelta(days=1)
        log.warning("more than %d rest days in a row after %s: check the holiday override file",
                    _MAX_ROLL_DAYS, d.isoformat())
        return d, f"{HOLIDAY_DATA_MISSING}:{d.year}"

    def _warn_missing(self, year: int) -> None:
        # Once per year and calendar: every deadline on a list would otherwise log it.
        if year not in self._warned_years:
            self._warned_years.add(year)
            log.warning("no holiday data for %d: deadlines use plain calendar days;"
                        " add the year to %s", year, OVERRIDES_FILE)
