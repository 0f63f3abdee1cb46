"""The rules editions shipped with the service (central/rules/*.json), looked up by version tag."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from app.domain.holidays import HolidayCalendar
from app.domain.rules import ComplaintRules, load_rules


@cache
def shipped_rules() -> dict[str, ComplaintRules]:
    """Every edition in central/rules, by its ``version``."""
    folder = Path(str(files("central") / "rules"))
    editions = (load_rules(path) for path in sorted(folder.glob("*.json")))
    return {rules.version: rules for rules in editions}


def rules_for(version: str) -> ComplaintRules | None:
    return shipped_rules().get(version)


@cache
def holiday_calendar() -> HolidayCalendar:
    return HolidayCalendar()
