"""Checks for mainland resident ID numbers (GB 11643-1999, ISO 7064 MOD 11-2).

The receptionist types the number from the card; a typo caught here saves a
call-back. Legacy 15-digit numbers are upgraded so that every stored number has
the same 18-character shape.
"""

from __future__ import annotations

import re
from datetime import date

from app.clock import beijing_date, utc_now
from app.domain.text import to_ascii_digits
from app.errors import Problem, ValidationError

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_ID18 = re.compile(r"[0-9]{17}[0-9X]")
_ID15 = re.compile(r"[0-9]{15}")
_EARLIEST_BIRTH_YEAR = 1900


def id_check_char(first17: str) -> str:
    """The check character that completes the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("id_check_char needs exactly 17 ASCII digits")
    total = sum(int(ch) * weight for ch, weight in zip(first17, _WEIGHTS))
    return _CHECK_CHARS[total % 11]


def id_birth_date(id18: str) -> date:
    """The birth date coded in digits 7-14 of an 18-character ID number.

    Raises ValueError when those digits are not a real calendar date.
    """
    digits = id18[6:14]
    if len(digits) != 8 or not digits.isascii() or not digits.isdigit():
        raise ValueError("no birth date digits in this ID number")
    return date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))


def _problem(code: str, field: str, message: str, **params: object) -> Problem:
    return Problem(code, field, message, dict(params))


def validate_id_number(raw: str, *, field: str = "id_number", today: date | None = None) -> str:
    """Normalise and check a resident ID number; returns the 18-character form with an upper-case X.

    Raises ValidationError with codes ``id_format``, ``id_birthdate``,
    ``id_future_birthdate`` and ``id_checksum`` (params ``expected``). Birth-date
    and checksum problems are reported together, so the operator sees both at once.
    """
    # Digits typed in full width or another script are the same digits.
    value = "".join(to_ascii_digits(raw or "").split()).upper()
    if _ID15.fullmatch(value):
        # Legacy numbers carry a two-digit year and no check character.
        first17 = value[:6] + "19" + value[6:]
        value = first17 + id_check_char(first17)
        legacy = True
    elif _ID18.fullmatch(value):
        legacy = False
    else:
        raise ValidationError(
            [_problem("id_format", field, "an ID number has 18 characters (digits, last may be X) or 15 digits",
                      length=len(value))]
        )

    problems: list[Problem] = []
    birth_digits = value[6:14]
    try:
        born = id_birth_date(value)
    except ValueError:
        problems.append(_problem("id_birthdate", field, f"birth date {birth_digits} is not a real date",
                                 birth_date=birth_digits))
    else:
        reference = today if today is not None else beijing_date(utc_now())
        if born.year < _EARLIEST_BIRTH_YEAR:
            problems.append(_problem("id_birthdate", field, f"birth date {born.isoformat()} is before 1900",
                                     birth_date=birth_digits))
        elif born > reference:
            problems.append(_problem("id_future_birthdate", field,
                                     f"birth date {born.isoformat()} is in the future",
                                     birth_date=born.isoformat()))

    if not legacy:
        expected = id_check_char(value[:17])
        if value[17] != expected:
            problems.append(_problem("id_checksum", field,
                                     f"check character should be {expected}, not {value[17]}",
                                     expected=expected))
    if problems:
        raise ValidationError(problems)
    return value
