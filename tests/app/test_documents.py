"""Receipts and reports of stored cases: PDFs read back, prints counted, CUPS printing end to end."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from tests.cups import SocketPrinter, add_socket_printer, private_cups

from .conftest import intake_dict

ID = "11010519491231002X"
PHONE = "13800138000"
CARD = "6222000000000009"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(tmp_path / "desk")
    assert main(["--data-dir", d, "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "W01",
                 "--bank-name", "示例银行", "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    assert main(["--data-dir", d, "operator", "add", "--staff-no", "3001", "--name", "周接待",
                 "--role", "receptionist"]) == 0
    f = tmp_path / "case.json"
    f.write_text(json.dumps(intake_dict(card_number=CARD, request=f"退还年费，卡号{CARD}"), ensure_ascii=False),
                 encoding="utf-8")
    assert main(["--data-dir", d, "case", "add", "--json", str(f)]) == 0
    capsys.readouterr()
    return d


def _number(home: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    return str(json.loads(capsys.readouterr().out)[0]["number"])


def _events(home: str, number: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(["--data-dir", home, "case", "show", number, "--json"]) == 0
    return list(json.loads(capsys.readouterr().out)["events"])


def test_receipt_pdf_has_number_due_date_and_no_full_personal_data(home: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    number = _number(home, capsys)
    out = tmp_path / "receipt.pdf"
    assert main(["--data-dir", home, "receipt", number, "-o", str(out), "--layout", "a5"]) == 0
    text = pdf_text(out)
    flat = text.replace(" ", "")
    assert number in flat and "受理回执" in flat
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "show", number, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    y, m, d = shown["due_date"].split("-")
    assert f"{int(y)}年{int(m)}月{int(d)}日" in flat
    for secret in (ID, PHONE, CARD):
        assert secret not in flat
    assert "补打" not in flat
    assert main(["--data-dir", home, "receipt", number, "-o", str(out)]) == 0
    assert "copy 2" in capsys.readouterr().out
    assert "补打" in pdf_text(out).replace(" ", "")
    prints = [e for e in _events(home, number, capsys) if e["kind"] == "print"]
    assert [e["data"]["count"] for e in prints] == [1, 2]  # type: ignore[index]


def test_report_masks_by_role(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = _number(home, capsys)
    admin_pdf, clerk_pdf = tmp_path / "admin.pdf", tmp_path / "clerk.pdf"
    assert main(["--data-dir", home, "report", number, "-o", str(admin_pdf)]) == 0
    assert main(["--data-dir", home, "--operator", "3001", "report", number, "-o", str(clerk_pdf)]) == 0
    admin_text = pdf_text(admin_pdf).replace(" ", "")
    clerk_text = pdf_text(clerk_pdf).replace(" ", "")
    assert ID in admin_text and "投诉处理档案" in admin_text
    assert ID not in clerk_text and "110105********002X" in clerk_text
    assert len(PdfReader(io.BytesIO(clerk_pdf.read_bytes())).pages) >= 2


def test_unknown_case_exits_2(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", home, "receipt", "0591-W01-19990101-0001", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "no case" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


@pytest.fixture(scope="module")
def cups() -> Iterator[str]:
    with private_cups() as server:
        yield server


def test_print_through_cups_to_a_network_printer(home: str, cups: str, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CUPS_SERVER", cups)
    printer = SocketPrinter()
    try:
        add_socket_printer(cups, "DeskReceipt", printer.port)
        number = _number(home, capsys)
        assert main(["--data-dir", home, "print", number, "--receipt", "--printer", "DeskReceipt", "--timeout", "20"]) == 0
        assert "printer:DeskReceipt" in capsys.readouterr().out
        assert printer.received.wait(10)
        job = printer.jobs[0]
        assert job.startswith(b"%PDF")
        reader = PdfReader(io.BytesIO(job))
        assert number in reader.pages[0].extract_text().replace(" ", "").replace("\n", "")
        assert [e["data"]["document"] for e in _events(home, number, capsys)  # type: ignore[index]
                if e["kind"] == "print"] == ["receipt"]
    finally:
        printer.close()


def test_failed_print_says_so_and_is_not_counted(home: str, cups: str, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CUPS_SERVER", cups)
    # Nothing listens on the discard port here: the printer is "off". (A freed
    # ephemeral port is no good: the backend's own source port may take it.)
    add_socket_printer(cups, "DeskOff", 9)
    number = _number(home, capsys)
    assert main(["--data-dir", home, "print", number, "--receipt", "--printer", "DeskOff", "--timeout", "3"]) == 2
    err = capsys.readouterr().err
    assert "not counted as printed" in err
    assert [e for e in _events(home, number, capsys) if e["kind"] == "print"] == []
    assert main(["--data-dir", home, "print", number, "--report", "--printer", "NoSuchQueue"]) == 2
    assert "unknown printer 'NoSuchQueue'" in capsys.readouterr().err
