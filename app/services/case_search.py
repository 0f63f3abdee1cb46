"""Case-list queries shaped for search-as-you-type over 100,000 cases (same results as app.services.queries).

``list_cases`` joins parties to every case and sorts the whole table before
taking a page, which costs ~170 ms on 100,000 cases whatever the filter; the
case list must answer a keystroke in well under 50 ms.  These functions return
exactly the rows of :func:`app.services.queries.list_cases` and the number of
:func:`~app.services.queries.count_cases` (a test checks both on a demo store),
but let an index drive each query:

* the page is chosen on the ``cases`` table alone (``ORDER BY received_at``
  walks ``ix_cases_received_at`` and stops after one page), then joined to the
  complainant and operators for those rows only;
* a rare search term (few case numbers match) is resolved to row ids first,
  through the covering case-number index, the name index (a prefix range) and
  the phone/ID-tail indexes; a common one ("0591") walks in date order instead.

The conditions for states and due status are built by the same code as
``list_cases`` (``queries._filtered``); only the text match is re-expressed,
as index-friendly SQL with the same meaning.  The GUI's case list and the
CLI's ``case list`` page through these; ``queries.list_cases`` stays as the
plain statement of what they must return (the tests compare the two).
"""

from __future__ import annotations

import re
from typing import Any, Unpack

from sqlalchemy import ColumnClause, ColumnElement, Integer, Select, and_, false, func, literal_column, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import operators
from sqlalchemy.sql.visitors import replacement_traverse

from app.db.models import Case, Party
from app.services.case_rows import check_search_text
from app.services.context import Rulebook
from app.domain.states import OPEN_STATES, CaseState
from app.db.models import Operator
from app.services.queries import COUNTING, CaseFilter, CaseRow, DueFilter, SortKey, _base, _filtered, order_by

_sort_name = aliased(Party, name="sort_name")
_sort_responder = aliased(Operator, name="sort_responder")
#: At most this many case-number hits are resolved to row ids; more means a common term.
SPARSE_LIMIT = 2000
AnySelect = Select[Unpack[tuple[Any, ...]]]
_ROWID: ColumnClause[int] = literal_column("cases.rowid", type_=Integer)
_OPEN = {s.value for s in OPEN_STATES}
_TAIL = re.compile(r"\d{3}[\dXx]|\d{4}")
# Above every character: the upper end of a "starts with" range on a BINARY index.
_AFTER_ALL = "\U0010ffff"


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _party_case_ids(text: str) -> AnySelect | None:
    """Case ids whose complainant matches ``text`` by name prefix or phone/ID tail (as list_cases does)."""
    clauses: list[ColumnElement[bool]] = []
    if _TAIL.fullmatch(text):
        clauses.append(Party.id_tail == text.upper())
        if text.isdigit():
            clauses.append(Party.phone_tail == text)
    if not text.isdigit():
        letter = re.search(r"[A-Za-z]", text)
        if letter is None:
            clauses.append(_starts_with(text))
        else:
            # LIKE folds ASCII case and a BINARY range does not: ranges for both cases of the
            # first letter find the candidates through the index, LIKE keeps the exact meaning.
            head = text[: letter.start()]
            ranges = [_starts_with(head + c) for c in {letter.group().lower(), letter.group().upper()}]
            clauses.append(and_(or_(*ranges), Party.name.like(f"{_escaped(text)}%", escape="\\")))
    if not clauses:
        return None
    return select(Party.case_id).where(Party.role == "complainant", or_(*clauses))


def _starts_with(prefix: str) -> ColumnElement[bool]:
    return and_(Party.name >= prefix, Party.name < prefix + _AFTER_ALL)


def _number_clause(text: str) -> ColumnElement[bool]:
    return Case.case_number.like(f"%{_escaped(text)}%", escape="\\")


def _sparse_rowids(session: Session, text: str) -> list[int] | None:
    """Row ids of cases whose number contains ``text``, or None when there are too many to list."""
    ids = list(session.scalars(select(_ROWID).select_from(Case.__table__).where(_number_clause(text))
                               .limit(SPARSE_LIMIT + 1)))
    return None if len(ids) > SPARSE_LIMIT else ids


def _text_match(session: Session, text: str) -> ColumnElement[bool] | None:
    """The text condition on ``cases`` alone, meaning what queries._text_clause means."""
    t = check_search_text(text)
    if not t:
        return None
    party_ids = _party_case_ids(t)
    numbers = _sparse_rowids(session, t)
    by_number = _number_clause(t) if numbers is None else (_ROWID.in_(numbers) if numbers else false())
    if party_ids is None:
        return by_number
    many = session.scalar(select(func.count()).select_from(party_ids.limit(SPARSE_LIMIT + 1).subquery()))
    # Few people match: look their cases up by id.  Many (a common surname): "+cases.id" keeps
    # SQLite walking in date order and stopping after a page, instead of sorting them all.
    case_id = literal_column("+cases.id", type_=Case.id.type) if (many or 0) > SPARSE_LIMIT else Case.id
    return or_(by_number, case_id.in_(party_ids))


