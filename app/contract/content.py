"""The content of each kind of case event, and the base every contract model shares.

What travels is complete: the desk's own timeline keeps little in an event, so
each content model says what the centre needs to rebuild the case.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from app.contract.fields import BranchCode, Code, Hex64, Line, LongText, Name, Text


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("must carry a time zone, e.g. 2026-11-26T10:15:00+08:00")
    return value


AwareDateTime = Annotated[datetime, AfterValidator(_aware)]

class Strict(BaseModel):
    """Base of every contract model: unknown keys, NUL characters and non-finite numbers are refused
    (neither side's store could keep them: PostgreSQL text has no NUL, JSON no NaN)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="after", check_fields=False)
    @classmethod
    def _no_nul(cls, value: object) -> object:
        if _has_nul(value):
            raise ValueError("must not contain NUL characters")
        return value


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


class Operator(Strict):
    """Who did it: the staff member at the desk (or at head office)."""

    staff_no: Annotated[str, Field(min_length=1, max_length=20)]
    name: Name
    role: Annotated[str, Field(min_length=1, max_length=20)]


class Party(Strict):
    """A complainant, proxy (代理人) or group representative, as entered at the desk (in clear)."""

    kind: Literal["person", "organisation"] = "person"
    name: Name
    id_type: Annotated[str, Field(max_length=20)] = ""
    id_number: Annotated[str, Field(max_length=30)] = ""
    phone: Annotated[str, Field(max_length=30)] = ""
    address: Annotated[str, Field(max_length=200)] = ""
    uscc: Annotated[str, Field(max_length=18)] = ""
    legal_representative: Annotated[str, Field(max_length=50)] = ""
    relation: Annotated[str, Field(max_length=50)] = ""
    poa_signed_original: bool = False
    poa_reference: Annotated[str, Field(max_length=100)] = ""
    absence_reason: Text = ""
    inheritance_proof: Annotated[str, Field(max_length=200)] = ""


class CreatedContent(Strict):
    """The complete intake of a case (the desk's case row and parties at registration)."""

    received_at: AwareDateTime
    receipt_date: date
    channel: Code
    business: Code
    reason: Code
    demand: Code
    request: Annotated[str, Field(min_length=1, max_length=20000)]
    facts: Annotated[str, Field(min_length=1, max_length=100000)]
    grounds: LongText = ""
    complained_institution: Line = ""
    complained_staff: Line = ""
    card_number: Annotated[str, Field(max_length=30)] = ""
    complainant: Party
    proxy: Party | None = None
    representatives: Annotated[list[Party], Field(max_length=20)] = []
    rules_version: Annotated[str, Field(min_length=1, max_length=40)]
    reference_version: Annotated[str, Field(min_length=1, max_length=40)]
    first_responder: Annotated[str, Field(min_length=1, max_length=20)]
    scrubbed: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=20)] = []


class ReasonContent(Strict):
    """accept, start, resume: an optional reason."""

    reason: Text = ""


class RequiredReasonContent(Strict):
    """pause, request_review, withdraw, decline: the reason is required (as at the desk)."""

    reason: Annotated[str, Field(min_length=1, max_length=10000)]


class NewFactsContent(Strict):
    facts: Annotated[str, Field(min_length=1, max_length=100000)]


class ExtendContent(Strict):
    level: Literal[1, 2]
    reason: Annotated[str, Field(min_length=1, max_length=10000)]
    approver: Annotated[str, Field(max_length=20)] = ""


class DecideContent(Strict):
    """The decision in its four sections: 核实情况, 依据和理由, 处理结果, 救济途径."""

    verified: Annotated[str, Field(min_length=1, max_length=100000)]
    basis: Annotated[str, Field(min_length=1, max_length=100000)]
    outcome: Annotated[str, Field(min_length=1, max_length=100000)]
    remedies: Annotated[str, Field(min_length=1, max_length=100000)]


class RecordReviewContent(Strict):
    outcome: Annotated[str, Field(min_length=1, max_length=10000)]


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"
    UNREACHABLE = "unreachable"


class CloseContent(Strict):
    root_cause: Annotated[str, Field(min_length=1, max_length=40000)]
    rectification: LongText = ""
    satisfaction: Satisfaction
    surveyed_by: Annotated[str, Field(min_length=1, max_length=20)]
    survey_note: Text = ""


class HandOverContent(Strict):
    """A hand-over between staff members of the owning unit (首问负责制)."""

    from_staff: Annotated[str, Field(max_length=20)] = ""
    to_staff: Annotated[str, Field(min_length=1, max_length=20)]
    reason: Annotated[str, Field(min_length=1, max_length=10000)]


class NoteContent(Strict):
    text: Annotated[str, Field(min_length=1, max_length=40000)]


class NoticeContent(Strict):
    notice: Literal["acknowledgement", "extension", "decision", "review", "decline", "recording", "pause"]
    channel: Literal["in_person", "phone", "sms", "letter", "email", "app"]
    content_hash: Annotated[str, Field(max_length=128)] = ""
    signed: bool = False
    text: Text = ""


class PrintContent(Strict):
    document: Annotated[str, Field(min_length=1, max_length=40)]
    count: Annotated[int, Field(ge=1, le=100000)]
    printer: Line = ""
    fingerprint: Annotated[str, Field(max_length=128)] = ""


class RecordingContent(Strict):
    """A recording fact: the complainant was told (or refused), or a file was attached/recovered."""

    what: Literal["notice_confirmed", "notice_refused", "attached", "recovered"]
    reason: Text = ""
    file_name: Line = ""
    sha256: Hex64 | Literal[""] = ""
    manifest_sha256: Hex64 | Literal[""] = ""
    size_bytes: Annotated[int, Field(ge=0, le=2**53)] = 0
    duration_s: Annotated[float, Field(ge=0, le=10**7)] = 0.0


class AssignContent(Strict):
    """Head office names the handler of a case it owns."""

    handler: Annotated[str, Field(min_length=1, max_length=50)]
    reason: Text = ""


class TransferContent(Strict):
    """The case moves to another branch (its code) or to head office (``HO``); the clock keeps running."""

    to: BranchCode
    reason: Annotated[str, Field(min_length=1, max_length=10000)]
