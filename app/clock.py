"""Time for the core: one injectable clock, Beijing time for dates shown to people."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock: an aware UTC datetime."""
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """Aware UTC from an aware datetime, or from a naive one that SQLite gave back as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def beijing(moment: datetime) -> datetime:
    return as_utc(moment).astimezone(BEIJING)


def beijing_date(moment: datetime) -> date:
    return beijing(moment).date()
