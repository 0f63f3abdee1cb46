"""Fixtures of the central service's tests: every store-backed test runs on SQLite and on PostgreSQL.

PostgreSQL is the private cluster scripts/test starts (COMPLAINT_CENTRAL_TEST_PG_URL);
each test gets a schema of its own, dropped afterwards.  Run outside scripts/test
without that variable, the PostgreSQL half is skipped (and fails under CI=true).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from central.store.db import Store, StoreConfig, resolve_store
from tests.central.desks import Clock
from tests.central.server import running_service

PG_ENV = "COMPLAINT_CENTRAL_TEST_PG_URL"


def _pg_url() -> str:
    url = os.environ.get(PG_ENV, "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} is not set: run the tests through scripts/test (it starts PostgreSQL)")
        pytest.skip(f"PostgreSQL half: {PG_ENV} not set (scripts/test starts a private cluster)")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_config(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreConfig]:
    """A fresh, empty store on each backend."""
    data_dir = tmp_path / "central"
    if request.param == "sqlite":
        yield resolve_store(str(data_dir), None)
        return
    base = _pg_url()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield resolve_store(str(data_dir), url.render_as_string(hide_password=False))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(store_config: StoreConfig) -> Iterator[Store]:
    opened = Store(store_config)
    yield opened
    opened.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(store: Store, clock: Clock) -> Iterator[httpx.Client]:
    """An HTTP client of the service on ``store``, served by uvicorn on 127.0.0.1."""
    with running_service(store, clock) as base_url, httpx.Client(base_url=base_url, timeout=60) as c:
        yield c


def cli_store_args(config: StoreConfig) -> list[str]:
    """The global options that point ``complaint-central`` at ``config``'s store."""
    return ["--data-dir", str(config.data_dir)] if config.is_sqlite else ["--database-url", config.url]
