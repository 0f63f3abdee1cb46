"""The service's skeleton: its CLI on both stores, the health check, the OpenAPI document, token-only access."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import httpx

from central.cli import main
from central.store.db import StoreConfig
from tests.central.conftest import cli_store_args
from tests.central.desks import issue_code


def test_desk_add_prints_a_code_as_last_word_and_desk_list_shows_no_desk_until_enrolled(
        store_config: StoreConfig, capsys: pytest.CaptureFixture[str]) -> None:
    args = cli_store_args(store_config)
    first = issue_code(capsys, args, "0591", "W01")
    second = issue_code(capsys, args, "0591", "W01")
    assert len(first) >= 16 and first != second
    assert main([*args, "desk", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main([*args, "case", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main([*args, "audit", "check"]) == 0
    assert "ok" in capsys.readouterr().out
    # The plain listing says which desks are expected (the code itself is never shown again).
    assert main([*args, "desk", "list"]) == 0
    listing = capsys.readouterr().out
    assert listing.count("0591-W01\tbranch\t-\twaiting for enrolment") == 2
    assert first not in listing and second not in listing


@pytest.mark.parametrize("argv, line", [
    (["desk", "add", "--branch", "05-91", "--desk", "W01"], "error: branch: must be 2-10 digits"),
    (["desk", "add", "--branch", "HO", "--desk", "W01"], "error: branch: HO is reserved"),
    (["desk", "add", "--branch", "0591", "--desk", "w01"], "error: desk: must be 1-6 digits"),
    (["desk", "revoke", "--branch", "0591", "--desk", "W09"], "error: desk: no enrolled desk 0591-W09 [not_found]"),
    (["case", "show", "0591-W01-20261201-0001"], "error: case: no case 0591-W01-20261201-0001 [not_found]"),
    (["case", "frobnicate"], "error: usage: argument ACTION: invalid choice"),
    (["serve", "--tls-cert", "/nonexistent.pem"], "error: tls: give both --tls-cert and --tls-key"),
])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
        store_config: StoreConfig, capsys: pytest.CaptureFixture[str], argv: list[str], line: str) -> None:
    args = cli_store_args(store_config)
    capsys.readouterr()
    assert main([*args, *argv]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(line), captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert "Traceback" not in captured.err
    assert main([*args, "desk", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("url", ["mysql://u@h/db", "not a url"])
def test_unsupported_database_url_is_refused_in_one_line(capsys: pytest.CaptureFixture[str], url: str) -> None:
    assert main(["--database-url", url, "desk", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: database_url: ") and err.rstrip().endswith("[bad_url]")


def test_database_url_from_the_environment(store_config: StoreConfig, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLAINT_CENTRAL_DATABASE_URL", store_config.url)
    issue_code(capsys, [], "0591", "W02")
    # The URL wins over a data folder (which is never created).
    assert main(["--data-dir", "/nonexistent/never-created", "audit", "check"]) == 0
    assert not Path("/nonexistent/never-created").exists()
    if store_config.is_sqlite:
        assert (store_config.data_dir / "central.sqlite3").is_file()


def test_health_needs_no_token_everything_else_does(client: httpx.Client) -> None:
    health = client.get("/api/v1/health")
    assert health.status_code == 200 and health.json() == {"status": "ok", "contract": 1}
    for method, path in [("GET", "/api/v1/events"), ("POST", "/api/v1/events"), ("GET", "/api/v1/cases"),
                         ("GET", "/api/v1/cases/0591-W01-20261201-0001"), ("GET", "/api/v1/audit/check")]:
        answer = client.request(method, path, json={} if method == "POST" else None)
        assert answer.status_code == 401, (method, path, answer.text)
        assert answer.headers["www-authenticate"] == "Bearer"
        assert answer.json()["code"] == "unauthenticated"
    wrong = client.get("/api/v1/cases", headers={"Authorization": "Bearer not-a-token"})
    assert wrong.status_code == 401


def test_openapi_document_is_served_under_the_version(client: httpx.Client) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["info"]["version"] == "1"
    assert {"/api/v1/health", "/api/v1/enrol", "/api/v1/events", "/api/v1/cases",
            "/api/v1/cases/{ref}", "/api/v1/audit/check"} <= set(doc["paths"])
    assert "HTTPBearer" in doc["components"]["securitySchemes"]
