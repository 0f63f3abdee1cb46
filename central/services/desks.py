"""Desks: one-time enrolment codes, enrolment (code -> token), tokens, listing and revoking."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.contract.api import Enrolled, Enrolment
from central.domain.ownership import DeskRef
from central.errors import CentralError
from central.store.models import CaseCounter, Desk, EnrolmentCode

CODE_VALID_FOR = timedelta(hours=24)
#: The desk row standing for the service's own command line (acts for head office; has no token).
CENTRE_DESK_UUID = "00000000-0000-0000-0000-000000000000"
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


def secret_hash(secret: str) -> str:
    # Codes and tokens are long random strings: a plain SHA-256 cannot be reversed or guessed.
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(20))
    return "-".join(raw[i:i + 5] for i in range(0, 20, 5))


def issue_code(session: Session, *, branch: str, desk_code: str, head_office: bool, now: datetime) -> str:
    """A one-time enrolment code for ``branch``/``desk_code`` (valid 24 h); only its hash is kept."""
    code = _new_code()
    session.add(EnrolmentCode(code_hash=secret_hash(code), branch=branch, desk_code=desk_code,
                              head_office=head_office, created_at=now, expires_at=now + CODE_VALID_FOR,
                              used_at=None, used_by=None))
    return code


def _valid_key(value: str, field: str) -> str:
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:
        raise CentralError(field, "is not base64", "bad_key", 422) from None
    if len(raw) != 32:
        raise CentralError(field, "must be 32 bytes", "bad_key", 422)
    return value


def highest_case_seqs(session: Session, branch: str, desk_code: str) -> dict[str, int]:
    rows = session.execute(select(CaseCounter.day, CaseCounter.highest_seq)
                           .where(CaseCounter.branch == branch, CaseCounter.desk_code == desk_code))
    return {day: seq for day, seq in rows}


def enrol(session: Session, request: Enrolment, now: datetime) -> Enrolled:
    """Exchange a one-time code for a desk token; an earlier desk with the same branch/desk code is revoked."""
    if request.desk_uuid == CENTRE_DESK_UUID:
        raise CentralError("desk_uuid", "is reserved for the service itself", "reserved", 422)
    _valid_key(request.recording_public_key, "recording_public_key")
    _valid_key(request.receipt_key, "receipt_key")
    code = session.scalars(select(EnrolmentCode).where(EnrolmentCode.code_hash == secret_hash(request.code.upper()))
                           .with_for_update()).first()
    if code is None:
        raise CentralError("code", "is not an enrolment code of this service", "code_unknown", 403)
    if code.used_at is not None:
        raise CentralError("code", "was already used: ask for a new code (desk add)", "code_used", 403)
    if code.expires_at <= now:
        raise CentralError("code", "has expired (codes are valid 24 hours): ask for a new one", "code_expired", 403)
    if (code.branch, code.desk_code) != (request.branch, request.desk):
        raise CentralError("desk", f"the code is for desk {code.branch}-{code.desk_code}, not "
                           f"{request.branch}-{request.desk}", "code_other_desk", 403)
    session.execute(update(Desk).where(Desk.branch == request.branch, Desk.desk_code == request.desk,
                                       Desk.revoked_at.is_(None))
                    .values(revoked_at=now, revoked_reason="replaced by a new enrolment"))
    token = secrets.token_urlsafe(32)
    desk = Desk(desk_uuid=request.desk_uuid, branch=request.branch, desk_code=request.desk,
                head_office=code.head_office, token_hash=secret_hash(token),
                recording_public_key=request.recording_public_key, receipt_key=request.receipt_key,
                enrolled_at=now, revoked_at=None, revoked_reason="")
    session.add(desk)
    session.flush()
    code.used_at, code.used_by = now, desk.id
    return Enrolled(token=token, desk_uuid=desk.desk_uuid, branch=desk.branch, desk=desk.desk_code,
                    head_office=desk.head_office,
                    highest_case_seq=highest_case_seqs(session, desk.branch, desk.desk_code))


def desk_for_token(session: Session, token: str) -> DeskRef | None:
    """The active desk holding ``token``, or None (unknown or revoked)."""
    desk = session.scalars(select(Desk).where(Desk.token_hash == secret_hash(token),
                                              Desk.revoked_at.is_(None))).first()
    return None if desk is None else ref(desk)


def ref(desk: Desk) -> DeskRef:
    return DeskRef(desk.id, desk.desk_uuid, desk.branch, desk.desk_code, desk.head_office)


@dataclass(frozen=True)
class DeskListing:
    uuid: str
    branch: str
    desk: str
    head_office: bool
    enrolled_at: datetime
    revoked_at: datetime | None
    revoked_reason: str


def list_desks(session: Session) -> list[DeskListing]:
    rows = session.scalars(select(Desk).where(Desk.desk_uuid != CENTRE_DESK_UUID)
                           .order_by(Desk.branch, Desk.desk_code, Desk.id))
    return [DeskListing(d.desk_uuid, d.branch, d.desk_code, d.head_office, d.enrolled_at, d.revoked_at,
                        d.revoked_reason) for d in rows]


@dataclass(frozen=True)
class PendingEnrolment:
    """A code printed by ``desk add`` and not used yet (the code itself is kept only hashed)."""

    branch: str
    desk: str
    head_office: bool
    expires_at: datetime


def pending_enrolments(session: Session, now: datetime) -> list[PendingEnrolment]:
    """Codes still good for an enrolment, so an administrator sees which desks are expected."""
    rows = session.scalars(select(EnrolmentCode).where(EnrolmentCode.used_at.is_(None),
                                                       EnrolmentCode.expires_at > now)
                           .order_by(EnrolmentCode.branch, EnrolmentCode.desk_code, EnrolmentCode.id))
    return [PendingEnrolment(c.branch, c.desk_code, c.head_office, c.expires_at) for c in rows]


def revoke(session: Session, *, branch: str, desk_code: str, reason: str, now: datetime) -> int:
    """Revoke the desk's token and its unused codes; returns how many tokens were revoked (0: NotFound)."""
    tokens = session.execute(update(Desk).where(Desk.branch == branch, Desk.desk_code == desk_code,
                                                Desk.revoked_at.is_(None))
                             .values(revoked_at=now, revoked_reason=reason or "revoked"))
    codes = session.execute(update(EnrolmentCode).where(EnrolmentCode.branch == branch,
                                                        EnrolmentCode.desk_code == desk_code,
                                                        EnrolmentCode.used_at.is_(None))
                            .values(expires_at=now))
    count = int(tokens.rowcount or 0)  # type: ignore[attr-defined]
    if count == 0 and not int(codes.rowcount or 0):  # type: ignore[attr-defined]
        raise CentralError("desk", f"no enrolled desk {branch}-{desk_code}", "not_found", 404)
    return count


def desk_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Desk)) or 0)
