"""The one CJK font every printed document embeds, and the guard for what it cannot draw.

reportlab embeds and subsets TrueType outlines only, so the project ships
WenQuanYi Micro Hei (Apache-2.0, ``resources/fonts``) and registers it once per
process. Text reaches a PDF only through :func:`safe_text`: a character the font
has no glyph for would otherwise print as nothing (or a blank box the reader
cannot tell from a space), so it is replaced with a visible □ and logged — by
code point only, never with the personal text around it.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

import resources

log = logging.getLogger(__name__)

FONT_NAME = "WenQuanYiMicroHei"
MONO_FONT_NAME = "WenQuanYiMicroHeiMono"
FONT_FILE = Path(resources.__file__).resolve().parent / "fonts" / "wqy-microhei.ttc"
_FONT_INDEX = 0  # face 0 of the collection is the proportional Micro Hei
_MONO_INDEX = 1  # face 1: Micro Hei Mono, for hashes that people compare column by column
REPLACEMENT = "\u25a1"  # □, present in the font; the reader sees something is missing
# Line breaks and tabs are layout, handled by the builders, not glyphs.
_LAYOUT_CHARS = frozenset("\n\t")
_lock = threading.Lock()


def register_fonts() -> str:
    """Register the CJK font with reportlab (once per process) and return its name."""
    with _lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=_FONT_INDEX))
    return FONT_NAME


def register_mono_font() -> str:
    """Register the monospaced face of the same collection and return its name."""
    with _lock:
        if MONO_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(MONO_FONT_NAME, str(FONT_FILE), subfontIndex=_MONO_INDEX))
    return MONO_FONT_NAME


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    font = pdfmetrics.getFont(register_fonts())
    assert isinstance(font, TTFont)
    cmap: dict[int, int] = font.face.charToGlyph
    # Format and control characters count as undrawable even where the font maps
    # them: printed invisibly they would only split numbers the masking must see.
    return frozenset(
        code
        for code, glyph in cmap.items()
        if glyph != 0 and unicodedata.category(chr(code)) not in ("Cf", "Cc")
    )


def can_draw(char: str) -> bool:
    """Whether the embedded font has a glyph for ``char``."""
    return ord(char) in _drawable()


def safe_text(text: str) -> str:
    """``text`` with every character the font cannot draw made visible and logged.

    Printable characters without a glyph become □. Invisible format and control
    characters (zero-width joiners, bidi marks, stray control codes) are removed
    instead, because a □ for something the writer never saw would only confuse the
    reader; they are logged all the same. Newlines and tabs pass through.
    """
    drawable = _drawable()
    if all(ord(c) in drawable or c in _LAYOUT_CHARS for c in text):
        return text
    out: list[str] = []
    replaced: dict[int, int] = {}
    removed: dict[int, int] = {}
    for char in text:
        code = ord(char)
        if code in drawable or char in _LAYOUT_CHARS:
            out.append(char)
        elif unicodedata.category(char) in ("Cf", "Cc"):
            removed[code] = removed.get(code, 0) + 1
        else:
            replaced[code] = replaced.get(code, 0) + 1
            out.append(REPLACEMENT)
    for code, count in replaced.items():
        log.warning("font has no glyph for U+%04X (%d×): printed as %s", code, count, REPLACEMENT)
    for code, count in removed.items():
        log.warning("non-printing character U+%04X (%d×) removed from printed text", code, count)
    return "".join(out)
