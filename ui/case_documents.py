"""A case's documents in the GUI: print receipt / case report / letters (with preview), save as PDF, print after saving.

:class:`CaseDocumentsBar` sits in the case view's header.  :class:`ReceiptAfterSave`
is the one-click receipt print right after a new case is saved (setting
``silent_print_receipt``): no dialog, straight to the receipt printer; if none
is set or it is not there, or the print fails, it says so and offers the preview.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QMenu, QMessageBox, QPushButton, QWidget

from ui import printing
from ui.context import DeskContext
from ui.print_preview import PrintPreview, ask_pdf_path
from ui.tasks import Task

if TYPE_CHECKING:
    from app.services.documents import BuiltDocument, IssuedDocument

STATUS_MS = 15_000


class CaseDocumentsBar(QWidget):
    """Print receipt…, Print case report…, Save as PDF ▾ for one case."""

    # A copy was printed or saved and counted (argument: IssuedDocument).
    issued = Signal(object)
    # Saving a PDF straight from the bar failed (argument: the message); nothing was counted.
    failed = Signal(str)

    def __init__(self, ctx: DeskContext, case_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_number = case_number
        self.preview: PrintPreview | None = None
        self.receipt_button = QPushButton()
        self.receipt_button.setObjectName("print_receipt")
        self.report_button = QPushButton()
        self.report_button.setObjectName("print_case_report")
        self.save_button = QPushButton()  # with a menu: the receipt or the case report
        self.save_button.setObjectName("save_pdf")
        self.save_menu = QMenu(self.save_button)
        self.save_receipt_action = self.save_menu.addAction("")
        self.save_report_action = self.save_menu.addAction("")
        self.save_button.setMenu(self.save_menu)
        # Letters to the complainant: only those the case's history allows (set_letters), each to its preview.
        self.letters_button = QPushButton()
        self.letters_button.setObjectName("print_letters")
        self.letters_menu = QMenu(self.letters_button)
        self.letters_button.setMenu(self.letters_menu)
        self.letters: tuple[str, ...] = ()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.receipt_button)
        layout.addWidget(self.report_button)
        layout.addWidget(self.letters_button)
        layout.addWidget(self.save_button)
        self.receipt_button.clicked.connect(lambda: self.open_preview(printing.RECEIPT))
        self.report_button.clicked.connect(lambda: self.open_preview(printing.REPORT))
        self.save_receipt_action.triggered.connect(lambda: self.ask_save(printing.RECEIPT))
        self.save_report_action.triggered.connect(lambda: self.ask_save(printing.REPORT))
        ctx.actorChanged.connect(self._actor_changed)  # a bound slot: disconnected when the bar goes
        self._enable()
        self.retranslate()

    def _actor_changed(self, _actor: object) -> None:
        self._enable()

    def _enable(self) -> None:
        on = self.ctx.actor is not None
        for widget in (self.receipt_button, self.report_button, self.save_button):
            widget.setEnabled(on)
        self.letters_button.setEnabled(on and bool(self.letters))
        self.letters_button.setVisible(bool(self.letters))

    def set_letters(self, kinds: tuple[str, ...]) -> None:
        """Offer exactly these letters (document kinds, ui.printing.LETTERS) in the letters menu."""
        self.letters = tuple(k for k in printing.LETTERS if k in kinds)
        self.letters_menu.clear()
        for kind in self.letters:
            action = self.letters_menu.addAction(printing.kind_name(kind) + "…")
            action.setData(kind)
            action.triggered.connect(lambda _c=False, k=kind: self.open_preview(k))
        self._enable()

    def letter_names(self) -> list[str]:
        """The letters the menu offers, as shown."""
        return [a.text() for a in self.letters_menu.actions()]

    def open_preview(self, kind: str) -> PrintPreview:
        """The print preview of the next copy (window-modal, not blocking)."""
        preview = PrintPreview(self.ctx, self.case_number, kind, self)
        preview.issued.connect(self.issued)
        preview.finished.connect(lambda _r: self._preview_closed(preview))
        self.preview = preview
        preview.open()
        return preview

    def _preview_closed(self, preview: PrintPreview) -> None:
        if self.preview is preview:
            self.preview = None
        preview.deleteLater()

    def ask_save(self, kind: str) -> None:
        """Build the next copy, then ask where to save it."""
        actor = self.ctx.actor
        if actor is None:
            return
        desk, request = self.ctx.desk, printing.document_request(self.ctx.settings, self.case_number, kind)
        self.ctx.run(lambda _s: printing.build_copy(desk, actor, request), on_result=self._ask_where,
                     on_error=self._failed, parent=self, name="build-document")

    def _ask_where(self, built: BuiltDocument) -> None:
        ask_pdf_path(self, built, lambda path: self._save(built, path))

    def save_to(self, kind: str, path: Path) -> Task | None:
        """Save the next copy of ``kind`` to ``path`` without asking (counted like a print)."""
        actor = self.ctx.actor
        if actor is None:
            return None
        desk, request = self.ctx.desk, printing.document_request(self.ctx.settings, self.case_number, kind)
        return self.ctx.run(lambda _s: printing.save_copy(desk, actor, printing.build_copy(desk, actor, request), path),
                            on_result=self._saved, on_error=self._failed, parent=self, name="save-document")

    def _save(self, built: BuiltDocument, path: Path) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        desk = self.ctx.desk
        self.ctx.run(lambda _s: printing.save_copy(desk, actor, built, path), on_result=self._saved,
                     on_error=self._failed, parent=self, name="save-document")

    def _saved(self, issued: IssuedDocument) -> None:
        show_status(self, self.tr("%1 saved as %2 (copy %3).").replace("%1", printing.kind_name(issued.kind))
                    .replace("%2", issued.destination.split(":", 1)[-1]).replace("%3", str(issued.count)))
        self.issued.emit(issued)

    def _failed(self, exc: BaseException) -> None:
        message = printing.problem_message(exc)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not saved"), message, QMessageBox.StandardButton.Close,
                          self)
        box.finished.connect(lambda _r: box.deleteLater())
        box.open()
        self.failed.emit(message)

    def retranslate(self) -> None:
        self.receipt_button.setText(self.tr("Print receipt…"))
        self.receipt_button.setToolTip(self.tr("Preview and print the acknowledgement receipt (受理回执)"))
        self.report_button.setText(self.tr("Print case report…"))
        self.report_button.setToolTip(self.tr("Preview and print the case report (投诉处理档案)"))
        self.save_button.setText(self.tr("Save as PDF"))
        self.save_receipt_action.setText(self.tr("Receipt as PDF…"))
        self.save_report_action.setText(self.tr("Case report as PDF…"))
        self.letters_button.setText(self.tr("Letters"))
        self.letters_button.setToolTip(self.tr("Preview and print a letter or notice to the complainant"))
        self.set_letters(self.letters)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def show_status(widget: QWidget | None, text: str) -> None:
    """A passing message in the main window's status bar (when there is one)."""
    window = widget.window() if widget is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)


