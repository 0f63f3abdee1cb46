"""Editors for the people in a case: complainant, proxy and group representatives, and the card field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.card import validate_card_number
from app.domain.masking import MaskStrength, mask_card
from app.errors import ValidationError
from app.services.intake import ID_TYPES
from ui import labels
from ui.widgets import ErrorLabel, FieldErrors, TextBox, set_combo_data


class CardEdit(QLineEdit):
    """A card number that shows only its mask (first 6 + last 4) once the operator has left it."""

    left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._digits = ""
        self.setMaxLength(30)
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.textEdited.connect(self._typed)

    def value(self) -> str:
        """What the operator typed (the full number, also while the mask shows)."""
        return self._digits or self.text()

    def set_value(self, value: str) -> None:
        self._digits = ""
        self.setText(value)
        self._mask_if_valid()

    @property
    def masked(self) -> bool:
        return bool(self._digits)

    def _typed(self, _text: str) -> None:
        self._digits = ""

    def _mask_if_valid(self) -> None:
        raw = self.text()
        if not raw.strip():
            return
        try:
            digits = validate_card_number(raw)
        except ValidationError:
            return  # stays readable so it can be corrected
        self._digits = digits
        self.setText(mask_card(digits, MaskStrength.SCREEN))

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt naming
        if self._digits:
            digits, self._digits = self._digits, ""
            self.setText(digits)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt naming
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._mask_if_valid()
            self.left.emit()


def _line(max_len: int = 100) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_len)
    return edit


def id_type_combo() -> QComboBox:
    combo = QComboBox()
    for code in ID_TYPES:
        combo.addItem(labels.id_type_name(code), code)
    return combo


def retranslate_id_types(combo: QComboBox) -> None:
    for i in range(combo.count()):
        combo.setItemText(i, labels.id_type_name(str(combo.itemData(i))))


class PartyEditor(QWidget):
    """The fields of one person or organisation in a case; problems show under each field.

    ``role`` is "complainant", "proxy" or "representative"; ``path`` the prefix of
    the core's field names ("complainant", "proxy", "representatives[2]").
    """

    # Any value changed.
    changed = Signal()
    # The operator left a field (argument: its dotted field name).
    left = Signal(str)

    def __init__(self, role: str, path: str, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.path = path
        self._errors = errors
        self._captions: dict[str, QLabel] = {}
        self._cells: dict[str, QWidget] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        self._grid = grid
        self.kind = QComboBox()
        for code in ("person", "organisation"):
            self.kind.addItem(labels.party_kind_name(code), code)
        self.name = _line(100)
        self.id_type = id_type_combo()
        self.id_number = _line(30)
        self.uscc = _line(18)
        self.legal_representative = _line(50)
        self.phone = _line(30)
        self.address = _line(200)
        self.relation = _line(50)
        self.poa_signed = QCheckBox()
        self.poa_reference = _line(100)
        self.absence_reason = TextBox(lines=2)
        self.inheritance_proof = _line(200)
        if role == "complainant":
            order = ["kind", "name", "id_type", "id_number", "uscc", "legal_representative", "phone", "address"]
        elif role == "proxy":
            order = ["name", "relation", "id_type", "id_number", "phone", "poa_signed_original", "poa_reference",
                     "absence_reason", "inheritance_proof"]
        else:
            order = ["name", "id_type", "id_number", "phone"]
        self._order = order
        for key in order:
            self._add(key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.retranslate()

    def _editor(self, key: str) -> QWidget:
        return {"kind": self.kind, "name": self.name, "id_type": self.id_type, "id_number": self.id_number,
                "uscc": self.uscc, "legal_representative": self.legal_representative, "phone": self.phone,
                "address": self.address, "relation": self.relation, "poa_signed_original": self.poa_signed,
                "poa_reference": self.poa_reference, "absence_reason": self.absence_reason,
                "inheritance_proof": self.inheritance_proof}[key]

    def _add(self, key: str) -> None:
        editor = self._editor(key)
        caption = QLabel()
        caption.setBuddy(editor)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        caption.setContentsMargins(0, 5, 0, 0)
        error = ErrorLabel()
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(editor)
        box.addWidget(error)
        row = self._grid.rowCount()
        self._grid.addWidget(caption, row, 0)
        self._grid.addWidget(cell, row, 1)
        self._captions[key] = caption
        self._cells[key] = cell
        field = f"{self.path}.{key}"
        self._errors.register(field, editor, error)
        if isinstance(editor, QLineEdit):
            editor.textChanged.connect(self.changed)
            editor.editingFinished.connect(lambda f=field: self.left.emit(f))
        elif isinstance(editor, TextBox):
            editor.textChanged.connect(self.changed)
            editor.editingFinished.connect(lambda f=field: self.left.emit(f))
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(self.changed)
            editor.currentIndexChanged.connect(lambda _i, f=field: self.left.emit(f))
        elif isinstance(editor, QCheckBox):
            editor.toggled.connect(self.changed)

    def _set_row_visible(self, key: str, visible: bool) -> None:
        if key in self._cells:
            self._cells[key].setVisible(visible)
            self._captions[key].setVisible(visible)

    def _kind_changed(self) -> None:
        org = self.is_organisation()
        for key in ("id_type", "id_number"):
            self._set_row_visible(key, not org)
        for key in ("uscc", "legal_representative"):
            self._set_row_visible(key, org)
        self.retranslate()

    def is_organisation(self) -> bool:
        return self.role == "complainant" and self.kind.currentData() == "organisation"

    def first_editor(self) -> QWidget:
        return self._editor(self._order[0])

    def editors(self) -> list[QWidget]:
        """Editors in tab order (hidden ones included; Qt skips them)."""
        return [self._editor(k) for k in self._order]

    def retranslate(self) -> None:
        org = self.is_organisation()
        texts = {
            "kind": self.tr("Complainant is"),
            "name": self.tr("Organisation name") if org else self.tr("Name"),
            "id_type": self.tr("ID type"),
            "id_number": self.tr("ID number"),
            "uscc": self.tr("Credit code"),
            "legal_representative": self.tr("Legal representative"),
            "phone": self.tr("Phone"),
            "address": self.tr("Address"),
            "relation": self.tr("Relation"),
            "poa_signed_original": self.tr("Power of attorney"),
            "poa_reference": self.tr("POA reference"),
            "absence_reason": self.tr("Why not in person"),
            "inheritance_proof": self.tr("Inheritance proof"),
        }
        for key, caption in self._captions.items():
            caption.setText(texts[key])
        self.poa_signed.setText(self.tr("Signed original seen"))
        self.relation.setPlaceholderText(self.tr("e.g. spouse, child, lawyer, heir"))
        self.absence_reason.setPlaceholderText(self.tr("Why the complainant could not come"))
        self.inheritance_proof.setPlaceholderText(self.tr("Only for heirs: the document shown"))
        self.phone.setPlaceholderText(self.tr("Mobile or 0591-87654321"))
        self.uscc.setPlaceholderText(self.tr("18 characters"))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, labels.party_kind_name(str(self.kind.itemData(i))))
        retranslate_id_types(self.id_type)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def data(self) -> dict[str, Any]:
        """The values as the intake takes them (see app.services.intake)."""
        out: dict[str, Any] = {"name": self.name.text(), "phone": self.phone.text()}
        if self.role == "complainant":
            out["kind"] = self.kind.currentData()
            out["address"] = self.address.text()
        if self.is_organisation():
            out["uscc"] = self.uscc.text()
            out["legal_representative"] = self.legal_representative.text()
        else:
            out["id_type"] = self.id_type.currentData()
            out["id_number"] = self.id_number.text()
        if self.role == "proxy":
            out.update(relation=self.relation.text(), poa_signed_original=self.poa_signed.isChecked(),
                       poa_reference=self.poa_reference.text(), absence_reason=self.absence_reason.text(),
                       inheritance_proof=self.inheritance_proof.text())
        return out

    def draft(self) -> dict[str, Any]:
        """Everything typed, including fields hidden by the person/organisation switch."""
        return {"kind": self.kind.currentData(), "name": self.name.text(), "id_type": self.id_type.currentData(),
                "id_number": self.id_number.text(), "uscc": self.uscc.text(),
                "legal_representative": self.legal_representative.text(), "phone": self.phone.text(),
                "address": self.address.text(), "relation": self.relation.text(),
                "poa_signed_original": self.poa_signed.isChecked(), "poa_reference": self.poa_reference.text(),
                "absence_reason": self.absence_reason.text(), "inheritance_proof": self.inheritance_proof.text()}

    def set_draft(self, data: dict[str, Any]) -> None:
        set_combo_data(self.kind, data.get("kind") or "person")
        set_combo_data(self.id_type, data.get("id_type") or "resident_id")
        for key in ("name", "id_number", "uscc", "legal_representative", "phone", "address", "relation",
                    "poa_reference", "inheritance_proof"):
            editor = self._editor(key)
            assert isinstance(editor, QLineEdit)
            editor.setText(str(data.get(key) or ""))
        self.absence_reason.setText(str(data.get("absence_reason") or ""))
        self.poa_signed.setChecked(bool(data.get("poa_signed_original")))

    def is_empty(self) -> bool:
        d = self.draft()
        return not any(str(d[k]).strip() for k in ("name", "id_number", "uscc", "phone", "address", "relation",
                                                     "absence_reason"))


class RepresentativesEditor(QWidget):
    """Up to ``maximum`` representatives of a group complaint made in person."""

    changed = Signal()
    left = Signal(str)

    def __init__(self, errors: FieldErrors, maximum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._errors = errors
        self._maximum = maximum
        self.rows: list[PartyEditor] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._captions: list[QLabel] = []
        self._list = QVBoxLayout()
        self._layout.addLayout(self._list)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_last)
        buttons = QGridLayout()
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.remove_button, 0, 1)
        buttons.setColumnStretch(2, 1)
        self._layout.addLayout(buttons)
        self._limit_hint = QLabel()
        self._limit_hint.setProperty("role", "hint")
        self._layout.addWidget(self._limit_hint)
        self.retranslate()
        self._update_buttons()

    def add_row(self) -> PartyEditor | None:
        if len(self.rows) >= self._maximum:
            return None
        index = len(self.rows)
        caption = QLabel()
        caption.setProperty("role", "caption")
        editor = PartyEditor("representative", f"representatives[{index}]", self._errors, self)
        editor.changed.connect(self.changed)
        editor.left.connect(self.left)
        self._list.addWidget(caption)
        self._list.addWidget(editor)
        self._captions.append(caption)
        self.rows.append(editor)
        self.retranslate()
        self._update_buttons()
        self.changed.emit()
        editor.name.setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def remove_last(self) -> None:
        if not self.rows:
            return
        editor = self.rows.pop()
        caption = self._captions.pop()
        for field in [f for f in self._errors.fields() if f.startswith(editor.path + ".")]:
            self._errors.set(field, [])
        editor.deleteLater()
        caption.deleteLater()
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(len(self.rows) < self._maximum)
        self.remove_button.setEnabled(bool(self.rows))

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add representative"))
        self.remove_button.setText(self.tr("Remove last"))
        self._limit_hint.setText(self.tr("At most %1 representatives may come in person.")
                                 .replace("%1", str(self._maximum)))
        for i, caption in enumerate(self._captions):
            caption.setText(self.tr("Representative %1").replace("%1", str(i + 1)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def data(self) -> list[dict[str, Any]]:
        return [r.data() for r in self.rows]

    def draft(self) -> list[dict[str, Any]]:
        return [r.draft() for r in self.rows]

    def set_draft(self, rows: list[dict[str, Any]]) -> None:
        while self.rows:
            self.remove_last()
        for data in rows[: self._maximum]:
            editor = self.add_row()
            if editor is not None:
                editor.set_draft(data)
