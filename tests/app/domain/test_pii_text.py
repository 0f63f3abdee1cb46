"""The one free-text detector: ID, card and phone numbers in every written form, masked in place."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.card import REMOVED, scrub_sensitive_text
from app.domain.masking import MaskStrength
from app.domain.pii_text import NumberKind, find_numbers, mask_free_text, normalise
from tests.pii_forms import WrittenNumber, sentences, shows, written_cards, written_ids, written_mobiles

SCREEN, PRINT = MaskStrength.SCREEN, MaskStrength.PRINT
VISA = "4111111111111111"
UNIONPAY = "6222021234567890123"  # not Luhn-valid: a mistyped card


@pytest.mark.parametrize(("text", "kind", "digits"), [
    ("身份证350102-19761103-6003。", NumberKind.ID, "350102197611036003"),
    ("身份证３５０１０２１９７６１１０３６００３", NumberKind.ID, "350102197611036003"),
    ("证件11010519491231002ｘ号", NumberKind.ID, "11010519491231002X"),
    ("手机+86 138 0013 8000", NumberKind.MOBILE, "13800138000"),
    ("手机0086-139-1234-5678", NumberKind.MOBILE, "13912345678"),
    ("手机138\u200b0013\u200b8000", NumberKind.MOBILE, "13800138000"),
    ("卡号4111\u30001111\u30001111\u30001111", NumberKind.CARD, VISA),
    ("卡号4111\u00a01111\u202f1111．1111", NumberKind.CARD, VISA),
    ("卡号4111/1111/1111/1111", NumberKind.CARD, VISA),
    ("卡号4111 \uff0d 1111 \uff0d 1111 \uff0d 1111", NumberKind.CARD, VISA),
    ("卡号4111\u3000 \u2014 \u30001111\u3000 \u2014 \u30001111 1111", NumberKind.CARD, VISA),
    ("座机(0591) 8765-4321", NumberKind.LANDLINE, "0591-87654321"),
    ("座机+86 21 6321 0000", NumberKind.LANDLINE, "021-63210000"),
    ("老身份证350102761103600", NumberKind.ID, "350102761103600"),
])
def test_common_written_forms_are_found(text: str, kind: NumberKind, digits: str) -> None:
    [found] = find_numbers(text)
    assert (found.kind, found.digits) == (kind, digits)


def test_masking_happens_in_place_with_the_domain_rules() -> None:
    text = "投诉人（身份证350102-19761103-6003，手机+86 138 0013 8000）称卡4111\u30001111\u30001111\u30001111被盗刷。"
    assert mask_free_text(text, SCREEN, paper=False) == (
        "投诉人（身份证350102********6003，手机138****8000）称卡411111******1111被盗刷。")
    assert mask_free_text(text, PRINT, paper=True) == (
        "投诉人（身份证**************6003，手机138****8000）称卡************1111被盗刷。")


def test_on_paper_any_long_run_is_masked_whatever_its_check_digit() -> None:
    text = f"卡号{UNIONPAY[:4]} {UNIONPAY[4:8]} {UNIONPAY[8:12]} {UNIONPAY[12:]}，证件350102197611036004"
    assert mask_free_text(text, SCREEN, paper=False) == text.replace("350102197611036004", "350102********6004")
    on_paper = mask_free_text(text, PRINT, paper=True)
    assert not shows(on_paper, UNIONPAY) and not shows(on_paper, "350102197611036004")
    assert "0123" in on_paper


def test_ordinary_numbers_stay() -> None:
    text = "2025年3月5日14:32在柜台还款1,234.56元，共三笔：680 1200 3000，订单号20250305"
    assert find_numbers(text) == []
    assert mask_free_text(text, PRINT, paper=True) == text


def test_invisible_characters_are_dropped_from_masked_text() -> None:
    masked = mask_free_text("卡\u200b号\u2060 4111\u200b1111\u200b1111\u200b1111", SCREEN, paper=False)
    assert masked == "卡号 411111******1111"


def test_normalised_text_maps_back_to_the_original() -> None:
    norm = normalise("Ａ\u200b１\u3000２－３")
    assert norm.text == "A1 2-3"
    assert norm.span(1, 6) == (2, 7)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences(count=4), st.sampled_from([SCREEN, PRINT]), st.booleans())
def test_no_number_survives_masking_in_any_written_form(
        sentence: tuple[str, list[WrittenNumber]], strength: MaskStrength, paper: bool) -> None:
    text, numbers = sentence
    masked = mask_free_text(text, strength, paper=paper)
    for number in numbers:
        assert not shows(masked, number.digits), (text, masked)
        # The complainant still recognises their number by its tail.
        assert shows(masked, number.digits[-4:]), (text, masked)


@settings(max_examples=400, deadline=None)
@given(written_cards(), sentences(count=2))
def test_storage_scrubber_masks_cards_in_any_written_form(card: WrittenNumber,
                                                          around: tuple[str, list[WrittenNumber]]) -> None:
    text = f"{around[0]}卡号{card.text}被盗刷"
    scrubbed, removed = scrub_sensitive_text(text)
    assert not shows(scrubbed, card.digits), (text, scrubbed)
    assert "card_number" in removed
    assert card.digits[:6] + "*" in normalise(scrubbed).text.replace(" ", "") or len(card.digits) < 14


@settings(max_examples=300, deadline=None)
@given(st.one_of(written_ids(), written_mobiles()))
def test_storage_scrubber_keeps_ids_and_phones(number: WrittenNumber) -> None:
    text = f"投诉人{number.text}。"
    assert scrub_sensitive_text(text) == (text, [])


@pytest.mark.parametrize(("text", "kind", "secret"), [
    ("密码 123456，", "pin", "123456"),
    ("取款密码：１２３４５６", "pin", "123456"),
    ("密码是123\u200b456", "pin", "123456"),
    ("交易密码 12 34 56", "pin", "123456"),
    ("CVV 123", "cvv", "123"),
    ("ＣＶＮ２：７８９", "cvv", "789"),
    ("有效期 12/28", "expiry", "1228"),
    ("有效期１２／２８", "expiry", "1228"),
])
def test_card_secrets_are_removed_in_any_written_form(text: str, kind: str, secret: str) -> None:
    scrubbed, removed = scrub_sensitive_text(f"投诉人称{text}被盗用")
    assert removed == [kind]
    assert REMOVED in scrubbed and not shows(scrubbed, secret), scrubbed


@settings(max_examples=200, deadline=None)
@given(sentences(count=3, glued=True), st.sampled_from([SCREEN, PRINT]))
def test_numbers_typed_without_a_break_are_still_hidden_on_paper(sentence: tuple[str, list[WrittenNumber]],
                                                                 strength: MaskStrength) -> None:
    text, numbers = sentence
    masked = mask_free_text(text, strength, paper=True)
    for number in numbers:
        assert not shows(masked, number.digits), (text, masked)


def test_numbers_typed_without_a_break_are_hidden_on_screen_when_too_long_for_one() -> None:
    text = "身份证35010219761103600313800138000"
    assert mask_free_text(text, SCREEN, paper=False) == "身份证350102" + "*" * 19 + "8000"


@pytest.mark.parametrize(("text", "kept"), [
    (f"流水金额¥{VISA}.00，已到账", True),
    (f"另有{VISA}.50元的流水", True),
    (f"卡号{VISA[:14]}.{VISA[14:]}被盗刷", False),  # a card cut by a stray dot is still a card
    (f"卡号 {VISA[:4]} {VISA[4:8]} {VISA[8:12]} {VISA[12:]}.", False),
])
def test_amounts_with_their_currency_are_not_cards(text: str, kept: bool) -> None:
    scrubbed, _ = scrub_sensitive_text(text)
    assert (scrubbed == text) is kept, scrubbed


def test_a_bracket_joins_an_area_code_only() -> None:
    text = f"卡号{VISA}（尾号1111）"
    assert mask_free_text(text, SCREEN, paper=False) == "卡号411111******1111（尾号1111）"
    assert [f.kind for f in find_numbers("（0591）87654321")] == [NumberKind.LANDLINE]


def test_a_desk_case_number_is_not_taken_for_an_id() -> None:
    # An all-digit desk code makes a case number 18 digits with a date where an ID has its birth date.
    text = "重复投诉，已并入0591-01-20261126-0007号案件（录像0591-01-20261126-0007_20261126-101500.mp4）"
    assert mask_free_text(text, SCREEN, paper=False) == text
    assert mask_free_text(text, PRINT, paper=True) == text
    assert scrub_sensitive_text(text) == (text, [])
    # A hyphenated ID still is one.
    assert mask_free_text("350102-19761103-6003", SCREEN, paper=False) == "350102********6003"
