"""Request and answer bodies of the central service's /api/v1 (the desk's sync speaks these)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from app.contract import CONTRACT_VERSION
from app.contract import events as ev
from app.contract.events import CaseEvent, Operator, Strict
from app.contract.fields import BranchCode, DeskCode, Hex64, Uuid

#: Most events in one push; a desk with more sends several batches.
MAX_PUSH_EVENTS = 500
#: Most events in one page of a pull.
MAX_PULL_LIMIT = 1000

Base64Key = Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]{43}=$", description="32 bytes, base64")]


class Health(Strict):
    status: Literal["ok"] = "ok"
    contract: int = CONTRACT_VERSION


class Enrolment(Strict):
    """What a desk presents with its one-time code to become a known desk."""

    code: Annotated[str, Field(min_length=8, max_length=64)]
    desk_uuid: Uuid
    branch: BranchCode
    desk: DeskCode
    recording_public_key: Base64Key = Field(description="the desk's Ed25519 recording key (raw, base64)")
    receipt_key: Base64Key = Field(description="the desk's receipt key, escrowed for verifying receipts")


class Enrolled(Strict):
    """The desk's token (shown once) and where its case numbering stands at the centre."""

    token: str
    desk_uuid: str
    branch: str
    desk: str
    head_office: bool
    highest_case_seq: dict[str, int] = Field(
        description="per Beijing day (YYYYMMDD) the highest case sequence seen for this branch/desk")


class AuditHead(Strict):
    """The head of the desk's hash-chained audit log at the time of a push."""

    seq: Annotated[int, Field(ge=0, le=2**31 - 1)]
    hash: Hex64


class PushBatch(Strict):
    contract: Literal[1] = Field(default=1, description="the contract version the desk writes (app.contract)")
    audit_head: AuditHead
    events: Annotated[list[CaseEvent], Field(max_length=MAX_PUSH_EVENTS)]


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class EventResult(Strict):
    id: str
    outcome: Outcome
    code: str = ""
    reason: str = ""


class PushResult(Strict):
    """One line per pushed event, in the order sent; accepted events are stored even when others are not."""

    results: list[EventResult]
    accepted: int
    duplicates: int
    rejected: int


class PulledEvent(Strict):
    cursor: int = Field(description="the service's sequence number of this event; pull again after it")
    desk_uuid: str
    event: CaseEvent


class PullPage(Strict):
    events: list[PulledEvent]
    next_cursor: int
    more: bool


class CaseSummary(Strict):
    """A case as the centre sees it, rebuilt from its events."""

    id: str
    number: str
    branch: str
    desk: str
    state: str
    owner: str = Field(description="the unit handling it: its branch code, or HO for head office")
    handler: str
    received_at: datetime
    nominal_due: date
    legal_limit: date
    paused: bool
    extension_level: int
    rules_version: str
    updated_cursor: int


class Problem(Strict):
    """The body of every 4xx answer."""

    code: str
    detail: str
    field: str = ""


class _Action(Strict):
    operator: Operator = Field(description="the member of staff acting (at head office or the owning branch)")


class AssignAction(_Action):
    kind: Literal["assign"]
    content: ev.AssignContent


class TransferAction(_Action):
    kind: Literal["transfer"]
    content: ev.TransferContent


class AcceptAction(_Action):
    kind: Literal["accept"]
    content: ev.ReasonContent = ev.ReasonContent()


class StartAction(_Action):
    kind: Literal["start"]
    content: ev.ReasonContent = ev.ReasonContent()


class ExtendAction(_Action):
    kind: Literal["extend"]
    content: ev.ExtendContent


class PauseAction(_Action):
    kind: Literal["pause"]
    content: ev.RequiredReasonContent


class ResumeAction(_Action):
    kind: Literal["resume"]
    content: ev.ReasonContent = ev.ReasonContent()


class DecideAction(_Action):
    kind: Literal["decide"]
    content: ev.DecideContent


class CloseAction(_Action):
    kind: Literal["close"]
    content: ev.CloseContent


class NoteAction(_Action):
    kind: Literal["note"]
    content: ev.NoteContent


CaseActionRequest = Annotated[
    AssignAction | TransferAction | AcceptAction | StartAction | ExtendAction | PauseAction | ResumeAction
    | DecideAction | CloseAction | NoteAction,
    Field(discriminator="kind"),
]
"""A change made at the centre (head office's workflow, or an owning branch through the API)."""


class ActionResult(Strict):
    event: CaseEvent
    case: CaseSummary


class PersonMatchKey(Strict):
    """The bank-wide key of the person-match digest: HMAC-SHA256(key, "<kind>|<normalised value>"),
    so the same ID or phone matches across desks without being guessable from the digest."""

    algorithm: Literal["HMAC-SHA256"] = "HMAC-SHA256"
    version: int = 1
    key: str = Field(description="32 bytes, base64")
