"""Masking of ID, card and phone numbers typed into free text before it is printed.

A receptionist writes "卡号6225880112345678被盗刷" into the request or the facts;
field-level masking never sees it. Receipts and masked reports run every free
text through :func:`mask_free_text` so a full ID, card or phone number cannot
reach paper, however it was written (hyphens, +86, full-width digits, U+3000,
no-break or zero-width spaces): the detector is :mod:`app.domain.pii_text`.
"""

from __future__ import annotations

from app.domain.masking import MaskStrength
from app.domain.pii_text import mask_free_text as _mask


def mask_free_text(text: str, strength: MaskStrength) -> str:
    """``text`` for paper: every ID, card and phone number masked at ``strength``,
    and any other run of 13 or more digits cut to its last four."""
    return _mask(text, strength, paper=True)
