"""Contact phone numbers: mainland mobiles and landlines, checked and written one way.

One normal form matters beyond tidiness: the proxy-complaint signals compare
contact phones across cardholders, which only works when equal numbers are equal strings.
Digits typed in full width or another script are read as the digits they are.
"""

from __future__ import annotations

import re

from app.domain.text import to_ascii_digits
from app.errors import Problem, ValidationError

_MOBILE = re.compile(r"(?:\+86|0086|86)?(1[3-9][0-9]{9})")
# Beijing is 010 and the big cities 02x (three characters with the 0, 8-digit local
# numbers); all other area codes have four, so the split is unambiguous even
# without a dash.
_EXT = r"(?:(?:-|转|#|ext\.?|x)([0-9]{1,6}))?"
_LANDLINE = re.compile(r"(0(?:10|2[0-9]|[3-9][0-9]{2}))-?([1-9][0-9]{6,7})" + _EXT, re.IGNORECASE)
# The area code set off by the caller: "(0591) 8765432", "0591 8765 4321", "029-88888888".
_GROUPED_AREA = re.compile(r"\(\s*(0[0-9]{1,4})\s*\)\s*-?\s*(.+)")
_SPACED_AREA = re.compile(r"(0[0-9]{1,4})(?:\s*-\s*|\s+)(.+)")
_LOCAL = re.compile(r"([1-9][0-9]{6,7})" + _EXT, re.IGNORECASE)
_INTERNATIONAL = re.compile(r"(?:\+86|0086)[\s-]*")

# Mainland long-distance area codes (without the leading 0): the 2-digit ones, and
# the 3-digit blocks by province (GB/T 13727 numbering plan as in use today).
_AREA_2 = frozenset({"10", "20", "21", "22", "23", "24", "25", "27", "28", "29"})
_AREA_3_RANGES = (
    (310, 319), (335, 335), (349, 359),                    # Hebei, Shanxi
    (370, 379), (391, 398),                                # Henan
    (410, 419), (421, 421), (427, 427), (429, 429),        # Liaoning
    (431, 439), (451, 459), (464, 464), (467, 469),        # Jilin, Heilongjiang
    (470, 479), (482, 483),                                # Inner Mongolia
    (510, 519), (523, 523), (527, 527),                    # Jiangsu
    (530, 539), (543, 543), (546, 546), (631, 635),        # Shandong
    (550, 559), (561, 566),                                # Anhui
    (570, 580), (591, 599),                                # Zhejiang, Fujian
    (660, 660), (662, 663), (668, 668), (750, 769),        # Guangdong
    (691, 692), (870, 879), (883, 883), (886, 888),        # Yunnan
    (701, 701), (790, 799),                                # Jiangxi
    (710, 719), (722, 722), (724, 724), (728, 728),        # Hubei
    (730, 739), (743, 746),                                # Hunan
    (770, 779),                                            # Guangxi
    (812, 818), (825, 827), (830, 839),                    # Sichuan
    (851, 859),                                            # Guizhou
    (891, 897), (898, 898),                                # Tibet, Hainan
    (901, 903), (906, 906), (908, 909), (990, 999),        # Xinjiang
    (911, 919),                                            # Shaanxi
    (930, 939), (941, 941), (943, 943),                    # Gansu
    (951, 955), (970, 979),                                # Ningxia, Qinghai
)


def is_area_code(area: str) -> bool:
    """Whether ``area`` (with its leading 0, e.g. ``0591``) is a mainland long-distance area code."""
    if not area.startswith("0") or not area[1:].isascii() or not area[1:].isdigit():
        return False
    rest = area[1:]
    if len(rest) == 2:
        return rest in _AREA_2
    if len(rest) == 3:
        n = int(rest)
        return any(lo <= n <= hi for lo, hi in _AREA_3_RANGES)
    return False


def _landline(area: str, local: str, ext: str | None) -> str | None:
    if not is_area_code(area):
        return None
    if len(area) == 3 and len(local) != 8:
        return None
    return f"{area}-{local}" + (f"-{ext}" if ext else "")


def _parse(raw: str | None) -> tuple[str | None, str]:
    """The normal form (or None) and, when refused, why: ``phone_format`` or ``phone_area``."""
    if not raw:
        return None, "phone_format"
    text = to_ascii_digits(raw).strip()
    compact = re.sub(r"[\s()（）]", "", text)
    mobile = _MOBILE.fullmatch(compact.replace("-", ""))
    if mobile:
        return mobile.group(1), ""
    # From abroad a landline is dialled without its leading 0: +86 591 ... -> 0591 ...
    prefix = _INTERNATIONAL.match(text)
    if prefix:
        rest = text[prefix.end():]
        inner = rest.lstrip("(")
        if not inner.startswith("0"):
            rest = rest[: len(rest) - len(inner)] + "0" + inner
        text = rest
    # Where the caller set the area code apart, that grouping is what they meant.
    grouped = _GROUPED_AREA.fullmatch(text) or _SPACED_AREA.fullmatch(text)
    if grouped:
        area = grouped.group(1)
        local_ext = _LOCAL.fullmatch(re.sub(r"\s+", "", grouped.group(2)))
        if not is_area_code(area):
            return None, "phone_area"
        normal = _landline(area, local_ext.group(1), local_ext.group(2)) if local_ext else None
        return (normal, "") if normal else (None, "phone_format")
    landline = _LANDLINE.fullmatch(compact)
    if landline:
        area, local, ext = landline.groups()
        normal = _landline(area, local, ext)
        return (normal, "") if normal else (None, "phone_area" if not is_area_code(area) else "phone_format")
    return None, "phone_format"


def normalise_phone(raw: str | None) -> str | None:
    """The normal form of a phone number (``13800000000``, ``0591-87654321[-123]``), or None."""
    return _parse(raw)[0]


def validate_phone(raw: str, *, field: str = "phone") -> str:
    """Check a contact phone and return its normal form.

    Raises ValidationError with code ``phone_format`` (not a mobile or landline
    shape) or ``phone_area`` (no such mainland area code).
    """
    normal, why = _parse(raw)
    if normal is None:
        if why == "phone_area":
            raise ValidationError([Problem("phone_area", field, "the area code is not a mainland area code")])
        raise ValidationError(
            [Problem("phone_format", field,
                     "a phone is an 11-digit mobile number starting with 13 to 19, or a landline: area code"
                     " starting with 0, then the number, optionally an extension (0591-87654321-123)")]
        )
    return normal


def is_mobile(value: str | None) -> bool:
    """Whether the number is a mainland mobile (so an SMS notice can reach it)."""
    normal = normalise_phone(value)
    return normal is not None and "-" not in normal
