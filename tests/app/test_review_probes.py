"""Issue 8 tried from outside: inputs the first round of hardening did not foresee."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
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


def _refused_output(home: str, target: str, capsys: pytest.CaptureFixture[str], code: str) -> None:
    number = only_number(home, capsys)
    before = audit_lines(home)
    for command in ("receipt", "report"):
        rc = main(["--data-dir", home, command, number, "-o", target])
        out, err = capsys.readouterr()
        assert rc == 2 and out == "", (out, err)
        assert "Traceback" not in err and len(err.splitlines()) == 1 and err.rstrip().endswith(f"[{code}]"), err
        assert len(err) < 300
    assert audit_lines(home) == before, "a refused destination counts no copy"


def test_output_over_a_fifo_or_a_link_to_one_is_refused_and_the_fifo_kept(home: str, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """`-o /dev/null` (or a FIFO, or /dev/stdout) was replaced by a regular file holding the PDF."""
    import os
    import stat

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout-like"
    link.symlink_to(fifo)
    _refused_output(home, str(fifo), capsys, "output_not_file")
    _refused_output(home, str(link), capsys, "output_not_file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json", "desk", "pipe", "stdout-like"]


def test_output_over_the_desks_own_store_or_another_file_is_refused(home: str, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """`-o DATA/desk.sqlite3` replaced the store with a receipt: every case was gone."""
    store = Path(home) / "desk.sqlite3"
    _refused_output(home, str(store), capsys, "output_not_pdf")
    letter = tmp_path / "letter.txt"
    letter.write_text("致投诉人的信", encoding="utf-8")
    _refused_output(home, str(letter), capsys, "output_not_pdf")
    assert letter.read_text(encoding="utf-8") == "致投诉人的信"
    only_number(home, capsys)  # the store still opens and holds its case
    # A PDF (an earlier copy) or an empty file is replaced as before.
    out = tmp_path / "receipt.pdf"
    out.touch()
    number = only_number(home, capsys)
    assert main(["--data-dir", home, "receipt", number, "-o", str(out)]) == 0
    assert main(["--data-dir", home, "receipt", number, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_output_with_a_file_name_too_long_is_one_line(home: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    _refused_output(home, str(tmp_path / ("回执" * 100 + ".pdf")), capsys, "output_name")
    _refused_output(home, str(tmp_path / ("r" * 300) / "x.pdf"), capsys, "output_name")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json", "desk"]


@pytest.mark.parametrize("content", [b"not a database\n" * 3, b"SQLite format 3\x00" + b"\xff" * 84])
def test_a_store_file_that_is_not_a_database_is_one_line_and_left_alone(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str],
                                                                        content: bytes) -> None:
    """A store replaced by another file (or with a broken header) crashed every command with a traceback."""
    home = tmp_path / "desk"
    home.mkdir()
    (home / "desk.sqlite3").write_bytes(content)
    f = tmp_path / "case.json"
    f.write_text(json.dumps(intake_dict(), ensure_ascii=False), encoding="utf-8")
    for argv in (["case", "list"], ["case", "add", "--json", str(f)], ["verify"],
                 ["init", "--branch", "0350", "--branch-name", "泉州", "--desk", "K2"]):
        rc = main(["--data-dir", str(home), *argv])
        out, err = capsys.readouterr()
        assert rc == 2 and out == "", (argv, out, err)
        assert err == ("error: store: the store file is damaged or is not a desk database; restore it from the "
                       "backup [store_damaged]\n"), err
    assert (home / "desk.sqlite3").read_bytes() == content


@pytest.fixture
def keyring_file() -> Iterator[Path]:
    """The test run's keyring file, put back as it was after the test damages it."""
    import keyring

    path = Path(keyring.get_keyring().file_path)  # type: ignore[attr-defined]
    before = path.read_bytes() if path.exists() else None
    yield path
    if before is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(before)


def _one_line(home: str, argv: list[str], capsys: pytest.CaptureFixture[str], *codes: str) -> None:
    rc = main(["--data-dir", home, *argv])
    out, err = capsys.readouterr()
    assert rc == 2 and "Traceback" not in err, (argv, err[-500:])
    assert len(err.splitlines()) == 1 and err.rstrip().endswith(tuple(f"[{c}]" for c in codes)), (argv, err)


