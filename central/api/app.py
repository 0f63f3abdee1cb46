"""The FastAPI application of the central service (``create_app``), versioned under /api/v1.

Everything but the health check and enrolment needs a desk token
(``Authorization: Bearer ...``); wrong input answers 4xx with a reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError

from app.contract import CONTRACT_VERSION
from app.contract.api import Problem
from central.api.limits import BodySizeLimit
from central.api.routes import router
from central.api.uploads import router as uploads_router
from central.errors import CentralError
from central.store.db import Store

API = "/api/v1"
log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def create_app(store: Store, *, clock: Callable[[], datetime] = utc_now) -> FastAPI:
    """The service on ``store``; ``clock`` is replaceable in tests (code expiry)."""
    app = FastAPI(title="Complaint Desk central ticket service", version=f"{CONTRACT_VERSION}",
                  openapi_url=f"{API}/openapi.json", docs_url=f"{API}/docs", redoc_url=None)
    app.state.store = store
    app.state.clock = clock
    app.include_router(router, prefix=API)
    app.include_router(uploads_router, prefix=API)
    app.add_middleware(BodySizeLimit)

    @app.exception_handler(CentralError)
    async def central_error(_request: Request, exc: CentralError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(Problem(code=exc.code, detail=exc.message, field=exc.field).model_dump(),
                            status_code=exc.status, headers=headers)

    @app.exception_handler(DataError)
    async def value_refused(_request: Request, exc: DataError) -> JSONResponse:
        # A safety net behind the contract's own limits: the database refused a value.
        log.warning("store refused a value: %s", type(exc.orig).__name__ if exc.orig is not None else "unknown")
        return JSONResponse(Problem(code="value_refused", detail="a value is out of range for the store",
                                    field="").model_dump(), status_code=422)

    @app.exception_handler(OperationalError)
    async def store_busy(_request: Request, exc: OperationalError) -> JSONResponse:
        # The database is locked by another process or unreachable: nothing was
        # written (the transaction rolled back), so the desk may simply retry.
        log.warning("store unavailable: %s", type(exc.orig).__name__ if exc.orig is not None else "unknown")
        return JSONResponse(Problem(code="store_unavailable", detail="the store is busy or unreachable; retry later",
                                    field="").model_dump(), status_code=503, headers={"Retry-After": "5"})

    return app
