"""Receipt verification: a short code that ties a printed receipt to its case.

The code is an HMAC-SHA256 over the case number and the canonical receipt time,
keyed with a desk secret kept in the system keyring, cut to 8 base32
characters (40 bits). A forger who alters the case number or the time on a
receipt cannot produce the matching code without the key; the central service,
given the desk key, recomputes it from the QR payload.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime, timezone

from app import secrets
from app.errors import DeskError

KEY_NAME = "receipt-desk-key"
QR_PREFIX = "CDR1"
CODE_LENGTH = 8
_DOMAIN = b"complaint-desk/receipt/v1"


class ReceiptKeyUnavailable(DeskError):
    """The desk key could not be read from (or created in) the keyring."""

    code = "receipt_key_unavailable"


def desk_receipt_key() -> bytes:
    """The desk's receipt key from the keyring, created on first use."""
    found = secrets.get_or_create_key(KEY_NAME)
    if not found.ok:
        raise ReceiptKeyUnavailable(
            f"receipt key unavailable ({found.error_code})", error_code=found.error_code
        )
    return secrets.key_bytes(found)


def canonical_received_at(moment: datetime) -> str:
    """The receipt time as signed: UTC, whole seconds, ISO 8601 (``2025-03-05T06:32:10Z``)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise DeskError("received_at must be timezone-aware", code="naive_datetime", field="received_at")
    utc = moment.astimezone(timezone.utc).replace(microsecond=0)
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def receipt_verification_code(case_number: str, received_at_iso: str, key: bytes) -> str:
    """The 8-character base32 code printed on the receipt and carried in its QR code."""
    if not key:
        raise ReceiptKeyUnavailable("empty receipt key")
    message = b"\x1f".join(
        (_DOMAIN, case_number.strip().encode("utf-8"), received_at_iso.strip().encode("ascii"))
    )
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:CODE_LENGTH]


def normalise_code(code: str) -> str:
    """A code as typed back by a person: case, spaces and hyphens do not matter."""
    return "".join(code.split()).replace("-", "").upper()


def verify_receipt_code(case_number: str, received_at_iso: str, code: str, key: bytes) -> bool:
    """Whether ``code`` is the genuine code for this case number and receipt time."""
    expected = receipt_verification_code(case_number, received_at_iso, key)
    return hmac.compare_digest(expected, normalise_code(code))


def display_code(code: str) -> str:
    """The code grouped for reading aloud over the phone: ``ABCD-EFGH``."""
    clean = normalise_code(code)
    return f"{clean[:4]}-{clean[4:]}" if len(clean) == CODE_LENGTH else clean


def qr_payload(case_number: str, code: str) -> str:
    """What the receipt's QR code carries: ``CDR1|<case_number>|<code>``."""
    return f"{QR_PREFIX}|{case_number}|{normalise_code(code)}"


def parse_qr_payload(payload: str) -> tuple[str, str]:
    """Case number and code from a scanned QR payload; DeskError if it is not ours."""
    parts = payload.strip().split("|")
    if len(parts) != 3 or parts[0] != QR_PREFIX or not parts[1] or not parts[2]:
        raise DeskError("not a Complaint Desk receipt code", code="bad_receipt_qr")
    return parts[1], normalise_code(parts[2])
