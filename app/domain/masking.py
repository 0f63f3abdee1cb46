"""Masking of personal data for the screen and for paper handed out (PIPL, DOMAIN.md).

Every function here accepts anything (None, empty, odd lengths, stray spaces)
and never raises: a masking failure must not block a receipt. When a value is
too short to keep the usual head and tail safely, less is kept.
"""

from __future__ import annotations

import re
from enum import StrEnum

from app.domain.phone import normalise_phone

MASK = "*"

# Two-character surnames, so that 欧阳修 prints as 欧阳* rather than 欧**.
_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 "
    "端木 独孤 南宫 西门 百里 呼延 万俟 申屠 太史 澹台 公冶 宗政 濮阳 单于".split()
)
_NAME_SEPARATORS = frozenset("·•‧・. \u3000-")
_ADDRESS_HEAD = 6
_ADDRESS_TAIL_MASK = "****"
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"(0\d{2,3})-(\d{7,8})(-\d{1,6})?")


class MaskStrength(StrEnum):
    """How much is hidden: SCREEN for the operator's display, PRINT for paper given away."""

    SCREEN = "screen"
    PRINT = "print"


def _clean(value: str | None) -> str:
    return "".join(str(value).split()) if value else ""


def _keep(value: str, head: int, tail: int) -> str:
    """Keep ``head`` and ``tail`` characters, masking the rest, length unchanged.

    At least four characters stay hidden; shorter values keep the tail only if
    that still hides half, otherwise everything is masked.
    """
    n = len(value)
    if n >= head + tail + 4:
        return value[:head] + MASK * (n - head - tail) + value[n - tail:]
    if tail and n >= 2 * tail:
        return MASK * (n - tail) + value[n - tail:]
    return MASK * n


def mask_id(value: str | None, strength: MaskStrength) -> str:
    """An ID number for display: first 6 + last 4 on screen, last 4 on paper."""
    text = _clean(value)
    if not text:
        return ""
    head = 6 if strength is MaskStrength.SCREEN else 0
    return _keep(text, head, 4)


def mask_card(value: str | None, strength: MaskStrength) -> str:
    """A card number for display: first 6 + last 4 on screen, last 4 on paper."""
    text = _clean(value)
    if not text:
        return ""
    digits = text.replace("-", "")
    if digits.isdigit():
        text = digits
    head = 6 if strength is MaskStrength.SCREEN else 0
    return _keep(text, head, 4)


def mask_phone(value: str | None, strength: MaskStrength) -> str:
    """A phone number for display: mobile first 3 + last 4; landline area code + last 2.

    The same on screen and on paper: the complainant recognises their own number.
    """
    del strength  # identical for both strengths (DOMAIN.md)
    text = _clean(value)
    if not text:
        return ""
    normal = normalise_phone(text) or text
    if _MOBILE.fullmatch(normal):
        return normal[:3] + MASK * 4 + normal[7:]
    landline = _LANDLINE.fullmatch(normal)
    if landline:
        area, local, ext = landline.group(1), landline.group(2), landline.group(3) or ""
        # The extension is a switchboard detail of an organisation, not personal.
        return f"{area}-{MASK * (len(local) - 2)}{local[-2:]}{ext}"
    return _keep(text, 3, 4)


def mask_name(name: str | None, strength: MaskStrength, *, organisation: bool = False) -> str:
    """A name: unchanged on screen; on paper a person's surname and stars (张**, 买*·***).

    Whether a name is a person's is the party's kind, never its length: names of
    five characters and more are common (买买提·艾力江, 欧阳娜娜娜). An organisation's
    name is public business data and stays whole.
    """
    text = (name or "").strip()
    if not text:
        return ""
    if strength is MaskStrength.SCREEN or organisation:
        return text
    if len(text) == 1:
        return MASK
    surname_len = 2 if len(text) >= 3 and text[:2] in _COMPOUND_SURNAMES else 1
    # The dots and spaces of transcribed and foreign names stay: they tell nothing.
    rest = "".join(c if c in _NAME_SEPARATORS else MASK for c in text[surname_len:])
    return text[:surname_len] + rest


def mask_address(addr: str | None, strength: MaskStrength) -> str:
    """An address: the first 6 characters (province/city/district) then ****, both strengths."""
    del strength  # the same cut on screen and on paper
    text = (addr or "").strip()
    if not text:
        return ""
    head = _ADDRESS_HEAD if len(text) > _ADDRESS_HEAD else len(text) // 2
    return text[:head] + _ADDRESS_TAIL_MASK
