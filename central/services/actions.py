"""Changes made at the centre: head office's workflow (assign, transfer, extend, pause/resume,
decide, close ...) through the API or the CLI.

The centre writes the event itself and puts it through the very checks a pushed
event passes (ownership, state, extension order), so the owning desk pulls it
like any other event.  A refusal is a CentralError 409 carrying the reason.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.contract.api import ActionResult
from app.contract.events import HEAD_OFFICE, Operator
from central.domain.ownership import DeskRef
from central.errors import CentralError
from central.services.cases import find_case, summary
from central.services.desks import CENTRE_DESK_UUID
from central.services.events import EVENT, CaseBatch
from central.store.models import Desk, Event

def centre_desk(session: Session, now: datetime) -> DeskRef:
    """The service's own desk, created on first use: head office, branch HO, desk CLI."""
    row = session.scalars(select(Desk).where(Desk.desk_uuid == CENTRE_DESK_UUID)).first()
    if row is None:
        row = Desk(desk_uuid=CENTRE_DESK_UUID, branch=HEAD_OFFICE, desk_code="CLI", head_office=True,
                   token_hash="-" * 64, recording_public_key="", receipt_key="", enrolled_at=now,
                   revoked_at=None, revoked_reason="")
        session.add(row)
        session.flush()
    return DeskRef(row.id, row.desk_uuid, row.branch, row.desk_code, True)


def act(session: Session, desk: DeskRef, case_ref: str, kind: str, content: dict[str, Any],
        operator: Operator, *, now: datetime, today: date) -> ActionResult:
    """Make ``kind`` happen to the case now, as ``desk``; 404 when not visible, 409 when refused."""
    case = find_case(session, case_ref, desk)
    last = int(session.scalar(select(func.max(Event.seq)).where(Event.case_id == case.id)) or 0)
    raw = {"id": str(uuid.uuid4()), "case_id": case.id, "case_number": case.number, "seq": last + 1, "kind": kind,
           "at": now.isoformat(), "on": today.isoformat(), "operator": operator.model_dump(), "content": content}
    try:
        event = EVENT.validate_python(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"][1:]) or "content"
        raise CentralError(where, first["msg"], "invalid", 422) from None
    work = CaseBatch(session, desk, [event], today=today, now=now)
    refusal = work.check(event)
    if refusal is not None:
        raise CentralError("case", refusal.reason, refusal.code, 409 if refusal.conflict else 422)
    work.store(event)
    work.finish()
    return ActionResult(event=event, case=summary(find_case(session, case.id)))
