"""The acknowledgement receipt (受理回执) handed to the complainant at the counter.

Three layouts share one story: A4 and A5 sheets, and the 80 mm thermal roll
whose page is exactly as tall as its content. Personal data is always masked
for print (name 张*, phone 138****0000) and free text is scrubbed of ID, card
and mobile numbers. The receipt carries no internal signal of any kind (no
risk or proxy-complaint flags): :class:`reports.data.ReceiptData` has no field
for one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from app.domain.masking import MaskStrength, mask_name, mask_phone
from reports.data import DeskInfo, ReceiptData
from reports.fonts import register_fonts
from reports.layout import (
    INK,
    PRODUCER,
    RULE,
    FitLine,
    Styles,
    cn_date,
    cn_datetime,
    make_styles,
    markup,
    stamp_creation_date,
    table_style,
)
from reports.qr import QrFlowable
from reports.redaction import mask_free_text
from reports.verification import canonical_received_at, display_code, qr_payload

ReceiptLayout = Literal["a4", "a5", "80mm"]
ROLL_WIDTH = 80 * mm
REQUEST_MAX_CHARS = 200
#: A fixed sheet that cannot hold the whole request shortens it, never below this.
REQUEST_MIN_CHARS = 40
TITLE = "投诉受理回执"


@dataclass(frozen=True)
class _Geometry:
    width: float
    height: float | None  # None: fitted to the content (roll paper)
    margin_x: float
    margin_y: float
    base: float  # body text size in points
    qr: float  # QR code side
    stacked: bool  # QR under the details instead of beside them

    @property
    def avail(self) -> float:
        """Usable text width: page minus margins minus the frame's 6 pt padding each side."""
        return self.width - 2 * self.margin_x - 12


_GEOMETRY: dict[str, _Geometry] = {
    "a4": _Geometry(A4[0], A4[1], 22 * mm, 20 * mm, 11.0, 32 * mm, False),
    "a5": _Geometry(A5[0], A5[1], 13 * mm, 11 * mm, 8.4, 24 * mm, False),
    "80mm": _Geometry(ROLL_WIDTH, None, 4 * mm, 5 * mm, 7.6, 26 * mm, True),
}


def reprint_label(print_count: int) -> str:
    """The reprint marking for the ``print_count``-th print, empty for the first one."""
    return f"补打（第{print_count - 1}次）" if print_count > 1 else ""


def build_receipt(
    data: ReceiptData, layout: ReceiptLayout, *, created_at: datetime | None = None
) -> bytes:
    """The receipt as a one-page PDF in the chosen layout."""
    if layout not in _GEOMETRY:
        raise ValueError(f"unknown receipt layout {layout!r}")
    geo = _GEOMETRY[layout]
    styles = make_styles(geo.base)
    created = created_at or datetime.now(timezone.utc)
    if geo.height is None:
        height = _fitted_height(_story(data, geo, styles), geo)
        for _attempt in range(3):
            # A fresh story each time: platypus consumes and splits the flowables.
            pdf, pages = _render(data, _story(data, geo, styles), geo, height, created)
            if pages == 1:
                return pdf
            height *= 1.1  # a measuring slip; never hand out a receipt cut in two
        return pdf
    # A sheet has a fixed height: a long request is cut short (the full text is in the
    # case report) rather than push the signature and footer onto a page of their own.
    limit = _request_limit_that_fits(data, geo, styles)
    while True:
        pdf, pages = _render(data, _story(data, geo, styles, limit), geo, geo.height, created)
        if pages == 1 or limit <= REQUEST_MIN_CHARS:
            return pdf
        limit = max(REQUEST_MIN_CHARS, limit * 3 // 4)


def _request_limit_that_fits(data: ReceiptData, geo: _Geometry, styles: Styles) -> int:
    """The longest request (in characters, up to REQUEST_MAX_CHARS) that keeps the sheet one page."""
    assert geo.height is not None
    room = geo.height - 2 * geo.margin_y - 12 - 6  # frame padding, and a reserve for rounding
    scratch = Canvas(io.BytesIO(), pagesize=(geo.width, 10_000_000))

    def request_height(limit: int) -> float:
        return float(_request_paragraph(data, styles, limit).wrapOn(scratch, geo.avail, 10_000_000)[1])

    # Only the request changes with the limit: measure the rest once.
    others = _content_height(_story(data, geo, styles), geo) - request_height(REQUEST_MAX_CHARS)
    if others + request_height(REQUEST_MAX_CHARS) <= room:
        return REQUEST_MAX_CHARS
    low, high = REQUEST_MIN_CHARS, REQUEST_MAX_CHARS
    while high - low > 2:
        middle = (low + high) // 2
        if others + request_height(middle) <= room:
            low = middle
        else:
            high = middle
    return low


def _render(
    data: ReceiptData, story: list[Flowable], geo: _Geometry, height: float, created: datetime
) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=(geo.width, height),
        leftMargin=geo.margin_x,
        rightMargin=geo.margin_x,
        topMargin=geo.margin_y,
        bottomMargin=geo.margin_y,
        title=f"{TITLE} {data.case_number}",
        author=f"{data.desk.bank_name} {data.desk.branch_name}".strip(),
        subject=f"投诉受理回执 {data.case_number}",
        creator=PRODUCER,
        keywords=[data.case_number],
        lang="zh-CN",
        # Otherwise every page names an unembedded Helvetica as its starting font.
        initialFontName=register_fonts(),
    )

    def on_page(canvas: Canvas, _doc: SimpleDocTemplate) -> None:
        stamp_creation_date(canvas, created)

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue(), int(doc.page)


