"""核验回执: check a receipt handed back to the desk by scanning its QR code or typing its number and code.

A USB QR scanner is a keyboard: it types the payload into the focused field and
presses Enter.  So the dialog is one field with the focus; Enter checks what it
holds on a worker (:func:`app.services.receipt_check.check_receipt`, which also
writes the audit line) and shows the verdict: genuine, not genuine, or unknown
case.  The field's text is then selected, so the next scan replaces it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui import icons, labels
from ui.context import DeskContext
from ui.tasks import Task
from ui.widgets import ErrorLabel

if TYPE_CHECKING:
    from app.desk import Desk
    from app.services.identity import Actor
    from app.services.receipt_check import ReceiptCheck

_CTX = "ReceiptCheckDialog"
MESSAGES = {
    "no_operator": QT_TRANSLATE_NOOP("ReceiptCheckDialog", "Choose the current operator first (status bar)."),
    "empty": QT_TRANSLATE_NOOP("ReceiptCheckDialog", "Scan the receipt's QR code, or type its case number and code."),
    "receipt_unreadable": QT_TRANSLATE_NOOP(
        "ReceiptCheckDialog", "This is not a receipt code: scan the QR code, or type the case number and the "
        "code printed beside it (e.g. 0591-W01-20261202-0001 2PVM-IHIA)."),
    "receipt_key_unavailable": QT_TRANSLATE_NOOP(
        "ReceiptCheckDialog", "The desk's receipt key cannot be read from the keyring, so no receipt can be checked."),
    "key_damaged": QT_TRANSLATE_NOOP(
        "ReceiptCheckDialog", "The desk's receipt key in the keyring is damaged, so no receipt can be checked: the "
        "administrator restores it from the key backup."),
}


def check_now(desk: Desk, actor: Actor, text: str) -> ReceiptCheck:
    """Check ``text`` against the store and audit the check (worker side: its own Session)."""
    from app.services.receipt_check import check_receipt
    from reports.verification import desk_receipt_key

    key = desk_receipt_key()
    with desk.write() as s:
        return check_receipt(s, desk.rulebook, actor, text, key)


class ReceiptCheckDialog(QDialog):
    """Scan or type a receipt; says whether the desk issued it."""

    # A check is done (argument: the ReceiptCheck); the verdict is shown.
    checked = Signal(object)
    # The text could not be checked (argument: the message shown).
    checkFailed = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_check: ReceiptCheck | None = None
        self._busy = False
        self._error_source = ""
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.input = QLineEdit()
        self.input.setClearButtonEnabled(True)
        self.caption.setBuddy(self.input)
        self.verdict_icon = QLabel()
        self.verdict = QLabel()
        self.verdict.setProperty("role", "title")
        self.verdict.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = ErrorLabel()
        self.check_button = QPushButton()
        self.check_button.setProperty("primary", True)
        self.close_button = QPushButton()
        # Enter in the field checks; the buttons must not take it as "default" and close instead.
        self.check_button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)

        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict_icon)
        verdict_row.addWidget(self.verdict, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.input)
        layout.addWidget(self.error)
        layout.addLayout(verdict_row)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.input.returnPressed.connect(self.check)
        self.check_button.clicked.connect(self.check)
        self.close_button.clicked.connect(self.reject)
        self.resize(560, 260)
        self.retranslate()
        self._show_verdict()
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    def check(self) -> Task | None:
        """Check what the field holds (on a worker); the verdict shows when it is done."""
        if self._busy:
            return None
        text = self.input.text()
        actor = self.ctx.actor
        if not text.strip():
            self._show_error("empty")
            return None
        if actor is None:
            self._show_error("no_operator")
            return None
        self._busy = True
        self.check_button.setEnabled(False)
        self._show_error("")
        desk = self.ctx.desk
        return self.ctx.run(lambda _s: check_now(desk, actor, text), on_result=self._checked,
                            on_error=self._failed, parent=self, name="receipt-check")

    def _checked(self, result: ReceiptCheck) -> None:
        self._busy = False
        self.check_button.setEnabled(True)
        self.last_check = result
        self._show_verdict()
        self.input.selectAll()  # the next scan replaces this one
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)
        self.checked.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.check_button.setEnabled(True)
        self.last_check = None
        self._show_verdict()
        code = str(getattr(exc, "code", ""))
        if code in MESSAGES:
            self._show_error(code)
        else:
            from ui.messages import error_text

            self._error_source = ""
            self.error.show_message(error_text(exc))
        self.input.selectAll()
        self.checkFailed.emit(self.error.text())

    def _show_error(self, key: str) -> None:
        self._error_source = key
        self.error.show_message(QCoreApplication.translate(_CTX, str(MESSAGES[key])) if key else "")

    def verdict_text(self) -> str:
        """The verdict and its detail as shown (what the receptionist reads)."""
        return f"{self.verdict.text()}\n{self.detail.text()}".strip()

    def _show_verdict(self) -> None:
        from app.clock import beijing

        result = self.last_check
        if result is None:
            self.verdict.clear()
            self.detail.clear()
            self.verdict_icon.clear()
            return
        if result.verdict == "genuine":
            title, icon = self.tr("Genuine receipt"), "ok"
        elif result.verdict == "not_genuine":
            title, icon = self.tr("NOT genuine: the code does not match the receipt this desk issued"), "overdue"
        else:
            title, icon = self.tr("Unknown case: no case with this number at this desk"), "overdue"
        self.verdict.setText(title)
        self.verdict.setProperty("role", "title" if icon == "ok" else "error")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.verdict_icon.setPixmap(icons.icon(icon).pixmap(22, 22))
        lines = [self.tr("Case %1").replace("%1", result.case_number)]
        if result.received_at is not None:
            lines.append(self.tr("Received %1 (Beijing time)").replace(
                "%1", beijing(result.received_at).strftime("%Y-%m-%d %H:%M")))
        if result.state is not None:
            lines.append(self.tr("State: %1").replace("%1", labels.state_name(result.state)))
        self.detail.setText("\n".join(lines))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Check a receipt (核验回执)"))
        self.caption.setText(self.tr("&Scan the QR code of the receipt, or type its case number and the code "
                                     "printed beside it, then press Enter."))
        self.input.setPlaceholderText(self.tr("e.g. 0591-W01-20261202-0001 2PVM-IHIA"))
        self.check_button.setText(self.tr("Check"))
        self.close_button.setText(self.tr("Close"))
        if self._error_source:
            self._show_error(self._error_source)
        self._show_verdict()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
