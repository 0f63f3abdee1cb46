"""Headers and footers with "第 x 页 共 y 页" for the multi-page documents (case report, letters).

The total page count is only known at the end, so the canvas keeps each page's
state and draws headers and footers when saving (the "NumberedCanvas" recipe):
one layout pass instead of two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from reports.fonts import register_fonts
from reports.layout import INK, MUTED, RULE, plain, stamp_creation_date


@dataclass(frozen=True)
class PageDecor:
    """What every page's header and footer say (texts already made safe with ``plain``)."""

    left_head: str
    right_head: str
    left_foot: str
    created: datetime
    margin_x: float
    center_head: str = ""
    page: tuple[float, float] = A4

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        width, height = self.page
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(register_fonts(), 8)
        top = height - 14 * mm
        canvas.drawString(self.margin_x, top, self.left_head)
        canvas.drawRightString(width - self.margin_x, top, self.right_head)
        if self.center_head:
            canvas.setFillColor(INK)
            canvas.drawCentredString(width / 2, top - 4.5 * mm, self.center_head)
            canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.margin_x, top - 2 * mm, width - self.margin_x, top - 2 * mm)
        bottom = 11 * mm
        canvas.line(self.margin_x, bottom + 4 * mm, width - self.margin_x, bottom + 4 * mm)
        canvas.drawString(self.margin_x, bottom, self.left_foot)
        canvas.drawRightString(width - self.margin_x, bottom, plain(f"第 {page} 页 共 {total} 页"))
        canvas.restoreState()


def numbered_canvas(decor: PageDecor) -> type[Canvas]:
    """A reportlab canvas class that draws ``decor`` on every page once the page count is known."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """A canvas that holds pages back until it knows how many there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []
            stamp_creation_date(self, decor.created)

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                decor.draw(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas
