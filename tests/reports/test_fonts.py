"""The shipped CJK font, and characters it cannot draw: replaced visibly and logged."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from reports.fonts import FONT_FILE, REPLACEMENT, can_draw, safe_text
from reports.receipt import build_receipt
from tests.reports import pdfcheck
from tests.reports.samples import receipt

RARE = "\U00020000"  # 𠀀, CJK Extension B: not in Micro Hei


def test_font_ships_with_its_licence() -> None:
    assert FONT_FILE.is_file() and FONT_FILE.stat().st_size > 1_000_000
    licence = (FONT_FILE.parent / "wqy-microhei.LICENSE.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "WenQuanYi" in licence


def test_common_text_passes_unchanged() -> None:
    text = "投诉编号 TS-2025（补打）：《办法》第十八条，¥680.00 — 138****0000 □ 欧阳·明华\n第二行"
    assert safe_text(text) == text
    assert can_draw(REPLACEMENT)


def test_undrawable_character_is_replaced_and_logged_without_context(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="reports.fonts")
    out = safe_text(f"张{RARE}明的投诉")
    assert out == f"张{REPLACEMENT}明的投诉"
    messages = [r.getMessage() for r in caplog.records]
    assert any("U+20000" in m for m in messages)
    assert not any("张" in m or "投诉" in m for m in messages), "personal text leaked into the log"


def test_invisible_format_characters_are_removed_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="reports.fonts")
    assert safe_text("138\u200b0013\u202d8000") == "13800138000"
    assert any("U+200B" in r.getMessage() for r in caplog.records)


def test_replacement_reaches_the_printed_receipt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="reports.fonts")
    pdf = build_receipt(receipt(request_summary=f"要求核实{RARE}字号商户的交易。"), "a5")
    text = pdfcheck.squash("".join(pdfcheck.pdftotext(pdf, tmp_path)))
    assert f"要求核实{REPLACEMENT}字号商户的交易" in text
    assert any("U+20000" in r.getMessage() for r in caplog.records)


def test_zero_width_characters_cannot_smuggle_a_card_number_onto_paper(tmp_path: Path) -> None:
    from tests.reports.samples import FULL_CARD

    hidden = "\u200b".join(FULL_CARD)
    pdf = build_receipt(receipt(request_summary=f"卡号{hidden}被盗刷"), "80mm")
    text = pdfcheck.squash("".join(pdfcheck.pdftotext(pdf, tmp_path)).replace("\u200b", ""))
    assert FULL_CARD not in text and "5678被盗刷" in text
