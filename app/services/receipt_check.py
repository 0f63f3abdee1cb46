"""Checking a receipt (核验回执): is this paper one the desk issued, for the case it names?

A receipt's code is an HMAC of its case number and receipt time under the desk
key (:mod:`reports.verification`).  The check reads what was scanned or typed,
finds the case in the store, recomputes the code from the case's own receipt
time and compares.  A QR payload that carries a receipt time must also carry
the case's real one.  Every check, whatever its verdict, leaves an audit line.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Case
from app.services.audit import append_audit
from app.services.context import Rulebook
from app.services.identity import Actor
from reports.verification import ReceiptClaim, canonical_received_at, read_receipt_text, receipt_verification_code


class Verdict(StrEnum):
    """The answer to "is this receipt genuine?"."""

    GENUINE = "genuine"
    #: The case exists, but the code (or the receipt time in the QR) is not the one the desk issued.
    NOT_GENUINE = "not_genuine"
    #: No case with that number at this desk.
    UNKNOWN_CASE = "unknown_case"


@dataclass(frozen=True)
class ReceiptCheck:
    """What a check found; the case's receipt time and state only when the case exists."""

    verdict: Verdict
    case_number: str
    form: str
    received_at: datetime | None = None
    state: str | None = None

    @property
    def genuine(self) -> bool:
        return self.verdict is Verdict.GENUINE


def check_receipt(session: Session, rb: Rulebook, actor: Actor, text: str, key: bytes) -> ReceiptCheck:
    """Check the receipt read from ``text`` (a QR payload, or case number and printed code) and audit it.

    Raises DeskError ``receipt_unreadable`` (field ``text``) when ``text`` holds no
    case number and code; nothing is written then.
    """
    claim = read_receipt_text(text)
    case = session.scalars(select(Case).where(Case.case_number == claim.case_number)).first()
    if case is None:
        result = ReceiptCheck(Verdict.UNKNOWN_CASE, claim.case_number, claim.form)
    else:
        result = ReceiptCheck(_verdict(case, claim, key), case.case_number, claim.form, case.received_at, case.state)
    append_audit(session, at=rb.clock(), operator_id=actor.operator_id, action="receipt.check",
                 case_id=case.id if case is not None else "",
                 details={"case_number": claim.case_number[:40], "verdict": result.verdict.value,
                          "form": claim.form})
    return result


def _verdict(case: Case, claim: ReceiptClaim, key: bytes) -> Verdict:
    received = canonical_received_at(case.received_at)
    expected = receipt_verification_code(case.case_number, received, key)
    code_ok = hmac.compare_digest(expected, claim.code)
    time_ok = claim.received_at_iso is None or hmac.compare_digest(claim.received_at_iso, received)
    return Verdict.GENUINE if code_ok and time_ok else Verdict.NOT_GENUINE
