"""The case events that travel between desk and centre, each kind with its full content.

The desk's own timeline keeps little in an event (the intake lives in the case
row, a decision is changed in place); what travels carries everything the centre
needs to rebuild the case from its events alone: ``created`` the complete intake,
``decide`` the four sections, ``close`` root cause, rectification and satisfaction.
Kinds and their content are versioned with :data:`app.contract.CONTRACT_VERSION`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from app.contract.content import (
    AssignContent,
    AwareDateTime,
    CloseContent,
    CreatedContent,
    DecideContent,
    ExtendContent,
    HandOverContent,
    NewFactsContent,
    NoteContent,
    NoticeContent,
    Operator,
    Party,
    PrintContent,
    ReasonContent,
    RecordingContent,
    RecordReviewContent,
    RequiredReasonContent,
    Satisfaction,
    Strict,
    TransferContent,
)
from app.contract.fields import CaseNumber, Uuid

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

__all__ = ["AssignContent", "AwareDateTime", "CloseContent", "CreatedContent", "DecideContent", "ExtendContent",
           "HandOverContent", "NewFactsContent", "NoteContent", "NoticeContent", "Operator", "Party", "PrintContent",
           "ReasonContent", "RecordingContent", "RecordReviewContent", "RequiredReasonContent", "Satisfaction",
           "Strict", "TransferContent"]
