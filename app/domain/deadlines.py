"""The decision deadline of a case (2020 Measures Art. 18-20), computed from its history.

Everything is in calendar days. The nominal due date is the working target the
desk aims at; the legal limit is that date rolled past statutory rest days
(Civil Code Art. 203). Both are derived, never stored, so a corrected holiday
file or rules edition changes every open case at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.holidays import HolidayCalendar, missing_holiday_year
from app.domain.rules import ComplaintRules
from app.domain.states import CaseState, DueStatus, due_status
from app.errors import DeskError

PAUSE_END_BEFORE_START = "pause_end_before_start"


@dataclass(frozen=True)
class Extension:
    """An approved extension: level 1 to 30 days in all, level 2 to 60 (upper-level approval)."""

    level: int
    on: date
    reason: str


@dataclass(frozen=True)
class Pause:
    """Time on external appraisal or testing, which does not count; ``end`` None while it lasts."""

    start: date
    end: date | None = None


@dataclass(frozen=True)
class DeadlineInputs:
    """What the deadline depends on; ``ended_on`` is the decision or withdrawal date (clock stops)."""

    received_on: date
    extensions: tuple[Extension, ...] = ()
    pauses: tuple[Pause, ...] = ()
    new_facts_on: tuple[date, ...] = ()
    ended_on: date | None = None


@dataclass(frozen=True)
class DeadlineStatus:
    """Where a case stands against its time limit, as of one day.

    ``status`` is the case's :class:`DueStatus` (``overdue`` and ``due_soon``
    are read from it: a paused, decided or ended case is never overdue).
    ``days_left`` counts to the nominal due date (negative once past it) from
    today, or from the day the clock stopped; ``past_target`` says the nominal
    date has passed; ``ended_late`` that the clock stopped (decision,
    withdrawal, decline) after the legal limit -- history, for the on-time rate.
    ``warnings`` holds codes such as ``holiday_data_missing:2027`` for the
    administrator.
    """

    clock_start: date
    limit_days: int
    paused_days: int
    paused: bool
    nominal_due: date
    legal_limit: date
    days_left: int
    overdue: bool
    due_soon: bool
    warnings: tuple[str, ...]
    rules_version: str
    past_target: bool = False
    status: DueStatus = DueStatus.ON_TIME
    ended_late: bool = False
    #: The decision / withdrawal / decline day: the clock stopped, ``days_left`` counts to it.
    clock_stopped_on: date | None = None

    @property
    def holiday_data_missing_years(self) -> tuple[int, ...]:
        """Years whose statutory holidays no source knows, so the legal limit was not rolled."""
        years = (missing_holiday_year(w) for w in self.warnings)
        return tuple(sorted({y for y in years if y is not None}))

    @property
    def limit_uncertain(self) -> bool:
        """The legal limit is in plain calendar days because holiday data is missing: it may be later."""
        return bool(self.holiday_data_missing_years)


def days_left_to(nominal_due: date, clock_stopped_on: date | None, today: date) -> int:
    """Days from today -- or from the day the clock stopped -- to the target date (negative once past)."""
    return (nominal_due - (clock_stopped_on if clock_stopped_on is not None else today)).days


@dataclass(frozen=True)
class ShownDates:
    """A case's target date, legal limit and days left as every view shows them on one day."""

    nominal_due: date
    legal_limit: date
    days_left: int
    clock_stopped_on: date | None
    #: The clock stopped (decision, withdrawal, decline) after the legal limit.
    ended_late: bool


def shown_dates(nominal_due: date, legal_limit: date, today: date, *, pause_counted_to: date | None = None,
                clock_stopped_on: date | None = None,
                roll: Callable[[date], date] | None = None) -> ShownDates:
    """The dates of a case from those stored with it (as :func:`compute_deadline` gives them on ``today``).

    Running: as stored, counted from today.  Paused (``pause_counted_to`` set:
    the stored dates count the open pause up to that day): the clock does not
    run while paused, so the target date moves on day for day to today and the
    legal limit is ``roll`` of it (past rest days; None: the target date
    itself).  Clock stopped on ``clock_stopped_on``: as stored, days left
    counted to that day, and ``ended_late`` when it is after the legal limit.
    """
    if clock_stopped_on is None and pause_counted_to is not None and today > pause_counted_to:
        nominal_due = nominal_due + timedelta(days=(today - pause_counted_to).days)
        legal_limit = roll(nominal_due) if roll is not None else nominal_due
    return ShownDates(nominal_due, legal_limit, days_left_to(nominal_due, clock_stopped_on, today),
                      clock_stopped_on, clock_stopped_on is not None and clock_stopped_on > legal_limit)


