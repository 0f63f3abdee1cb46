"""The index-driven case-list queries return exactly what app.services.queries returns."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.clock import BEIJING
from app.desk import Desk
from app.services.demo import add_demo_cases
from app.services.identity import list_operators
from app.services.queries import COUNTING, CaseFilter, DueFilter, SortKey, count_cases, list_cases
from app.services.case_search import SPARSE_LIMIT, count_matching, search_cases
from ui import operations

from .conftest import actor, intake


@pytest.fixture
def store(desk: Desk) -> Desk:
    with desk.write() as s:
        add_demo_cases(s, desk.rulebook, list_operators(s), 260, seed=11)
    who = actor(desk, "1024")
    now = datetime.now(BEIJING)
    odd = [("Li Lei", "13900001234"), ("li_lei%", "13900004321"), ("王_伟", "13900000000"), ("𠀀王", "13911112222")]
    for i, (name, phone) in enumerate(odd):
        data = intake(received_at=(now - timedelta(days=5 * i)).isoformat())
        data["complainant"] = dict(data["complainant"], name=name, phone=phone)
        operations.register(desk, who, data)
    return desk


TEXTS = ["", "0", "05", "0591-W01", "-000", "0001", "王", "王伟", "王_", "李", "Li", "li", "LI L", "l", "%", "_",
         "1234", "4321", "0000", "002X", "002x", "12", "123", "zzz", "𠀀", "陈静", "2026", " 王 "]


@pytest.mark.parametrize("due", list(DueFilter))
def test_same_rows_and_counts_as_list_cases(store: Desk, due: DueFilter) -> None:
    rb = store.rulebook
    with store.read() as s:
        for text in TEXTS:
            for states in ((), ("in_progress",), ("closed", "withdrawn")):
                flt = CaseFilter(text=text, states=states, due=due)
                for offset, limit in ((0, 200), (0, 7), (7, 7), (150, 200)):
                    want = [r.id for r in list_cases(s, rb, flt, offset=offset, limit=limit)]
                    got = [r.id for r in search_cases(s, rb, flt, offset=offset, limit=limit)]
                    assert got == want, (text, states, due, offset)
                assert count_matching(s, rb, flt) == count_cases(s, rb, flt), (text, states, due)


def test_common_terms_take_the_walking_path(store: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.services.case_search as case_search

    monkeypatch.setattr(case_search, "SPARSE_LIMIT", 3)
    rb = store.rulebook
    with store.read() as s:
        for text in ("0591", "1", "王"):
            flt = CaseFilter(text=text)
            assert [r.id for r in search_cases(s, rb, flt, limit=50)] == [r.id for r in list_cases(s, rb, flt, limit=50)]
    assert SPARSE_LIMIT > 3


@pytest.mark.parametrize("sort", list(SortKey))
def test_every_column_sorts_in_sql_the_same_as_list_cases(store: Desk, sort: SortKey) -> None:
    rb = store.rulebook
    with store.read() as s:
        for descending in (False, True):
            for text, due in (("", DueFilter.ALL), ("王", DueFilter.ALL), ("", DueFilter.OVERDUE), ("", DueFilter.OPEN)):
                flt = CaseFilter(text=text, due=due, sort=sort, descending=descending)
                for offset, limit in ((0, 200), (7, 7), (150, 200)):
                    want = [r.id for r in list_cases(s, rb, flt, offset=offset, limit=limit)]
                    got = [r.id for r in search_cases(s, rb, flt, offset=offset, limit=limit)]
                    assert got == want, (sort, descending, text, due, offset)


def test_remaining_time_puts_the_most_urgent_first_and_is_the_overdue_views_default(store: Desk) -> None:
    rb = store.rulebook
    today = rb.today()
    with store.read() as s:
        for flt in (CaseFilter(due=DueFilter.OVERDUE), CaseFilter(due=DueFilter.DUE_SOON),
                    CaseFilter(due=DueFilter.OPEN, sort=SortKey.DUE)):
            rows = search_cases(s, rb, flt, limit=None)
            assert rows, flt
            running = [r for r in rows if r.state in COUNTING]
            assert rows[: len(running)] == running, "cases whose clock runs come first"
            dues = [r.nominal_due for r in running]
            assert dues == sorted(dues), flt
        overdue = search_cases(s, rb, CaseFilter(due=DueFilter.OVERDUE), limit=None)
        assert (today - overdue[0].legal_limit).days == max((today - r.legal_limit).days for r in overdue)
