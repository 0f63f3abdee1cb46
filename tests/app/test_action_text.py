"""Issue 8: the text rules of case add hold for every other text a command stores.

Reasons, notes, new facts, decision sections, root cause, rectification, survey
notes, operator and branch names reach the same screens and printed files as a
complainant's name: a control character, a bidi override, invisible-only text or
an over-long value is one error line (exit 2) and nothing is written.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.cli import main

from .conftest import intake_dict

# Each hostile value with the error code it must give.
HOSTILE = [
    ("退费\x1b[2J已处理", "control_char"),     # ANSI escape: clears a supervisor's terminal
    ("铃\x07声", "control_char"),
    ("\x00", "control_char"),
    ("原因\u202e理处已", "bidi_control"),       # right-to-left override
    ("甲\u2067乙\u2069", "bidi_control"),       # isolates
    ("\u200b\u2060\ufeff", "invisible"),        # zero-width only
    ("\u3164\u115f", "invisible"),              # Hangul fillers only
    ("乱\udcff码", "invalid_char"),             # invalid UTF-8 in argv, as Python decodes it
    ("非\ufffe字符", "invalid_char"),
    ("上一行\u0085下一行", "control_char"),     # C1 next-line
]


@pytest.fixture
def home(tmp_path: Path) -> str:
    d = str(tmp_path / "desk")
    assert main(["--data-dir", d, "init", "--branch", "0350", "--branch-name", "泉州分行营业部", "--desk", "k2",
                 "--staff-no", "7001", "--operator-name", "陈静"]) == 0
    assert main(["--data-dir", d, "operator", "add", "--staff-no", "7002", "--name", "吴敏", "--role",
                 "supervisor"]) == 0
    return d


def counts(home: str) -> tuple[int, ...]:
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("cases", "case_events", "audit_log", "operators", "outbox"))


def new_case(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], *actions: list[str]) -> str:
    f = tmp_path / "c.json"
    f.write_text(json.dumps(intake_dict(complainant={"name": "郑海燕", "id_number": "350102197611036003",
                                                        "phone": "15960001234"}), ensure_ascii=False),
                 encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "add", "--json", str(f)]) == 0
    number = capsys.readouterr().out.split()[0]
    for action in actions:
        assert main(["--data-dir", home, "case", *[number if a == "N" else a for a in action]]) == 0, action
    capsys.readouterr()
    return number


def refused(home: str, argv: list[str], capsys: pytest.CaptureFixture[str], code: str, field: str) -> None:
    before = counts(home)
    capsys.readouterr()
    rc = main(["--data-dir", home, *argv])
    out, err = capsys.readouterr()
    assert rc == 2, (argv, err)
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: {field}: ") and lines[0].endswith(f"[{code}]"), lines[0]
    assert "\x1b" not in err and "\u202e" not in err
    assert counts(home) == before


def action_commands(number: str, bad: str) -> list[tuple[list[str], str]]:
    """Each command of an accepted case with ``bad`` in one of its text options, and the field named."""
    return [
        (["case", "note", number, "--text", bad], "note"),
        (["case", "new-facts", number, "--facts", bad], "facts"),
        (["case", "extend", number, "--level", "1", "--reason", bad], "reason"),
        (["case", "pause", number, "--reason", bad], "reason"),
        (["case", "withdraw", number, "--reason", bad], "reason"),
        (["case", "hand-over", number, "--to", "7002", "--reason", bad], "reason"),
        (["case", "decide", number, "--verified", bad, "--basis", "依据", "--outcome", "结果",
          "--remedies", "救济"], "verified"),
        (["case", "decide", number, "--verified", "核实", "--basis", "依据", "--outcome", "结果",
          "--remedies", bad], "remedies"),
    ]


@pytest.mark.parametrize(("bad", "code"), HOSTILE)
def test_hostile_text_in_case_actions_is_refused(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 bad: str, code: str) -> None:
    number = new_case(home, tmp_path, capsys, ["accept", "N"])
    for argv, field in action_commands(number, bad):
        refused(home, argv, capsys, code, field)


@pytest.mark.parametrize(("bad", "code"), HOSTILE[:6])
def test_hostile_text_when_declining_and_closing_is_refused(home: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str],
                                                            bad: str, code: str) -> None:
    fresh = new_case(home, tmp_path, capsys)
    refused(home, ["case", "decline", fresh, "--reason", bad], capsys, code, "reason")
    decided = new_case(home, tmp_path, capsys, ["accept", "N"],
                       ["decide", "N", "--verified", "核实", "--basis", "依据", "--outcome", "结果", "--remedies", "救济"])
    close = ["case", "close", decided, "--satisfaction", "satisfied", "--surveyed-by", "7002"]
    refused(home, [*close, "--root-cause", bad], capsys, code, "root_cause")
    refused(home, [*close, "--root-cause", "系统延迟", "--rectification", bad], capsys, code, "rectification")
    refused(home, [*close, "--root-cause", "系统延迟", "--survey-note", bad], capsys, code, "survey_note")


@pytest.mark.parametrize(("bad", "code"), HOSTILE)
def test_hostile_operator_and_branch_names_are_refused(home: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str], bad: str,
                                                       code: str) -> None:
    refused(home, ["operator", "add", "--staff-no", "7100", "--name", bad], capsys, code, "name")
    refused(home, ["init", "--branch", "0350", "--branch-name", bad, "--desk", "K2"], capsys, code, "branch_name")
    refused(home, ["init", "--branch", "0350", "--branch-name", "泉州分行", "--desk", "K2", "--bank-name", bad],
            capsys, code, "bank_name")
    number = new_case(home, tmp_path, capsys)
    refused(home, ["--operator", "7002", "case", "show", number, "--reveal", "--reason", bad], capsys, code, "reason")


def test_a_name_is_one_line_and_free_text_keeps_its_lines(home: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    refused(home, ["operator", "add", "--staff-no", "7100", "--name", "李\n四"], capsys, "line_break", "name")
    refused(home, ["init", "--branch", "0350", "--branch-name", "泉州\r\n分行", "--desk", "K2"], capsys,
            "line_break", "branch_name")
    number = new_case(home, tmp_path, capsys, ["accept", "N"])
    assert main(["--data-dir", home, "case", "note", number, "--text", "第一行\r\n第二行\r第三行"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "show", number, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert "第一行\n第二行\n第三行" in json.dumps(shown, ensure_ascii=False).replace("\\n", "\n")


def test_over_long_text_is_refused_not_cut(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Rectification, a survey note and an optional reason were cut short without a word; a name had no limit."""
    refused(home, ["operator", "add", "--staff-no", "7100", "--name", "名" * 51], capsys, "too_long", "name")
    fresh = new_case(home, tmp_path, capsys)
    refused(home, ["case", "accept", fresh, "--reason", "因" * 1001], capsys, "too_long", "reason")
    decided = new_case(home, tmp_path, capsys, ["accept", "N"],
                       ["decide", "N", "--verified", "核实", "--basis", "依据", "--outcome", "结果", "--remedies", "救济"])
    close = ["case", "close", decided, "--satisfaction", "satisfied", "--surveyed-by", "7002",
             "--root-cause", "系统延迟"]
    refused(home, [*close, "--rectification", "改" * 4001], capsys, "too_long", "rectification")
    refused(home, [*close, "--survey-note", "访" * 4001], capsys, "too_long", "survey_note")
    assert main(["--data-dir", home, "case", "close", decided, "--satisfaction", "satisfied", "--surveyed-by", "7002",
                 "--root-cause", "系统延迟", "--rectification", "改" * 4000]) == 0
