"""Contact phone numbers: mainland mobiles and landlines, checked and written one way.

One normal form matters beyond tidiness: the proxy-complaint signals compare
contact phones across cardholders, which only works when equal numbers are equal strings.
"""

from __future__ import annotations

import re

from app.errors import Problem, ValidationError

_MOBILE = re.compile(r"(?:\+86|0086|86)?(1[3-9]\d{9})")
# Beijing is 010 and the big cities 02x (three characters with the 0); all other
# area codes have four, so the split is unambiguous even without a dash.
_LANDLINE = re.compile(
    r"(0(?:10|2\d|[3-9]\d{2}))-?([1-9]\d{6,7})(?:(?:-|转|#|ext\.?|x)(\d{1,6}))?",
    re.IGNORECASE,
)
_INTERNATIONAL = re.compile(r"(?:\+86|0086)-?")


def normalise_phone(raw: str | None) -> str | None:
    """The normal form of a phone number (``13800000000``, ``0591-87654321[-123]``), or None."""
    if not raw:
        return None
    text = re.sub(r"[\s()（）]", "", raw)
    mobile = _MOBILE.fullmatch(text.replace("-", ""))
    if mobile:
        return mobile.group(1)
    # From abroad a landline is dialled without its leading 0: +86 591 ... -> 0591 ...
    prefix = _INTERNATIONAL.match(text)
    if prefix:
        rest = text[prefix.end():]
        text = rest if rest.startswith("0") else "0" + rest
    landline = _LANDLINE.fullmatch(text)
    if landline:
        area, local, ext = landline.groups()
        return f"{area}-{local}" + (f"-{ext}" if ext else "")
    return None


def validate_phone(raw: str, *, field: str = "phone") -> str:
    """Check a contact phone and return its normal form; raises ValidationError code ``phone_format``."""
    normal = normalise_phone(raw)
    if normal is None:
        raise ValidationError(
            [Problem("phone_format", field,
                     "a phone is an 11-digit mobile (1[3-9]...) or a landline 0area-number[-extension]")]
        )
    return normal


def is_mobile(value: str | None) -> bool:
    """Whether the number is a mainland mobile (so an SMS notice can reach it)."""
    normal = normalise_phone(value)
    return normal is not None and "-" not in normal
