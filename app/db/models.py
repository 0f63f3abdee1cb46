"""The desk's store: typed SQLAlchemy 2 models.

Ids of cases, parties and events are UUIDs made at the desk, so a later sync
can apply them at head office idempotently.  Personal-data columns use
:class:`app.pii.Sealed`; nothing else in the code base writes them raw.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.db.types import UTCDateTime
from app.pii import Sealed

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class DeskIdentity(Base):
    """Who this desk is: part of every case number and every synced record."""

    __tablename__ = "desk_identity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    desk_uuid: Mapped[str] = mapped_column(String(36), default=new_id)
    bank_name: Mapped[str] = mapped_column(String(100), default="")
    branch_code: Mapped[str] = mapped_column(String(10))
    branch_name: Mapped[str] = mapped_column(String(100))
    desk_code: Mapped[str] = mapped_column(String(6))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Operator(Base):
    """A member of staff who works cases at this desk (login arrives in a later issue)."""

    __tablename__ = "operators"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    staff_no: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class CaseCounter(Base):
    """Last case sequence handed out per day; bumped in the same transaction as the case."""

    __tablename__ = "case_counters"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)


class Case(Base):
    """One complaint, from receipt to closing."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_state_due", "state", "nominal_due"),
        Index("ix_cases_received_at", "received_at"),
        Index("ix_cases_legal_limit", "legal_limit"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_number: Mapped[str] = mapped_column(String(40), unique=True)
    state: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime]
    receipt_date: Mapped[date] = mapped_column(Date)
    channel_code: Mapped[str] = mapped_column(String(10))
    business_code: Mapped[str] = mapped_column(String(10))
    reason_code: Mapped[str] = mapped_column(String(10))
    demand_code: Mapped[str] = mapped_column(String(10))
    reference_version: Mapped[str] = mapped_column(String(40))
    request_text: Mapped[str] = mapped_column(Text)
    facts_text: Mapped[str] = mapped_column(Text)
    grounds_text: Mapped[str] = mapped_column(Text, default="")
    complained_institution: Mapped[str] = mapped_column(String(100), default="")
    complained_staff: Mapped[str] = mapped_column(String(50), default="")
    card_number: Mapped[str] = mapped_column(Sealed, default="")
    card_masked: Mapped[str] = mapped_column(String(25), default="")
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    first_responder_id: Mapped[str] = mapped_column(ForeignKey("operators.id"))
    owner_id: Mapped[str] = mapped_column(ForeignKey("operators.id"))
    rules_version: Mapped[str] = mapped_column(String(40))
    # Cached from the deadline clock after every change, so lists filter in SQL.
    nominal_due: Mapped[date] = mapped_column(Date)
    legal_limit: Mapped[date] = mapped_column(Date)
    deadline_paused: Mapped[bool] = mapped_column(Boolean, default=False)
    # While paused: the day up to which the stored dates already count the open pause (the list
    # projects them to today: the clock does not run while paused). None when not paused.
    pause_counted_to: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    # The decision / withdrawal / decline day: the clock stopped, days left count to it. None while it runs.
    clock_stopped_on: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    extension_level: Mapped[int] = mapped_column(Integer, default=0)
    decision_verified: Mapped[str] = mapped_column(Text, default="")
    decision_basis: Mapped[str] = mapped_column(Text, default="")
    decision_outcome: Mapped[str] = mapped_column(Text, default="")
    decision_remedies: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None]
    review_outcome: Mapped[str] = mapped_column(Text, default="")
    root_cause: Mapped[str] = mapped_column(Text, default="")
    rectification: Mapped[str] = mapped_column(Text, default="")
    satisfaction: Mapped[str] = mapped_column(String(20), default="")
    ended_at: Mapped[datetime | None]
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    parties: Mapped[list[Party]] = relationship(
        back_populates="case", order_by="Party.position", cascade="all, delete-orphan"
    )
    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", order_by="CaseEvent.seq", cascade="all, delete-orphan"
    )


class Party(Base):
    """A person or organisation in a case: complainant, proxy (代理人) or group representative."""

    __tablename__ = "parties"
    __table_args__ = (
        Index("ix_parties_case", "case_id", "role"),
        Index("ix_parties_name", "name"),
        Index("ix_parties_phone_tail", "phone_tail"),
        Index("ix_parties_id_tail", "id_tail"),
        Index("ix_parties_phone_digest", "phone_digest"),
        Index("ix_parties_id_digest", "id_digest"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20), default="person")
    name: Mapped[str] = mapped_column(String(100))
    id_type: Mapped[str] = mapped_column(String(20), default="")
    id_number: Mapped[str] = mapped_column(Sealed, default="")
    id_masked: Mapped[str] = mapped_column(String(40), default="")
    id_tail: Mapped[str] = mapped_column(String(4), default="")
    id_digest: Mapped[str] = mapped_column(String(32), default="")
    phone: Mapped[str] = mapped_column(Sealed, default="")
    phone_masked: Mapped[str] = mapped_column(String(25), default="")
    phone_tail: Mapped[str] = mapped_column(String(4), default="")
    phone_digest: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(Sealed, default="")
    uscc: Mapped[str] = mapped_column(String(18), default="")
    legal_representative: Mapped[str] = mapped_column(String(50), default="")
    relation: Mapped[str] = mapped_column(String(50), default="")
    poa_signed_original: Mapped[bool] = mapped_column(Boolean, default=False)
    poa_reference: Mapped[str] = mapped_column(String(100), default="")
    absence_reason: Mapped[str] = mapped_column(Text, default="")
    inheritance_proof: Mapped[str] = mapped_column(String(200), default="")

    case: Mapped[Case] = relationship(back_populates="parties")


class CaseEvent(Base):
    """One entry of a case's append-only timeline."""

    __tablename__ = "case_events"
    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_case_events_case_seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime]
    operator_id: Mapped[str] = mapped_column(ForeignKey("operators.id"))
    state_before: Mapped[str] = mapped_column(String(20), default="")
    state_after: Mapped[str] = mapped_column(String(20), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    case: Mapped[Case] = relationship(back_populates="events")


class OutboxEntry(Base):
    """A change waiting to be sent to the central ticket service (written with the change)."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    created_at: Mapped[datetime]
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(30))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """One hash-chained line of the audit log: who did what to which case, and when.

    ``hash`` is an HMAC-SHA256 under the desk's audit key over the line with ``desk_uuid``.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    operator_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[str] = mapped_column(String(36), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    desk_uuid: Mapped[str] = mapped_column(String(36), default="", server_default="")


class RecordingJournalEntry(Base):
    """A recording this desk started, written before capture begins.

    The journal is what makes a file in ``recordings/`` the desk's own: recovery
    finishes only files it names, and ``verify`` reports any other file as
    foreign.  The operator is the one who pressed start; the entry moves from
    ``recording`` to ``attached`` or ``recovered`` when its event is on the case.
    """

    __tablename__ = "recording_journal"
    __table_args__ = (Index("ix_recording_journal_case", "case_id", "started_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    file_name: Mapped[str] = mapped_column(String(200), unique=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    operator_id: Mapped[str] = mapped_column(ForeignKey("operators.id"))
    staff_no: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(20), default="recording")
    finished_at: Mapped[datetime | None]
    # Of the finished file: what the free-space estimate of the next recording is measured from.
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
