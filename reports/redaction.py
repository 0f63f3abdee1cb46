"""Masking of ID, card and mobile numbers typed into free text before it is printed.

A receptionist writes "卡号6225880112345678被盗刷" into the request or the facts;
field-level masking never sees it. Receipts and masked reports run every free
text through :func:`mask_free_text` so a full ID or card number cannot reach paper.
"""

from __future__ import annotations

import re
import unicodedata

from app.domain.masking import MaskStrength, mask_card, mask_id, mask_phone

# Longest first: an 18-character ID (last may be X, also written 6-8-4), then
# card-like numbers (13-19 digits in one run - 15-digit legacy IDs fall here too -
# or groups of four split by spaces or hyphens), then mobiles. The look-arounds
# keep longer references (order numbers) and dates ("2025-03-05") whole.
_SENSITIVE = re.compile(
    r"(?<![0-9A-Za-z])(?P<id>\d{17}[\dXx]|\d{6} \d{8} \d{3}[\dXx])(?![0-9A-Za-z])"
    r"|(?<!\d)(?<!\d[ \-])(?P<card>\d{13,19}|\d{4}(?:[ \-]\d{4}){2,3}(?:[ \-]\d{1,4})?)"
    r"(?!\d)(?![ \-]\d)"
    r"|(?<!\d)(?P<mobile>1[3-9]\d{9})(?!\d)"
)


def mask_free_text(text: str, strength: MaskStrength) -> str:
    """``text`` with every ID-, card- or mobile-looking number masked at ``strength``."""

    def replace(match: re.Match[str]) -> str:
        if match.group("id"):
            return mask_id(match.group("id").replace(" ", ""), strength)
        if match.group("card"):
            return mask_card(match.group("card").replace(" ", "").replace("-", ""), strength)
        return mask_phone(match.group("mobile"), strength)

    # Invisible format characters (zero-width space, bidi marks) would split a
    # number so the patterns miss it while the paper still shows every digit.
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return _SENSITIVE.sub(replace, visible)
