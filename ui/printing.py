"""Printing receipts and case reports from the GUI: build a copy, paint it onto a QPrinter, count it once delivered.

The PDF comes from the Qt-free builders through ``app.services.documents``;
this module is the Qt printing adapter.  Every function named ``*_copy`` may
run on a worker thread (ui.tasks): it opens its own Session and returns plain
dataclasses.  A copy is counted on the case (``record_issued``) only after its
delivery went through: a cancelled dialog, a printer that cannot be opened, a
painting error or (for a CUPS queue) a job the printer aborted raises
:class:`PrintProblem` and counts nothing.

QPainter may paint onto a QPrinter outside the GUI thread (Qt's "painting in
threads" guarantee), so painting runs on the worker too and a long case report
never freezes the window.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QBuffer, QByteArray, QCoreApplication, QIODevice, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from app.errors import DeskError
from app.settings import Settings

if TYPE_CHECKING:
    # The documents service pulls in the PDF builders (reportlab): loaded on first use, not with the case view.
    from app.desk import Desk
    from app.services.documents import BuiltDocument, DeskContacts, IssuedDocument
    from app.services.identity import Actor

log = logging.getLogger(__name__)

#: The document kinds (values of app.services.documents.DocumentKind).
RECEIPT, REPORT = "receipt", "report"
#: The letters to the complainant (app.services.documents.LETTER_DOCUMENTS), in menu order.
DECISION_LETTER, EXTENSION_NOTICE = "decision_letter", "extension_notice"
PAUSE_NOTICE, DECLINED_NOTICE = "pause_notice", "declined_notice"
LETTERS = (DECISION_LETTER, EXTENSION_NOTICE, PAUSE_NOTICE, DECLINED_NOTICE)
#: The letter document of each letter kind as reports.letters names it.
LETTER_OF = {"decision": DECISION_LETTER, "extension": EXTENSION_NOTICE, "pause": PAUSE_NOTICE,
             "declined": DECLINED_NOTICE}
#: The settings key (``Settings.printers``) of each document kind.
SETTING_KEYS = {RECEIPT: "receipt", REPORT: "case_report", DECISION_LETTER: "decision_letter",
                EXTENSION_NOTICE: "notice", PAUSE_NOTICE: "notice", DECLINED_NOTICE: "notice"}
#: Pages are rendered at the printer's resolution, but never finer than this (an A4 page at
#: 1200 dpi would be a 550 MB image; 300 dpi is past what receipt and laser printers show).
MAX_PRINT_DPI = 300
#: How long to wait for a CUPS queue to report the job completed before it counts as failed.
CUPS_TIMEOUT_S = 60.0

_CTX = "Printing"
KIND_NAMES = {
    RECEIPT: QT_TRANSLATE_NOOP("Printing", "Receipt"),
    REPORT: QT_TRANSLATE_NOOP("Printing", "Case report"),
    DECISION_LETTER: QT_TRANSLATE_NOOP("Printing", "Decision letter"),
    EXTENSION_NOTICE: QT_TRANSLATE_NOOP("Printing", "Extension notice"),
    PAUSE_NOTICE: QT_TRANSLATE_NOOP("Printing", "Appraisal pause notice"),
    DECLINED_NOTICE: QT_TRANSLATE_NOOP("Printing", "Not-accepted notice"),
}
# Document titles as printed (and as the print job is named): the documents themselves are Chinese.
TITLES_ZH = {RECEIPT: "受理回执", REPORT: "投诉处理档案", DECISION_LETTER: "投诉处理意见书",
             EXTENSION_NOTICE: "延期告知书", PAUSE_NOTICE: "暂停告知书", DECLINED_NOTICE: "不予受理告知书"}
#: How a letter reaches the complainant (notice channels recorded with it); "" records no delivery.
DELIVERY_NAMES = {
    "in_person": QT_TRANSLATE_NOOP("Printing", "Handed over in person (the complainant signs)"),
    "letter": QT_TRANSLATE_NOOP("Printing", "Sent by post"),
    "sms": QT_TRANSLATE_NOOP("Printing", "Sent by SMS"),
    "phone": QT_TRANSLATE_NOOP("Printing", "Read out by phone"),
    "": QT_TRANSLATE_NOOP("Printing", "Not handed over yet (file copy)"),
}
MESSAGES = {
    "print_cancelled": QT_TRANSLATE_NOOP("Printing", "Printing was cancelled. This copy is not counted."),
    "printer_unavailable": QT_TRANSLATE_NOOP(
        "Printing", "Printing failed: the printer {printer} could not be opened. This copy is not counted."),
    "printer_error": QT_TRANSLATE_NOOP(
        "Printing", "Printing failed: the printer {printer} reported an error. This copy is not counted."),
    "job_failed": QT_TRANSLATE_NOOP(
        "Printing", "Printing failed: the printer {printer} did not complete job {job}. This copy is not counted."),
    "pdf_unreadable": QT_TRANSLATE_NOOP("Printing", "The document could not be read. Nothing was printed or counted."),
    "save_failed": QT_TRANSLATE_NOOP("Printing", "Saving failed: {detail}. This copy is not counted."),
    "no_printer": QT_TRANSLATE_NOOP(
        "Printing", "No receipt printer is set in the settings (Printing tab), and this computer has no default printer."),
    "unknown_printer": QT_TRANSLATE_NOOP("Printing", "The printer {printer} is not available on this computer."),
    "receipt_key_unavailable": QT_TRANSLATE_NOOP(
        "Printing", "The desk's receipt key cannot be read from the keyring, so no receipt can be made."),
    "key_damaged": QT_TRANSLATE_NOOP(
        "Printing", "The desk's receipt key in the keyring is damaged, so no receipt can be made: the administrator "
        "restores it from the key backup."),
}


def tr(source: object) -> str:
    """A source string of this module (marked with QT_TRANSLATE_NOOP) in the interface language."""
    return QCoreApplication.translate(_CTX, str(source))


def kind_name(kind: str) -> str:
    """The document kind in the interface language."""
    return tr(KIND_NAMES[kind])


class PrintProblem(DeskError):
    """A copy did not reach paper or file; ``code`` says why (it was not counted)."""

    code = "printer_error"


def problem_message(exc: BaseException) -> str:
    """What to tell the operator about a failed build, print or save, in the interface language."""
    code = getattr(exc, "code", "")
    params = dict(getattr(exc, "params", {}) or {})
    if code in MESSAGES:
        params.setdefault("detail", getattr(exc, "message", str(exc)))
        try:
            return tr(MESSAGES[code]).format(**params)
        except (KeyError, IndexError):
            return tr(MESSAGES[code])
    from ui.messages import error_text

    return error_text(exc)


# --- where printers come from ------------------------------------------------------------------
class PrinterDirectory(Protocol):
    """The printers the desk can reach (the system's; tests substitute PDF files)."""

    def names(self) -> list[str]: ...

    def printer(self, name: str) -> QPrinter | None:
        """A printer set up for ``name``, or None when there is no such printer."""
        ...

    def default(self) -> QPrinter:
        """A printer for the print dialog to start from when no printer is set."""
        ...

    def default_name(self) -> str:
        """The system's default printer ("" when there is none)."""
        ...


class SystemPrinters:
    """The print queues Qt finds (CUPS on Linux)."""

    def names(self) -> list[str]:
        return list(QPrinterInfo.availablePrinterNames())

    def printer(self, name: str) -> QPrinter | None:
        info = QPrinterInfo.printerInfo(name)
        if info.isNull():
            return None
        return QPrinter(info, QPrinter.PrinterMode.HighResolution)

    def default(self) -> QPrinter:
        return QPrinter(QPrinter.PrinterMode.HighResolution)

    def default_name(self) -> str:
        return str(QPrinterInfo.defaultPrinterName())


_directory: list[PrinterDirectory] = [SystemPrinters()]


def printers() -> PrinterDirectory:
    return _directory[0]


def use_printers(directory: PrinterDirectory) -> PrinterDirectory:
    """Make ``directory`` the source of printers (the one override, for tests); returns the previous one."""
    previous, _directory[0] = _directory[0], directory
    return previous


def printer_for(settings: Settings, kind: str) -> QPrinter:
    """The printer the print dialog starts on: the one set for ``kind``, else the system default."""
    name = settings.printers.get(SETTING_KEYS[kind], "")
    found = printers().printer(name) if name else None
    return found if found is not None else printers().default()


def configured_printer(settings: Settings, kind: str) -> QPrinter:
    """The printer set for ``kind`` (none set: the system default, as in the CLI), for printing without a dialog.

    PrintProblem 'no_printer' when there is neither, 'unknown_printer' when the printer is not there.
    """
    name = settings.printers.get(SETTING_KEYS[kind], "") or printers().default_name()
    if not name:
        raise PrintProblem("no printer set", code="no_printer")
    found = printers().printer(name)
    if found is None:
        raise PrintProblem(f"unknown printer {name!r}", code="unknown_printer", printer=name)
    return found


def job_title(built: BuiltDocument) -> str:
    """The print job's name (also the title of a PDF printed to file)."""
    copy = f" 补打第{built.count}份" if built.count > 1 else ""
    return f"{built.case_number} {TITLES_ZH[built.kind]}{copy}"


def prepare_printer(printer: QPrinter, built: BuiltDocument) -> None:
    """Name the job and choose the paper of the document's first page (the print dialog may change both)."""
    printer.setDocName(job_title(built))
    printer.setFullPage(True)  # the PDF carries its own margins
    document, _buffer = load_pdf(built.pdf)
    if document.pageCount():
        size = document.pagePointSize(0)
        printer.setPageSize(QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch))


