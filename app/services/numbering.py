"""Case numbers that are unique across all branches without any network.

``<branch>-<desk>-<YYYYMMDD>-<seq>``, e.g. ``0591-W01-20261126-0007``.  The
per-day counter is bumped in the same transaction that stores the case, so a
number is either issued together with its case or not at all: never reused,
and gap-free even after a crash.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

CASE_NUMBER_RE = re.compile(r"^(?P<branch>[0-9A-Z]{2,10})-(?P<desk>[0-9A-Z]{1,6})-(?P<day>\d{8})-(?P<seq>\d{4,})$")


def allocate_case_number(session: Session, branch_code: str, desk_code: str, day: date) -> str:
    """Take the next number for ``day`` (the caller's write transaction holds the lock)."""
    key = day.strftime("%Y%m%d")
    row = session.execute(
        text("UPDATE case_counters SET last_seq = last_seq + 1 WHERE day = :day RETURNING last_seq"),
        {"day": key},
    ).first()
    if row is None:
        session.execute(text("INSERT INTO case_counters (day, last_seq) VALUES (:day, 1)"), {"day": key})
        seq = 1
    else:
        seq = int(row[0])
    return f"{branch_code}-{desk_code}-{key}-{seq:04d}"


def is_case_number(value: str) -> bool:
    return CASE_NUMBER_RE.match(value) is not None
