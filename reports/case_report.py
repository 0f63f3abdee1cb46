"""The archived case report (投诉处理档案): every field, the full history, a fingerprint.

Pages carry a header (case number, branch) and a footer (generation time and
operator, 第 x 页 共 y 页). The total page count is only known at the end, so
the canvas keeps each page's state and draws headers and footers when saving
(the "NumberedCanvas" recipe): one layout pass instead of two.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from reports import case_sections as sec
from reports.data import CaseReportData
from reports.fonts import register_fonts
from reports.layout import (
    INK,
    MUTED,
    PRODUCER,
    RULE,
    FitLine,
    make_styles,
    markup,
    plain,
    short_datetime,
    stamp_creation_date,
)
from reports.report_content import printed_content, report_fingerprint

__all__ = ["build_case_report", "report_fingerprint"]

TITLE = "投诉处理档案"
PAGE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
BASE_SIZE = 9.5


class _PageDecor:
    """What every page's header and footer say."""

    def __init__(self, content: CaseReportData) -> None:
        desk = content.desk
        self.left_head = plain(f"{TITLE} · {desk.bank_name} {desk.branch_name}")
        self.right_head = plain(f"投诉编号 {content.case_number}")
        self.center_head = plain("含未脱敏个人信息 · 仅限授权人员" if content.mask is None else "")
        self.left_foot = plain(
            f"生成时间 {short_datetime(content.generated_at)} · 生成人 {content.generated_by}"
        )
        self.generated_at = content.generated_at

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        width, height = PAGE
        font = register_fonts()
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(font, 8)
        top = height - 14 * mm
        canvas.drawString(MARGIN_X, top, self.left_head)
        canvas.drawRightString(width - MARGIN_X, top, self.right_head)
        if self.center_head:
            canvas.setFillColor(INK)
            canvas.drawCentredString(width / 2, top - 4.5 * mm, self.center_head)
            canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 2 * mm, width - MARGIN_X, top - 2 * mm)
        bottom = 11 * mm
        canvas.line(MARGIN_X, bottom + 4 * mm, width - MARGIN_X, bottom + 4 * mm)
        canvas.drawString(MARGIN_X, bottom, self.left_foot)
        canvas.drawRightString(width - MARGIN_X, bottom, plain(f"第 {page} 页 共 {total} 页"))
        canvas.restoreState()


def _numbered_canvas(decor: _PageDecor) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """A canvas that holds pages back until it knows how many there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []
            stamp_creation_date(self, decor.generated_at)

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


def _story(content: CaseReportData, fingerprint: str, width: float) -> list[Flowable]:
    s = make_styles(BASE_SIZE)
    desk = content.desk
    subtitle = f"{desk.bank_name}　{desk.branch_name}"
    return [
        FitLine(TITLE, BASE_SIZE * 2.0, space_after=2),
        Paragraph(markup(subtitle), s.center_small),
        Spacer(1, 3 * mm),
        *sec.overview(content, s, width),
        *sec.parties(content, s, width),
        *sec.classification(content, s, width),
        *sec.narrative(content, s),
        *sec.deadlines(content, s, width),
        *sec.notices(content, s, width),
        *sec.decision(content, s),
        *sec.follow_up(content, s, width),
        *sec.timeline(content, s, width),
        *sec.recordings(content, s, width),
        *sec.fingerprint_block(fingerprint, s, width),
    ]


def build_case_report(data: CaseReportData) -> bytes:
    """The case report as a multi-page A4 PDF, masked at ``data.mask``."""
    content = printed_content(data)
    fingerprint = report_fingerprint(data)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{TITLE} {data.case_number}",
        author=f"{data.desk.bank_name} {data.desk.branch_name}",
        subject=f"{TITLE} {data.case_number}（{data.state_label}）",
        creator=PRODUCER,
        keywords=[data.case_number, f"sha256:{fingerprint}"],
        lang="zh-CN",
        # Otherwise every page names an unembedded Helvetica as its starting font.
        initialFontName=register_fonts(),
    )
    width = PAGE[0] - 2 * MARGIN_X - 12  # the frame pads 6 pt on each side
    doc.build(_story(content, fingerprint, width), canvasmaker=_numbered_canvas(_PageDecor(content)))
    return buffer.getvalue()
