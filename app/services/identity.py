"""The desk's identity and its operators."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import secrets
from app.clock import Clock
from app.db.models import DeskIdentity, Operator
from app.errors import NotFound, NotInitialised, Problem, ValidationError
from app.domain.text import excerpt
from app.roles import Role
from app.services.action_text import checked_text
from app.services.audit import append_audit

BRANCH_RE = re.compile(r"^[0-9A-Z]{2,10}$")
DESK_RE = re.compile(r"^[0-9A-Z]{1,6}$")
SYSTEM_OPERATOR = "system"
OPERATOR_NAME_MAX = 50


@dataclass(frozen=True)
class DeskInfo:
    """A plain snapshot of the desk identity for services, reports and the UI."""

    desk_uuid: str
    bank_name: str
    branch_code: str
    branch_name: str
    desk_code: str


@dataclass(frozen=True)
class Actor:
    """The operator doing something now (a plain snapshot, safe to pass between threads)."""

    operator_id: str
    staff_no: str
    name: str
    role: str


def _snapshot(row: DeskIdentity) -> DeskInfo:
    return DeskInfo(row.desk_uuid, row.bank_name, row.branch_code, row.branch_name, row.desk_code)


def get_desk_info(session: Session) -> DeskInfo | None:
    row = session.get(DeskIdentity, 1)
    return _snapshot(row) if row else None


def require_desk_info(session: Session) -> DeskInfo:
    info = get_desk_info(session)
    if info is None:
        raise NotInitialised(
            "this desk has no identity yet: run `complaint-desk init --branch CODE "
            "--branch-name NAME --desk CODE` or open the app to set it up"
        )
    return info


def validate_identity(branch_code: str, branch_name: str, desk_code: str) -> tuple[str, str, str]:
    problems: list[Problem] = []
    b = branch_code.strip().upper()
    d = desk_code.strip().upper()
    n = checked_text(branch_name, "branch_name", problems, limit=100, required=True, multiline=False)
    if not BRANCH_RE.match(b):
        problems.append(Problem("branch_code_format", "branch_code",
                                "branch code must be 2-10 letters or digits"))
    if not DESK_RE.match(d):
        problems.append(Problem("desk_code_format", "desk_code", "desk code must be 1-6 letters or digits"))
    if problems:
        raise ValidationError(problems)
    return b, n, d


def set_desk_identity(
    session: Session, clock: Clock, *, branch_code: str, branch_name: str, desk_code: str,
    bank_name: str = "", actor_id: str = SYSTEM_OPERATOR,
) -> DeskInfo:
    """Create or change the desk identity (existing case numbers keep their old prefix)."""
    b, n, d = validate_identity(branch_code, branch_name, desk_code)
    problems: list[Problem] = []
    bank_name = checked_text(bank_name, "bank_name", problems, limit=100, multiline=False)
    if problems:
        raise ValidationError(problems)
    now = clock()
    row = session.get(DeskIdentity, 1)
    before = _snapshot(row) if row else None
    if row is None:
        # The uuid of desk.id, which names this desk's keys (app.keys.establish_desk_uuid).
        row = DeskIdentity(id=1, desk_uuid=secrets.bound_desk(), branch_code=b, branch_name=n, desk_code=d,
                           bank_name=bank_name,
                           created_at=now, updated_at=now)
        session.add(row)
    else:
        row.branch_code, row.branch_name, row.desk_code = b, n, d
        row.bank_name = bank_name or row.bank_name
        row.updated_at = now
    session.flush()
    append_audit(session, at=now, operator_id=actor_id, action="desk.identity_set",
                 details={"branch_code": b, "branch_name": n, "desk_code": d,
                          "previous": None if before is None else
                          {"branch_code": before.branch_code, "desk_code": before.desk_code}})
    return _snapshot(row)


def add_operator(session: Session, clock: Clock, *, staff_no: str, name: str, role: str,
                 actor_id: str = SYSTEM_OPERATOR) -> Actor:
    problems: list[Problem] = []
    staff_no = staff_no.strip()
    if not re.match(r"^[0-9A-Za-z]{1,20}$", staff_no):
        problems.append(Problem("staff_no_format", "staff_no", "staff number must be 1-20 letters or digits"))
    name = checked_text(name, "name", problems, limit=OPERATOR_NAME_MAX, required=True, multiline=False)
    try:
        Role(role)
    except ValueError:
        problems.append(Problem("unknown_role", "role", f"unknown role {excerpt(role)!r}",
                                {"allowed": [r.value for r in Role]}))
    if not problems and session.scalar(select(Operator).where(Operator.staff_no == staff_no)):
        problems.append(Problem("duplicate", "staff_no", f"staff number {staff_no} exists already"))
    if problems:
        raise ValidationError(problems)
    op = Operator(staff_no=staff_no, name=name, role=role, active=True, created_at=clock())
    session.add(op)
    session.flush()
    append_audit(session, at=clock(), operator_id=actor_id, action="operator.added",
                 details={"operator_id": op.id, "staff_no": staff_no, "role": role})
    return Actor(op.id, op.staff_no, op.name, op.role)


def list_operators(session: Session) -> list[Actor]:
    rows = session.scalars(select(Operator).where(Operator.active.is_(True)).order_by(Operator.staff_no))
    return [Actor(o.id, o.staff_no, o.name, o.role) for o in rows]


def get_actor(session: Session, *, staff_no: str | None = None, operator_id: str | None = None) -> Actor:
    stmt = select(Operator)
    if staff_no is not None:
        stmt = stmt.where(Operator.staff_no == staff_no)
    elif operator_id is not None:
        stmt = stmt.where(Operator.id == operator_id)
    else:
        stmt = stmt.where(Operator.active.is_(True)).order_by(Operator.created_at).limit(1)
    op = session.scalars(stmt).first()
    if op is None:
        raise NotFound(f"no operator {staff_no or operator_id or ''}".strip(), field="operator")
    return Actor(op.id, op.staff_no, op.name, op.role)
