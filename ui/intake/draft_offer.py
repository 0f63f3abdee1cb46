"""The offer of a kept draft at the top of a new intake form: restore it or throw it away.

A draft is never filled in by itself: the next complainant at the desk must not
see the last one's name, ID and phone. The offer names only when the draft was
started, and only its own operator is offered it (ui.main_window picks it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui import labels
from ui.intake.drafts import Draft


class DraftOffer(QFrame):
    """"An unsaved intake you started at … is kept: Restore / Discard"."""

    # Restore was pressed (argument: the Draft).
    restoreRequested = Signal(object)
    # Discard was pressed (argument: the Draft).
    discardRequested = Signal(object)

    def __init__(self, draft: Draft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.setObjectName("draft_offer")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.restore_button = QPushButton()
        self.discard_button = QPushButton()
        self.restore_button.clicked.connect(lambda: self.restoreRequested.emit(self.draft))
        self.discard_button.clicked.connect(lambda: self.discardRequested.emit(self.draft))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setText(self.tr("An unsaved intake you started at %1 is kept. Restore it only when that "
                                  "complainant is at the desk.").replace("%1", labels.moment(self.draft.saved_at)))
        self.restore_button.setText(self.tr("Restore draft"))
        self.discard_button.setText(self.tr("Discard it"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