def test_a_damaged_keyring_file_or_key_is_one_line_and_never_signs_with_a_bad_key(
        home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], keyring_file: Path) -> None:
    """A keyring file that is not INI, or a key that is not base64, crashed verify, record, receipt and
    receipt check; a receipt key of non-alphabet characters decoded to an empty HMAC key and signed receipts."""
    import base64

    import keyring

    from recording.manifest import SIGNING_KEY_NAME
    from reports.verification import KEY_NAME as RECEIPT_KEY_NAME

    number = only_number(home, capsys)
    assert main(["--data-dir", home, "record", number, "--seconds", "1", "--told", "--source", "demo",
                 "--size", "320x240", "--fps", "10"]) == 0
    capsys.readouterr()
    good = keyring_file.read_bytes()
    before = audit_lines(home)
    pdf = tmp_path / "r.pdf"
    record = ["record", number, "--seconds", "1", "--told", "--source", "demo", "--size", "320x240"]
    recordings = sorted((Path(home) / "recordings").iterdir())

    # An unreadable keyring file stops the desk as it opens (the audit key is read first), or at the
    # first key a command needs: one line either way.
    desk_uuid = (Path(home) / "desk.id").read_text(encoding="ascii").strip()
    keyring_file.write_text("[damaged\n", encoding="utf-8")
    _one_line(home, ["verify"], capsys, "signing_key_unavailable", "keyring_unavailable")
    _one_line(home, record, capsys, "signing_key_unavailable", "keyring_unavailable")
    _one_line(home, ["receipt", number, "-o", str(pdf)], capsys, "receipt_key_unavailable", "keyring_unavailable")
    _one_line(home, ["receipt", "check", number, "ABCD-EFGH"], capsys, "receipt_key_unavailable",
              "keyring_unavailable")

    for bad in ("not base64!!", base64.b64encode(b"k" * 20).decode()):  # undecodable; not 32 bytes
        keyring_file.write_bytes(good)
        keyring.set_password("complaint-desk", f"{desk_uuid}/{SIGNING_KEY_NAME}", bad)
        _one_line(home, ["verify"], capsys, "key_damaged")
        _one_line(home, record, capsys, "key_damaged")

    for bad in ("@@@", "!!!!", base64.b64encode(b"short").decode()):
        keyring_file.write_bytes(good)
        keyring.set_password("complaint-desk", f"{desk_uuid}/{RECEIPT_KEY_NAME}", bad)
        _one_line(home, ["receipt", number, "-o", str(pdf)], capsys, "key_damaged")
        _one_line(home, ["receipt", "check", number, "ABCD-EFGH"], capsys, "key_damaged")
    assert not pdf.exists()
    assert audit_lines(home) == before
    assert sorted((Path(home) / "recordings").iterdir()) == recordings


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_a_search_text_too_long_is_refused_in_one_clear_line(home: str, capsys: pytest.CaptureFixture[str],
                                                             extra: list[str]) -> None:
    """120,000 characters of search reached SQLite: "LIKE or GLOB pattern too complex [store_error]"."""
    number = only_number(home, capsys)
    for text in ("郑" * 60_000, "a" * 101):
        rc = main(["--data-dir", home, "case", "list", "--search", text, *extra])
        out, err = capsys.readouterr()
        assert rc == 2 and out == ""
        assert err == "error: search: is longer than 100 characters [too_long]\n", err[:300]
    assert main(["--data-dir", home, "case", "list", "--search", f"  {number}  ", *extra]) == 0
    assert number in capsys.readouterr().out


@pytest.mark.parametrize("typed, kind", [("DEMO", "demo"), (" Demo ", "demo"), ("Camera:3", "camera"),
                                         ("FILE:/srv/Clips/A.mp4", "file")])
def test_source_keywords_are_case_blind_and_a_path_keeps_its_case(typed: str, kind: str) -> None:
    from app.recording_options import SourceSpec, parse_source

    spec = parse_source(typed)
    assert isinstance(spec, SourceSpec) and spec.kind == kind
    if kind == "file":
        assert spec.video_path == "/srv/Clips/A.mp4"


def test_init_names_the_option_that_holds_a_bad_operator_name(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["--data-dir", str(tmp_path / "fresh"), "init", "--branch", "0591", "--branch-name", "福州分行",
               "--desk", "W01", "--staff-no", "0001", "--operator-name", "管理\x1b[31m员"])
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith("error: operator-name: ") and len(err.splitlines()) == 1
