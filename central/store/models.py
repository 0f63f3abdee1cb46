"""The service's tables (typed SQLAlchemy 2): desks, enrolment codes, cases, events, audit heads.

A case row is a cache of its events: it is rebuilt from them on every change,
so the events are the record and the row is what lists filter on.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime, stored naive UTC on every backend (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError("UTCDateTime needs an aware datetime")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Desk(Base):
    """An enrolled desk: its identity, its pinned keys and its token (hashed)."""

    __tablename__ = "desks"
    __table_args__ = (Index("ix_desks_branch_desk", "branch", "desk_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    desk_uuid: Mapped[str] = mapped_column(String(36), index=True)
    branch: Mapped[str] = mapped_column(String(10))
    desk_code: Mapped[str] = mapped_column(String(6))
    head_office: Mapped[bool] = mapped_column(Boolean, default=False)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    recording_public_key: Mapped[str] = mapped_column(String(64))
    receipt_key: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str] = mapped_column(String(200), default="")


class EnrolmentCode(Base):
    """A one-time code printed by ``desk add``, stored hashed; good for one enrolment within 24 h."""

    __tablename__ = "enrolment_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    branch: Mapped[str] = mapped_column(String(10))
    desk_code: Mapped[str] = mapped_column(String(6))
    head_office: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("desks.id"))


class CaseCounter(Base):
    """The highest case sequence seen per branch, desk and Beijing day (so a reinstalled desk continues)."""

    __tablename__ = "case_counters"

    branch: Mapped[str] = mapped_column(String(10), primary_key=True)
    desk_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    highest_seq: Mapped[int] = mapped_column(Integer)


class Case(Base):
    """A case as rebuilt from its events (see central.domain.rebuild)."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_branch_state", "branch", "state"),
        Index("ix_cases_owner_state", "owner", "state"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    branch: Mapped[str] = mapped_column(String(10))
    desk_code: Mapped[str] = mapped_column(String(6))
    desk_uuid: Mapped[str] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(20))
    owner: Mapped[str] = mapped_column(String(10))
    handler: Mapped[str] = mapped_column(String(50), default="")
    received_at: Mapped[datetime]
    receipt_date: Mapped[date] = mapped_column(Date)
    rules_version: Mapped[str] = mapped_column(String(40))
    reference_version: Mapped[str] = mapped_column(String(40))
    nominal_due: Mapped[date] = mapped_column(Date)
    legal_limit: Mapped[date] = mapped_column(Date)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    extension_level: Mapped[int] = mapped_column(Integer, default=0)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_cursor: Mapped[int] = mapped_column(Integer, default=0)


class Event(Base):
    """One pushed case event, exactly as the desk sent it; ``cursor`` is the service's own order."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_case_cursor", "case_id", "cursor"),)

    cursor: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime]
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    stored_at: Mapped[datetime]


class AuditHead(Base):
    """A desk's audit chain head as reported with one push; the history catches a cut or rewritten tail."""

    __tablename__ = "audit_heads"
    __table_args__ = (Index("ix_audit_heads_desk", "desk_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    reported_at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text, default="")


class Upload(Base):
    """A recording being uploaded with tus (resumable); ``stored`` once verified and kept write-once."""

    __tablename__ = "uploads"
    __table_args__ = (Index("ix_uploads_case", "case_id", "sha256"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    length: Mapped[int] = mapped_column(BigInteger)
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    manifest: Mapped[str] = mapped_column(Text)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]
    stored: Mapped[bool] = mapped_column(Boolean, default=False)
    refused: Mapped[str] = mapped_column(Text, default="")


class ServiceSecret(Base):
    """A secret the service makes once and hands out (the bank-wide person-match key)."""

    __tablename__ = "service_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
