"""Printing receipts and case reports from the GUI: preview, print dialog, save as PDF, print after saving.

No test machine has a physical printer: the printers here are Qt's own PDF
output (QPrinter.OutputFormat.PdfFormat to a file), which is Qt's real print
path; what came out is read back with pypdf and compared, page by page, with
the preview.  The last tests print through a private CUPS scheduler to a
network printer that is a TCP socket on 127.0.0.1.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox

from app.desk import Desk
from app.settings import Settings
from app.services.queries import CaseFilter, EventView
from ui import operations, printing
from ui.case_documents import CaseDocumentsBar, ReceiptAfterSave
from ui.app import make_context
from ui.print_preview import PrintPreview
from ui.tasks import ThreadPoolExecutor

from tests.cups import SocketPrinter, add_socket_printer, private_cups

from .conftest import OTHER_ID, actor, intake


class PdfPrinters:
    """Named printers that write PDF files into a folder (one file per job)."""

    def __init__(self, folder: Path, *names: str) -> None:
        self.folder = folder
        self._names = names
        self.jobs = 0

    def names(self) -> list[str]:
        return list(self._names)

    def printer(self, name: str) -> QPrinter | None:
        return self._pdf(name) if name in self._names else None

    def default(self) -> QPrinter:
        return self._pdf("default")

    def default_name(self) -> str:
        return ""  # like a desk PC with no printer set up as the default

    def _pdf(self, name: str) -> QPrinter:
        self.jobs += 1
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.folder / f"{name}-{self.jobs}.pdf"))
        return printer


@pytest.fixture
def pdf_printers(tmp_path: Path) -> Iterator[PdfPrinters]:
    out = tmp_path / "printed"
    out.mkdir()
    directory = PdfPrinters(out, "Counter-80", "Archive-A4")
    previous = printing.use_printers(directory)
    yield directory
    printing.use_printers(previous)


def with_printers(window: Any, **changes: Any) -> None:
    ctx = window.ctx
    ctx.settings = replace(ctx.settings, printers={"receipt": "Counter-80", "case_report": "Archive-A4"}, **changes)


def prints(desk: Desk, number: str) -> list[EventView]:
    return [e for e in operations.detail(desk, number).events if e.kind == "print"]


def bar_of(window: Any, number: str) -> CaseDocumentsBar:
    view = window.open_case(number)
    bars = view.findChildren(CaseDocumentsBar)
    assert len(bars) == 1 and bars[0].isVisible()
    return bars[0]


def flat(text: str) -> str:
    return "".join(text.split())


def rendered(pdf: bytes, page: int, width: int = 40) -> QImage:
    """A thumbnail of one page in grey, on white (rendered finer, then smoothed: thin strokes do not flicker)."""
    document, _buffer = printing.load_pdf(pdf)
    points = document.pagePointSize(page)
    image = printing.render_page(document, page, 4 * width * 72 / points.width())
    return image.convertToFormat(QImage.Format.Format_Grayscale8).scaled(
        QSize(width, round(width * points.height() / points.width())), Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation)


def difference(a: QImage, b: QImage) -> float:
    """Mean absolute grey difference (0..255) of two same-sized images."""
    assert a.size() == b.size()
    total = 0
    for y in range(a.height()):
        for x in range(a.width()):
            total += abs(a.pixelColor(x, y).value() - b.pixelColor(x, y).value())
    return total / (a.width() * a.height())


def ink(image: QImage) -> float:
    """How much of the page is printed on (0: blank)."""
    dark = sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y).value() < 200)
    return dark / (image.width() * image.height())


def test_receipt_prints_through_the_dialog_and_counts_only_then(qtbot: Any, make_window: Any, desk: Desk,
                                                                pdf_printers: PdfPrinters) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = make_window("1024")
    with_printers(window)
    bar = bar_of(window, number)
    assert bar.receipt_button.text() == "打印回执…"
    preview = bar.open_preview(printing.RECEIPT)
    assert preview.isVisible() and preview.built is not None
    first = preview.built
    assert number in flat(preview.document_text()) and "受理回执" in flat(preview.document_text())
    assert "补打" not in preview.document_text() and not preview.copy_note.isVisible()
    assert prints(desk, number) == [], "showing a preview prints nothing"

    # The dialog starts on the receipt printer from the settings; the operator prints.
    preview.print_button.click()
    dialog = preview.print_dialog
    assert dialog is not None and dialog.isVisible()
    target = Path(dialog.printer().outputFileName())
    assert target.name == "Counter-80-1.pdf"
    dialog.accept()

    out = target.read_bytes()
    reader = PdfReader(io.BytesIO(out))
    assert number in (reader.metadata.title or ""), "the job carries the case number"
    assert len(reader.pages) == len(PdfReader(io.BytesIO(first.pdf)).pages)
    page, original = reader.pages[0].mediabox, PdfReader(io.BytesIO(first.pdf)).pages[0].mediabox
    assert abs(float(page.width) - float(original.width)) < 3, "A5 stays A5"
    assert abs(float(page.height) - float(original.height)) < 3
    printed, shown = rendered(out, 0), rendered(first.pdf, 0)
    assert ink(printed) > 0.01, "the printed page is not blank"
    # Same page: about 7; the same page shifted by 1 mm: about 25.
    assert difference(printed, shown) < 15, "paper shows what the preview showed"

    events = prints(desk, number)
    assert [(e.data["document"], e.data["count"], e.data["printer"]) for e in events] == [
        ("receipt", 1, "file:Counter-80-1.pdf")]
    assert preview.status.text().startswith("已在 Counter-80-1.pdf 打印")
    # The preview now shows the next copy: a reprint, marked 补打.
    assert preview.built is not None and preview.built.count == 2
    assert "补打" in preview.document_text()
    assert preview.copy_note.isVisible() and "补打" in preview.copy_note.text()
    # The case view's timeline shows the print.
    view = window.open_case(number)
    assert view.case is not None and [e.kind for e in view.case.events][-1] == "print"


def test_preview_pages_through_a_report_and_zooms(qtbot: Any, make_window: Any, desk: Desk,
                                                  pdf_printers: PdfPrinters) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake(facts="投诉人称年费未经同意扣收。" * 120)).case_number
    window = make_window("1024")
    preview = bar_of(window, number).open_preview(printing.REPORT)
    pages = preview.pages
    count = pages.pdf.pageCount()
    assert count >= 2 and pages.page_count.text() == f"/ {count}"
    assert pages.page.text() == "1" and not pages.previous_button.isEnabled()
    pages.next_button.click()
    assert pages.current_page() == 1 and pages.page.text() == "2" and pages.previous_button.isEnabled()
    pages.page.setText(str(count))
    pages.page.editingFinished.emit()
    assert pages.current_page() == count - 1 and not pages.next_button.isEnabled()
    assert pages.zoom.currentText() == "适合宽度", "a report is read by the width of its pages"
    pages.set_zoom(1.0)
    pages.zoom_in_button.click()
    assert pages.zoomFactor() == 1.25 and pages.zoom.currentText() == "125%"
    pages.zoom_out_button.click()
    pages.zoom_out_button.click()
    assert pages.zoomFactor() == 0.75
    assert f"第{count}页共{count}页" in flat(preview.document_text()), "every page is in the preview"


def test_cancelled_or_failed_print_says_so_and_counts_nothing(qtbot: Any, make_window: Any, desk: Desk,
                                                              pdf_printers: PdfPrinters, tmp_path: Path) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = make_window("1024")
    with_printers(window)
    preview = bar_of(window, number).open_preview(printing.REPORT)
    with qtbot.waitSignal(preview.printFailed) as failed:
        preview.print_button.click()
        assert preview.print_dialog is not None
        target = Path(preview.print_dialog.printer().outputFileName())
        assert target.name.startswith("Archive-A4"), "the case-report printer is preselected"
        preview.print_dialog.reject()
    assert failed.args == ["打印已取消，本份不计入打印次数。"]
    assert preview.error.isVisible() and preview.error.text() == failed.args[0]
    assert not target.exists()
    assert prints(desk, number) == []

    # A printer that cannot be opened (here: a PDF into a folder that does not exist).
    broken = QPrinter(QPrinter.PrinterMode.HighResolution)
    broken.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    broken.setOutputFileName(str(tmp_path / "no-such-folder" / "x.pdf"))
    with qtbot.waitSignal(preview.printFailed) as failed:
        preview.print_to(broken)
    assert failed.args[0].startswith("打印失败：") and failed.args[0].endswith("本份不计入打印次数。")
    assert prints(desk, number) == []
    assert preview.built is not None and preview.built.count == 1, "still the first copy"
    assert preview.print_button.isEnabled(), "the operator can try again"


def test_save_as_pdf_is_an_export_that_counts(qtbot: Any, make_window: Any, desk: Desk, pdf_printers: PdfPrinters,
                                              tmp_path: Path) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = make_window("1024")
    with_printers(window)
    preview = bar_of(window, number).open_preview(printing.RECEIPT)
    built = preview.built
    assert built is not None
    target = tmp_path / "out" / "回执.pdf"
    with qtbot.waitSignal(preview.issued) as issued:
        preview.save_to(target)
    assert target.read_bytes() == built.pdf, "the file is the document itself, not a re-rendering"
    assert issued.args[0].destination == "file:回执.pdf"
    assert [e.data["printer"] for e in prints(desk, number)] == ["file:回执.pdf"]
    # Straight from the case view, without the preview: the next copy is a reprint.
    bar = bar_of(window, number)
    second = tmp_path / "out" / "second.pdf"
    with qtbot.waitSignal(bar.issued):
        bar.save_to(printing.RECEIPT, second)
    assert "补打" in flat(PdfReader(second).pages[0].extract_text())
    assert [e.data["count"] for e in prints(desk, number)] == [1, 2]


def fill_intake(form: Any) -> None:
    c = form.complainant
    c.name.setText("赵敏")
    c.id_number.setText(OTHER_ID)
    c.phone.setText("13600000000")
    form.pickers["reason"].set_code("C04")
    form.pickers["demand"].set_code("D03")
    form.request.setText("要求办理个性化分期。")
    form.facts.setText("投诉人称收入下降，无力一次还清。")


def saved_case(window: Any, desk: Desk, *, id_number: str = OTHER_ID) -> str:
    """Register a case through the intake form, as the operator does; returns its number."""
    before = {r.case_number for r in operations.case_page(desk, CaseFilter(), offset=0, limit=100).rows}
    form = window.new_case()
    fill_intake(form)
    form.complainant.id_number.setText(id_number)
    form.save()
    assert form.done
    rows = operations.case_page(desk, CaseFilter(), offset=0, limit=100).rows
    (number,) = {r.case_number for r in rows} - before
    return str(number)


def test_receipt_prints_itself_after_saving_when_the_setting_is_on(qtbot: Any, make_window: Any, desk: Desk,
                                                                  pdf_printers: PdfPrinters) -> None:
    window = make_window("1024")
    with_printers(window, silent_print_receipt=True, receipt_layout="80mm")
    number = saved_case(window, desk)
    out = pdf_printers.folder / "Counter-80-1.pdf"
    assert out.exists(), "printed with no dialog to the receipt printer"
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    reader = PdfReader(out)
    assert number in (reader.metadata.title or "")
    assert abs(float(reader.pages[0].mediabox.width) - 80 * 72 / 25.4) < 3, "the 80 mm roll layout, 80 mm wide"
    assert [(e.data["document"], e.data["count"]) for e in prints(desk, number)] == [("receipt", 1)]
    assert window.statusBar().currentMessage() == f"{number} 的受理回执已在 Counter-80-1.pdf 打印。"

    # Off: saving prints nothing.
    window.ctx.settings = replace(window.ctx.settings, silent_print_receipt=False)
    form = window.new_case()
    fill_intake(form)
    form.complainant.id_number.setText("11010519491231002X")
    form.save()
    assert form.done
    assert sorted(p.name for p in pdf_printers.folder.iterdir()) == ["Counter-80-1.pdf"]


def test_silent_print_without_its_printer_says_so_and_offers_the_preview(qtbot: Any, make_window: Any, desk: Desk,
                                                                        pdf_printers: PdfPrinters) -> None:
    window = make_window("1024")
    with_printers(window, silent_print_receipt=True)
    window.ctx.settings = replace(window.ctx.settings, printers={"receipt": "Unplugged-58"})
    number = saved_case(window, desk)
    job = window.findChild(ReceiptAfterSave)
    assert job is not None and job.offer is not None and job.offer.isVisible()
    assert number in job.offer.text() and "未打印" in job.offer.text()
    assert "本机找不到打印机 Unplugged-58。" in job.offer.informativeText()
    assert prints(desk, number) == [] and not any(pdf_printers.folder.iterdir())
    # The operator takes the preview instead and prints from there.
    preview_button = job.offer.buttons()[0]
    assert preview_button.text() == "预览…"
    preview_button.click()
    preview = job.preview
    assert isinstance(preview, PrintPreview) and preview.isVisible()
    assert number in flat(preview.document_text())
    preview.reject()

    # No receipt printer set and no system default either.
    window.ctx.settings = replace(window.ctx.settings, printers={})
    other = saved_case(window, desk, id_number="11010519491231002X")
    job = [j for j in window.findChildren(ReceiptAfterSave) if j.case_number == other][0]
    assert job.offer is not None and job.offer.isVisible()
    assert "设置中未指定回执打印机" in job.offer.informativeText()
    assert prints(desk, other) == []


def test_printing_runs_on_a_worker_thread_and_still_counts_once(qtbot: Any, desk: Desk,
                                                                pdf_printers: PdfPrinters) -> None:
    """The real executor: building and painting happen off the GUI thread; the results come back queued."""
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    executor = ThreadPoolExecutor()
    ctx = make_context(desk, Settings(printers={"receipt": "Counter-80"}), executor, operations.desk_snapshot(desk),
                       operator="1024")
    preview = PrintPreview(ctx, number, printing.RECEIPT)  # type: ignore[arg-type]
    qtbot.addWidget(preview)
    preview.show()
    try:
        qtbot.waitUntil(lambda: preview.built is not None, timeout=20_000)
        assert preview.built is not None
        printer = pdf_printers.printer("Counter-80")
        assert printer is not None
        printing.prepare_printer(printer, preview.built)
        with qtbot.waitSignal(preview.issued, timeout=20_000) as issued:
            preview.print_to(printer)
            assert not preview.print_button.isEnabled(), "no second print while one is under way"
            preview.reject()
            assert preview.isVisible(), "the preview stays until the outcome of the print is known"
        assert issued.args[0].count == 1
        assert number in (PdfReader(printer.outputFileName()).metadata.title or "")
        qtbot.waitUntil(lambda: preview.built is not None and preview.built.count == 2, timeout=20_000)
        assert preview.print_button.isEnabled()
        preview.close_button.click()
        assert not preview.isVisible()
    finally:
        assert executor.wait_for_done(20_000)
        QApplication.processEvents()
    assert [e.data["count"] for e in prints(desk, number)] == [1]


# --- through CUPS, to a network printer that is a TCP socket on 127.0.0.1 ---------------------------
@pytest.fixture(scope="module")
def cups_server() -> Iterator[str]:
    with private_cups() as server:
        yield server


@pytest.fixture
def cups_queues(cups_server: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[SocketPrinter]:
    """CUPS_SERVER points at the private scheduler; queue DeskReceipt prints to a socket, DeskOff to nothing."""
    import cups  # pycups: libcups keeps the server it found per thread, so tell it too

    monkeypatch.setenv("CUPS_SERVER", cups_server)
    previous = cups.getServer()
    cups.setServer(cups_server)
    printer = SocketPrinter()
    add_socket_printer(cups_server, "DeskReceipt", printer.port)
    # Nothing listens on the discard port here: the printer is "off".
    add_socket_printer(cups_server, "DeskOff", 9)
    try:
        yield printer
    finally:
        printer.close()
        cups.setServer(previous)


def test_print_dialog_prints_through_cups_and_counts_when_the_job_completed(qtbot: Any, make_window: Any,
                                                                            desk: Desk,
                                                                            cups_queues: SocketPrinter) -> None:
    assert {"DeskReceipt", "DeskOff"} <= set(printing.printers().names()), "Qt sees the CUPS queues"
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = make_window("1024")
    window.ctx.settings = replace(window.ctx.settings, printers={"receipt": "DeskReceipt"})
    preview = bar_of(window, number).open_preview(printing.RECEIPT)
    preview.print_button.click()
    dialog = preview.print_dialog
    assert dialog is not None and dialog.printer().printerName() == "DeskReceipt"
    dialog.accept()
    assert cups_queues.received.wait(10)
    job = cups_queues.jobs[0]
    assert job.startswith(b"%PDF")
    assert number in (PdfReader(io.BytesIO(job)).metadata.title or "")
    assert [(e.data["count"], e.data["printer"]) for e in prints(desk, number)] == [(1, "printer:DeskReceipt")]
    assert preview.status.text().startswith("已在 DeskReceipt 打印")


def test_silent_print_to_a_printer_that_is_off_is_not_counted(qtbot: Any, make_window: Any, desk: Desk,
                                                              cups_queues: SocketPrinter,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "CUPS_TIMEOUT_S", 3.0)
    window = make_window("1024")
    window.ctx.settings = replace(window.ctx.settings, printers={"receipt": "DeskOff"}, silent_print_receipt=True)
    number = saved_case(window, desk)
    job = window.findChild(ReceiptAfterSave)
    assert job is not None and job.offer is not None and job.offer.isVisible()
    message = job.offer.informativeText()
    assert message.startswith("打印失败：打印机 DeskOff 未完成打印作业"), message
    assert "本份不计入打印次数" in message
    assert prints(desk, number) == []


def test_two_previews_of_one_case_deliver_copies_1_and_2(qtbot: Any, make_window: Any, desk: Desk,
                                                         pdf_printers: PdfPrinters, tmp_path: Path) -> None:
    """Both previews were built as copy 1 before either printed: the later one goes out as copy 2 (补打)."""
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = make_window("1024")
    with_printers(window)
    first = PrintPreview(window.ctx, number, printing.RECEIPT, window)
    second = PrintPreview(window.ctx, number, printing.RECEIPT, window)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert first.built is not None and second.built is not None
    assert (first.built.count, second.built.count) == (1, 1), "both previews show copy 1"

    copy_one = first.built.pdf
    printer = pdf_printers.printer("Counter-80")
    assert printer is not None
    printing.prepare_printer(printer, first.built)
    with qtbot.waitSignal(first.issued) as printed:
        first.print_to(printer)
    assert printed.args[0].count == 1
    saved = tmp_path / "second.pdf"
    with qtbot.waitSignal(second.issued) as issued:
        second.save_to(saved)
    assert issued.args[0].count == 2

    assert [e.data["count"] for e in prints(desk, number)] == [1, 2]
    # The paper (painted pages, no text layer) is the copy-1 receipt the first preview showed.
    assert difference(rendered(Path(printer.outputFileName()).read_bytes(), 0), rendered(copy_one, 0)) < 15
    assert "补打" not in flat(PdfReader(io.BytesIO(copy_one)).pages[0].extract_text())
    in_file = flat(PdfReader(saved).pages[0].extract_text())
    assert "补打（第1次）" in in_file and "第2次打印" in in_file, "the second copy says it is copy 2"
    # What the timeline counts is what went out: the fingerprint of the copy actually saved.
    from hashlib import sha256

    assert prints(desk, number)[1].data["fingerprint"] == sha256(saved.read_bytes()).hexdigest()
    assert "2" in second.status.text(), "the preview says which copy went out"
    # Each preview now shows the copy after the last one counted.
    qtbot.waitUntil(lambda: second.built is not None and second.built.count == 3)
