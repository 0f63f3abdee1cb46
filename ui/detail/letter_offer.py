"""The offer to print a letter right after the action that calls for it (decide, extend, pause, decline).

A message bar in the case view, not a modal question: the receptionist may
print the letter now (its print preview opens) or go on and print it later
from the Letters menu.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain.states import CaseAction
from ui import printing

#: The letter each action calls for.
LETTER_AFTER: dict[CaseAction, str] = {
    CaseAction.DECIDE: printing.DECISION_LETTER,
    CaseAction.EXTEND: printing.EXTENSION_NOTICE,
    CaseAction.PAUSE: printing.PAUSE_NOTICE,
    CaseAction.DECLINE: printing.DECLINED_NOTICE,
}
_CTX = "LetterOffer"
_TEXTS = {
    printing.DECISION_LETTER: QT_TRANSLATE_NOOP(
        "LetterOffer", "The decision is recorded. The complainant gets it as a decision letter."),
    printing.EXTENSION_NOTICE: QT_TRANSLATE_NOOP(
        "LetterOffer", "The deadline is extended. The complainant must be told: extension notice."),
    printing.PAUSE_NOTICE: QT_TRANSLATE_NOOP(
        "LetterOffer", "The clock is paused for appraisal. The complainant must be told: pause notice."),
    printing.DECLINED_NOTICE: QT_TRANSLATE_NOOP(
        "LetterOffer", "The complaint is not accepted. The complainant must be told why: not-accepted notice."),
}


class LetterOffer(QFrame):
    """"Print the letter now?" after an action; hidden until offered."""

    # The operator chose to print the offered letter (argument: the document kind).
    printRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letter_offer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("role", "message")
        self.kind = ""
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.print_button = QPushButton()
        self.print_button.setObjectName("letter_offer_print")
        self.dismiss_button = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.print_button)
        layout.addWidget(self.dismiss_button)
        self.print_button.clicked.connect(self._print)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.hide()
        self.retranslate()

    def offer_after(self, action: CaseAction) -> bool:
        """Offer the letter ``action`` calls for (returns False when it calls for none)."""
        kind = LETTER_AFTER.get(action, "")
        if not kind:
            return False
        self.kind = kind
        self.retranslate()
        self.show()
        return True

    def dismiss(self) -> None:
        self.kind = ""
        self.hide()

    def _print(self) -> None:
        kind = self.kind
        self.dismiss()
        if kind:
            self.printRequested.emit(kind)

    def retranslate(self) -> None:
        self.text.setText(QCoreApplication.translate(_CTX, _TEXTS[self.kind]) if self.kind else "")
        name = printing.kind_name(self.kind) if self.kind else ""
        self.print_button.setText(self.tr("Print %1…").replace("%1", name))
        self.dismiss_button.setText(self.tr("Later"))
        self.dismiss_button.setToolTip(self.tr("Print it later from the Letters menu"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
