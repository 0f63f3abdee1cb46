"""The start-up's first page (stdlib sqlite3) is exactly what the index-driven search returns."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from sqlalchemy import update

from app.db.models import Operator
from app.desk import Desk
from app.domain.classification import AXES
from app.paths import REFERENCE_FILE, RULES_FILE
from app.services.case_search import search_cases
from app.services.demo import add_demo_cases
from app.services.first_page import read_first_page
from app.services.identity import list_operators
from app.services.queries import CaseFilter

from .conftest import FakeClock


@pytest.fixture
def store(desk: Desk, clock: FakeClock) -> Desk:
    """A desk with 150 demo cases over 60 days (every state, pauses, extensions), read on a later day."""
    with desk.write() as s:
        add_demo_cases(s, desk.rulebook, list_operators(s), 150, seed=7, spread_days=60)
    clock.advance(days=3)
    return desk


def _searched(desk: Desk, limit: int) -> tuple[object, ...]:
    with desk.read() as s:
        return tuple(search_cases(s, desk.rulebook, CaseFilter(), offset=0, limit=limit))


@pytest.mark.parametrize("limit", [1, 7, 149, 150, 200])
def test_same_rows_as_search_cases(store: Desk, limit: int) -> None:
    page = read_first_page(store.paths, limit)
    assert page is not None
    want = _searched(store, limit)
    assert page.rows == want  # every field, the received time with its UTC zone, dates, the paused flag
    assert [type(getattr(page.rows[0], f)) for f in ("received_at", "nominal_due", "paused")] == \
        [type(getattr(want[0], f)) for f in ("received_at", "nominal_due", "paused")]  # type: ignore[index]
    assert page.exhausted == (len(want) < limit)
    assert {r.state for r in page.rows} >= ({"closed", "in_progress"} if limit >= 149 else set())


def test_names_rules_and_today_as_the_open_desk_has_them(store: Desk, clock: FakeClock) -> None:
    with store.write() as s:  # an operator who left: not shown by name, as list_operators leaves them out
        s.execute(update(Operator).where(Operator.staff_no == "1025").values(active=False))
    page = read_first_page(store.paths, 10)
    assert page is not None
    with store.read() as s:
        assert page.operator_names == {o.staff_no: o.name for o in list_operators(s)}
    assert "1025" not in page.operator_names
    assert page.rules == store.rules
    assert page.reference.version == store.reference.version
    assert all(page.reference.search(axis, "") == store.reference.search(axis, "") for axis in AXES)
    assert type(page.today()) is type(store.rulebook.today())
    assert page.clock is not clock  # the real clock: the GUI's desk runs on it too


def test_a_banks_own_rule_files_are_read(store: Desk, desk_home: Path) -> None:
    from importlib.resources import files

    shipped = json.loads((files("resources") / "rules" / RULES_FILE).read_text(encoding="utf-8"))
    (desk_home / "config" / RULES_FILE).write_text(json.dumps(shipped | {"due_soon_days": 5}), encoding="utf-8")
    page = read_first_page(store.paths, 5)
    assert page is not None and page.rules.due_soon_days == 5
    (desk_home / "config" / REFERENCE_FILE).write_text("{ not json", encoding="utf-8")
    assert read_first_page(store.paths, 5) is None, "a broken bank file is for opening the store to report"


def test_stores_it_cannot_read_this_way(store: Desk, tmp_path: Path) -> None:
    from app.paths import resolve_paths

    assert read_first_page(resolve_paths(tmp_path / "nowhere"), 10) is None
    with sqlite3.connect(store.paths.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    assert read_first_page(store.paths, 10) is None, "a store at another schema revision waits for open_desk"


def test_reads_without_sqlalchemy_and_leaves_the_store_alone(store: Desk, tmp_path: Path) -> None:
    import subprocess

    before = store.paths.database.read_bytes()
    code = ("import sys; from app.paths import resolve_paths; from app.services.first_page import read_first_page;"
            f"p = read_first_page(resolve_paths({str(store.paths.data)!r}), 3); "
            "assert p is not None and len(p.rows) == 3; assert 'sqlalchemy' not in sys.modules, 'imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
    assert store.paths.database.read_bytes() == before
