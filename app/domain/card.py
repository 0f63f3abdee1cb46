"""Bank-card numbers: the Luhn check, and scrubbing card secrets out of free text.

DOMAIN.md (JR/T 0171-2020 class C3): the desk never stores a card PIN, CVV/CVN2,
expiry date or track data, and full card numbers only where a field is meant for
them. Complainants dictate such things into the facts anyway, so every free-text
field goes through ``scrub_sensitive_text`` before it is saved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from app.domain.masking import MaskStrength, mask_card
from app.domain.pii_text import (
    FoundNumber,
    NumberKind,
    find_numbers,
    luhn_ok,
    normalise,
    replace_spans,
    valid_id,
)
from app.domain.text import to_ascii_digits
from app.errors import Problem, ValidationError

__all__ = ["REMOVED", "luhn_ok", "scrub_sensitive_text", "validate_card_number"]

REMOVED = "[已删除]"

_SEPARATORS = re.compile(r"[\s\-]")
# Track 2: ;PAN=YYMM service code + discretionary data?
_MOBILE = re.compile(r"1[3-9]\d{9}")
_TRACK2 = re.compile(r";?(\d{13,19})=\d{7,}\??")
# A decimal fraction right after a number: 12345678901234.50 is an amount, not a card.
_DECIMALS = re.compile(r"\s?[.．。]\s?[0-9０-９]{1,2}(?![0-9０-９])")
_CURRENCY_BEFORE = re.compile(r"(?:[¥￥$＄]|RMB|CNY|USD|金额|人民币|共计|合计)\s*[:：]?\s*$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"\s*(?:元|圆|块|万|亿|美元|RMB|CNY|USD)", re.IGNORECASE)

#: Any digit, in any script (full-width too): without one there is no number and no secret value.
_HAS_DIGIT = re.compile(r"\d")
#: The keywords in front of a secret value; without one, the three secret patterns cannot match.
_SECRET_WORD = re.compile(r"CVV|CVN|CVC|CID|PIN|密码|安全码|校验码|三位|有效期|valid|exp", re.IGNORECASE)
_SEP = r"\s*(?:[:：=]|是|为|is)?\s*"
# A secret value may be read out in groups ("1234 56"); the detector text has ASCII digits and spaces.
_SECRET_DIGITS = r"\d(?:[ \-.]?\d)"
_CVV = re.compile(
    r"((?<![A-Za-z])(?:CVV2?|CVN2?|CVC2?|CID)(?![A-Za-z])(?:码|号)?|安全码|校验码|卡背面?(?:后)?三位(?:数字?|码)?)"
    + _SEP + r"(" + _SECRET_DIGITS + r"{2,3})(?!\d)",
    re.IGNORECASE,
)
_PIN = re.compile(
    r"((?<![A-Za-z])PIN(?![A-Za-z])(?:码|号)?|(?:取款|交易|查询|支付|卡|银行卡|信用卡)?密码)" + _SEP
    + r"(" + _SECRET_DIGITS + r"{3,7})(?!\d)",
    re.IGNORECASE,
)
_EXPIRY_VALUE = (
    r"(?:(?:0?[1-9]|1[0-2])\s*[/\-.]\s*(?:\d{4}|\d{2})(?![/\-.]?\d)"  # MM/YY, MM/YYYY
    r"|(?:\d{4}|\d{2})\s*年\s*(?:0?[1-9]|1[0-2])\s*月(?!\s*\d{1,2}\s*[日号])"  # 2028年12月, not a full date
    r"|(?:0[1-9]|1[0-2])\d{2}(?!\d))"  # MMYY
)
_EXPIRY = re.compile(
    r"((?:卡片?)?有效期(?:至|到|截止)?|valid\s+thru|valid\s+through|exp(?:iry|iration)?(?:\s+date)?\.?)"
    + _SEP + r"(" + _EXPIRY_VALUE + r")",
    re.IGNORECASE,
)


def validate_card_number(raw: str, *, field: str = "card_number") -> str:
    """Check a card number (13-19 digits, Luhn) and return its digits.

    Raises ValidationError with code ``card_format`` or ``card_checksum``.
    """
    digits = _SEPARATORS.sub("", to_ascii_digits(raw or ""))
    if not (digits.isascii() and digits.isdigit() and 13 <= len(digits) <= 19):
        raise ValidationError(
            [Problem("card_format", field, "a card number has 13 to 19 digits", {"length": len(digits)})]
        )
    if not luhn_ok(digits):
        raise ValidationError([Problem("card_checksum", field, "card number fails the Luhn check")])
    return digits


def _is_timestamp(digits: str) -> bool:
    """A compact timestamp such as 20260201093000 (14 digits) is not a card even if Luhn passes."""
    if len(digits) != 14:
        return False
    try:
        moment = datetime.strptime(digits, "%Y%m%d%H%M%S")
    except ValueError:
        return False
    return 1900 <= moment.year <= 2100


def _separate_numbers(digits: str, lengths: tuple[int, ...]) -> bool:
    """Whether digit groups read as several numbers rather than one card read out in parts.

    Card numbers are written in any grouping (4-4-4-4, 6-13, two or three at a
    time as dictated), so the grouping alone proves nothing; but a group that is an
    ID number by itself, a mobile in front, or a date in front (2025-03-05
    13800138000) means separate numbers that only happen to pass Luhn together.
    """
    if len(lengths) == 1:
        return False
    groups: list[str] = []
    at = 0
    for n in lengths:
        groups.append(digits[at:at + n])
        at += n
    if any(len(g) == 18 and valid_id(g) for g in groups):
        return True
    # A mobile first (no card starts with 1). A mobile-shaped group further on is not
    # enough: a card read out in parts may have one, and a card must never be stored.
    if _MOBILE.fullmatch(groups[0]):
        return True
    return (len(groups) >= 3 and len(groups[0]) == 4 and groups[0][:2] in ("19", "20")
            and len(groups[1]) <= 2 and 1 <= int(groups[1]) <= 12 and len(groups[2]) <= 2)


def _is_amount(text: str, start: int, end: int) -> bool:
    """Whether a currency sign or word stands right before ``start`` or right after ``end``."""
    return bool(_CURRENCY_BEFORE.search(text[max(0, start - 6):start])
                or _CURRENCY_AFTER.match(text, end))


def _stored_card(text: str) -> Callable[[FoundNumber], bool]:
    def accept(found: FoundNumber) -> bool:
        if found.kind is not NumberKind.CARD:
            return True  # IDs and phones stay (the complainant's own facts) and keep their digits together
        if found.digits[0] == "0" or _is_timestamp(found.digits) or _separate_numbers(found.digits, found.grouping):
            return False
        # An amount: ¥12345678901234.50 or 12345678901234.50元, with its currency beside it.
        # (Without one, a card read out in groups is not saved by a lone decimal point.)
        decimals = found.separators == (".",) and found.grouping[-1] <= 2
        end = found.end
        if not decimals and not found.separators:
            fraction = _DECIMALS.match(text, found.end)
            decimals, end = fraction is not None, fraction.end() if fraction else end
        return not (decimals and _is_amount(text, found.start, end))

    return accept


def _replace_in_place(text: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str | None],
                      group: int) -> str:
    """Run ``pattern`` over the normalised text and replace ``group`` of each match in the original."""
    norm = normalise(text)
    spans: list[tuple[int, int, str]] = []
    for match in pattern.finditer(norm.text):
        new = replace(match)
        if new is not None:
            start, end = norm.span(*match.span(group))
            spans.append((start, end, new))
    return replace_spans(text, spans)


def scrub_sensitive_text(text: str) -> tuple[str, list[str]]:
    """Remove card secrets from free text; returns the cleaned text and what was removed.

    The text is read the way :mod:`app.domain.pii_text` reads it (full-width
    digits, ideographic, no-break and zero-width spaces, any dash, dots and
    slashes between groups). Full card numbers become their screen mask (first 6
    + last 4); CVV/CVN2, PIN and expiry values next to their keyword become
    ``[已删除]``; track-2 data loses everything after the card number. The list
    holds, in order of first finding, some of ``track``, ``card_number``, ``cvv``,
    ``pin``, ``expiry``. Phone numbers, ID numbers, amounts and dates stay as they were.
    """
    if not text:
        return "", []
    removed: list[str] = []

    def note(kind: str) -> None:
        if kind not in removed:
            removed.append(kind)

    def track(match: re.Match[str]) -> str:
        note("track")
        note("card_number")
        return mask_card(match.group(1), MaskStrength.SCREEN) + "=" + REMOVED

    if not _HAS_DIGIT.search(text):
        return text, []  # most names and many sentences: nothing to look for
    cleaned = _replace_in_place(text, _TRACK2, track, 0) if "=" in text else text
    cards = [f for f in find_numbers(cleaned, accept=_stored_card(cleaned)) if f.kind is NumberKind.CARD]
    if cards:
        note("card_number")
        cleaned = replace_spans(cleaned, [(f.start, f.end, mask_card(f.digits, MaskStrength.SCREEN))
                                          for f in cards])
    if not _SECRET_WORD.search(normalise(cleaned).text):
        return cleaned, removed
    for kind, pattern in (("cvv", _CVV), ("pin", _PIN), ("expiry", _EXPIRY)):
        def secret(match: re.Match[str], kind: str = kind) -> str:
            note(kind)
            return REMOVED

        cleaned = _replace_in_place(cleaned, pattern, secret, 2)
    return cleaned, removed
