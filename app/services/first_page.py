"""The case list's first page, read with the standard library's sqlite3 for the GUI's start-up.

Importing SQLAlchemy and opening the store through it takes ~0.4 s of a
start-up; sqlite3 loads in a few milliseconds.  :func:`read_first_page` runs one
fixed, read-only query that returns exactly the rows
``app.services.case_search.search_cases`` returns for the list's default view
(no search text, every state and due status, newest first) -- a test compares
the two on a demo store -- so the window can list the newest cases while the
store is still being opened on another thread.

It only reads: the connection is opened read-only and nothing is created or
migrated.  A store that is missing, not at this program's schema revision or
unreadable gives ``None``, and the list then waits for the store as before.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from app.clock import Clock, beijing_date, utc_now
from app.db.revision import HEAD_REVISION
from app.domain.classification import ReferenceTable, load_reference
from app.domain.holidays import HolidayCalendar
from app.domain.rules import ComplaintRules, load_rules
from app.errors import DeskError
from app.paths import HOLIDAYS_FILE, REFERENCE_FILE, RULES_FILE, DeskPaths
from app.services.case_rows import CaseRow

log = logging.getLogger(__name__)

# search_cases(CaseFilter(), offset=0, limit=?) as SQLAlchemy compiles it for SQLite: the page is
# chosen on the cases table alone through ix_cases_received_at, then joined for those rows only.
_PAGE_SQL = """
SELECT cases.id, cases.case_number, cases.received_at, complainant.name, complainant.phone_masked,
       cases.channel_code, cases.business_code, cases.reason_code, cases.demand_code, cases.state,
       first_responder.staff_no, owner.staff_no, cases.nominal_due, cases.legal_limit, cases.deadline_paused,
       cases.pause_counted_to, cases.clock_stopped_on
FROM cases
JOIN parties AS complainant ON complainant.case_id = cases.id AND complainant.role = 'complainant'
JOIN operators AS first_responder ON first_responder.id = cases.first_responder_id
JOIN operators AS owner ON owner.id = cases.owner_id
JOIN (SELECT cases.rowid AS rid, cases.received_at AS received_at, cases.case_number AS case_number
      FROM cases ORDER BY cases.received_at DESC, cases.case_number DESC LIMIT ? OFFSET 0) AS page
  ON cases.rowid = page.rid
ORDER BY page.received_at DESC, page.case_number DESC
"""
# identity.list_operators: the active operators, whose names the first-responder column shows.
_OPERATORS_SQL = "SELECT staff_no, name FROM operators WHERE active = 1 ORDER BY staff_no"


@dataclass(frozen=True)
class FirstPage:
    """The newest cases as the list shows them, and what the list needs to draw them."""

    rows: tuple[CaseRow, ...]
    #: Fewer cases than a page: there is nothing more to fetch.
    exhausted: bool
    #: Staff number -> name of the active operators.
    operator_names: dict[str, str]
    rules: ComplaintRules
    reference: ReferenceTable
    #: The holiday calendar (a paused case's legal limit moves on with today).
    calendar: HolidayCalendar | None = None
    clock: Clock = field(default=utc_now)

    def today(self) -> date:
        """Today in Beijing, as ``Rulebook.today`` says it."""
        return beijing_date(self.clock())


def read_first_page(paths: DeskPaths, limit: int) -> FirstPage | None:
    """The first ``limit`` rows of the default case list, or None when the store cannot be read this way."""
    db = paths.database
    if not db.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        log.info("first page: store not readable yet (%s)", exc)
        return None
    try:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if version is None or version[0] != HEAD_REVISION:
            return None  # opening the store migrates it first
        rows = tuple(_case_row(r) for r in conn.execute(_PAGE_SQL, (limit,)))
        names = {staff_no: name for staff_no, name in conn.execute(_OPERATORS_SQL)}
    except sqlite3.Error as exc:
        log.info("first page: not read (%s)", exc)
        return None
    finally:
        conn.close()
    try:
        # The same rule files open_desk loads (a bank's own in the config folder wins).
        rules = load_rules(paths.bank_file(RULES_FILE))
        reference = load_reference(paths.bank_file(REFERENCE_FILE))
    except DeskError:
        return None  # opening the store reports the broken file
    return FirstPage(rows, len(rows) < limit, names, rules, reference,
                     HolidayCalendar(paths.bank_file(HOLIDAYS_FILE)))


def _case_row(r: tuple[object, ...]) -> CaseRow:
    # Stored as SQLAlchemy stores them on SQLite: datetimes as naive UTC text, dates as ISO text,
    # booleans as 0/1 (app.db.types.UTCDateTime adds the UTC zone back).
    (case_id, number, received, name, phone, channel, business, reason, demand, state, first, owner,
     nominal_due, legal_limit, paused, counted_to, stopped) = r
    return CaseRow(str(case_id), str(number), datetime.fromisoformat(str(received)).replace(tzinfo=timezone.utc),
                   str(name), str(phone), str(channel), str(business), str(reason), str(demand), str(state),
                   str(first), str(owner), date.fromisoformat(str(nominal_due)),
                   date.fromisoformat(str(legal_limit)), bool(paused),
                   date.fromisoformat(str(counted_to)) if counted_to is not None else None,
                   date.fromisoformat(str(stopped)) if stopped is not None else None)
