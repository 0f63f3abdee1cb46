"""Resident ID numbers: the operator gets a precise reason for every rejected number."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.idnumber import id_birth_date, id_check_char, validate_id_number
from app.errors import ValidationError

TODAY = date(2026, 3, 1)


def make_id(first17: str) -> str:
    return first17 + id_check_char(first17)


def codes(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [p.code for p in exc.value.problems]


def test_known_valid_number_with_x() -> None:
    assert validate_id_number("11010519491231002X", today=TODAY) == "11010519491231002X"


def test_lowercase_x_and_spaces_are_normalised() -> None:
    assert validate_id_number(" 110105 19491231 002x ", today=TODAY) == "11010519491231002X"


def test_check_char_vector() -> None:
    assert id_check_char("11010519491231002") == "X"
    with pytest.raises(ValueError):
        id_check_char("1234")


def test_generated_number_with_digit_check_passes() -> None:
    number = make_id("44030619900101123")
    assert number[-1].isdigit() or number[-1] == "X"
    assert validate_id_number(number, today=TODAY) == number
    assert id_birth_date(number) == date(1990, 1, 1)


def test_wrong_check_character_names_the_expected_one() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_id_number("110105194912310021", today=TODAY)
    assert codes(exc) == ["id_checksum"]
    assert exc.value.problems[0].params == {"expected": "X"}
    assert exc.value.problems[0].field == "id_number"


@pytest.mark.parametrize("raw", ["", "1101051949123100", "11010519491231002Y", "1101051949123100211", "ABCDEFGHIJKLMNOPQR"])
def test_wrong_shape_is_id_format(raw: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_id_number(raw, field="proxy_id", today=TODAY)
    assert codes(exc) == ["id_format"]
    assert exc.value.problems[0].field == "proxy_id"


def test_30_february_is_not_a_birth_date() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_id_number(make_id("11010520000230123"), today=TODAY)
    assert codes(exc) == ["id_birthdate"]


def test_before_1900_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_id_number(make_id("11010518991231123"), today=TODAY)
    assert codes(exc) == ["id_birthdate"]


def test_future_birth_date_is_rejected_relative_to_today() -> None:
    number = make_id("11010520260302123")
    with pytest.raises(ValidationError) as exc:
        validate_id_number(number, today=TODAY)
    assert codes(exc) == ["id_future_birthdate"]
    assert validate_id_number(number, today=date(2026, 3, 2)) == number


def test_bad_date_and_bad_checksum_are_reported_together() -> None:
    good = make_id("11010520000230123")
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        validate_id_number(wrong, today=TODAY)
    assert codes(exc) == ["id_birthdate", "id_checksum"]


def test_fifteen_digit_number_is_upgraded() -> None:
    # 110105 491231 002 -> 110105 19491231 002 + check
    assert validate_id_number("110105491231002", today=TODAY) == "11010519491231002X"


def test_fifteen_digit_number_with_impossible_date() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_id_number("110105490230002", today=TODAY)
    assert codes(exc) == ["id_birthdate"]


def test_default_today_is_used_without_crash() -> None:
    assert validate_id_number("11010519491231002X") == "11010519491231002X"


FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")


@pytest.mark.parametrize("table", [FULL_WIDTH, ARABIC_INDIC, DEVANAGARI])
def test_digits_of_other_scripts_are_stored_as_ascii(table: dict[int, str]) -> None:
    assert validate_id_number("11010519491231002X".translate(table), today=TODAY) == "11010519491231002X"
    # 15-digit legacy numbers too (this crashed with a ValueError before).
    legacy = "110105491231002".translate(table)
    assert validate_id_number(legacy, today=TODAY) == validate_id_number("110105491231002", today=TODAY)


@pytest.mark.parametrize("raw", ["①①0105194912310020", "11010519491231002X\u202e", "11010519491231002\u200bX",
                                 "一一0105194912310020"])
def test_look_alike_digits_and_invisible_characters_are_a_format_error(raw: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_id_number(raw, today=TODAY)
    assert codes(exc) == ["id_format"]
