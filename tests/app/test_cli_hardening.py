"""Issue 8: bad or hostile input to the CLI is one clear error line (exit 2), never a traceback, never stored."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli import main
from app.desk import open_desk
from app.services.cases import register_case
from app.services.identity import list_operators
from app.services.intake import CaseIntake, PartyInput

from .conftest import intake_dict

ROOT = Path(__file__).resolve().parents[2]
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.fixture
def home(tmp_path: Path) -> str:
    d = str(tmp_path / "desk")
    assert main(["--data-dir", d, "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "w01",
                 "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    return d


def store_counts(home: str) -> tuple[int, int, int]:
    """Cases, events and audit lines in the store: what 'nothing written' means."""
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("cases", "case_events", "audit_log"))


def add_bytes(home: str, raw: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    f = tmp_path / "case.json"
    f.write_bytes(raw)
    capsys.readouterr()
    rc = main(["--data-dir", home, "case", "add", "--json", str(f)])
    out = capsys.readouterr()
    return rc, out.out, out.err


def add(home: str, data: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return add_bytes(home, json.dumps(data, ensure_ascii=False).encode(), tmp_path, capsys)


def refused(home: str, data: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Add ``data``; assert exit 2, nothing printed on stdout, nothing stored; return the one error line."""
    before = store_counts(home)
    rc, out, err = add(home, data, tmp_path, capsys)
    assert rc == 2 and out == "", err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert store_counts(home) == before
    return lines[0]


def show_json(home: str, number: str, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "show", number, "--json", *extra]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


# --- things that crashed with a traceback -------------------------------------------------------


@pytest.mark.parametrize("table", [FULL_WIDTH, ARABIC_INDIC])
@pytest.mark.parametrize("id_number", ["11010519491231002X", "110105491231002"])
def test_id_numbers_in_other_digit_scripts_are_stored_as_ascii(
        home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], table: dict[int, str], id_number: str) -> None:
    data = intake_dict()
    data["complainant"] = {"name": "张三", "id_number": id_number.translate(table),
                           "phone": "１３８００１３８０００", "address": "福州"}
    rc, out, err = add(home, data, tmp_path, capsys)
    assert rc == 0, err
    shown = show_json(home, out.strip(), capsys, "--reveal", "--reason", "核对身份")
    party = shown["parties"][0]  # type: ignore[index]
    assert party["id_number"].isascii() and len(party["id_number"]) == 18  # type: ignore[index]
    assert party["id_number"].startswith("1101051949")  # type: ignore[index]
    assert party["phone"] == "13800138000"  # type: ignore[index]


@pytest.mark.parametrize(("received_at", "code"), [
    ("0001-01-01T00:00:00+08:00", "too_early"),
    ("0001-01-01T00:00:00-12:00", "too_early"),
    ("9999-12-31T23:59:59+00:00", "future"),
    ("9999-12-31T23:59:59-12:00", "future"),
    ("1989-12-31T23:59:59+08:00", "too_early"),
])
def test_received_at_out_of_range_is_refused(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             received_at: str, code: str) -> None:
    line = refused(home, intake_dict(received_at=received_at), tmp_path, capsys)
    assert line.startswith("error: received_at: ") and line.endswith(f"[{code}]")


def test_received_at_at_the_floor_is_accepted(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = add(home, intake_dict(received_at="1990-01-01T00:00:00+08:00"), tmp_path, capsys)
    assert rc == 0, err
    assert show_json(home, out.strip(), capsys)["received_at"] == "1989-12-31T16:00:00+00:00"


def test_invalid_utf8_in_a_file_names_the_byte_offset(home: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    raw = json.dumps(intake_dict(), ensure_ascii=False).encode()
    at = raw.index("张".encode())
    broken = raw[:at] + b"\xff" + raw[at + 1:]
    before = store_counts(home)
    rc, out, err = add_bytes(home, broken, tmp_path, capsys)
    assert (rc, out) == (2, "")
    assert err == f"error: input: is not valid UTF-8 (byte 0xff at offset {at}) [encoding]\n"
    assert store_counts(home) == before


def test_invalid_utf8_on_stdin(home: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"channel": "A\xc3\x28"}'), encoding="utf-8"))
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "add", "--json", "-"]) == 2
    assert capsys.readouterr().err == "error: input: is not valid UTF-8 (byte 0xc3 at offset 14) [encoding]\n"


