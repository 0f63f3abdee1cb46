"""Card numbers: the Luhn check, and card secrets scrubbed from free text before saving."""

from __future__ import annotations

import pytest

from app.domain.card import REMOVED, luhn_ok, scrub_sensitive_text, validate_card_number
from app.errors import ValidationError


def with_luhn(body: str) -> str:
    """Append the Luhn check digit to ``body``."""
    for digit in "0123456789":
        if luhn_ok(body + digit):
            return body + digit
    raise AssertionError("unreachable")


UNIONPAY16 = with_luhn("622202123456789")
UNIONPAY19 = with_luhn("622848001234567890")
VISA = "4111111111111111"


@pytest.mark.parametrize("digits", [VISA, UNIONPAY16, UNIONPAY19, "378282246310005", "79927398713"])
def test_luhn_valid(digits: str) -> None:
    assert luhn_ok(digits)


@pytest.mark.parametrize("digits", ["4111111111111112", "79927398710", "", "4111 1111", "abc"])
def test_luhn_invalid(digits: str) -> None:
    assert not luhn_ok(digits)


def test_validate_card_strips_spaces_and_dashes() -> None:
    grouped = f"{UNIONPAY16[:4]} {UNIONPAY16[4:8]}-{UNIONPAY16[8:12]} {UNIONPAY16[12:]}"
    assert validate_card_number(grouped) == UNIONPAY16


@pytest.mark.parametrize(("raw", "code"), [
    ("4111111111111112", "card_checksum"),
    ("411111111111", "card_format"),
    ("41111111111111111111", "card_format"),
    ("4111-1111-1111-111a", "card_format"),
])
def test_validate_card_rejects(raw: str, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_card_number(raw, field="card")
    assert [(p.code, p.field) for p in exc.value.problems] == [(code, "card")]


def test_full_card_number_is_masked_in_text() -> None:
    text, removed = scrub_sensitive_text(f"我的卡号是{UNIONPAY16}，被多扣了年费")
    assert text == f"我的卡号是{UNIONPAY16[:6]}******{UNIONPAY16[-4:]}，被多扣了年费"
    assert removed == ["card_number"]


def test_grouped_card_numbers_are_masked() -> None:
    spaced = " ".join(UNIONPAY19[i:i + 4] for i in range(0, 19, 4))
    dashed = "-".join(VISA[i:i + 4] for i in range(0, 16, 4))
    text, removed = scrub_sensitive_text(f"卡1: {spaced}; card 2: {dashed}.")
    assert text == f"卡1: {UNIONPAY19[:6]}*********{UNIONPAY19[-4:]}; card 2: 411111******1111."
    assert removed == ["card_number"]


def test_card_next_to_phone_is_masked_and_phone_kept() -> None:
    text, _ = scrub_sensitive_text(f"卡号{VISA} 13800138000,{VISA},13800138000")
    assert text == "卡号411111******1111 13800138000,411111******1111,13800138000"


def test_secrets_next_to_keywords_are_removed() -> None:
    text, removed = scrub_sensitive_text("CVV2: 123，安全码是456，密码是123456，PIN 9876，有效期12/28，valid thru 08/2027")
    assert text == (f"CVV2: {REMOVED}，安全码是{REMOVED}，密码是{REMOVED}，PIN {REMOVED}，"
                    f"有效期{REMOVED}，valid thru {REMOVED}")
    assert removed == ["cvv", "pin", "expiry"]


def test_expiry_in_chinese_form_is_removed() -> None:
    text, removed = scrub_sensitive_text("卡片有效期至2028年12月")
    assert text == f"卡片有效期至{REMOVED}"
    assert removed == ["expiry"]


def test_track_data_is_removed() -> None:
    text, removed = scrub_sensitive_text(f"磁道 ;{VISA}=28121010000012300000?")
    assert text == f"磁道 411111******1111={REMOVED}"
    assert "track" in removed and "card_number" in removed


@pytest.mark.parametrize("ordinary", [
    "联系电话13800138000，座机0591-87654321",
    "身份证11010519491231002X，老身份证110105491231002",
    "身份证440306199001011238",
    "金额1,234.56元，另有12345678901234.50元的流水",
    "日期2026-02-01，时间20260201093000，还款到期日2026年3月5日",
    "授权委托书有效期至2026年12月31日",
    "共三笔：10000 20000 30000",
    "密码错误3次被锁",
])
def test_ordinary_text_is_untouched(ordinary: str) -> None:
    assert scrub_sensitive_text(ordinary) == (ordinary, [])


def test_id_number_that_passes_luhn_is_not_taken_for_a_card() -> None:
    # Find an 18-digit ID number that also happens to pass Luhn.
    from app.domain.idnumber import id_check_char

    for serial in range(100, 400):
        first17 = f"44030619900101{serial}"
        number = first17 + id_check_char(first17)
        if number.isdigit() and luhn_ok(number):
            break
    else:
        pytest.fail("no Luhn-valid ID number in the range: widen it")
    assert scrub_sensitive_text(f"身份证{number}") == (f"身份证{number}", [])


def test_empty_text() -> None:
    assert scrub_sensitive_text("") == ("", [])


def test_card_digits_of_other_scripts_are_normalised() -> None:
    full_width = UNIONPAY16.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    arabic = UNIONPAY16.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert validate_card_number(full_width) == UNIONPAY16
    assert validate_card_number(f"{arabic[:8]}　{arabic[8:]}") == UNIONPAY16  # ideographic space


def test_superscript_digits_are_not_card_digits() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_card_number("²" + UNIONPAY16[1:])
    assert [p.code for p in exc.value.problems] == ["card_format"]
