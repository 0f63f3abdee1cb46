"""The archived case report (投诉处理档案): every field, the full history, a fingerprint.

Pages carry a header (case number, branch) and a footer (generation time and
operator, 第 x 页 共 y 页), drawn by reports.page_decor once the page count is known.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from reports import case_sections as sec
from reports.data import CaseReportData
from reports.fonts import register_fonts
from reports.layout import (
    PRODUCER,
    FitLine,
    make_styles,
    markup,
    plain,
    short_datetime,
)
from reports.page_decor import PageDecor, numbered_canvas
from reports.report_content import printed_content, report_fingerprint

__all__ = ["build_case_report", "report_fingerprint"]

TITLE = "投诉处理档案"
PAGE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
BASE_SIZE = 9.5


def _page_decor(content: CaseReportData) -> PageDecor:
    """What every page's header and footer say."""
    desk = content.desk
    return PageDecor(
        left_head=plain(f"{TITLE} · {desk.bank_name} {desk.branch_name}"),
        right_head=plain(f"投诉编号 {content.case_number}"),
        center_head=plain("含未脱敏个人信息 · 仅限授权人员" if content.mask is None else ""),
        left_foot=plain(f"生成时间 {short_datetime(content.generated_at)} · 生成人 {content.generated_by}"),
        created=content.generated_at, margin_x=MARGIN_X, page=PAGE)


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
    doc.build(_story(content, fingerprint, width), canvasmaker=numbered_canvas(_page_decor(content)))
    return buffer.getvalue()