def test_a_byte_order_mark_is_accepted_in_files_and_on_stdin(home: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    raw = b"\xef\xbb\xbf" + json.dumps(intake_dict(), ensure_ascii=False).encode()
    rc, out, err = add_bytes(home, raw, tmp_path, capsys)
    assert rc == 0, err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    assert main(["--data-dir", home, "case", "add", "--json", "-"]) == 0
    assert capsys.readouterr().out.strip().endswith("-0002")


@pytest.mark.parametrize(("raw", "code"), [
    (b"[" * 100_000 + b"]" * 100_000, "too_deep"),
    (b'{"facts": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001, "too_deep"),
    (b'{"facts": "' + b"x" * (1024 * 1024) + b'"}', "too_large"),
    (b'{"channel": "A01", "channel": "A02"}', "duplicate_key"),
    (b'{"channel": NaN}', "json_syntax"),
    (b'{"channel": ' + b"9" * 5000 + b"}", "json_number"),
    (b"", "json_syntax"),
    (b"\xff\xfe{\x00}\x00", "encoding"),  # UTF-16
])
def test_hostile_documents_are_refused_before_parsing_can_fail(home: str, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str],
                                                               raw: bytes, code: str) -> None:
    before = store_counts(home)
    rc, out, err = add_bytes(home, raw, tmp_path, capsys)
    assert (rc, out) == (2, "")
    assert len(err.splitlines()) == 1 and err.startswith("error: input: ") and err.endswith(f"[{code}]\n"), err
    assert len(err) < 200
    assert store_counts(home) == before


# --- things that were accepted wrongly ----------------------------------------------------------


@pytest.mark.parametrize(("where", "path"), [
    ("complainant", "complainant.foo"),
    ("proxy", "proxy.foo"),
    ("representatives", "representatives[1].foo"),
])
def test_unknown_fields_are_refused_at_every_level(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   where: str, path: str) -> None:
    data = intake_dict()
    person = {"name": "李四", "id_number": "110105199001011232", "phone": "13600000000"}
    if where == "complainant":
        data["complainant"] = {**data["complainant"], "foo": 1}  # type: ignore[dict-item]
    elif where == "proxy":
        data["proxy"] = {**person, "relation": "律师", "absence_reason": "住院", "foo": "x"}
    else:
        data["representatives"] = [person, {**person, "foo": None}]
    line = refused(home, data, tmp_path, capsys)
    assert line.startswith(f"error: {path}: is not a known field") and line.endswith("[unknown_field]")


def test_organisation_fields_are_not_fields_of_a_person(home: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    data = intake_dict()
    data["complainant"] = {**data["complainant"], "uscc": "91350100M000100Y43"}  # type: ignore[dict-item]
    assert refused(home, data, tmp_path, capsys).startswith("error: complainant.uscc: is not a known field")


@pytest.mark.parametrize("value", ["false", "true", 0, 1, "no", [], {}])
def test_poa_signed_original_must_be_a_json_boolean(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    value: object) -> None:
    proxy = {"name": "钱律师", "id_number": "110105199001011232", "phone": "13600000000", "relation": "律师",
             "absence_reason": "投诉人住院。", "poa_signed_original": value}
    line = refused(home, intake_dict(proxy=proxy), tmp_path, capsys)
    assert line == "error: proxy.poa_signed_original: must be true or false (a JSON boolean) [type]"


@pytest.mark.parametrize("flag", [False, True])
def test_poa_signed_original_booleans_are_stored_as_given(home: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str], flag: bool) -> None:
    proxy = {"name": "钱律师", "id_number": "110105199001011232", "phone": "13600000000", "relation": "律师",
             "absence_reason": "投诉人住院。", "poa_signed_original": flag}
    rc, out, err = add(home, intake_dict(proxy=proxy), tmp_path, capsys)
    assert rc == 0, err
    parties = show_json(home, out.strip(), capsys)["parties"]
    assert [p["poa_signed_original"] for p in parties if p["role"] == "proxy"] == [flag]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "code"), [
    ("张\x00三", "control_char"),
    ("张三\x07", "control_char"),
    ("\x1b[2J\x1b[31m张三\x1b[0m", "control_char"),
    ("张三\n李四", "line_break"),
    ("\u202e三张", "bidi_control"),
    ("\u200b\u200c\u200d\ufeff", "invisible"),
])
def test_hostile_names_are_refused(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   name: str, code: str) -> None:
    data = intake_dict()
    data["complainant"] = {**data["complainant"], "name": name}  # type: ignore[dict-item]
    line = refused(home, data, tmp_path, capsys)
    assert line.startswith("error: complainant.name: ") and line.endswith(f"[{code}]")
    assert "\x1b" not in line and "\u202e" not in line


