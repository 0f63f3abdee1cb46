"""核验回执 in the GUI: a scanner types the receipt's QR payload and Enter; the dialog gives the verdict."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db.models import AuditEntry
from app.desk import Desk
from ui import operations, printing
from ui.receipt_check import ReceiptCheckDialog
from tests.reports import pdfcheck

from .conftest import actor, intake


def _scanned(desk: Desk, number: str, tmp_path: Path) -> str:
    """The QR payload of the case's receipt, decoded from the rendered PDF as a scanner would read it."""
    cv2 = pytest.importorskip("cv2")
    from app.settings import Settings

    built = printing.build_copy(desk, actor(desk, "1024"), printing.document_request(Settings(), number, "receipt"))
    [png] = pdfcheck.render(built.pdf, tmp_path, f"qr-{number}", dpi=200)
    payload, _points, _raw = cv2.QRCodeDetector().detectAndDecode(cv2.imread(str(png)))
    assert payload.startswith("CDR2|")
    return str(payload)


def _scan(qtbot: Any, dialog: ReceiptCheckDialog, text: str) -> None:
    dialog.input.selectAll()  # the scanner's keystrokes replace what is there
    qtbot.keyClicks(dialog.input, text)
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        qtbot.keyClick(dialog.input, Qt.Key.Key_Return)


def test_scanned_receipt_shows_its_verdict_and_is_audited(qtbot: Any, make_window: Any, desk: Desk,
                                                          tmp_path: Path) -> None:
    first = operations.register(desk, actor(desk, "1024"), intake()).case_number
    second = operations.register(desk, actor(desk, "1024"), intake()).case_number
    payload = _scanned(desk, first, tmp_path)
    window = make_window("1024")
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.findChild(ReceiptCheckDialog) is not None
                    and window.findChild(ReceiptCheckDialog).isVisible())
    dialog = window.findChild(ReceiptCheckDialog)
    assert dialog.windowTitle() == "核验回执"
    qtbot.waitUntil(lambda: dialog.input.hasFocus())

    _scan(qtbot, dialog, payload)
    assert dialog.isVisible(), "Enter checks; it does not close the dialog"
    assert dialog.verdict.text() == "回执真实：由本窗口出具"
    assert first in dialog.detail.text() and "受理时间" in dialog.detail.text()

    code = payload.rsplit("|", 1)[1]
    forged = f"{first} {code[:-1]}{'A' if code[-1] != 'A' else 'B'}"
    _scan(qtbot, dialog, forged)
    assert dialog.verdict.text().startswith("回执不真实")
    _scan(qtbot, dialog, f"{second} {code}")  # another case's code
    assert dialog.verdict.text().startswith("回执不真实")
    unknown = first[:-1] + "9"
    _scan(qtbot, dialog, f"{unknown} {code}")
    assert dialog.verdict.text().startswith("未知案件") and unknown in dialog.detail.text()
    _scan(qtbot, dialog, f"{first.lower()}  {code[:4]}-{code[4:]}".lower())  # typed by hand
    assert dialog.verdict.text() == "回执真实：由本窗口出具"

    with desk.read() as s:
        lines = [(e.details["case_number"], e.details["verdict"]) for e in
                 s.scalars(select(AuditEntry).where(AuditEntry.action == "receipt.check").order_by(AuditEntry.seq))]
    assert lines == [(first, "genuine"), (first, "not_genuine"), (second, "not_genuine"), (unknown, "unknown_case"),
                     (first, "genuine")]


def test_what_is_not_a_receipt_is_said_beside_the_field(qtbot: Any, make_window: Any, desk: Desk) -> None:
    window = make_window("1024")
    dialog = window.check_receipt()
    assert dialog is not None
    with qtbot.waitSignal(dialog.checkFailed) as failed:
        qtbot.keyClicks(dialog.input, "hello")
        qtbot.keyClick(dialog.input, Qt.Key.Key_Return)
    assert failed.args[0].startswith("无法识别为回执") and dialog.error.isVisible()
    assert dialog.verdict.text() == ""
    dialog.input.clear()
    dialog.check_button.click()
    assert dialog.error.text() == "请扫描回执二维码，或输入投诉编号和验证码。"
