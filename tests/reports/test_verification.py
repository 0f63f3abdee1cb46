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
    parse_qr_payload,
    qr_payload,
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


def test_qr_payload_round_trip() -> None:
    code = receipt_verification_code(CASE_NUMBER, WHEN, TEST_KEY)
    payload = qr_payload(CASE_NUMBER, code)
    assert payload == f"CDR1|{CASE_NUMBER}|{code}"
    assert parse_qr_payload(payload) == (CASE_NUMBER, code)
    for bad in ("", "CDR2|x|y", "CDR1||ABC", "hello"):
        with pytest.raises(DeskError):
            parse_qr_payload(bad)


def test_desk_key_lives_in_the_keyring_and_persists() -> None:
    from app import secrets

    first = desk_receipt_key()
    assert len(first) == 32
    assert desk_receipt_key() == first
    stored = secrets.get_secret("receipt-desk-key")
    assert stored.ok and stored.value and secrets.key_bytes(stored) == first
