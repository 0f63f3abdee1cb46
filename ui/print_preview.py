"""The print preview: the copy exactly as it will print, page by page, with Print…, Save as PDF… and Close.

The copy is built on a worker (ui.printing.build_copy) and shown with QtPdf.
Print… opens the system print dialog on the printer set for this kind of
document; the pages are painted onto the chosen printer and the copy is
counted only once that went through.  After each counted copy the preview
builds the next one, so a second receipt shows its 补打 mark before it prints.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSize, QStandardPaths, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui import printing
from ui.context import DeskContext
from ui.pdf_pages import FIT_PAGE, FIT_WIDTH, PdfPages
from ui.screen_fit import fit_to_screen
from ui.tasks import Task
from ui.widgets import ErrorLabel

if TYPE_CHECKING:
    from app.services.documents import BuiltDocument, IssuedDocument

_last_folder: list[str] = []
_CTX = "PrintPreview"
STATUS = {
    "no_operator": QT_TRANSLATE_NOOP("PrintPreview", "Choose the current operator first (status bar)."),
    "preparing": QT_TRANSLATE_NOOP("PrintPreview", "Preparing the document…"),
    "printing": QT_TRANSLATE_NOOP("PrintPreview", "Printing… the copy counts once the printer has taken it."),
    "saving": QT_TRANSLATE_NOOP("PrintPreview", "Saving…"),
    "saved": QT_TRANSLATE_NOOP("PrintPreview", "Saved as %1 (copy %2). Shown now: the next copy, marked 补打."),
    "printed": QT_TRANSLATE_NOOP("PrintPreview", "Printed on %1 (copy %2). Shown now: the next copy, marked 补打."),
}


def pdf_file_name(built: BuiltDocument) -> str:
    """The file name offered when saving a copy, e.g. ``0591-W01-20250305-0001_受理回执.pdf``."""
    copy = f"_补打{built.count}" if built.count > 1 else ""
    return f"{built.case_number}_{printing.TITLES_ZH[built.kind]}{copy}.pdf"


def save_folder() -> str:
    """Where Save as PDF starts: the folder used last in this session, else Documents."""
    if _last_folder:
        return _last_folder[0]
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def ask_pdf_path(parent: QWidget, built: BuiltDocument, on_chosen: Callable[[Path], object]) -> QFileDialog:
    """A window-modal save dialog for ``built``; ``on_chosen(Path)`` runs when a file is chosen."""
    dialog = QFileDialog(parent, QCoreApplication.translate("PrintPreview", "Save as PDF"), save_folder(),
                         QCoreApplication.translate("PrintPreview", "PDF documents (*.pdf)"))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("pdf")
    dialog.selectFile(pdf_file_name(built))

    def chosen(name: str) -> None:
        path = Path(name)
        _last_folder[:] = [str(path.parent)]
        on_chosen(path)

    dialog.fileSelected.connect(chosen)
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog


class PrintPreview(QDialog):
    """One document of one case as it will print; prints or saves it and counts each copy delivered."""

    # A copy was printed or saved and counted (argument: IssuedDocument).
    issued = Signal(object)
    # A copy is built and shown (argument: BuiltDocument); again after each counted copy.
    documentShown = Signal(object)
    # Printing or saving did not go through (argument: the message shown); nothing was counted.
    printFailed = Signal(str)

    # Room for a whole A4 page at a readable size; capped at the screen the preview opens on.
    PREFERRED_SIZE = QSize(900, 860)

    def __init__(self, ctx: DeskContext, case_number: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_number = case_number
        self.kind = kind
        self.built: BuiltDocument | None = None
        self.print_dialog: QPrintDialog | None = None
        self.printer: QPrinter | None = None
        self._busy = False
        # A copy is on its way to the printer or the file: the dialog stays until the outcome is known.
        self._delivering = False
        self._status_source: tuple[str, dict[str, str]] = ("", {})
        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        self.copy_note = QLabel()
        self.copy_note.setProperty("role", "badge")
        self.copy_note.hide()
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        self.error = ErrorLabel()

        self.pages = PdfPages(self)

        self.print_button = QPushButton()
        self.print_button.setProperty("primary", True)
        self.print_button.setDefault(True)
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        # A letter records how it reaches the complainant (a notice event); other documents do not ask.
        self.delivery = QComboBox()
        self.delivery.setObjectName("letter_delivery")
        self.delivery.setVisible(kind in printing.LETTERS)
        for channel in printing.DELIVERY_NAMES:
            self.delivery.addItem("", channel)

        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addWidget(self.copy_note)
        head.addStretch(1)
        head.addWidget(self.pages.bar)
        bottom = QHBoxLayout()
        messages = QVBoxLayout()
        messages.addWidget(self.status)
        messages.addWidget(self.error)
        bottom.addLayout(messages, 1)
        bottom.addWidget(self.delivery)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)

        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.ask_save)
        self.close_button.clicked.connect(self.reject)

        # A receipt is one page: show it whole; a report is read down its pages.
        self.pages.fit(FIT_PAGE if kind == printing.RECEIPT else FIT_WIDTH)
        # As large as a page wants, but never past the screen: the buttons and messages stay visible.
        fit_to_screen(self, self.PREFERRED_SIZE)
        self.retranslate()
        self._set_busy(True)
        self.load()

    # --- the copy -------------------------------------------------------------------------
    def load(self) -> Task | None:
        """Build the next copy on a worker and show it."""
        actor = self.ctx.actor
        if actor is None:
            self._show_error(QCoreApplication.translate(_CTX, str(STATUS["no_operator"])))
            return None
        self._set_busy(True)
        self._say("preparing")
        desk, request = self.ctx.desk, printing.document_request(self.ctx.settings, self.case_number, self.kind)
        return self.ctx.run(lambda _s: printing.build_copy(desk, actor, request), on_result=self.show_document,
                            on_error=self._build_failed, parent=self, name="build-document")

    def show_document(self, built: BuiltDocument) -> None:
        self.built = built
        self.pages.show_pdf(printing.pdf_buffer(built.pdf))
        self._render_heading()
        self._set_busy(False)
        if self._status_source[0] == STATUS["preparing"]:
            self._status_source = ("", {})
            self._render_status()
        self.documentShown.emit(built)

    def _build_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self._show_error(printing.problem_message(exc))

    def document_text(self) -> str:
        """The text of every page shown (what a reader of the printed copy sees)."""
        return self.pages.text()

    # --- printing -------------------------------------------------------------------------
    def print_document(self) -> QPrintDialog | None:
        """Open the system print dialog on the printer set for this document (window-modal, not blocking)."""
        if self.built is None or self._busy:
            return None
        built = self.built
        printer = printing.printer_for(self.ctx.settings, self.kind)
        printing.prepare_printer(printer, built)
        dialog = QPrintDialog(printer, self)
        dialog.setOptions(QAbstractPrintDialog.PrintDialogOption.PrintToFile
                          | QAbstractPrintDialog.PrintDialogOption.PrintShowPageSize)
        dialog.setWindowTitle(self.tr("Print %1").replace("%1", printing.job_title(built)))
        dialog.finished.connect(lambda result: self._print_chosen(dialog, printer, built, result))
        self.printer = printer
        self.print_dialog = dialog
        QDialog.open(dialog)  # PySide's QPrintDialog.open wants a receiver; the plain window-modal open
        return dialog

    def _print_chosen(self, dialog: QPrintDialog, printer: QPrinter, built: BuiltDocument, result: int) -> None:
        if self.print_dialog is dialog:
            self.print_dialog = None
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            self._failed(printing.PrintProblem("cancelled", code="print_cancelled"))
            return
        self.print_to(printer, built)

    def print_to(self, printer: QPrinter, built: BuiltDocument | None = None) -> Task | None:
        """Paint the copy onto ``printer`` on a worker; counted when it went through."""
        built = built or self.built
        actor = self.ctx.actor
        if built is None or actor is None:
            return None
        self.printer = printer  # kept alive until the worker is done with it
        self._set_busy(True, delivering=True)
        self._say("printing")
        desk = self.ctx.desk
        delivered = self.delivered()
        return self.ctx.run(lambda _s: printing.print_copy(desk, actor, built, printer, delivered=delivered),
                            on_result=lambda issued: self._issued(issued, "printed"),
                            on_error=self._failed, parent=self, name="print-document")

    def delivered(self) -> str:
        """The notice channel chosen for a letter ("" for other documents or a file copy)."""
        return str(self.delivery.currentData() or "") if self.kind in printing.LETTERS else ""

    def ask_save(self) -> QFileDialog | None:
        """Ask where to save the copy as PDF (window-modal, not blocking)."""
        if self.built is None or self._busy:
            return None
        return ask_pdf_path(self, self.built, self.save_to)

    def save_to(self, path: Path) -> Task | None:
        """Save the copy shown as a PDF file; counted like a print."""
        built, actor = self.built, self.ctx.actor
        if built is None or actor is None:
            return None
        self._set_busy(True, delivering=True)
        self._say("saving")
        desk = self.ctx.desk
        delivered = self.delivered()
        return self.ctx.run(lambda _s: printing.save_copy(desk, actor, built, path, delivered=delivered),
                            on_result=lambda issued: self._issued(issued, "saved"),
                            on_error=self._failed, parent=self, name="save-document")

    def _issued(self, issued: IssuedDocument, how: str) -> None:
        self._set_busy(True)  # delivered; the next copy is being prepared
        self._say(how, issued.destination.split(":", 1)[-1], str(issued.count))
        self.issued.emit(issued)
        self._rebuild()

    def _rebuild(self) -> None:
        # Keep the message about what just went out while the next copy is prepared.
        source = self._status_source
        self.load()
        self._status_source = source
        self._render_status()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        message = printing.problem_message(exc)
        self._show_error(message)
        self.printFailed.emit(message)

    # --- state and texts ------------------------------------------------------------------
    def _set_busy(self, busy: bool, *, delivering: bool = False) -> None:
        self._busy = busy
        self._delivering = delivering
        self.close_button.setEnabled(not delivering)
        ready = not busy and self.built is not None
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _say(self, key: str, *args: str) -> None:
        self._status_source = (str(STATUS[key]), {f"%{i + 1}": a for i, a in enumerate(args)})
        self.error.show_message("")
        self._render_status()

    def _show_error(self, message: str) -> None:
        self._status_source = ("", {})
        self._render_status()
        self.error.show_message(message)

    def _render_status(self) -> None:
        source, args = self._status_source
        text = QCoreApplication.translate(_CTX, source) if source else ""
        for key, value in args.items():
            text = text.replace(key, value)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _render_heading(self) -> None:
        built = self.built
        title = printing.kind_name(self.kind)
        self.heading.setText(f"{title}  {self.case_number}")
        self.setWindowTitle(self.tr("Print preview: %1 %2").replace("%1", title).replace("%2", self.case_number))
        if built is not None and built.count > 1:
            self.copy_note.setText(self.tr("Copy %1 · marked 补打 (reprint)").replace("%1", str(built.count)))
            self.copy_note.show()
        else:
            self.copy_note.hide()

    def retranslate(self) -> None:
        self._render_heading()
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as PDF…"))
        self.close_button.setText(self.tr("Close"))
        for i in range(self.delivery.count()):
            self.delivery.setItemText(i, printing.tr(printing.DELIVERY_NAMES[str(self.delivery.itemData(i))]))
        self.delivery.setToolTip(self.tr("How this letter reaches the complainant (recorded as a notice)"))
        self._render_status()

    def reject(self) -> None:
        """Close (Esc, Close) — except while a copy is being delivered: its outcome must be seen."""
        if self._delivering:
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        if self._delivering:
            event.ignore()
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
