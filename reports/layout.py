"""Typography shared by the receipt and the case report: styles, text markup, dates.

Everything that turns a Python string into something a reportlab Paragraph or
canvas draws goes through :func:`markup` or :func:`plain`, so the glyph guard
(:func:`reports.fonts.safe_text`) and XML escaping are never forgotten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, TableStyle

from app.clock import beijing
from reports.fonts import register_fonts, register_mono_font, safe_text

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#eeeeee")
PRODUCER = "Complaint Desk 投诉接待工作站"
# A table row cannot break across pages, so long cell text is cut (at sentence
# ends where possible) into continuation rows of at most this many characters.
_CHUNK_CHARS = 360
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;\n])")


def plain(text: str) -> str:
    """Text for a canvas ``drawString``: glyph-guarded, on one line."""
    return safe_text(" ".join(text.split()))


def markup(text: str) -> str:
    """Text for a Paragraph: glyph-guarded, XML-escaped, line breaks kept."""
    guarded = safe_text(text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
    return escape(guarded).replace("\n", "<br/>")


def chunks(text: str, limit: int = _CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most about ``limit`` characters at sentence ends.

    A single sentence longer than ``limit`` is cut hard; nothing is dropped, so
    ``"".join(chunks(t)) == t`` after line-break normalisation.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:limit])
            sentence = sentence[limit:]
        if len(current) + len(sentence) > limit and current:
            pieces.append(current)
            current = ""
        current += sentence
    if current or not pieces:
        pieces.append(current)
    return pieces


def paragraphs(text: str, style: ParagraphStyle, empty: str = "（无）") -> list[Paragraph]:
    """A long free text as one Paragraph per line the writer typed.

    Paragraphs split across pages on their own (reportlab cuts between lines), so
    body text is never clipped; only table cells need :func:`chunks`.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = [line for line in lines if line.strip()]
    if not kept:
        return [Paragraph(markup(empty), style)]
    return [Paragraph(markup(line), style) for line in kept]


def cn_date(day: date) -> str:
    """``2025年3月20日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_datetime(moment: datetime) -> str:
    """``2025年3月5日 14:32`` in Beijing time."""
    local = beijing(moment)
    return f"{cn_date(local.date())} {local:%H:%M}"


def short_datetime(moment: datetime) -> str:
    """``2025-03-05 14:32`` in Beijing time, for tables."""
    return f"{beijing(moment):%Y-%m-%d %H:%M}"


def pdf_date(moment: datetime) -> str:
    """A PDF date string (``D:20250305143210+08'00'``) in Beijing time."""
    local = beijing(moment)
    return f"D:{local:%Y%m%d%H%M%S}+08'00'"


def stamp_creation_date(canvas: Canvas, moment: datetime) -> None:
    """Make the PDF's CreationDate/ModDate say ``moment`` instead of the build clock."""
    stamp = pdf_date(moment)
    canvas.setDateFormatter(lambda *_: stamp)


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle whose plain-string cells use the embedded font.

    Without it reportlab names Helvetica (never embedded) for empty or string
    cells, and a reader would substitute a font of its own.
    """
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), register_fonts()), *commands])


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document at one base size."""

    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    center_small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    mono: ParagraphStyle


def make_styles(base: float) -> Styles:
    """Styles scaled from ``base`` points (body text size)."""
    font = register_fonts()

    def style(name: str, size: float, **extra: Any) -> ParagraphStyle:
        options: dict[str, Any] = {
            "fontName": font,
            "fontSize": size,
            "leading": round(size * 1.45, 1),
            "wordWrap": "CJK",
            "textColor": INK,
            "alignment": TA_LEFT,
        }
        options.update(extra)
        return ParagraphStyle(name, **options)

    return Styles(
        body=style("body", base),
        small=style("small", base * 0.86, textColor=MUTED),
        label=style("label", base * 0.9, textColor=MUTED),
        heading=style(
            "heading", base * 1.25, spaceBefore=base * 0.9, spaceAfter=base * 0.35
        ),
        subheading=style(
            "subheading", base * 1.05, spaceBefore=base * 0.5, spaceAfter=base * 0.2
        ),
        center_small=style("center_small", base * 0.86, textColor=MUTED, alignment=TA_CENTER),
        cell=style("cell", base * 0.9, leading=round(base * 0.9 * 1.35, 1)),
        cell_head=style("cell_head", base * 0.9, leading=round(base * 0.9 * 1.35, 1), textColor=MUTED),
        mono=style("mono", base * 0.8, leading=round(base * 0.8 * 1.3, 1), fontName=register_mono_font()),
    )


class FitLine(Flowable):  # type: ignore[misc]
    """One line of heavy text (title, case number), shrunk if it would not fit the width.

    The font has a single weight, so weight comes from stroking the outline
    (text render mode 2) by a few percent of the size.
    """

    def __init__(
        self,
        text: str,
        size: float,
        align: Literal["left", "center"] = "center",
        min_size: float = 6.0,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.text = plain(text)
        self.size = size
        self.align = align
        self.min_size = min_size
        self.spaceAfter = space_after
        self._draw_size = size
        self._avail = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width = stringWidth(self.text, register_fonts(), self.size)
        self._draw_size = self.size
        if width > availWidth:
            self._draw_size = max(self.min_size, self.size * availWidth / width * 0.98)
        self._avail = availWidth
        return availWidth, self._draw_size * 1.3

    def draw(self) -> None:
        canvas = self.canv
        size = self._draw_size
        canvas.saveState()
        canvas.setFont(register_fonts(), size)
        canvas.setFillColor(INK)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(size * 0.035)
        text = canvas.beginText()
        text.setTextRenderMode(2)
        width = stringWidth(self.text, register_fonts(), size)
        x = (self._avail - width) / 2 if self.align == "center" else 0.0
        text.setTextOrigin(x, size * 0.3)
        text.textOut(self.text)
        canvas.drawText(text)
        canvas.restoreState()
