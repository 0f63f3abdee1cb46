"""The case events that travel between desk and centre, each kind with its full content.

The desk's own timeline keeps little in an event (the intake lives in the case
row, a decision is changed in place); what travels carries everything the centre
needs to rebuild the case from its events alone: ``created`` the complete intake,
``decide`` the four sections, ``close`` root cause, rectification and satisfaction.
Kinds and their content are versioned with :data:`app.contract.CONTRACT_VERSION`.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from app.contract.fields import (
    BranchCode,
    CaseNumber,
    Code,
    DeskCode,
    Hex64,
    Line,
    LongText,
    Name,
    Text,
    Uuid,
)


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("must carry a time zone, e.g. 2026-11-26T10:15:00+08:00")
    return value


AwareDateTime = Annotated[datetime, AfterValidator(_aware)]

#: Owner code of a case handled by head office rather than a branch.
HEAD_OFFICE = "HO"


class EventKind(StrEnum):
    """Every kind of case event; values are stored on both sides and never change."""

    CREATED = "created"
    ACCEPT = "accept"
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    NEW_FACTS = "new_facts"
    EXTEND = "extend"
    DECIDE = "decide"
    REQUEST_REVIEW = "request_review"
    RECORD_REVIEW = "record_review"
    CLOSE = "close"
    WITHDRAW = "withdraw"
    DECLINE = "decline"
    HAND_OVER = "hand_over"
    NOTE = "note"
    NOTICE = "notice"
    PRINT = "print"
    RECORDING = "recording"
    # Head office's workflow (made at the centre or by a head-office desk).
    ASSIGN = "assign"
    TRANSFER = "transfer"


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
    notice: Literal["acknowledgement", "extension", "decision", "review", "decline", "recording"]
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


class EventBase(Strict):
    """What every event carries besides its kind and content."""

    id: Uuid
    case_id: Uuid
    case_number: CaseNumber
    seq: Annotated[int, Field(ge=1, le=1_000_000, description="the event's sequence in its case, on the desk")]
    at: AwareDateTime
    on: date = Field(description="the Beijing calendar day the event counts for in the deadline")
    operator: Operator


class CreatedEvent(EventBase):
    kind: Literal["created"]
    content: CreatedContent


class AcceptEvent(EventBase):
    kind: Literal["accept"]
    content: ReasonContent


class StartEvent(EventBase):
    kind: Literal["start"]
    content: ReasonContent


class PauseEvent(EventBase):
    kind: Literal["pause"]
    content: RequiredReasonContent


class ResumeEvent(EventBase):
    kind: Literal["resume"]
    content: ReasonContent


class NewFactsEvent(EventBase):
    kind: Literal["new_facts"]
    content: NewFactsContent


class ExtendEvent(EventBase):
    kind: Literal["extend"]
    content: ExtendContent


class DecideEvent(EventBase):
    kind: Literal["decide"]
    content: DecideContent


class RequestReviewEvent(EventBase):
    kind: Literal["request_review"]
    content: RequiredReasonContent


class RecordReviewEvent(EventBase):
    kind: Literal["record_review"]
    content: RecordReviewContent


class CloseEvent(EventBase):
    kind: Literal["close"]
    content: CloseContent


class WithdrawEvent(EventBase):
    kind: Literal["withdraw"]
    content: RequiredReasonContent


class DeclineEvent(EventBase):
    kind: Literal["decline"]
    content: RequiredReasonContent


class HandOverEvent(EventBase):
    kind: Literal["hand_over"]
    content: HandOverContent


class NoteEvent(EventBase):
    kind: Literal["note"]
    content: NoteContent


class NoticeEvent(EventBase):
    kind: Literal["notice"]
    content: NoticeContent


class PrintEvent(EventBase):
    kind: Literal["print"]
    content: PrintContent


class RecordingEvent(EventBase):
    kind: Literal["recording"]
    content: RecordingContent


class AssignEvent(EventBase):
    kind: Literal["assign"]
    content: AssignContent


class TransferEvent(EventBase):
    kind: Literal["transfer"]
    content: TransferContent


CaseEvent = Annotated[
    CreatedEvent
    | AcceptEvent
    | StartEvent
    | PauseEvent
    | ResumeEvent
    | NewFactsEvent
    | ExtendEvent
    | DecideEvent
    | RequestReviewEvent
    | RecordReviewEvent
    | CloseEvent
    | WithdrawEvent
    | DeclineEvent
    | HandOverEvent
    | NoteEvent
    | NoticeEvent
    | PrintEvent
    | RecordingEvent
    | AssignEvent
    | TransferEvent,
    Field(discriminator="kind"),
]
"""Any case event; ``kind`` selects the content model."""

CONTENT_OF: dict[EventKind, type[Strict]] = {
    EventKind.CREATED: CreatedContent,
    EventKind.ACCEPT: ReasonContent,
    EventKind.START: ReasonContent,
    EventKind.PAUSE: RequiredReasonContent,
    EventKind.RESUME: ReasonContent,
    EventKind.NEW_FACTS: NewFactsContent,
    EventKind.EXTEND: ExtendContent,
    EventKind.DECIDE: DecideContent,
    EventKind.REQUEST_REVIEW: RequiredReasonContent,
    EventKind.RECORD_REVIEW: RecordReviewContent,
    EventKind.CLOSE: CloseContent,
    EventKind.WITHDRAW: RequiredReasonContent,
    EventKind.DECLINE: RequiredReasonContent,
    EventKind.HAND_OVER: HandOverContent,
    EventKind.NOTE: NoteContent,
    EventKind.NOTICE: NoticeContent,
    EventKind.PRINT: PrintContent,
    EventKind.RECORDING: RecordingContent,
    EventKind.ASSIGN: AssignContent,
    EventKind.TRANSFER: TransferContent,
}
