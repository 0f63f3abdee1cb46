"""Classification pickers: type a code, a Chinese or an English name, pick from the matches."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from app.domain.classification import Code, ReferenceTable
from app.errors import Problem
from ui import labels


class CodePicker(QLineEdit):
    """One axis of the classification table with type-to-search over code and names.

    The popup lists the leaves that match what was typed (code prefix, Chinese
    or English name); Down/Enter picks one, and leaving the field settles on the
    single match (or on an exact name) so a walk-in case needs no mouse.
    """

    # The chosen code changed ("" when nothing valid is chosen).
    codeChanged = Signal(str)
    # The operator left the field.
    left = Signal()

    def __init__(self, reference: ReferenceTable, axis: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reference = reference
        self._axis = axis
        self._code = ""
        self._matches: list[Code] = []
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(self._picked)
        self.textEdited.connect(self._edited)
        self.setClearButtonEnabled(True)
        self.retranslate()

    # --- public ---------------------------------------------------------------------------
    @property
    def axis(self) -> str:
        return self._axis

    def code(self) -> str:
        return self._code

    def set_code(self, code: str) -> None:
        """Show ``code`` (an unknown code is shown as typed and left unresolved)."""
        self._set(code if self._known(code) else "")
        if not self._code:
            self.setText(code)

    def problem(self) -> Problem | None:
        """Why the typed text is not a code (None when fine or empty: emptiness is the core's call)."""
        if self._code or not self.text().strip():
            return None
        kind = "ambiguous_code" if len(self._leaves(self.text())) > 1 else "unknown_code"
        return Problem(kind, self._axis, "choose from the list")

    def retranslate(self) -> None:
        self.setPlaceholderText(self.tr("Type a code or a name, ↓ for the list"))
        if self._code:
            self.setText(labels.code_label(self._reference, self._axis, self._code))

    def completer_popup(self) -> QAbstractItemView:
        """The list of matches (or the no-match hint) shown under the field."""
        return self._completer.popup()

    def show_all(self) -> None:
        self._fill("")
        self._completer.complete()

    # --- internals ------------------------------------------------------------------------
    def _known(self, code: str) -> bool:
        return any(c.code == code for c in self._reference.codes(self._axis))

    def _leaves(self, text: str) -> list[Code]:
        needle = text.strip()
        found = self._reference.search(self._axis, needle)
        if not found and " " in needle:
            # "B0302 信用卡" as shown in the field: the code alone settles it.
            found = self._reference.search(self._axis, needle.split(" ", 1)[0])
        return [c for c in found if self._reference.is_leaf(self._axis, c.code)]

    def _fill(self, text: str) -> None:
        self._matches = self._leaves(text)
        self._model.setStringList([labels.code_label(self._reference, self._axis, c.code) for c in self._matches])

    def _set(self, code: str) -> None:
        if code:
            self.setText(labels.code_label(self._reference, self._axis, code))
        if code != self._code:
            self._code = code
            self.codeChanged.emit(code)

    def _resolve(self, text: str) -> str:
        needle = text.strip()
        if not needle:
            return ""
        for entry in self._reference.codes(self._axis):
            if not self._reference.is_leaf(self._axis, entry.code):
                continue
            shown = {entry.code, f"{entry.code} {entry.name_zh}", f"{entry.code} {entry.name_en}",
                     entry.name_zh, entry.name_en}
            if needle in shown or needle.upper() == entry.code:
                return entry.code
        matches = self._leaves(needle)
        return matches[0].code if len(matches) == 1 else ""

    def _edited(self, text: str) -> None:
        code = self._resolve(text)
        if code != self._code:
            self._code = code
            self.codeChanged.emit(code)
        self._fill(text)
        if text.strip() and not self._matches:
            # Say so where the eye is, instead of a list that silently stays shut.
            self._model.setStringList([self.no_match_text(text)])
            if self.hasFocus():
                self._completer.complete()
        elif text.strip() and self._matches and self.hasFocus():
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def no_match_text(self, text: str) -> str:
        return self.tr("No match for “%1”: try a code, a name or another word (F4: the whole list)").replace(
            "%1", text.strip())

    def _picked(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self._matches):
            self._set(self._matches[row].code)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        if event.key() == Qt.Key.Key_Down and not self._completer.popup().isVisible():
            self._fill("" if self._code else self.text())
            self._completer.complete()
            return
        if event.key() == Qt.Key.Key_F4:
            self.show_all()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt naming
        super().focusOutEvent(event)
        if event.reason() == Qt.FocusReason.PopupFocusReason or self._completer.popup().isVisible():
            return  # focus went to the popup list, not away from the field
        if self._code:
            self._set(self._code)  # settle the text on the full label
        self.left.emit()
