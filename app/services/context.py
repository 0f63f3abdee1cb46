"""The rule data and clock every case service call works with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.clock import Clock, beijing_date
from app.domain.classification import ReferenceTable
from app.domain.holidays import HolidayCalendar
from app.domain.rules import ComplaintRules


@dataclass(frozen=True)
class Rulebook:
    """Versioned rules, holiday calendar, classification table and the clock, bundled."""

    rules: ComplaintRules
    calendar: HolidayCalendar
    reference: ReferenceTable
    clock: Clock

    def today(self) -> date:
        return beijing_date(self.clock())
