"""Small building blocks shared by forms and dialogs: error labels beside fields, text boxes, pickers."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from typing import TYPE_CHECKING

from app.errors import Problem
from ui import labels
from ui.messages import problem_text

if TYPE_CHECKING:
    from app.services.identity import Actor


class ErrorLabel(QLabel):
    """A red message under a field; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def mark_invalid(editor: QWidget, invalid: bool) -> None:
    """Give ``editor`` the red frame of an invalid field (style sheet property)."""
    if editor.property("invalid") == invalid:
        return
    editor.setProperty("invalid", invalid)
    editor.style().unpolish(editor)
    editor.style().polish(editor)


def with_error(editor: QWidget, error: ErrorLabel) -> QWidget:
    """The editor with its error label right below it, as one form cell."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(editor)
    layout.addWidget(error)
    return box


class FieldErrors:
    """Maps the core's dotted field names to editors and their error labels."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, ErrorLabel]] = {}

    def register(self, field: str, editor: QWidget, error: ErrorLabel) -> None:
        self._fields[field] = (editor, error)

    def editor(self, field: str) -> QWidget | None:
        entry = self._fields.get(field)
        return entry[0] if entry else None

    def fields(self) -> list[str]:
        return list(self._fields)

    def set(self, field: str, problems: Iterable[Problem]) -> None:
        """Show these problems (or none) for one field."""
        entry = self._fields.get(field)
        if entry is None:
            return
        editor, label = entry
        text = "\n".join(dict.fromkeys(problem_text(p) for p in problems))
        label.show_message(text)
        mark_invalid(editor, bool(text))

    def show(self, problems: Iterable[Problem], *, only: Iterable[str] | None = None) -> list[Problem]:
        """Place every problem beside its field; returns those with no field here.

        With ``only`` given, just those fields are updated (the others keep what they show).
        """
        by_field: dict[str, list[Problem]] = {}
        unplaced: list[Problem] = []
        for p in problems:
            if p.field in self._fields:
                by_field.setdefault(p.field, []).append(p)
            else:
                unplaced.append(p)
        targets = list(only) if only is not None else list(self._fields)
        for field in targets:
            self.set(field, by_field.get(field, []))
        return unplaced

    def clear(self) -> None:
        for field in self._fields:
            self.set(field, [])

    def first_invalid(self) -> QWidget | None:
        for editor, label in self._fields.values():
            if label.text() and editor.isVisibleTo(editor.window()):
                return editor
        return None


class TextBox(QPlainTextEdit):
    """A multi-line text field where Tab moves on (keyboard-only entry) and leaving is signalled."""

    # The operator left the field (like QLineEdit.editingFinished).
    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, *, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setMinimumHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._lines = lines

    def sizeHint(self):  # type: ignore[no-untyped-def]
        hint = super().sizeHint()
        hint.setHeight(self.fontMetrics().lineSpacing() * self._lines + 14)
        return hint

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt naming
        super().focusOutEvent(event)
        self.editingFinished.emit()


class OperatorPicker(QComboBox):
    """Choose an operator (staff number as data), optionally leaving some out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def set_operators(self, operators: Iterable[Actor], *, exclude: Iterable[str] = (),
                      roles: Iterable[str] | None = None, placeholder: str = "") -> None:
        keep = self.staff_no()
        skip = set(exclude)
        wanted = set(roles) if roles is not None else None
        self.clear()
        if placeholder:
            self.addItem(placeholder, "")
        for op in operators:
            if op.staff_no in skip or (wanted is not None and op.role not in wanted):
                continue
            self.addItem(f"{op.staff_no} {op.name} ({labels.role_name(op.role)})", op.staff_no)
        index = self.findData(keep)
        if index >= 0:
            self.setCurrentIndex(index)

    def staff_no(self) -> str:
        return str(self.currentData() or "")

    def select(self, staff_no: str) -> None:
        index = self.findData(staff_no)
        if index >= 0:
            self.setCurrentIndex(index)


def button_box() -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """A dialog's OK/Cancel row with plain buttons, so our own texts survive a language switch
    (QDialogButtonBox resets its standard buttons to "OK"/"Cancel" on LanguageChange)."""
    box = QDialogButtonBox()
    ok = box.addButton("OK", QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
    ok.setProperty("primary", True)
    ok.setDefault(True)
    return box, ok, cancel


def set_combo_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
