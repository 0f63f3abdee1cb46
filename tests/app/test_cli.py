"""The command line as a support engineer or a script uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main

from .conftest import intake_dict


@pytest.fixture
def home(tmp_path: Path) -> str:
    d = str(tmp_path / "desk")
    assert main(["--data-dir", d, "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "w01",
                 "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    return d


def _add(home: str, data: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    f = tmp_path / "case.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    rc = main(["--data-dir", home, "case", "add", "--json", str(f)])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_case_add_prints_number_and_show_json_has_deadlines(home: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = _add(home, intake_dict(), tmp_path, capsys)
    assert rc == 0, err
    number = out.strip()
    assert number.startswith("0591-W01-") and number.endswith("-0001")
    assert main(["--data-dir", home, "case", "show", number, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["number"] == number and shown["state"] == "registered"
    assert {"received_at", "due_date", "legal_limit"} <= set(shown)
    assert shown["parties"][0]["id_number"] == "110105********002X"


def test_bad_input_exits_2_with_one_line_per_problem_and_writes_nothing(
        home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = intake_dict(complainant={"name": "张三", "id_number": "110105194902300021", "phone": "12345"},
                      channel="A77")
    del bad["facts"]
    rc, out, err = _add(home, bad, tmp_path, capsys)
    assert rc == 2 and out == ""
    lines = err.strip().splitlines()
    assert any(line.startswith("error: complainant.id_number:") for line in lines)
    assert any(line.startswith("error: complainant.phone:") for line in lines)
    assert any(line.startswith("error: channel:") for line in lines)
    assert any(line.startswith("error: facts: is required") for line in lines)
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_not_json_and_unknown_case_are_clear(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "broken.json"
    f.write_text("{not json", encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "add", "--json", str(f)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["--data-dir", home, "case", "show", "0591-W01-20200101-0001"]) == 2
    assert "no case 0591-W01-20200101-0001" in capsys.readouterr().err


def test_uninitialised_desk_says_how_to_init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "case.json"
    f.write_text(json.dumps(intake_dict()), encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "fresh"), "case", "add", "--json", str(f)]) == 2
    assert "complaint-desk init" in capsys.readouterr().err


def test_actions_from_the_cli_and_list_json(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _add(home, intake_dict(), tmp_path, capsys)
    number = out.strip()
    assert main(["--data-dir", home, "operator", "add", "--staff-no", "2048", "--name", "陈主管",
                 "--role", "supervisor"]) == 0
    assert main(["--data-dir", home, "case", "accept", number]) == 0
    assert main(["--data-dir", home, "case", "extend", number, "--level", "1", "--reason", "复杂"]) == 0
    assert main(["--data-dir", home, "case", "extend", number, "--level", "2", "--reason", "特别复杂"]) == 2
    assert "supervisor" in capsys.readouterr().err
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["number"] for r in rows] == [number]
    assert rows[0]["state"] == "accepted" and rows[0]["phone"] == "138****8000"


def test_demo_data_makes_valid_varied_cases(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", home, "demo-data", "60"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 60
    assert len({r["state"] for r in rows}) >= 4
    assert len({r["business"] for r in rows}) >= 3
    assert len({r["number"] for r in rows}) == 60
    assert main(["--data-dir", home, "audit", "verify"]) == 0
