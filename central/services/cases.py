"""Reading cases at the centre: lists filtered in SQL, one case with its events and recordings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.contract import events as ev
from app.contract.api import CaseSummary
from central.domain.ownership import DeskRef, may_see
from central.errors import CentralError
from central.services.events import case_events
from central.store.models import Case, Upload


def summary(case: Case) -> CaseSummary:
    return CaseSummary(id=case.id, number=case.number, branch=case.branch, desk=case.desk_code, state=case.state,
                       owner=case.owner, handler=case.handler, received_at=case.received_at,
                       nominal_due=case.nominal_due, legal_limit=case.legal_limit, paused=case.paused,
                       extension_level=case.extension_level, rules_version=case.rules_version,
                       updated_cursor=case.updated_cursor)


def list_cases(session: Session, *, viewer: DeskRef | None = None, branch: str = "", state: str = "",
               limit: int = 10000, after_number: str = "") -> list[CaseSummary]:
    """Cases by number; ``viewer`` None is the operator's CLI (sees all)."""
    query = select(Case).order_by(Case.number).limit(limit)
    if viewer is not None and not viewer.head_office:
        query = query.where(or_(Case.branch == viewer.branch, Case.owner == viewer.branch))
    if branch:
        query = query.where(or_(Case.branch == branch, Case.owner == branch))
    if state:
        query = query.where(Case.state == state)
    if after_number:
        query = query.where(Case.number > after_number)
    return [summary(c) for c in session.scalars(query)]


def find_case(session: Session, ref: str, viewer: DeskRef | None = None) -> Case:
    """The case with this number or id; NotFound also when the viewer may not see it (no existence leak)."""
    case = session.scalars(select(Case).where(or_(Case.number == ref, Case.id == ref))).first()
    if case is None or (viewer is not None and not may_see(viewer, case.branch, case.owner)):
        raise CentralError("case", f"no case {ref}", "not_found", 404)
    return case


def stored_hashes(session: Session, case_id: str) -> set[str]:
    """SHA-256 of the case's recordings verified and stored at the centre."""
    return set(session.scalars(select(Upload.sha256).where(Upload.case_id == case_id, Upload.stored.is_(True))))


def case_detail(session: Session, case: Case) -> dict[str, Any]:
    """The case summary, its rebuilt file, its events (id, kind, at, ...) and its recordings."""
    events = case_events(session, case.id)
    stored = stored_hashes(session, case.id)
    recordings = [
        {"sha256": e.content.sha256, "size": e.content.size_bytes, "file_name": e.content.file_name,
         "manifest_sha256": e.content.manifest_sha256, "stored": e.content.sha256 in stored}
        for _row, e in events
        if isinstance(e, ev.RecordingEvent) and e.content.what in ("attached", "recovered")
    ]
    return {
        **summary(case).model_dump(mode="json"),
        "file": case.detail,
        "events": [{"id": e.id, "kind": e.kind, "at": e.at.isoformat(), "seq": e.seq, "cursor": row.cursor,
                    "operator": e.operator.staff_no} for row, e in events],
        "recordings": recordings,
    }