def test_line_breaks_stay_allowed_in_facts_but_not_escape_codes(home: str, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = add(home, intake_dict(facts="第一次来电。\r\n第二次来电。"), tmp_path, capsys)
    assert rc == 0, err
    assert show_json(home, out.strip(), capsys)["facts"] == "第一次来电。\n第二次来电。"
    assert refused(home, intake_dict(facts="正常\x1b]0;owned\x07"), tmp_path, capsys).startswith("error: facts: ")


@pytest.mark.parametrize("phone", ["+86 99 12345678", "099-12345678", "(026) 12345678", "0600-1234567"])
def test_phone_with_an_area_code_that_does_not_exist_is_refused(home: str, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str],
                                                                phone: str) -> None:
    data = intake_dict()
    data["complainant"] = {**data["complainant"], "phone": phone}  # type: ignore[dict-item]
    assert refused(home, data, tmp_path, capsys).startswith("error: complainant.phone: ")


@pytest.mark.parametrize(("field", "value"), [
    ("channel", 7), ("demand", ["D01"]), ("request", False), ("received_at", 20260201),
    ("representatives", {"name": "x"}), ("proxy", "钱律师"),
])
def test_wrong_json_types_are_refused_not_coerced(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  field: str, value: object) -> None:
    line = refused(home, intake_dict(**{field: value}), tmp_path, capsys)
    assert line.startswith(f"error: {field}: ") and line.endswith("[type]")


