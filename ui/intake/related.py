"""Earlier cases of the same person, shown on the intake form before saving (repeat / merge check)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.queries import RelatedCase
from ui import icons, labels


class RelatedCasesPanel(QFrame):
    """A banner listing earlier cases with the same ID number or phone; hidden when there are none."""

    # Open that case in its own tab (argument: case number).
    openRequested = Signal(str)
    # Add this form's facts to that open case instead of a new case (argument: case number).
    mergeRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "banner")
        self.cases: tuple[RelatedCase, ...] = ()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        head = QHBoxLayout()
        self._icon = QLabel()
        self._icon.setPixmap(icons.icon("warning").pixmap(16, 16))
        self._title = QLabel()
        self._title.setWordWrap(True)
        head.addWidget(self._icon)
        head.addWidget(self._title, 1)
        outer.addLayout(head)
        self._rows = QGridLayout()
        self._rows.setHorizontalSpacing(12)
        outer.addLayout(self._rows)
        self._row_widgets: list[QWidget] = []
        self.merge_buttons: dict[str, QPushButton] = {}
        self.hide()
        self.retranslate()

    def show_cases(self, cases: Sequence[RelatedCase]) -> None:
        self.cases = tuple(cases)
        self._rebuild()
        self.setVisible(bool(self.cases))

    def _rebuild(self) -> None:
        for widget in self._row_widgets:
            widget.deleteLater()
        self._row_widgets.clear()
        self.merge_buttons.clear()
        for i, case in enumerate(self.cases[:6]):
            cells: list[QWidget] = [
                QLabel(case.case_number),
                QLabel(labels.moment(case.received_at)),
                QLabel(labels.state_name(case.state)),
                QLabel(self.tr("same ID number") if case.matched_on == "id_number" else self.tr("same phone")),
            ]
            open_button = QPushButton(self.tr("Open"))
            open_button.clicked.connect(lambda _c=False, n=case.case_number: self.openRequested.emit(n))
            cells.append(open_button)
            if case.open:
                merge = QPushButton(self.tr("Merge into this case"))
                merge.setToolTip(self.tr("A repeat inside the handling period: add the facts typed here to "
                                         "this case as new facts (its clock restarts) instead of opening a new case."))
                merge.clicked.connect(lambda _c=False, n=case.case_number: self.mergeRequested.emit(n))
                self.merge_buttons[case.case_number] = merge
                cells.append(merge)
            for col, cell in enumerate(cells):
                self._rows.addWidget(cell, i, col)
                self._row_widgets.append(cell)
        self._rows.setColumnStretch(6, 1)
        self.retranslate()

    def retranslate(self) -> None:
        open_count = sum(1 for c in self.cases if c.open)
        if open_count:
            self._title.setText(self.tr("This person has %1 earlier case(s), %2 still open. A repeat of the "
                                        "same complaint inside the handling period can be merged.")
                                .replace("%1", str(len(self.cases))).replace("%2", str(open_count)))
        else:
            self._title.setText(self.tr("This person has %1 earlier case(s), all ended.")
                                .replace("%1", str(len(self.cases))))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange and self.cases:
            self._rebuild()
        super().changeEvent(event)
