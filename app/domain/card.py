"""Bank-card numbers: the Luhn check, and scrubbing card secrets out of free text.

DOMAIN.md (JR/T 0171-2020 class C3): the desk never stores a card PIN, CVV/CVN2,
expiry date or track data, and full card numbers only where a field is meant for
them. Complainants dictate such things into the facts anyway, so every free-text
field goes through ``scrub_sensitive_text`` before it is saved.
"""

from __future__ import annotations

import re
from datetime import datetime

from app.domain.idnumber import validate_id_number
from app.domain.masking import MaskStrength, mask_card
from app.domain.text import to_ascii_digits
from app.errors import Problem, ValidationError

REMOVED = "[已删除]"

_SEPARATORS = re.compile(r"[\s\-]")
# A run of digits, possibly grouped by single spaces or dashes, not glued to other digits.
# A decimal point or a trailing X (ID check character) means it is not a card number.
_DIGIT_RUN = re.compile(r"(?<!\d)(?<!\d\.)\d+(?:[ \-]\d+)*(?![\dXx])(?!\.\d)")
# Typical printed groupings: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4, UnionPay 6-13.
# Other groupings of short numbers (amounts, counts) are left alone.
_CARD_GROUPINGS = ((4, 6, 5), (4, 6, 4), (6, 13))
# Track 2: ;PAN=YYMM service code + discretionary data?
_TRACK2 = re.compile(r";?(\d{13,19})=\d{7,}\??")

_SEP = r"\s*(?:[:：=]|是|为|is)?\s*"
_CVV = re.compile(
    r"((?<![A-Za-z])(?:CVV2?|CVN2?|CVC2?|CID)(?![A-Za-z])(?:码|号)?|安全码|校验码|卡背面?(?:后)?三位(?:数字?|码)?)"
    + _SEP + r"(\d{3,4})(?!\d)",
    re.IGNORECASE,
)
_PIN = re.compile(
    r"((?<![A-Za-z])PIN(?![A-Za-z])(?:码|号)?|(?:取款|交易|查询|支付|卡)?密码)" + _SEP + r"(\d{4,8})(?!\d)",
    re.IGNORECASE,
)
_EXPIRY_VALUE = (
    r"(?:(?:0?[1-9]|1[0-2])\s*[/／\-.]\s*(?:\d{4}|\d{2})(?![/／\-.]?\d)"  # MM/YY, MM/YYYY
    r"|(?:\d{4}|\d{2})\s*年\s*(?:0?[1-9]|1[0-2])\s*月(?!\s*\d{1,2}\s*[日号])"  # 2028年12月, not a full date
    r"|(?:0[1-9]|1[0-2])\d{2}(?!\d))"  # MMYY
)
_EXPIRY = re.compile(
    r"((?:卡片?)?有效期(?:至|到|截止)?|valid\s+thru|valid\s+through|exp(?:iry|iration)?(?:\s+date)?\.?)"
    + _SEP + r"(" + _EXPIRY_VALUE + r")",
    re.IGNORECASE,
)


def luhn_ok(digits: str) -> bool:
    """Whether a string of digits passes the Luhn (mod 10) check used by card numbers."""
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for position, ch in enumerate(reversed(digits)):
        value = int(ch)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


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


def _looks_like_other_number(digits: str) -> bool:
    """Long numbers that are not cards even if Luhn happens to pass (one in ten do)."""
    # 18-digit ID numbers, and 15-digit legacy ones except the Amex ranges 34/37.
    if len(digits) == 18 or (len(digits) == 15 and digits[:2] not in ("34", "37")):
        try:
            validate_id_number(digits, today=datetime.max.date())
        except ValidationError:
            pass
        else:
            return True
    if len(digits) == 14:
        # A compact timestamp such as 20260201093000.
        try:
            moment = datetime.strptime(digits, "%Y%m%d%H%M%S")
        except ValueError:
            return False
        return 1900 <= moment.year <= 2100
    return False


def _is_card(digits: str) -> bool:
    return (
        13 <= len(digits) <= 19
        and digits[0] != "0"
        and luhn_ok(digits)
        and not _looks_like_other_number(digits)
    )


def _grouping_ok(lengths: tuple[int, ...]) -> bool:
    if len(lengths) == 1:
        return True
    if lengths in _CARD_GROUPINGS:
        return True
    return all(n == 4 for n in lengths[:-1]) and 1 <= lengths[-1] <= 4


def _scrub_run(run: str) -> tuple[str, bool]:
    """Mask every card number inside one digit run; the run may hold several numbers."""
    parts = re.split(r"([ \-])", run)
    groups, seps = parts[0::2], parts[1::2]
    out: list[str] = []
    found = False
    i = 0
    while i < len(groups):
        # Prefer the longest window of groups that forms a card number.
        for j in range(len(groups), i, -1):
            window = groups[i:j]
            digits = "".join(window)
            if _grouping_ok(tuple(len(g) for g in window)) and _is_card(digits):
                out.append(mask_card(digits, MaskStrength.SCREEN))
                found = True
                if j < len(groups):
                    out.append(seps[j - 1])
                i = j
                break
        else:
            out.append(groups[i])
            if i < len(seps):
                out.append(seps[i])
            i += 1
    return "".join(out), found


def scrub_sensitive_text(text: str) -> tuple[str, list[str]]:
    """Remove card secrets from free text; returns the cleaned text and what was removed.

    Full card numbers become their screen mask (first 6 + last 4); CVV/CVN2,
    PIN and expiry values next to their keyword become ``[已删除]``; track-2
    data loses everything after the card number. The list holds, in order of
    first finding, some of ``track``, ``card_number``, ``cvv``, ``pin``, ``expiry``.
    Phone numbers, ID numbers, amounts and dates stay as they were.
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

    cleaned = _TRACK2.sub(track, text)

    def card(match: re.Match[str]) -> str:
        scrubbed, found = _scrub_run(match.group(0))
        if found:
            note("card_number")
        return scrubbed

    cleaned = _DIGIT_RUN.sub(card, cleaned)

    for kind, pattern in (("cvv", _CVV), ("pin", _PIN), ("expiry", _EXPIRY)):
        def keyword_value(match: re.Match[str], kind: str = kind) -> str:
            note(kind)
            start, end = match.span(2)
            whole = match.group(0)
            offset = match.start(0)
            return whole[: start - offset] + REMOVED + whole[end - offset:]

        cleaned = pattern.sub(keyword_value, cleaned)
    return cleaned, removed