def legal_limit_roll(rules: ComplaintRules, calendar: HolidayCalendar) -> Callable[[date], date]:
    """The legal limit of a target date under these rules (rolled past rest days when they say so)."""
    if not rules.roll_rest_days:
        return lambda d: d
    return lambda d: calendar.roll_forward(d)[0]


def limit_days_for(extensions: tuple[Extension, ...], rules: ComplaintRules) -> int:
    """The total days allowed given the extensions granted so far."""
    level = max((e.level for e in extensions), default=0)
    if level >= 2:
        return rules.second_extension_total_days
    if level == 1:
        return rules.first_extension_total_days
    return rules.decision_days


def validate_extension(existing: tuple[Extension, ...], level: int) -> None:
    """Check that an extension of ``level`` may follow ``existing``.

    Raises DeskError code ``extension_max`` when no further extension exists
    (already at level 2, or a level above 2), ``extension_order`` when level 2
    comes before level 1 or a level is repeated.
    """
    levels = [e.level for e in existing]
    if 2 in levels or level > 2:
        raise DeskError("no further extension is possible: the 60-day limit is the last",
                        code="extension_max", field="extension", level=level)
    if level in levels:
        raise DeskError(f"a level-{level} extension was already granted",
                        code="extension_order", field="extension", level=level)
    if level < 1 or (level == 2 and 1 not in levels):
        raise DeskError("a level-2 extension needs a level-1 extension first",
                        code="extension_order", field="extension", level=level)


def _paused_days(pauses: tuple[Pause, ...], clock_start: date, reference: date) -> tuple[int, list[str]]:
    """Days of pause on or after ``clock_start``; overlapping pauses are counted once."""
    warnings: list[str] = []
    spans: list[tuple[date, date]] = []
    for pause in pauses:
        end = pause.end if pause.end is not None else reference
        if end < pause.start:
            if pause.end is not None:
                warnings.append(f"{PAUSE_END_BEFORE_START}:{pause.start.isoformat()}")
            continue
        start = max(pause.start, clock_start)
        if end > start:
            spans.append((start, end))
    total = 0
    covered_to: date | None = None
    for start, end in sorted(spans):
        if covered_to is not None and start < covered_to:
            start = covered_to
        if end > start:
            total += (end - start).days
            covered_to = end
    return total, warnings


def _state_from(inputs: DeadlineInputs) -> CaseState:
    """The state the inputs imply, for callers that do not pass the case's own."""
    if inputs.ended_on is not None:
        return CaseState.DECIDED
    if any(p.end is None for p in inputs.pauses):
        return CaseState.PAUSED
    return CaseState.IN_PROGRESS


def compute_deadline(
    inputs: DeadlineInputs, rules: ComplaintRules, calendar: HolidayCalendar, today: date,
    state: CaseState | str | None = None,
) -> DeadlineStatus:
    """The deadline status of a case in ``state`` on ``today``.

    The clock starts at receipt or at the latest new facts (the day itself not
    counted); pauses push the due date back day for day; an open pause runs up
    to the reference day (``ended_on`` or ``today``). ``state`` (the case's
    own; implied by the inputs when None) decides the :class:`DueStatus`: once
    the clock has stopped the case is neither overdue nor due soon, and
    ``ended_late`` tells whether it stopped after its legal limit.
    """
    clock_start = max((inputs.received_on, *inputs.new_facts_on))
    limit_days = limit_days_for(inputs.extensions, rules)
    reference = inputs.ended_on if inputs.ended_on is not None else today
    paused_days, warnings = _paused_days(inputs.pauses, clock_start, reference)
    paused = inputs.ended_on is None and any(p.end is None for p in inputs.pauses)

    nominal_due = clock_start + timedelta(days=limit_days + paused_days)
    if rules.roll_rest_days:
        legal_limit, warning = calendar.roll_forward(nominal_due)
        if warning is not None:
            warnings.append(warning)
    else:
        legal_limit = nominal_due

    days_left = days_left_to(nominal_due, inputs.ended_on, today)
    status = due_status(state if state is not None else _state_from(inputs), nominal_due, legal_limit, today,
                        rules.due_soon_days)
    return DeadlineStatus(
        clock_start=clock_start,
        limit_days=limit_days,
        paused_days=paused_days,
        paused=paused,
        nominal_due=nominal_due,
        legal_limit=legal_limit,
        days_left=days_left,
        overdue=status is DueStatus.OVERDUE,
        due_soon=status is DueStatus.DUE_SOON,
        warnings=tuple(warnings),
        rules_version=rules.version,
        past_target=reference > nominal_due,
        status=status,
        ended_late=inputs.ended_on is not None and inputs.ended_on > legal_limit,
        clock_stopped_on=inputs.ended_on,
    )
