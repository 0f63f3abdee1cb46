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
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone

from app import secrets
from app.errors import DeskError

KEY_NAME = secrets.RECEIPT_KEY
#: The QR payload of receipts printed before the receipt time was carried (``CDR1|number|code``).
QR_PREFIX = "CDR1"
#: The QR payload since (``CDR2|number|time|code``).
QR_PREFIX_V2 = "CDR2"
CODE_LENGTH = 8
_DOMAIN = b"complaint-desk/receipt/v1"


class ReceiptKeyUnavailable(DeskError):
    """The desk key could not be read from (or created in) the keyring."""

    code = "receipt_key_unavailable"


def desk_receipt_key(*, may_create: bool = False) -> bytes:
    """The desk's receipt key from the keyring.

    Only a desk that has issued no receipt may ``create`` it (:func:`app.desk.open_desk`
    decides); otherwise a missing key is ``receipt_key_missing``: a new key
    would make every receipt handed out so far fail its check.
    """
    found = secrets.get_or_create_key(KEY_NAME) if may_create else secrets.get_secret(KEY_NAME)
    if not found.ok:
        raise ReceiptKeyUnavailable(
            f"receipt key unavailable ({found.error_code})", error_code=found.error_code, field="keyring"
        )
    if not found.value:
        raise ReceiptKeyUnavailable(
            f"the receipt key ({KEY_NAME}) of this desk is missing from the keyring and receipts were issued "
            "with it; restore it with `complaint-desk keys import FILE --passphrase-file FILE`",
            code="receipt_key_missing", field="keyring")
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


def qr_payload(case_number: str, received_at_iso: str, code: str) -> str:
    """What the receipt's QR code carries: everything the code is computed over, and the code.

    ``CDR2|<case number>|<receipt time, canonical UTC>|<code>``, so whoever holds
    the desk key (the central service) can recompute the code from the scan alone.
    Receipts printed before carry ``CDR1|<case number>|<code>`` (no time).
    """
    return f"{QR_PREFIX_V2}|{case_number}|{received_at_iso}|{normalise_code(code)}"


@dataclass(frozen=True)
class ReceiptClaim:
    """What a scanned or typed receipt claims: its case number, code and (from a new QR) receipt time."""

    case_number: str
    code: str
    #: The canonical receipt time from a ``CDR2`` QR payload; None when typed or from an old receipt.
    received_at_iso: str | None = None
    #: How it came in: ``qr`` (a QR payload) or ``typed`` (case number and printed code).
    form: str = "typed"


# Dashes, bars and spaces a keyboard, an input method or a scanner may produce instead of ASCII.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\ufe63\uff0d"), "-")
# The shape of a case number (branch-desk-YYYYMMDD-seq); a changed character inside it still reads
# (and is then an unknown case), but a number without its parts is not a receipt.
_CASE_NUMBER = re.compile(r"[0-9A-Z]+(?:-[0-9A-Z]+)*-[0-9A-Z]{8}-[0-9A-Z]+")
_TYPED = re.compile(r"(?P<number>.+?)-?(?P<code>[0-9A-Z]{4}-?[0-9A-Z]{4})")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
# Branch (10) + desk (6) + date (8) + a sequence far beyond a day's cases, with the hyphens; what is
# longer is not a case number (a run-on of thousands of digits must not be looked up and echoed).
_CASE_NUMBER_MAX = 40
# A QR payload is about 60 characters; a scanner or a person never sends kilobytes.
_TEXT_MAX = 200


def _unreadable(text: str) -> DeskError:
    return DeskError("not a receipt: scan its QR code, or type the case number and the code printed "
                     "beside it (e.g. 0591-W01-20261202-0001 2PVM-IHIA)",
                     code="receipt_unreadable", field="text", length=len(text))


def read_receipt_text(text: str) -> ReceiptClaim:
    """The claim in a scanned QR payload or in "<case number> <code>" as a person types it.

    Tolerates what scanners and people produce: surrounding and repeated spaces,
    lower case, full-width characters and other dashes, the code with or without
    its hyphen (or split by a space). DeskError ``receipt_unreadable`` (field
    ``text``) when no case number and code can be read from it.
    """
    if len(text) > _TEXT_MAX:
        raise _unreadable(text)
    clean = unicodedata.normalize("NFKC", text).translate(_DASHES).strip().upper()
    if clean.startswith(("CDR1|", "CDR2|")):
        parts = ["".join(part.split()) for part in clean.split("|")]
        if parts[0] == QR_PREFIX and len(parts) == 3:
            number, when, code = parts[1], None, parts[2]
        elif parts[0] == QR_PREFIX_V2 and len(parts) == 4 and _TIME.fullmatch(parts[2]):
            number, when, code = parts[1], parts[2], parts[3]
        else:
            raise _unreadable(text)
        code = normalise_code(code)
        if (len(number) > _CASE_NUMBER_MAX or not _CASE_NUMBER.fullmatch(number)
                or not re.fullmatch(r"[0-9A-Z]{%d}" % CODE_LENGTH, code)):
            raise _unreadable(text)
        return ReceiptClaim(number, code, when, "qr")
    match = _TYPED.fullmatch("".join(clean.split()))
    if (match is None or len(match["number"].rstrip("-")) > _CASE_NUMBER_MAX
            or not _CASE_NUMBER.fullmatch(match["number"].rstrip("-"))):
        raise _unreadable(text)
    return ReceiptClaim(match["number"].rstrip("-"), normalise_code(match["code"]))