def test_error_lines_quote_a_short_excerpt_only(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = "Ａ" * 300_000
    line = refused(home, intake_dict(channel=huge), tmp_path, capsys)
    assert line.startswith("error: channel: ") and len(line) < 200
    line = refused(home, {**intake_dict(), huge: 1}, tmp_path, capsys)
    assert line.startswith("error: ") and "[unknown_field]" in line and len(line) < 200
    data = intake_dict()
    data["complainant"] = {**data["complainant"], "name": "张" * 1_000_000}  # type: ignore[dict-item]
    rc, out, err = add(home, data, tmp_path, capsys)  # over the 1 MiB cap
    assert rc == 2 and len(err) < 200


def test_thousands_of_problems_are_cut_to_twenty_lines(home: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = {**intake_dict(), **{f"x{i}": i for i in range(5000)}}
    before = store_counts(home)
    rc, _, err = add(home, data, tmp_path, capsys)
    lines = err.splitlines()
    assert rc == 2 and len(lines) == 20
    assert lines[-1] == "error: input: 4981 more problem(s) not shown [more_problems]"
    assert store_counts(home) == before


# --- output ---------------------------------------------------------------------------------------


def _store_raw(home: str, name: str) -> str:
    """A case whose complainant name was stored before these checks existed (bypassing the intake)."""
    desk = open_desk(home)
    try:
        with desk.read() as s:
            actor = list_operators(s)[0]
        intake = CaseIntake(complainant=PartyInput(name=name, id_number="11010519491231002X", phone="13800138000"),
                            channel="A01", business="B0302", reason="C05", demand="D02",
                            request="要求\x1b[8m隐藏", facts="事实")
        with desk.write() as s:
            return register_case(s, desk.rulebook, actor, intake).case_number
    finally:
        desk.close()


def test_list_and_show_never_echo_raw_control_characters(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "\x1b[2J张\u202e三\n0591-W01-FAKE\t\x9b31m"
    number = _store_raw(home, hostile)
    capsys.readouterr()
    for argv in (["case", "list"], ["case", "list", "--json"], ["case", "show", number],
                 ["case", "show", number, "--json"]):
        assert main(["--data-dir", home, *argv]) == 0
        out = capsys.readouterr().out
        for raw in ("\x1b", "\u202e", "\x9b"):
            assert raw not in out, (argv, raw)
    assert main(["--data-dir", home, "case", "list"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 1 and "\\u001b[2J张\\u202e三\\n0591-W01-FAKE\\t\\u009b31m" in rows[0]
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["complainant"].startswith("\x1b[2J张\u202e三")  # JSON readers get the stored value back


@pytest.mark.parametrize("limit", ["-1", "1000001", "abc", "1e3", ""])
def test_limit_must_be_a_bounded_whole_number(home: str, capsys: pytest.CaptureFixture[str], limit: str) -> None:
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "list", "--limit", limit]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [f"error: --limit: must be a whole number from 0 to 1000000 "
                                f"(see complaint-desk case list --help) [usage]"]


def test_limit_takes_that_many_rows(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(3):
        assert add(home, intake_dict(), tmp_path, capsys)[0] == 0
    for argv, rows in ((["--limit", "2"], 2), (["--limit", "0"], 3), (["--limit", "2", "--json"], 2)):
        assert main(["--data-dir", home, "case", "list", *argv]) == 0
        out = capsys.readouterr().out
        assert (len(json.loads(out)) if "--json" in argv else len(out.splitlines())) == rows


@pytest.mark.parametrize("argv", [["record", "X", "--seconds", "nan"], ["record", "X", "--seconds", "inf"],
                                  ["record", "X", "--seconds", "1", "--fps", "0"],
                                  ["print", "X", "--receipt", "--timeout", "-5"], ["demo-data", "-3"],
                                  ["record", "X", "--seconds", "1", "--size", "-640x-480"],
                                  ["record", "X", "--seconds", "1", "--size", "99999x99999"],
                                  ["record", "X", "--seconds", "1", "--size", "641x480"]])
def test_other_numeric_options_are_bounded(home: str, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    capsys.readouterr()
    assert main(["--data-dir", home, *argv]) == 2
    err = capsys.readouterr().err
    # argparse's bounds end in [usage]; record's own checks (app/recording_options.py) name their rule.
    assert len(err.splitlines()) == 1 and err.startswith("error: ") and err.endswith("]\n")
    assert "Traceback" not in err


# --- the store and output files -----------------------------------------------------------------


def test_a_write_lock_held_past_the_busy_timeout_is_one_clear_line(home: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    before = store_counts(home)
    holder = sqlite3.connect(Path(home) / "desk.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert main(["--data-dir", home, "case", "list"]) == 0, "readers are not held up by a writer (WAL)"
        started = time.monotonic()
        rc, out, err = add(home, intake_dict(), tmp_path, capsys)
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (rc, out) == (2, "")
    assert err == ("error: store: the store is busy: another program holds a write lock; try again "
                   "[store_busy]\n")
    assert waited >= 9.5  # it waited for the busy timeout (10 s) before giving up
    assert store_counts(home) == before


@pytest.fixture
def number(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    rc, out, _ = add(home, intake_dict(), tmp_path, capsys)
    assert rc == 0
    return out.strip()


@pytest.mark.parametrize("command", ["receipt", "report"])
def test_output_to_a_missing_folder_or_a_folder_is_one_line(home: str, number: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str],
                                                             command: str) -> None:
    existing = tmp_path / "out"
    existing.mkdir()
    before = store_counts(home)
    for target, code in (("/proc/nope/x.pdf", "output_folder_missing"), (str(existing), "output_is_folder"),
                         (str(tmp_path / "missing" / "x.pdf"), "output_folder_missing"),
                         ("/proc/x.pdf", "output_failed")):
        capsys.readouterr()
        assert main(["--data-dir", home, command, number, "-o", target]) == 2
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1 and err.startswith("error: output: ") and err.endswith(f"[{code}]\n"), err
    assert sorted(p.name for p in tmp_path.rglob("*.part")) == []
    assert list(existing.iterdir()) == [] and not (tmp_path / "missing").exists()
    assert store_counts(home) == before  # not counted as issued


def test_a_write_that_fails_midway_leaves_no_part_file(home: str, number: str, tmp_path: Path) -> None:
    """The file-size limit stands in for a full disk: the write fails after it started."""
    target = tmp_path / "docs" / "receipt.pdf"
    target.parent.mkdir()
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))\n"
        "from app.cli import main\n"
        f"sys.exit(main(['--data-dir', {home!r}, 'receipt', {number!r}, '-o', {str(target)!r}]))\n"
    )
    before = store_counts(home)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"error: output: cannot write {target}: File too large [output_failed]\n"
    assert list(target.parent.iterdir()) == []
    assert store_counts(home) == before


def test_a_receipt_to_a_good_path_still_works(home: str, number: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "receipt.pdf"
    assert main(["--data-dir", home, "receipt", number, "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF") and not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize("argv", [
    ["case", "show", "0591-W01-" + "9" * 100_000],
    ["case", "add", "--json", "case\x00.json"],
    ["receipt", "0591-W01-20200101-0001", "-o", "x\x00.pdf"],
    ["case", "add", "--json", "/nonexistent/\x1b[2Jcase.json"],
])
def test_odd_arguments_are_one_short_line(home: str, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    capsys.readouterr()
    assert main(["--data-dir", home, *argv]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("error: ") and len(err) < 300, err
    assert "\x00" not in err and "\x1b" not in err


def test_a_data_dir_that_cannot_be_a_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    for data_dir in (str(a_file), str(tmp_path / "bad\x00dir")):
        assert main(["--data-dir", data_dir, "case", "list"]) == 2
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1 and err.startswith("error: data-dir: cannot use ") \
            and err.endswith("[data_dir]\n"), err
