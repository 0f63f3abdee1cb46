"""Letters to the complainant: the decision letter (处理意见书) and the notices (告知书).

One A4 layout for four kinds: the decision letter with its four sections and the
review route, and the extension, appraisal-pause and not-accepted notices.  Each
letter is addressed to the complainant (and their proxy) with personal data
masked as on the receipt (name 张*, free text scrubbed of ID, card and phone
numbers at print strength), carries the case number, the date, the receipt's
verification code and QR, copy numbering (补打 on a reprint), a seal area and
signature lines.  Long texts flow onto further pages; every page keeps its
header (bank, case number) and footer (verification code, copy, 第 x 页 共 y 页).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from app.domain.masking import MaskStrength, mask_name
from reports.data import DeskInfo
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
    paragraphs,
    plain,
    table_style,
)
from reports.page_decor import PageDecor, numbered_canvas
from reports.qr import QrFlowable
from reports.receipt import reprint_label
from reports.redaction import mask_free_text
from reports.verification import canonical_received_at, display_code, qr_payload

LetterKind = Literal["decision", "extension", "pause", "declined"]
LETTER_KINDS: tuple[LetterKind, ...] = ("decision", "extension", "pause", "declined")
TITLES: dict[str, str] = {
    "decision": "投诉处理意见书",
    "extension": "投诉处理延期告知书",
    "pause": "投诉处理暂停告知书",
    "declined": "投诉不予受理告知书",
}
PAGE = A4
MARGIN_X = 22 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 22 * mm
BASE_SIZE = 10.5
QR_SIDE = 28 * mm
_STRENGTH = MaskStrength.PRINT


@dataclass(frozen=True)
class LetterSection:
    """One headed section of a letter; ``text`` is raw (the builder masks it for print)."""

    heading: str
    text: str


@dataclass(frozen=True)
class LetterData:
    """Everything one letter prints, raw: the builder masks names and the sections' texts.

    ``intro`` and ``closing`` are the bank's own wording and are printed as given;
    anything a person typed (reasons, decision sections) belongs in ``sections``.
    """

    kind: LetterKind
    desk: DeskInfo
    case_number: str
    received_at: datetime
    issued_on: date
    addressee: str
    addressee_is_organisation: bool
    #: The proxy's name when the complaint came through one ("" otherwise).
    proxy_name: str
    intro: str
    sections: tuple[LetterSection, ...]
    closing: str
    verification_code: str
    print_count: int
    staff_no: str


def letter_title(kind: str) -> str:
    return TITLES[kind]


def _shown_name(name: str, organisation: bool) -> str:
    name = name.strip()
    return name if organisation else mask_name(name, _STRENGTH)


def _clean(text: str) -> str:
    """Free text for paper: ID, card and phone numbers masked at print strength (a card the
    storage scrubber kept in the screen form prints its last 4 only: reports.redaction does it)."""
    return mask_free_text(text, _STRENGTH)


def _page_decor(data: LetterData, created: datetime) -> PageDecor:
    """The header and footer every page of a letter carries."""
    desk = data.desk
    mark = reprint_label(data.print_count)
    return PageDecor(
        left_head=plain(f"{desk.bank_name} {desk.branch_name}".strip()),
        right_head=plain(f"{letter_title(data.kind)} · 投诉编号 {data.case_number}"),
        left_foot=plain(f"验证码 {display_code(data.verification_code)} · 第{data.print_count}次打印"
                        + (f" · {mark}" if mark else "")),
        created=created, margin_x=MARGIN_X, page=PAGE)


def letter_qr_payload(data: LetterData) -> str:
    """The QR payload: the receipt's (case number, receipt time, code), so one scanner checks both."""
    return qr_payload(data.case_number, canonical_received_at(data.received_at), data.verification_code)


