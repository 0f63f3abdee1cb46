"""Masking: what the operator sees on screen and what leaves the desk on paper."""

from __future__ import annotations

import pytest

from app.domain.masking import MaskStrength, mask_address, mask_card, mask_id, mask_name, mask_phone

SCREEN = MaskStrength.SCREEN
PRINT = MaskStrength.PRINT


def test_id_number() -> None:
    assert mask_id("11010519491231002X", SCREEN) == "110105********002X"
    assert mask_id("11010519491231002X", PRINT) == "**************002X"


def test_card_number() -> None:
    assert mask_card("6222021234567890", SCREEN) == "622202******7890"
    assert mask_card("6222 0212 3456 7890", PRINT) == "************7890"
    assert mask_card("6222-0212-3456-7890-123", SCREEN) == "622202*********0123"


@pytest.mark.parametrize("strength", list(MaskStrength))
def test_phone_same_for_both_strengths(strength: MaskStrength) -> None:
    assert mask_phone("13800000000", strength) == "138****0000"
    assert mask_phone("+86 138 0000 0000", strength) == "138****0000"
    assert mask_phone("0591-87654321", strength) == "0591-******21"
    assert mask_phone("010-12345678-808", strength) == "010-******78-808"


def test_name() -> None:
    assert mask_name("张三丰", SCREEN) == "张三丰"
    assert mask_name("张三丰", PRINT) == "张**"
    assert mask_name("李四", PRINT) == "李*"
    assert mask_name("欧阳修", PRINT) == "欧阳*"
    assert mask_name("福州某某贸易有限公司", PRINT, organisation=True) == "福州某某贸易有限公司"
    assert mask_name("王", PRINT) == "*"


@pytest.mark.parametrize(("name", "printed"), [
    ("买买提·艾力江", "买**·***"),
    ("阿卜杜热西提·买买提", "阿*****·***"),
    ("欧阳娜娜娜", "欧阳***"),
    ("爱新觉罗溥仪", "爱*****"),
    ("John Smith", "J*** *****"),
])
def test_long_person_names_are_masked_on_paper(name: str, printed: str) -> None:
    # A person is a person whatever the length of the name (the party's kind decides).
    assert mask_name(name, PRINT) == printed
    assert mask_name(name, SCREEN) == name


@pytest.mark.parametrize("strength", list(MaskStrength))
def test_address(strength: MaskStrength) -> None:
    assert mask_address("福建省福州市鼓楼区五四路100号", strength) == "福建省福州市****"
    assert mask_address("鼓楼区", strength) == "鼓****"


@pytest.mark.parametrize("strength", list(MaskStrength))
@pytest.mark.parametrize("mask", [mask_id, mask_card, mask_phone, mask_name, mask_address])
def test_empty_in_empty_out(mask: object, strength: MaskStrength) -> None:
    assert callable(mask)
    assert mask(None, strength) == ""
    assert mask("", strength) == ""
    assert mask("   ", strength) == ""


@pytest.mark.parametrize("strength", list(MaskStrength))
@pytest.mark.parametrize("odd", ["1", "12", "1234", "12345678", "abc-def", "x" * 40, "☃☃☃☃☃☃☃"])
def test_odd_input_never_raises_and_hides_something(odd: str, strength: MaskStrength) -> None:
    for mask in (mask_id, mask_card, mask_phone):
        out = mask(odd, strength)
        assert "*" in out
        assert out != odd


def test_short_values_keep_less() -> None:
    assert mask_id("1234", SCREEN) == "****"
    assert mask_id("12345678", SCREEN) == "****5678"
    assert mask_card("1234567890", SCREEN) == "******7890"
