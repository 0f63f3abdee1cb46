"""Schemathesis over the served OpenAPI document: generated requests never get a server error.

A short, bounded run (a few examples per operation, on both stores) through a real
server with a head-office token, so authorised paths are exercised too.  Driven
through Hypothesis directly: schemathesis' pytest plugin does not run under pytest 9.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from central.store.db import Store, StoreConfig
from tests.central.cases import DeskCase, batch
from tests.central.conftest import cli_store_args
from tests.central.desks import enrol
from tests.central.server import running_service

EXAMPLES_PER_OPERATION = 15


@pytest.fixture
def served(store: Store, store_config: StoreConfig, capsys: pytest.CaptureFixture[str]) -> Iterator[dict[str, str]]:
    """A running service with one case in it, and a head-office desk's headers."""
    from datetime import date

    with running_service(store) as base_url, httpx.Client(base_url=base_url, timeout=60) as client:
        args = cli_store_args(store_config)
        branch = enrol(client, capsys, args, "0591", "W01")
        head = enrol(client, capsys, args, "0001", "H01", head_office=True)
        case = DeskCase("0591", "W01", date(2026, 11, 20), 1)
        assert client.post("/api/v1/events", json=batch(case.created(), case.event("accept", {})),
                           headers=branch.headers).status_code == 200
        yield {"base_url": base_url, **head.headers}


def test_no_request_gets_a_server_error(served: dict[str, str]) -> None:
    schema = schemathesis.openapi.from_url(f"{served['base_url']}/api/v1/openapi.json")
    auth = {"Authorization": served["Authorization"]}
    checked: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def no_server_error(case: schemathesis.Case) -> None:
            case.call_and_validate(base_url=served["base_url"], headers=auth, checks=[not_a_server_error])

        no_server_error()
        checked.append(operation.label)
    assert len(checked) >= 8, checked
