"""Issue 8 tried from outside: inputs the first round of hardening did not foresee."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.cli import main

from .conftest import intake_dict


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(tmp_path / "desk")
    assert main(["--data-dir", d, "init", "--branch", "0350", "--branch-name", "泉州分行营业部", "--desk", "K2",
                 "--staff-no", "7001", "--operator-name", "陈静"]) == 0
    f = tmp_path / "case.json"
    f.write_text(json.dumps(intake_dict(), ensure_ascii=False), encoding="utf-8")
    assert main(["--data-dir", d, "case", "add", "--json", str(f)]) == 0
    capsys.readouterr()
    return d


def audit_lines(home: str) -> int:
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        return int(db.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def only_number(home: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    return str(row["number"])


@pytest.mark.parametrize("tail", ["9" * 5000, "0" * 120 + " ABCD-EFGH", "-" + "A1" * 3000])
def test_receipt_check_of_a_huge_case_number_is_unreadable_not_echoed(home: str, capsys: pytest.CaptureFixture[str],
                                                                      tail: str) -> None:
    """A real case number with thousands of characters run on was read as a case number and echoed whole."""
    number = only_number(home, capsys)
    before = audit_lines(home)
    for text in (f"{number}{tail}", f"CDR2|{number}{tail}|2026-09-25T02:00:00Z|ABCDEFGH"):
        rc = main(["--data-dir", home, "receipt", "check", text])
        out, err = capsys.readouterr()
        assert rc == 2 and out == "", out[:200]
        assert len(err.splitlines()) == 1 and err.rstrip().endswith("[receipt_unreadable]"), err[:200]
        assert len(err) < 300
    assert audit_lines(home) == before