def _content_height(story: list[Flowable], geo: _Geometry) -> float:
    avail = geo.avail
    scratch = Canvas(io.BytesIO(), pagesize=(geo.width, 10_000_000))
    total = 0.0
    for flowable in story:
        _w, h = flowable.wrapOn(scratch, avail, 10_000_000)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _fitted_height(story: list[Flowable], geo: _Geometry) -> float:
    # Frame padding (6 pt each side) plus a small reserve for rounding.
    return _content_height(story, geo) + 2 * geo.margin_y + 12 + 6


def _story(data: ReceiptData, geo: _Geometry, s: Styles, request_limit: int = REQUEST_MAX_CHARS) -> list[Flowable]:
    avail = geo.avail
    bank = data.desk.bank_name.strip()
    # No bank name in the settings: the branch heads the receipt rather than an empty line.
    story: list[Flowable] = [
        FitLine(bank, geo.base * 1.55, space_after=geo.base * 0.1),
        Paragraph(markup(data.desk.branch_name), s.center_small),
    ] if bank else [FitLine(data.desk.branch_name, geo.base * 1.55, space_after=geo.base * 0.1)]
    story += [
        Spacer(1, geo.base * 0.5),
        FitLine(TITLE, geo.base * 2.0, space_after=geo.base * 0.2),
    ]
    mark = reprint_label(data.print_count)
    if mark:
        story.append(_reprint_box(mark, data.print_count, s, avail))
    story.append(HRFlowable(width="100%", thickness=1.2, color=INK, spaceBefore=3, spaceAfter=6))

    head = _case_number_block(data, geo, s)
    if geo.stacked:
        story.extend(head)
    else:
        story.append(_beside_qr(head, data, geo, s, avail))
    story.append(Spacer(1, geo.base * 0.6))
    story.append(_details_table(data, s, avail, geo))
    story.extend(_notice_sections(data, s, request_limit))
    if geo.stacked:
        story.append(Spacer(1, geo.base * 0.6))
        story.append(_qr_block(data, geo, s, avail))
    story.extend(_signature_block(data, s, avail, geo))
    return story


def _reprint_box(mark: str, print_count: int, s: Styles, avail: float) -> Table:
    text = f"{mark}　本回执为第{print_count}次打印"
    box = Table([[Paragraph(markup(text), s.center_small)]], colWidths=[avail])
    box.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, INK),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    box.spaceBefore = 2
    box.spaceAfter = 2
    return box


def _case_number_block(data: ReceiptData, geo: _Geometry, s: Styles) -> list[Flowable]:
    align: Literal["left", "center"] = "center" if geo.stacked else "left"
    label_style = s.center_small if geo.stacked else s.label
    return [
        Paragraph(markup("投诉编号"), label_style),
        FitLine(data.case_number, geo.base * 1.9, align=align, space_after=geo.base * 0.3),
        Paragraph(markup(f"受理时间　{cn_datetime(data.received_at)}"), label_style),
    ]


def receipt_qr_payload(data: ReceiptData) -> str:
    """What the receipt's QR code carries (case number, receipt time and code; see reports.verification)."""
    return qr_payload(data.case_number, canonical_received_at(data.received_at), data.verification_code)


def _qr(data: ReceiptData, side: float) -> QrFlowable:
    return QrFlowable(receipt_qr_payload(data), side)


def _qr_caption(data: ReceiptData, s: Styles) -> list[Paragraph]:
    return [
        Paragraph(markup(f"验证码　{display_code(data.verification_code)}"), s.center_small),
        Paragraph(markup("扫码或凭验证码核验回执真伪"), s.center_small),
    ]


def _beside_qr(
    head: list[Flowable], data: ReceiptData, geo: _Geometry, s: Styles, avail: float
) -> Table:
    qr_col = geo.qr + 16 * mm
    cell = [_qr(data, geo.qr), *_qr_caption(data, s)]
    table = Table([[head, cell]], colWidths=[avail - qr_col, qr_col])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
            ]
        )
    )
    return table


