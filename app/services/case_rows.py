"""What the case list shows and how it is filtered: plain values, no database library.

Kept apart from :mod:`app.services.queries` (which builds the SQL with
SQLAlchemy) so that the GUI's start-up can show the first page of cases, read
by :mod:`app.services.first_page` with the standard library alone, before
SQLAlchemy has even been imported.  ``queries`` re-exports all three.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from app.domain.deadlines import ShownDates, shown_dates
from app.domain.states import DueStatus, due_status
from app.errors import Problem, ValidationError

#: The longest search text: a case number, a name or an ID tail is far shorter, and SQLite refuses
#: LIKE patterns over 50,000 bytes ("pattern too complex").
SEARCH_MAX = 100


def check_search_text(text: str) -> str:
    """``text`` stripped, for a case search; ValidationError ``too_long`` (field ``search``) past SEARCH_MAX."""
    t = text.strip()
    if len(t) > SEARCH_MAX:
        raise ValidationError([Problem("too_long", "search", f"is longer than {SEARCH_MAX} characters",
                                       {"max": SEARCH_MAX, "length": len(t)})])
    return t


class DueFilter(StrEnum):
    ALL = "all"
    OPEN = "open"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    PAUSED = "paused"
    CLOSED = "closed"


class SortKey(StrEnum):
    """What the case list is ordered by (one per column of the list)."""

    NUMBER = "number"
    RECEIVED = "received"
    COMPLAINANT = "complainant"
    CLASSIFICATION = "classification"
    STATE = "state"
    FIRST_RESPONDER = "first_responder"
    DUE = "due"


@dataclass(frozen=True)
class CaseFilter:
    """Which cases the list shows and in what order.

    ``sort`` None means the view's natural order: newest first, except in the
    overdue and due-soon views, which put the most urgent case first.
    """

    text: str = ""
    states: tuple[str, ...] = ()
    due: DueFilter = DueFilter.ALL
    sort: SortKey | None = None
    descending: bool = False

    def order(self) -> tuple[SortKey, bool]:
        """The sort key and direction in force (True: descending)."""
        if self.sort is not None:
            return self.sort, self.descending
        if self.due in (DueFilter.OVERDUE, DueFilter.DUE_SOON):
            return SortKey.DUE, False
        return SortKey.RECEIVED, True


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list."""

    id: str
    case_number: str
    received_at: datetime
    complainant_name: str
    complainant_phone_masked: str
    channel: str
    business: str
    reason: str
    demand: str
    state: str
    first_responder: str
    owner: str
    nominal_due: date
    legal_limit: date
    paused: bool
    #: While paused: the day up to which the stored dates count the pause (see shown_dates).
    pause_counted_to: date | None = None
    #: The day the decision clock stopped (decision, withdrawal, decline).
    clock_stopped_on: date | None = None

    def shown(self, today: date, roll: Callable[[date], date] | None = None) -> ShownDates:
        """Target date, legal limit and days left as ``case show`` gives them on ``today``.

        ``roll`` (:func:`app.domain.deadlines.legal_limit_roll`) moves a paused
        case's legal limit with its target date; without it only the dates of a
        paused case's legal limit are left as stored.
        """
        return shown_dates(self.nominal_due, self.legal_limit, today,
                           pause_counted_to=self.pause_counted_to if self.paused else None,
                           clock_stopped_on=self.clock_stopped_on, roll=roll)

    def days_left(self, today: date) -> int:
        """Days to the target date from today, or from the day the clock stopped (paused: projected)."""
        return self.shown(today).days_left

    def due_status(self, today: date, due_soon_days: int) -> DueStatus:
        """The row's due status (:func:`app.domain.deadlines.due_status`; the window from the rules)."""
        return due_status(self.state, self.nominal_due, self.legal_limit, today, due_soon_days)

    def is_overdue(self, today: date) -> bool:
        # The due-soon window does not change whether a case is overdue.
        return self.due_status(today, 0) is DueStatus.OVERDUE

    def is_due_soon(self, today: date, within: int) -> bool:
        return self.due_status(today, within) is DueStatus.DUE_SOON

    def as_json(self, today: date, roll: Callable[[date], date] | None = None) -> dict[str, Any]:
        shown = self.shown(today, roll)
        return {"id": self.id, "number": self.case_number, "state": self.state,
                "received_at": self.received_at.isoformat(), "complainant": self.complainant_name,
                "phone": self.complainant_phone_masked, "channel": self.channel, "business": self.business,
                "reason": self.reason, "demand": self.demand, "first_responder": self.first_responder,
                "owner": self.owner, "due_date": shown.nominal_due.isoformat(),
                "legal_limit": shown.legal_limit.isoformat(), "paused": self.paused, "days_left": shown.days_left,
                "clock_stopped_on": shown.clock_stopped_on.isoformat() if shown.clock_stopped_on else None,
                "ended_late": shown.ended_late}
