"""The /api/v1 routes: health, enrolment, push and pull of events, cases, audit check."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse

from app.clock import beijing_date
from app.contract.api import (
    MAX_PULL_LIMIT,
    ActionResult,
    CaseActionRequest,
    CaseSummary,
    Enrolled,
    Enrolment,
    Health,
    PersonMatchKey,
    Problem,
    PullPage,
    PushBatch,
    PushResult,
)
from central.api.auth import CurrentDesk
from central.errors import CentralError
from central.services import actions, audit, cases, desks, events, recordings, secrets
from central.store.db import Store

router = APIRouter()
CURSOR_MAX = 2**31 - 1
#: A case number or case uuid.
CASE_REF = r"^[0-9A-Za-z-]*$"
PROBLEMS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "no valid desk token"},
    413: {"model": Problem, "description": "request body too large"},
}


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _now(request: Request) -> datetime:
    clock: Callable[[], datetime] = request.app.state.clock
    return clock()


@router.get("/health", response_model=Health, tags=["service"])
def health() -> Health:
    """Unauthenticated liveness check (also says which contract version the service speaks)."""
    return Health()


@router.post("/enrol", response_model=Enrolled, tags=["desks"],
             responses={403: {"model": Problem, "description": "code unknown, used, expired or for another desk"},
                        413: PROBLEMS[413], 422: {"description": "malformed request or key"}})
def enrol(request: Request, body: Enrolment) -> Enrolled:
    """Exchange a one-time enrolment code for this desk's token (shown once; the service keeps its hash)."""
    with _store(request).transaction() as session:
        return desks.enrol(session, body, _now(request))


@router.post("/events", response_model=PushResult, tags=["events"],
             responses={**PROBLEMS, 409: {"model": PushResult,
                                          "description": "some events were rejected (the others are stored)"}})
def push_events(request: Request, desk: CurrentDesk, body: PushBatch) -> Any:
    """Push a batch of case events; each is accepted, a duplicate (replay) or rejected with a reason."""
    now = _now(request)
    with _store(request).transaction() as session:
        result = events.push(session, desk, body, now=now, today=beijing_date(now))
    if result.rejected:
        return JSONResponse(result.model_dump(mode="json"), status_code=409)
    return result


@router.get("/events", response_model=PullPage, tags=["events"], responses=PROBLEMS)
def pull_events(request: Request, desk: CurrentDesk,
                after: Annotated[int, Query(ge=0, le=CURSOR_MAX, description="the last cursor already seen")] = 0,
                limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 500) -> Any:
    """Every event this desk may see with a cursor after ``after``, oldest first."""
    with _store(request).reading() as session:
        return JSONResponse(events.pull(session, desk, after=after, limit=limit))


@router.get("/cases", response_model=list[CaseSummary], tags=["cases"], responses=PROBLEMS)
def list_cases(request: Request, desk: CurrentDesk,
               state: Annotated[str, Query(max_length=20, pattern=r"^[a-z_]*$")] = "",
               after: Annotated[str, Query(max_length=40, pattern=CASE_REF,
                                           description="list after this case number")] = "",
               limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[CaseSummary]:
    """The cases this desk may see, by case number."""
    with _store(request).reading() as session:
        return cases.list_cases(session, viewer=desk, state=state, limit=limit, after_number=after)


CaseRef = Annotated[str, Path(max_length=40, pattern=CASE_REF, description="case number or case uuid")]


@router.get("/cases/{ref}", tags=["cases"],
            responses={**PROBLEMS, 404: {"model": Problem, "description": "no such case visible to this desk"}})
def show_case(request: Request, desk: CurrentDesk, ref: CaseRef) -> dict[str, Any]:
    """One case (by number or id) with its rebuilt file, events and recordings."""
    with _store(request).reading() as session:
        return cases.case_detail(session, cases.find_case(session, ref, desk))


@router.post("/cases/{ref}/actions", response_model=ActionResult, tags=["cases"],
             responses={**PROBLEMS, 404: {"model": Problem, "description": "no such case visible to this desk"},
                        409: {"model": Problem, "description": "refused: not the owner, or not allowed now"}})
def case_action(request: Request, desk: CurrentDesk, ref: CaseRef,
                body: CaseActionRequest) -> ActionResult:
    """Assign, transfer, accept, start, extend, pause, resume, decide, close or annotate a case now.

    Only the case's current owner may handle it; head office may also transfer a case to itself."""
    now = _now(request)
    with _store(request).transaction() as session:
        return actions.act(session, desk, ref, body.kind, body.content.model_dump(mode="json"), body.operator,
                           now=now, today=beijing_date(now))


@router.get("/cases/{ref}/recordings/{sha256}", tags=["recordings"],
            response_class=FileResponse,
            responses={**PROBLEMS, 404: {"model": Problem, "description": "no such stored recording visible"}})
def download_recording(request: Request, desk: CurrentDesk, ref: CaseRef,
                       sha256: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]) -> FileResponse:
    """A stored recording; verify it against its manifest (the ``/manifest`` next to it) before playing."""
    found = recordings.stored_recording(_store(request), desk, ref, sha256)
    return FileResponse(found.media, media_type="application/octet-stream", filename=found.media.name)


@router.get("/cases/{ref}/recordings/{sha256}/manifest", tags=["recordings"],
            response_class=FileResponse,
            responses={**PROBLEMS, 404: {"model": Problem, "description": "no such stored recording visible"}})
def download_manifest(request: Request, desk: CurrentDesk, ref: CaseRef,
                      sha256: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]) -> FileResponse:
    """The recording's signed manifest, exactly as the desk wrote it."""
    found = recordings.stored_recording(_store(request), desk, ref, sha256)
    return FileResponse(found.manifest, media_type="application/json")


@router.get("/person-match-key", response_model=PersonMatchKey, tags=["desks"],
            responses={**PROBLEMS, 403: {"model": Problem, "description": "only over TLS or from loopback"}})
def person_match_key(request: Request, desk: CurrentDesk) -> PersonMatchKey:
    """The bank-wide key of the person-match digest; handed out only over TLS or to a desk on loopback."""
    client = request.client.host if request.client else ""
    if request.url.scheme != "https" and not _loopback(client):
        raise CentralError("connection", "the person-match key is only handed out over TLS (or on loopback)",
                           "tls_required", 403)
    with _store(request).transaction() as session:
        return PersonMatchKey(key=secrets.person_match_key(session, _now(request)))


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@router.get("/audit/check", tags=["audit"],
            responses={**PROBLEMS, 403: {"model": Problem, "description": "head-office desks only"}})
def audit_check(request: Request, desk: CurrentDesk) -> dict[str, Any]:
    """Desks whose audit chain went backwards (seq decreased, or a hash at a seq changed)."""
    if not desk.head_office:
        raise CentralError("authorization", "only head-office desks may run the audit check", "forbidden", 403)
    with _store(request).reading() as session:
        findings = audit.check_chains(session)
    return {"ok": not findings, "findings": [f.__dict__ for f in findings]}
