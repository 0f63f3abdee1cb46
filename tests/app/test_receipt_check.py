"""`receipt check TEXT`: a receipt printed by the desk checks genuine; anything altered, borrowed or unknown fails."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.db.models import AuditEntry
from app.desk import open_desk
from reports.verification import canonical_received_at, receipt_verification_code
from tests.reports import pdfcheck

from .conftest import intake_dict


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(tmp_path / "desk")
    assert main(["--data-dir", d, "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "W01",
                 "--bank-name", "示例银行", "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    f = tmp_path / "case.json"
    f.write_text(json.dumps(intake_dict(), ensure_ascii=False), encoding="utf-8")
    for _ in range(2):
        assert main(["--data-dir", d, "case", "add", "--json", str(f)]) == 0
    capsys.readouterr()
    return d


def _numbers(home: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    return sorted(r["number"] for r in json.loads(capsys.readouterr().out))


def _receipt(home: str, number: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """The QR payload (decoded from the printed page) and the code printed as text on a receipt PDF."""
    cv2 = pytest.importorskip("cv2")
    out = tmp_path / f"{number}.pdf"
    assert main(["--data-dir", home, "receipt", number, "-o", str(out), "--layout", "a5"]) == 0
    capsys.readouterr()
    pdf = out.read_bytes()
    # OpenCV's detector misses a page now and then, depending on the code's pattern: like a
    # person re-aiming a scanner, try other resolutions and the second detector before failing.
    payload = ""
    detectors = [cv2.QRCodeDetector()] + ([cv2.QRCodeDetectorAruco()] if hasattr(cv2, "QRCodeDetectorAruco") else [])
    for dpi in (200, 300, 150, 400):
        [png] = pdfcheck.render(pdf, tmp_path, f"qr-{number}-{dpi}", dpi=dpi)
        image = cv2.imread(str(png))
        for detector in detectors:
            payload = detector.detectAndDecode(image)[0]
            if payload:
                break
        if payload:
            break
    text = pdfcheck.squash("".join(pdfcheck.pdftotext(pdf, tmp_path, number)))
    printed = re.search(r"验证码\s*([A-Z2-7]{4}-[A-Z2-7]{4})", text)
    assert payload and printed, text
    return str(payload), printed.group(1)


def _check(home: str, capsys: pytest.CaptureFixture[str], *text: str) -> tuple[int, str, str]:
    rc = main(["--data-dir", home, "receipt", "check", *text])
    out = capsys.readouterr()
    return rc, out.out, out.err


def _audit(home: str) -> list[dict[str, object]]:
    desk = open_desk(home)
    try:
        with desk.read() as s:
            return [dict(e.details) for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "receipt.check")
                                                       .order_by(AuditEntry.seq))]
    finally:
        desk.close()


def test_printed_receipt_checks_genuine_by_qr_and_by_typed_code(home: str, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    first, second = _numbers(home, capsys)
    payload, code = _receipt(home, first, tmp_path, capsys)
    assert payload.startswith(f"CDR2|{first}|") and payload.endswith("|" + code.replace("-", ""))
    rc, out, err = _check(home, capsys, payload)
    assert (rc, err) == (0, "") and out.startswith(f"GENUINE: {first}")
    # As a person types it from the paper, and as sloppily as people and scanners do.
    for typed in (f"{first} {code}", f"  {first.lower()}   {code.lower().replace('-', '')} ",
                  "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" for c in f"{first} {code}")):
        rc, out, _ = _check(home, capsys, typed)
        assert rc == 0 and out.startswith(f"GENUINE: {first}"), typed
    rc, out, _ = _check(home, capsys, first, code)  # two shell words
    assert rc == 0 and out.startswith("GENUINE")

    # One changed character in the code, in the receipt time, or in the case number.
    flipped = code[:-1] + ("A" if code[-1] != "A" else "B")
    rc, out, _ = _check(home, capsys, f"{first} {flipped}")
    assert rc == 1 and out.startswith("NOT GENUINE")
    parts = payload.split("|")
    later = parts[2][:-3] + ("59Z" if not parts[2].endswith("59Z") else "58Z")
    rc, out, _ = _check(home, capsys, "|".join([parts[0], parts[1], later, parts[3]]))
    assert rc == 1 and out.startswith("NOT GENUINE")
    unknown = first[:-1] + "9"
    rc, out, _ = _check(home, capsys, f"{unknown} {code}")
    assert rc == 1 and out.startswith(f"UNKNOWN CASE: no case {unknown}")
    # Another case's real code does not vouch for this one.
    _payload2, code2 = _receipt(home, second, tmp_path, capsys)
    rc, out, _ = _check(home, capsys, f"{first} {code2}")
    assert rc == 1 and out.startswith("NOT GENUINE")
    rc, _, _ = _check(home, capsys, f"{second} {code2}")
    assert rc == 0

    verdicts = [(a["case_number"], a["verdict"], a["form"]) for a in _audit(home)]
    assert verdicts[0] == (first, "genuine", "qr")
    assert (unknown, "unknown_case", "typed") in verdicts and (first, "not_genuine", "typed") in verdicts
    assert main(["--data-dir", home, "audit", "verify"]) == 0


def test_old_receipt_without_time_in_its_qr_still_checks(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    from reports.verification import desk_receipt_key

    first, _ = _numbers(home, capsys)
    desk = open_desk(home)
    try:
        from app.services.cases import load_case

        with desk.read() as s:
            received = load_case(s, first).received_at
    finally:
        desk.close()
    code = receipt_verification_code(first, canonical_received_at(received), desk_receipt_key())
    rc, out, _ = _check(home, capsys, f"CDR1|{first}|{code}")
    assert rc == 0 and out.startswith(f"GENUINE: {first}")
    rc, out, _ = _check(home, capsys, f"CDR1|{first}|{code[::-1]}")
    assert rc == 1 and out.startswith("NOT GENUINE")


@pytest.mark.parametrize("text", ["", "hello", "0591-W01-20261202-0001"])
def test_unreadable_text_exits_2_with_one_line_and_writes_nothing(home: str, text: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    before = len(_audit(home))
    rc, out, err = _check(home, capsys, text)
    assert (rc, out) == (2, "")
    [line] = err.strip().splitlines()
    assert line.startswith("error: text: ") and line.endswith("[receipt_unreadable]")
    assert len(_audit(home)) == before


def test_receipt_number_still_writes_a_pdf_beside_check(home: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = _numbers(home, capsys)
    out = tmp_path / "r.pdf"
    assert main(["--data-dir", home, "--operator", "1024", "receipt", first, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    rc = main(["--data-dir", home, "--operator", "1024", "receipt", "check", f"{first} AAAA-AAAA"])
    assert rc == 1 and capsys.readouterr().out.startswith("NOT GENUINE")


def test_the_installed_command_routes_receipt_check_too(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``complaint-desk`` (ui.launcher) parses with the same parser: `receipt check` is not a case number."""
    import subprocess
    import sys

    first, _ = _numbers(home, capsys)
    done = subprocess.run([sys.executable, "-m", "ui.launcher", "--data-dir", home, "receipt", "check",
                           f"{first[:-1]}9 AAAA-AAAA"], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.startswith(f"UNKNOWN CASE: no case {first[:-1]}9")