class ReceiptAfterSave(QObject):
    """Prints the receipt of a just-saved case to the receipt printer, without a dialog."""

    # The receipt was printed and counted (argument: IssuedDocument).
    printed = Signal(object)
    # It was not printed (argument: the message shown); nothing was counted, the preview is offered.
    failed = Signal(str)

    def __init__(self, ctx: DeskContext, case_number: str, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.case_number = case_number
        self.window = window
        self.offer: QMessageBox | None = None
        self.preview: PrintPreview | None = None

    def start(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        try:
            printer = printing.configured_printer(self.ctx.settings, printing.RECEIPT)
        except printing.PrintProblem as exc:
            self._not_printed(exc)
            return
        self._printer = printer  # kept alive while the worker paints on it
        desk = self.ctx.desk
        request = printing.document_request(self.ctx.settings, self.case_number, printing.RECEIPT)
        show_status(self.window, self.tr("Printing the receipt of %1…").replace("%1", self.case_number))
        self.ctx.run(lambda _s: printing.print_receipt_now(desk, actor, request, printer), on_result=self._printed,
                     on_error=self._not_printed, parent=self, name="silent-receipt")

    def _printed(self, issued: IssuedDocument) -> None:
        show_status(self.window, self.tr("Receipt of %1 printed on %2.").replace("%1", issued.case_number)
                    .replace("%2", issued.destination.split(":", 1)[-1]))
        self.printed.emit(issued)

    def _not_printed(self, exc: BaseException) -> None:
        message = printing.problem_message(exc)
        text = self.tr("The receipt of %1 was not printed.").replace("%1", self.case_number)
        show_status(self.window, text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Receipt not printed"), text, parent=self.window)
        box.setInformativeText(message + "\n\n" + self.tr("Open the print preview to print it from there?"))
        preview_button = box.addButton(self.tr("Preview…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(preview_button)
        preview_button.clicked.connect(self.open_preview)
        box.finished.connect(lambda _r: box.deleteLater())
        self.offer = box
        box.open()
        self.failed.emit(message)

    def open_preview(self) -> PrintPreview:
        preview = PrintPreview(self.ctx, self.case_number, printing.RECEIPT, self.window)
        preview.finished.connect(lambda _r: preview.deleteLater())
        self.preview = preview
        preview.open()
        return preview


def print_receipt_after_save(ctx: DeskContext, case_number: str, window: QWidget) -> ReceiptAfterSave | None:
    """The receipt print after saving a case, when the setting asks for it (else None)."""
    if not ctx.settings.silent_print_receipt or ctx.actor is None:
        return None
    job = ReceiptAfterSave(ctx, case_number, window)
    job.start()
    return job
