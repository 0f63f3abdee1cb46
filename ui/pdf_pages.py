"""A PDF shown page by page (QtPdf), with a bar for page navigation and zoom.

The print preview puts :attr:`PdfPages.bar` in its header and the view below it.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QEvent, QPointF, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
FIT_WIDTH, FIT_PAGE = "fit_width", "fit_page"


class PdfPages(QPdfView):
    """The pages of one PDF; :meth:`show_pdf` swaps in another document."""

    def __init__(self, parent: QWidget) -> None:
        # The document is a sibling made before the view, never its child: a child is deleted while the
        # view is half destroyed, and its last statusChanged then reaches the dead view (segfault, Qt 6.12).
        pdf = QPdfDocument(parent)
        super().__init__(parent)
        self.pdf = pdf
        self._buffer: QBuffer | None = None
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setDocument(self.pdf)
        self.setStyleSheet("QPdfView { background: #8A96A3; }")

        self.bar = QWidget()
        self.previous_button = QPushButton("‹")
        self.next_button = QPushButton("›")
        # A line edit, not a QSpinBox: the ‹ › buttons step, and a button-less spin box collapses
        # under the desk's style sheet (Qt 6.12).
        self.page = QLineEdit("1")
        self.page_validator = QIntValidator(1, 1, self.page)
        self.page.setValidator(self.page_validator)
        self.page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page.setFixedWidth(self.page.fontMetrics().horizontalAdvance("000") + 24)
        self.page_count = QLabel("/ 0")
        self.zoom_out_button = QPushButton("−")
        self.zoom_in_button = QPushButton("+")
        for button in (self.previous_button, self.next_button, self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(36)
        self.zoom = QComboBox()
        self.zoom.addItem("", FIT_WIDTH)
        self.zoom.addItem("", FIT_PAGE)
        for factor in ZOOM_STEPS:
            self.zoom.addItem(f"{factor:.0%}", factor)
        self.zoom.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.page_caption = QLabel()
        self.zoom_caption = QLabel()
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        parts: list[QWidget | None] = [self.page_caption, self.previous_button, self.page, self.page_count,
                                       self.next_button, None, self.zoom_caption, self.zoom_out_button, self.zoom,
                                       self.zoom_in_button]
        for part in parts:
            if part is None:
                row.addSpacing(16)
            else:
                row.addWidget(part)

        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page.editingFinished.connect(lambda: self.go_to_page(int(self.page.text() or 1) - 1))
        self.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.zoom.activated.connect(lambda _i: self._zoom_chosen())
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(+1))
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        self.fit(FIT_WIDTH)
        self.retranslate()

    def show_pdf(self, buffer: QBuffer) -> None:
        """Show the PDF in ``buffer`` (an open QBuffer; kept as long as it is shown) from its first page."""
        buffer.setParent(self.pdf)
        self.pdf.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        pages = self.pdf.pageCount()
        self.page_validator.setTop(max(1, pages))
        self.page_count.setText(f"/ {pages}")
        self.go_to_page(0)

    def text(self) -> str:
        """The text of every page."""
        return "\n".join(self.pdf.getAllText(page).text() for page in range(self.pdf.pageCount()))

    # --- pages ----------------------------------------------------------------------------
    def current_page(self) -> int:
        return int(self.pageNavigator().currentPage())

    def go_to_page(self, page: int) -> None:
        pages = self.pdf.pageCount()
        if pages == 0:
            return
        page = max(0, min(pages - 1, page))
        if page != self.current_page():
            self.pageNavigator().jump(page, QPointF(), self.pageNavigator().currentZoom())
        self._page_changed(page)

    def _page_changed(self, page: int) -> None:
        self.page.setText(str(page + 1))
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.pdf.pageCount() - 1)

    # --- zoom -----------------------------------------------------------------------------
    def fit(self, how: str) -> None:
        """Fit the pages to the width (FIT_WIDTH) or show a whole page (FIT_PAGE)."""
        self.zoom.setCurrentIndex(self.zoom.findData(how))
        self._zoom_chosen()

    def _zoom_chosen(self) -> None:
        data = self.zoom.currentData()
        if data == FIT_WIDTH:
            self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif data == FIT_PAGE:
            self.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.set_zoom(float(data))

    def set_zoom(self, factor: float) -> None:
        self.setZoomMode(QPdfView.ZoomMode.Custom)
        self.setZoomFactor(factor)
        index = self.zoom.findData(factor)
        if index < 0:
            self.zoom.addItem(f"{factor:.0%}", factor)
            index = self.zoom.count() - 1
        self.zoom.setCurrentIndex(index)

    def step_zoom(self, direction: int) -> None:
        now = self.zoomFactor()
        if direction > 0:
            factor = next((f for f in ZOOM_STEPS if f > now + 1e-6), ZOOM_STEPS[-1])
        else:
            factor = next((f for f in reversed(ZOOM_STEPS) if f < now - 1e-6), ZOOM_STEPS[0])
        self.set_zoom(factor)

    # --- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.page_caption.setText(self.tr("Page"))
        self.zoom_caption.setText(self.tr("Zoom"))
        self.zoom.setItemText(0, self.tr("Fit width"))
        self.zoom.setItemText(1, self.tr("Whole page"))
        self.previous_button.setToolTip(self.tr("Previous page"))
        self.next_button.setToolTip(self.tr("Next page"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