def _head_block(data: LetterData, s: Styles, avail: float) -> Table:
    rows: list[Flowable] = [
        Paragraph(markup("投诉编号"), s.label),
        FitLine(data.case_number, BASE_SIZE * 1.6, align="left", space_after=BASE_SIZE * 0.3),
        Paragraph(markup(f"受理时间　{cn_datetime(data.received_at)}"), s.label),
        Paragraph(markup(f"出具日期　{cn_date(data.issued_on)}"), s.label),
    ]
    qr_col = QR_SIDE + 16 * mm
    cell = [QrFlowable(letter_qr_payload(data), QR_SIDE),
            Paragraph(markup(f"验证码　{display_code(data.verification_code)}"), s.center_small),
            Paragraph(markup("扫码或凭验证码核验真伪"), s.center_small)]
    table = Table([[rows, cell]], colWidths=[avail - qr_col, qr_col])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "CENTER"),
                                ("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (-1, 0), (-1, 0), 0)]))
    return table


def _reprint_box(data: LetterData, s: Styles, avail: float) -> Table:
    text = f"{reprint_label(data.print_count)}　本件为第{data.print_count}次打印"
    box = Table([[Paragraph(markup(text), s.center_small)]], colWidths=[avail])
    box.setStyle(table_style([("BOX", (0, 0), (-1, -1), 0.8, INK), ("TOPPADDING", (0, 0), (-1, -1), 2),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return box


def _salutation(data: LetterData) -> str:
    name = _shown_name(data.addressee, data.addressee_is_organisation) or "投诉人"
    if data.proxy_name.strip():
        return f"{name}（代理人：{_shown_name(data.proxy_name, False)}）："
    return f"{name}："


def _seal_block(data: LetterData, s: Styles, avail: float) -> Flowable:
    """The bank's seal area with the date, the handler's signature and the complainant's receipt line."""
    desk = data.desk
    seal = Table([[Paragraph(markup("（盖章处）"), s.center_small)]], colWidths=[38 * mm], rowHeights=[38 * mm])
    seal.setStyle(table_style([("BOX", (0, 0), (-1, -1), 0.6, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    issuer = [Paragraph(markup(f"{desk.bank_name}{desk.branch_name}"), s.body),
              Paragraph(markup(cn_date(data.issued_on)), s.body), Spacer(1, 4 * mm),
              Paragraph(markup(f"经办人（工号 {data.staff_no}）签字："), s.body), Spacer(1, 7 * mm),
              HRFlowable(width="100%", thickness=0.6, color=INK)]
    top = Table([[issuer, seal]], colWidths=[avail - 44 * mm, 44 * mm])
    top.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    label_w = BASE_SIZE * 11 + 10  # eleven characters plus the cell padding
    date_w = BASE_SIZE * 3 + 10
    line_w = (avail - label_w - date_w - BASE_SIZE) * 0.5
    sign = Table([[Paragraph(markup("投诉人（代理人）签收："), s.body), "", "", Paragraph(markup("日期："), s.body), ""]],
                 colWidths=[label_w, line_w * 1.2, BASE_SIZE, date_w, line_w * 0.8], rowHeights=[BASE_SIZE * 3.4])
    sign.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                               ("LINEBELOW", (1, 0), (1, 0), 0.6, INK), ("LINEBELOW", (4, 0), (4, 0), 0.6, INK)]))
    return KeepTogether([Spacer(1, BASE_SIZE * 0.6), top, sign])


def _story(data: LetterData, s: Styles, avail: float) -> list[Flowable]:
    desk = data.desk
    story: list[Flowable] = []
    if desk.bank_name.strip():
        story.append(FitLine(desk.bank_name, BASE_SIZE * 1.55, space_after=BASE_SIZE * 0.1))
    story += [Paragraph(markup(desk.branch_name), s.center_small), Spacer(1, BASE_SIZE * 0.5),
              FitLine(letter_title(data.kind), BASE_SIZE * 2.0, space_after=BASE_SIZE * 0.2)]
    if data.print_count > 1:
        story.append(_reprint_box(data, s, avail))
    story += [HRFlowable(width="100%", thickness=1.2, color=INK, spaceBefore=3, spaceAfter=6),
              _head_block(data, s, avail), Spacer(1, BASE_SIZE * 0.8),
              Paragraph(markup(_salutation(data)), s.body), Spacer(1, BASE_SIZE * 0.3)]
    # The intro and closing are the bank's own wording (case number, dates, contacts), never masked:
    # the paper masking would take the case number for a long number.  What people typed is in the sections.
    story += paragraphs(data.intro, s.body, empty="")
    for section in data.sections:
        story.append(Paragraph(markup(section.heading), s.subheading))
        story += paragraphs(_clean(section.text), s.body)
    if data.closing.strip():
        story += [Spacer(1, BASE_SIZE * 0.4), *paragraphs(data.closing, s.body, empty="")]
    story.append(_seal_block(data, s, avail))
    return story


def build_letter(data: LetterData, *, created_at: datetime | None = None) -> bytes:
    """The letter as an A4 PDF (as many pages as its text needs)."""
    if data.kind not in TITLES:
        raise ValueError(f"unknown letter kind {data.kind!r}")
    created = created_at or datetime.now(timezone.utc)
    title = letter_title(data.kind)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=f"{title} {data.case_number}",
        author=f"{data.desk.bank_name} {data.desk.branch_name}", subject=f"{title} {data.case_number}",
        creator=PRODUCER, keywords=[data.case_number, data.kind], lang="zh-CN",
        initialFontName=register_fonts())
    avail = PAGE[0] - 2 * MARGIN_X - 12  # the frame pads 6 pt on each side
    doc.build(_story(data, make_styles(BASE_SIZE), avail), canvasmaker=numbered_canvas(_page_decor(data, created)))
    return buffer.getvalue()
