"""Contact phones: one normal form, so equal numbers compare equal across cases."""

from __future__ import annotations

import pytest

from app.domain.phone import is_mobile, normalise_phone, validate_phone
from app.errors import ValidationError


@pytest.mark.parametrize(("raw", "normal"), [
    ("13800138000", "13800138000"),
    ("138 0013 8000", "13800138000"),
    ("138-0013-8000", "13800138000"),
    ("+86 138 0013 8000", "13800138000"),
    ("8613800138000", "13800138000"),
    ("0086-13800138000", "13800138000"),
    ("19912345678", "19912345678"),
    ("0591-87654321", "0591-87654321"),
    ("059187654321", "0591-87654321"),
    ("(0591) 8765432", "0591-8765432"),
    ("010-12345678", "010-12345678"),
    ("02112345678", "021-12345678"),
    ("0591-87654321-808", "0591-87654321-808"),
    ("0591-87654321转808", "0591-87654321-808"),
    ("+86 591 87654321", "0591-87654321"),
])
def test_valid_numbers_are_normalised(raw: str, normal: str) -> None:
    assert validate_phone(raw) == normal


@pytest.mark.parametrize("raw", ["", "12345678901", "1380013800", "138001380000", "0591-0234567", "87654321", "013800138000",
                                 "95588", "abc"])
def test_invalid_numbers(raw: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_phone(raw, field="proxy_phone")
    assert [(p.code, p.field) for p in exc.value.problems] == [("phone_format", "proxy_phone")]


def test_is_mobile() -> None:
    assert is_mobile("+86 138 0013 8000")
    assert not is_mobile("0591-87654321")
    assert not is_mobile("garbage")
    assert not is_mobile(None)
    assert normalise_phone(None) is None


@pytest.mark.parametrize(("raw", "normal"), [
    ("１３８００１３８０００", "13800138000"),          # full-width digits
    ("١٣٨٠٠١٣٨٠٠٠", "13800138000"),                  # Arabic-Indic digits
    ("０５９１－８７６５４３２１", "0591-87654321"),    # full-width dash too
    ("0991-2345678", "0991-2345678"),                # Urumqi, a real 4-digit area code
    ("029 88888888", "029-88888888"),
    ("(0898) 6666 8888", "0898-66668888"),
])
def test_digits_of_any_script_and_real_area_codes(raw: str, normal: str) -> None:
    assert validate_phone(raw) == normal


@pytest.mark.parametrize("raw", [
    "+86 99 12345678",   # area code 099 does not exist (was read as 0991 + 2345678)
    "099-12345678",
    "(026) 12345678",    # 026 is not assigned
    "0600-1234567",      # no mainland area code starts 060
    "0001-1234567",
    "010-1234567",       # Beijing and the 02x cities have 8-digit numbers
    "①３８００１３８０００",  # a circled digit is not a digit
])
def test_unknown_area_codes_and_look_alike_digits_are_refused(raw: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_phone(raw, field="complainant.phone")
    assert [p.field for p in exc.value.problems] == ["complainant.phone"]
    assert exc.value.problems[0].code in ("phone_format", "phone_area")