def _without_index(expr: ColumnElement[bool]) -> ColumnElement[bool]:
    """The same condition with ``+column`` for the state and date columns (a no-op for values).

    Without planner statistics SQLite guesses that "state IN (closed ...)" matches a
    handful of rows and sorts 90,000 of them; the unary plus keeps it walking the
    received-at index (or the id lists) instead, and stopping after one page.
    """
    table = Case.__table__
    hidden = {"state", "legal_limit", "nominal_due", "deadline_paused"}

    def swap(element: Any, **_kw: Any) -> Any:
        # ORM conditions hold annotated copies of the table's columns: match by table and name.
        if isinstance(element, ColumnClause) and getattr(element, "table", None) is table \
                and element.name in hidden:
            return literal_column(f"+cases.{element.name}", type_=element.type)
        return None

    opts: dict[str, Any] = {}
    return replacement_traverse(expr, opts, swap)


def _states_worth_an_index(flt: CaseFilter) -> list[str]:
    """Open states the filter is limited to (few rows: let ix_cases_state_due find them)."""
    if flt.due in (DueFilter.OVERDUE, DueFilter.DUE_SOON):
        wanted = set(COUNTING)
    elif flt.due is DueFilter.PAUSED:
        wanted = {CaseState.PAUSED.value}
    else:
        wanted = set(flt.states) if flt.states else set()
    if flt.states:
        wanted &= set(flt.states)
    if not wanted or not wanted <= _OPEN:
        return []
    return sorted(wanted)


def _page_ids(session: Session, rb: Rulebook, flt: CaseFilter) -> AnySelect:
    """Row ids of the matching cases with their sort keys, filtered on the cases table only."""
    conditions = _filtered(select(_ROWID).select_from(Case.__table__), CaseFilter(states=flt.states, due=flt.due),
                           rb.today(), rb.rules.due_soon_days).whereclause
    stmt: AnySelect = select(_ROWID.label("rid"), Case.received_at, Case.case_number).select_from(Case.__table__)
    if conditions is not None:
        stmt = stmt.where(_without_index(conditions))
    states = _states_worth_an_index(flt)
    if states:
        stmt = stmt.where(Case.state.in_(states))  # redundant with the filter, but indexable
    match = _text_match(session, flt.text)
    if match is not None:
        stmt = stmt.where(match)
    return stmt


def search_cases(session: Session, rb: Rulebook, flt: CaseFilter = CaseFilter(), *, offset: int = 0,
                 limit: int | None = 200) -> list[CaseRow]:
    """The rows ``list_cases`` returns for this filter and page, fetched through indexes.

    Newest first walks ix_cases_received_at; the other orders (a column header
    clicked, the urgent-first default of the overdue and due-soon views) sort the
    matching ids on the cases table, joining the complainant or the first
    responder only when the order needs them.  ``limit`` None: every row from
    ``offset`` on (Ctrl+End in the list).
    """
    key, descending = flt.order()
    ids = _page_ids(session, rb, flt)
    if key is SortKey.RECEIVED and descending:
        sub = ids.order_by(Case.received_at.desc(), Case.case_number.desc()).offset(offset).limit(limit) \
            .subquery("page")
        stmt = (_base().join(sub, _ROWID == sub.c.rid).order_by(sub.c.received_at.desc(), sub.c.case_number.desc()))
        return [CaseRow(*row) for row in session.execute(stmt)]
    name, responder = _sort_name.name, _sort_responder.staff_no
    if key is SortKey.COMPLAINANT:
        ids = ids.join(_sort_name, and_(_sort_name.case_id == Case.id, _sort_name.role == "complainant"))
    elif key is SortKey.FIRST_RESPONDER:
        ids = ids.join(_sort_responder, _sort_responder.id == Case.first_responder_id)
    terms = order_by(flt, name=name, first_responder=responder)
    # The sort values travel with the ids, so the join orders the page without sorting it again;
    # SQLite keeps only offset + limit rows while it sorts (or walks an index for the plain keys).
    keyed = ids.add_columns(*(t.element.label(f"k{i}") for i, t in enumerate(terms)))
    ranked = keyed.order_by(*terms).offset(offset).limit(limit).subquery("page")
    again = [ranked.c[f"k{i}"].desc() if _is_desc(t) else ranked.c[f"k{i}"].asc() for i, t in enumerate(terms)]
    stmt = _base().join(ranked, _ROWID == ranked.c.rid).order_by(*again)
    return [CaseRow(*row) for row in session.execute(stmt)]


def _is_desc(term: Any) -> bool:
    return getattr(term, "modifier", None) is operators.desc_op


def count_matching(session: Session, rb: Rulebook, flt: CaseFilter = CaseFilter()) -> int:
    """The number ``count_cases`` returns for this filter."""
    ids = _page_ids(session, rb, flt).subquery("ids")
    return int(session.scalar(select(func.count()).select_from(ids)) or 0)