def _qr_block(data: ReceiptData, geo: _Geometry, s: Styles, avail: float) -> Flowable:
    table = Table([[_qr(data, geo.qr)], *[[p] for p in _qr_caption(data, s)]], colWidths=[avail])
    table.setStyle(
        table_style(
            [
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _details_table(data: ReceiptData, s: Styles, avail: float, geo: _Geometry) -> Table:
    strength = MaskStrength.PRINT
    shown_name = mask_name(data.complainant_name, strength, organisation=data.complainant_is_organisation)
    due = f"{cn_date(data.nominal_due)}前作出处理决定"
    if data.legal_limit is not None and data.legal_limit != data.nominal_due:
        due += f"（遇法定节假日顺延至{cn_date(data.legal_limit)}）"
    rows = [
        ("投诉人", shown_name),
        ("联系电话", mask_phone(data.complainant_phone, strength)),
        ("受理网点", f"{data.desk.branch_name}（{data.desk.branch_code}）"),
        ("受理窗口", data.desk.desk_code),
        ("处理时限", due),
    ]
    label_w = geo.base * 5.2
    table = Table(
        [[Paragraph(markup(k), s.label), Paragraph(markup(v), s.body)] for k, v in rows],
        colWidths=[label_w, avail - label_w],
    )
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                # Labels are set smaller: drop them onto the value's first baseline.
                ("TOPPADDING", (0, 0), (0, -1), 2.5 + geo.base * 0.14),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ]
        )
    )
    return table


def _short_request(text: str, limit: int = REQUEST_MAX_CHARS) -> str:
    flat = " ".join(mask_free_text(text, MaskStrength.PRINT).split())
    if len(flat) <= limit:
        return flat or "（未填写）"
    # Masking comes first, so a cut never leaves the head of a number that masking would have hidden.
    return flat[: limit - 1] + "…（详见投诉登记）"


def _progress_text(desk: DeskInfo) -> str:
    """How to ask about progress, from what the settings hold: a missing value leaves its line out."""
    slots = [(label, value.strip().rstrip("。；;，, ")) for label, value in
             (("客服热线", desk.hotline), ("受理网点", desk.branch_contact))]
    said = "；".join(f"{label}：{value}" for label, value in slots if value)
    if not said:
        branch = desk.branch_name.strip()
        said = f"请向受理网点{f'（{branch}）' if branch else ''}咨询办理进度"
    return f"{said}。查询时请提供投诉编号及验证码。"


def _request_paragraph(data: ReceiptData, s: Styles, limit: int) -> Paragraph:
    return Paragraph(markup(_short_request(data.request_summary, limit)), s.body)


def _section(title: str, body: str, s: Styles) -> list[Flowable]:
    return [Paragraph(markup(title), s.subheading), Paragraph(markup(body), s.body)]


def _notice_sections(data: ReceiptData, s: Styles, request_limit: int) -> list[Flowable]:
    # The receipt is always one page (the request is shortened to fit), so nothing here needs KeepTogether.
    return [
        Paragraph(markup("投诉请求"), s.subheading),
        _request_paragraph(data, s, request_limit),
        *_section("处理时限", f"我行将于{cn_date(data.nominal_due)}前作出处理决定并告知您。", s),
        Paragraph(markup(data.rule_text), s.small),
        *_section("进度查询", _progress_text(data.desk), s),
        *_section("救济途径", data.remedies_text, s),
    ]


def _signature_block(data: ReceiptData, s: Styles, avail: float, geo: _Geometry) -> list[Flowable]:
    sign_label = Paragraph(markup("投诉人签字："), s.body)
    date_label = Paragraph(markup("日期："), s.body)
    label_w = geo.base * 6 + 10  # six characters plus the right cell padding
    if geo.stacked:
        rows = [[sign_label, ""], [date_label, ""]]
        widths = [label_w, avail - label_w]
        lines = [("LINEBELOW", (1, 0), (1, -1), 0.6, INK)]
        heights = [geo.base * 3.2, geo.base * 2.6]
    else:
        date_w = geo.base * 3 + 10
        line_w = (avail - label_w - date_w - geo.base) * 0.5
        rows = [[sign_label, "", "", date_label, ""]]
        widths = [label_w, line_w * 1.2, geo.base, date_w, line_w * 0.8]
        lines = [("LINEBELOW", (1, 0), (1, 0), 0.6, INK), ("LINEBELOW", (4, 0), (4, 0), 0.6, INK)]
        heights = [geo.base * 3.4]
    sign = Table(rows, colWidths=widths, rowHeights=heights)
    sign.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                *lines,
            ]
        )
    )
    footer = (
        f"接待员工号：{data.staff_no}　　第{data.print_count}次打印\n"
        "本回执仅证明您的投诉已被受理，请妥善保管。"
    )
    return [
        Spacer(1, geo.base * 0.4),
        sign,
        Spacer(1, geo.base * 1.2),
        HRFlowable(width="100%", thickness=0.4, color=RULE, spaceAfter=3),
        Paragraph(markup(footer), s.center_small),
    ]