def printer_label(printer: QPrinter) -> str:
    """The printer as the operator knows it: its queue name, or the file a PDF print goes to."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return Path(printer.outputFileName()).name
    return printer.printerName()


def destination(printer: QPrinter) -> str:
    """Where a print went, as the case event records it ("printer:NAME" or, printed to PDF, "file:NAME")."""
    kind = "file" if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat else "printer"
    return f"{kind}:{printer_label(printer)}"


# --- painting ----------------------------------------------------------------------------------
def pdf_buffer(pdf: bytes) -> QBuffer:
    """``pdf`` as an open, read-only QIODevice for QPdfDocument.load."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return buffer


def load_pdf(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over ``pdf`` (keep the buffer alive as long as the document)."""
    buffer = pdf_buffer(pdf)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer


def render_page(document: QPdfDocument, page: int, dpi: float) -> QImage:
    """One page as an opaque image on white paper (QtPdf leaves the background transparent)."""
    points = document.pagePointSize(page)
    size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
    page_image = document.render(page, size)
    sheet = QImage(size, QImage.Format.Format_RGB32)
    sheet.fill(QColor("white"))
    painter = QPainter(sheet)
    painter.drawImage(0, 0, page_image)
    painter.end()
    return sheet


def paint_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page of ``pdf`` onto ``printer``; returns the page count, PrintProblem on any failure.

    Each page keeps its size on paper (shrunk only when the paper is smaller),
    centred across and from the top, so an 80 mm receipt stays 80 mm wide.
    A failure part-way aborts the job, so no half document comes out.
    """
    document, _buffer = load_pdf(pdf)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrintProblem("the document could not be read", code="pdf_unreadable")
    where = printer_label(printer)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintProblem(f"cannot open the printer {where}", code="printer_unavailable", printer=where)
    resolution = printer.resolution()
    dpi = min(resolution, MAX_PRINT_DPI)
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    try:
        for page in range(document.pageCount()):
            if page and not printer.newPage():
                raise PrintProblem(f"{where} refused page {page + 1}", printer=where)
            points = document.pagePointSize(page)
            natural = QSizeF(points.width() * resolution / 72, points.height() * resolution / 72)
            scale = min(1.0, paper.width() / natural.width(), paper.height() / natural.height())
            width, height = natural.width() * scale, natural.height() * scale
            target = QRectF((paper.width() - width) / 2, 0.0, width, height)
            painter.drawImage(target, render_page(document, page, dpi))
            if printer.printerState() == QPrinter.PrinterState.Error:
                raise PrintProblem(f"{where} reported an error", printer=where)
    except BaseException:
        printer.abort()
        painter.end()
        raise
    if not painter.end() or printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrintProblem(f"{where} could not finish the job", printer=where)
    return document.pageCount()


def _cups_mark() -> int | None:
    """The last CUPS job id before printing, or None when CUPS cannot be asked (then painting must do)."""
    from app import printing

    try:
        return printing.last_job_id()
    except Exception:  # noqa: BLE001 - no pycups, no scheduler: the job cannot be followed
        log.info("cannot follow print jobs through CUPS", exc_info=True)
        return None


def _wait_for_cups(printer: QPrinter, title: str, after: int | None, timeout: float) -> None:
    """Wait until CUPS reports the job Qt just submitted completed; DeskError 'print_failed' otherwise."""
    if after is None:
        return
    from app import printing

    job = printing.find_job(printer.printerName(), title, after=after)
    if job is None:
        log.warning("print job %r on %s not found in CUPS; counted on painting alone", title, printer.printerName())
        return
    try:
        printing.wait_for_completion(job, timeout=timeout)
    except DeskError as exc:
        raise PrintProblem(exc.message, code="job_failed", printer=job.printer, job=job.job_id) from exc


# --- operations (worker side) ------------------------------------------------------------------
@dataclass(frozen=True)
class DocumentRequest:
    """Which document of which case, with what the settings add to it."""

    case_number: str
    kind: str
    contacts: DeskContacts
    layout: str


def document_request(settings: Settings, case_number: str, kind: str) -> DocumentRequest:
    from app.services.documents import contacts_from_settings

    return DocumentRequest(case_number, kind, contacts_from_settings(settings), settings.receipt_layout)


def build_copy(desk: Desk, actor: Actor, request: DocumentRequest) -> BuiltDocument:
    """The next copy of the document, rendered but not yet counted."""
    from app.services.documents import DocumentKind, build_document
    from reports.verification import desk_receipt_key

    kind = DocumentKind(request.kind)
    key = desk_receipt_key() if kind is DocumentKind.RECEIPT or kind.value in LETTERS else b""
    # A report for a role that may see personal data writes that reveal to the audit log: a write session.
    with desk.write() if kind is DocumentKind.REPORT else desk.read() as s:
        return build_document(s, desk.rulebook, actor, request.case_number, kind, contacts=request.contacts,
                                   receipt_key=key, layout=request.layout)


def print_copy(desk: Desk, actor: Actor, built: BuiltDocument, printer: QPrinter, *,
               timeout: float | None = None, delivered: str = "") -> IssuedDocument:
    """Paint the copy onto ``printer`` (set up by prepare_printer or the dialog) and count it once it printed.

    The copy goes out with the number it is counted as (``deliver_copy``): when
    another preview printed this case meanwhile, it is rebuilt as the next copy.
    """
    from app.services.documents import deliver_copy

    def deliver(final: BuiltDocument) -> str:
        if final.count != built.count:
            printer.setDocName(job_title(final))
        native = printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
        mark = _cups_mark() if native else None
        paint_pdf(final.pdf, printer)
        if native:
            _wait_for_cups(printer, printer.docName(), mark, CUPS_TIMEOUT_S if timeout is None else timeout)
        return destination(printer)

    return deliver_copy(desk, actor, built, deliver, delivered=delivered)


def save_copy(desk: Desk, actor: Actor, built: BuiltDocument, path: Path, *, delivered: str = "") -> IssuedDocument:
    """Write the copy as a PDF file (an export counts like a print) and count it (numbered as print_copy does)."""
    from app.output_file import OutputError
    from app.services.documents import deliver_copy, write_pdf_file

    def deliver(final: BuiltDocument) -> str:
        try:
            # The GUI may name a new folder (the file dialog can, so can a set export folder); the CLI may not.
            path.parent.mkdir(parents=True, exist_ok=True)
            return write_pdf_file(path)(final)
        except OSError as exc:
            raise PrintProblem(str(exc), code="save_failed", detail=exc.strerror or str(exc)) from exc
        except OutputError as exc:
            raise PrintProblem(exc.message, code="save_failed", detail=exc.message) from exc

    return deliver_copy(desk, actor, built, deliver, delivered=delivered)


def print_receipt_now(desk: Desk, actor: Actor, request: DocumentRequest, printer: QPrinter, *,
                      timeout: float | None = None) -> IssuedDocument:
    """Build the next receipt and print it straight to ``printer`` (no dialog): the one-click print after saving."""
    built = build_copy(desk, actor, request)
    prepare_printer(printer, built)
    return print_copy(desk, actor, built, printer, timeout=timeout)
