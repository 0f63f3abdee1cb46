"""The receipt verification code: tied to the case number and time, keyed by the desk."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from app.errors import DeskError
from reports.verification import (
    canonical_received_at,
    desk_receipt_key,
    display_code,
    qr_payload,
    read_receipt_text,
    receipt_verification_code,
    verify_receipt_code,
)
from tests.reports.samples import CASE_NUMBER, RECEIVED_AT, TEST_KEY

WHEN = canonical_received_at(RECEIVED_AT)


def test_code_is_short_base32_and_stable() -> None:
    code = receipt_verification_code(CASE_NUMBER, WHEN, TEST_KEY)
    assert re.fullmatch(r"[A-Z2-7]{8}", code)
    assert code == receipt_verification_code(CASE_NUMBER, WHEN, TEST_KEY)


def test_code_changes_when_case_number_is_altered() -> None:
    code = receipt_verification_code(CASE_NUMBER, WHEN, TEST_KEY)
    forged = CASE_NUMBER[:-1] + "8"
    assert receipt_verification_code(forged, WHEN, TEST_KEY) != code
    assert not verify_receipt_code(forged, WHEN, code, TEST_KEY)


def test_code_changes_with_time_and_key() -> None:
    code = receipt_verification_code(CASE_NUMBER, WHEN, TEST_KEY)
    later = canonical_received_at(RECEIVED_AT + timedelta(minutes=1))
    assert receipt_verification_code(CASE_NUMBER, later, TEST_KEY) != code
    assert receipt_verification_code(CASE_NUMBER, WHEN, bytes(32)) != code


def test_intact_code_verifies_however_it_is_typed_back() -> None:
    code = receipt_verification_code(CASE_NUMBER, WHEN, TEST_KEY)
    assert verify_receipt_code(CASE_NUMBER, WHEN, code, TEST_KEY)
    assert verify_receipt_code(CASE_NUMBER, WHEN, display_code(code).lower(), TEST_KEY)
    assert verify_receipt_code(CASE_NUMBER, WHEN, f" {code[:4]} {code[4:]} ", TEST_KEY)
    assert not verify_receipt_code(CASE_NUMBER, WHEN, code[:-1] + ("A" if code[-1] != "A" else "B"), TEST_KEY)


def test_canonical_time_is_utc_whatever_the_zone() -> None:
    beijing = RECEIVED_AT.astimezone(timezone(timedelta(hours=8)))
    assert canonical_received_at(beijing) == canonical_received_at(RECEIVED_AT) == "2025-03-05T06:32:10Z"
    with pytest.raises(DeskError):
        canonical_received_at(datetime(2025, 3, 5, 14, 32))


def test_qr_payload_carries_what_the_code_is_computed_over() -> None:
    code = receipt_verification_code(CASE_NUMBER, WHEN, TEST_KEY)
    payload = qr_payload(CASE_NUMBER, WHEN, code)
    assert payload == f"CDR2|{CASE_NUMBER}|{WHEN}|{code}"
    claim = read_receipt_text(payload)
    assert (claim.case_number, claim.received_at_iso, claim.code, claim.form) == (CASE_NUMBER, WHEN, code, "qr")
    # Anyone holding the desk key can recompute the code from the scan alone.
    assert claim.received_at_iso is not None
    assert verify_receipt_code(claim.case_number, claim.received_at_iso, claim.code, TEST_KEY)


@pytest.mark.parametrize("typed", [
    "{n} {c4}-{c8}", "  {n}    {c4}-{c8}  ", "{n} {c}", "{n}{c}", "{n} {c4} {c8}", "{nl} {cl}",
    "\t{n}\t{c4}-{c8}\r\n",
])
def test_typed_receipt_reads_however_it_is_typed(typed: str) -> None:
    code = receipt_verification_code(CASE_NUMBER, WHEN, TEST_KEY)
    text = typed.format(n=CASE_NUMBER, c=code, c4=code[:4], c8=code[4:], nl=CASE_NUMBER.lower(), cl=code.lower())
    claim = read_receipt_text(text)
    assert (claim.case_number, claim.code, claim.received_at_iso, claim.form) == (CASE_NUMBER, code, None, "typed")


def test_full_width_and_other_dashes_read_as_ascii() -> None:
    code = receipt_verification_code(CASE_NUMBER, WHEN, TEST_KEY)
    wide = "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in f"{CASE_NUMBER} {code[:4]}-{code[4:]}")
    claim = read_receipt_text(wide.replace(" ", "\u3000"))
    assert (claim.case_number, claim.code) == (CASE_NUMBER, code)
    claim = read_receipt_text(CASE_NUMBER.replace("-", "\u2014") + " " + code)
    assert claim.case_number == CASE_NUMBER
    old = read_receipt_text(f"CDR1|{CASE_NUMBER}|{code}")  # printed before the time was in the QR
    assert (old.case_number, old.code, old.received_at_iso, old.form) == (CASE_NUMBER, code, None, "qr")


@pytest.mark.parametrize("bad", ["", "   ", "hello", CASE_NUMBER, "CDR1||ABCDEFGH", "CDR3|x|y|z",
                                 f"CDR2|{CASE_NUMBER}|ABCDEFGH", f"CDR2|{CASE_NUMBER}|yesterday|ABCDEFGH",
                                 "0591-W01-2026 ABCD-EFGH"])
def test_what_is_not_a_receipt_says_so(bad: str) -> None:
    with pytest.raises(DeskError) as caught:
        read_receipt_text(bad)
    assert (caught.value.code, caught.value.field) == ("receipt_unreadable", "text")


def test_desk_key_lives_in_the_keyring_and_persists() -> None:
    from app import secrets

    first = desk_receipt_key(may_create=True)
    assert len(first) == 32
    assert desk_receipt_key() == first
    stored = secrets.get_secret("receipt-desk-key")
    assert stored.ok and stored.value and secrets.key_bytes(stored) == first
