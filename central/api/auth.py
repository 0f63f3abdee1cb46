"""Who is calling: the desk behind a request's bearer token (401 without a valid one)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central.domain.ownership import DeskRef
from central.errors import CentralError
from central.services.desks import desk_for_token
from central.store.db import Store

bearer = HTTPBearer(auto_error=False, description="the desk token received at enrolment")


def current_desk(request: Request,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> DeskRef:
    """The desk presenting the request's token; 401 without a valid one."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise CentralError("authorization", "a desk token is required (Authorization: Bearer ...)",
                           "unauthenticated", 401)
    store: Store = request.app.state.store
    with store.reading() as session:
        desk = desk_for_token(session, credentials.credentials)
    if desk is None:
        raise CentralError("authorization", "the desk token is unknown or revoked", "unauthenticated", 401)
    return desk


CurrentDesk = Annotated[DeskRef, Depends(current_desk)]
