"""Enrolment binds a desk's identity: one-time codes, tokens stored hashed, re-enrolment revokes, revoke."""

from __future__ import annotations

import asyncio
import base64
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from central.api.app import create_app
from central.cli import main
from central.store.db import Store, StoreConfig
from central.store.models import Desk, EnrolmentCode
from tests.central.conftest import cli_store_args
from tests.central.desks import Clock, enrol, enrolment_body, issue_code


def test_code_exchanged_once_for_a_token_kept_only_hashed(
        client: httpx.Client, store: Store, store_config: StoreConfig, capsys: pytest.CaptureFixture[str]) -> None:
    args = cli_store_args(store_config)
    code = issue_code(capsys, args, "0591", "W01")
    body, _key, _receipt = enrolment_body(code, "0591", "W01")
    answer = client.post("/api/v1/enrol", json=body)
    assert answer.status_code == 200, answer.text
    enrolled = answer.json()
    assert enrolled["branch"] == "0591" and enrolled["desk"] == "W01" and enrolled["head_office"] is False
    assert enrolled["highest_case_seq"] == {}
    token = enrolled["token"]
    assert len(token) >= 32
    assert client.get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    replay = client.post("/api/v1/enrol", json={**body, "desk_uuid": body["desk_uuid"]})
    assert replay.status_code == 403 and replay.json()["code"] == "code_used"
    with store.reading() as s:
        desk = s.scalars(select(Desk)).one()
        codes = s.scalars(select(EnrolmentCode)).all()
    assert desk.token_hash != token and token not in desk.token_hash
    assert desk.recording_public_key == body["recording_public_key"]
    assert all(code not in c.code_hash for c in codes)
    assert main([*args, "desk", "list", "--json"]) == 0
    assert '"uuid": "' + body["desk_uuid"] in capsys.readouterr().out


def test_expired_unknown_and_other_desk_codes_are_refused(
        client: httpx.Client, clock: Clock, store_config: StoreConfig, capsys: pytest.CaptureFixture[str]) -> None:
    args = cli_store_args(store_config)
    code = issue_code(capsys, args, "0591", "W01")
    other = client.post("/api/v1/enrol", json=enrolment_body(code, "0591", "W02")[0])
    assert other.status_code == 403 and other.json()["code"] == "code_other_desk"
    unknown = client.post("/api/v1/enrol", json=enrolment_body("ABCDE-FGHJK-LMNPQ-RSTUV", "0591", "W01")[0])
    assert unknown.status_code == 403 and unknown.json()["code"] == "code_unknown"
    clock.shift = timedelta(hours=24, minutes=1)
    late = client.post("/api/v1/enrol", json=enrolment_body(code, "0591", "W01")[0])
    assert late.status_code == 403 and late.json()["code"] == "code_expired"
    clock.shift = timedelta(hours=23, minutes=59)
    assert client.post("/api/v1/enrol", json=enrolment_body(code, "0591", "W01")[0]).status_code == 200


def test_reinstalled_desk_needs_a_new_code_and_its_enrolment_revokes_the_old_token(
        client: httpx.Client, store_config: StoreConfig, capsys: pytest.CaptureFixture[str]) -> None:
    args = cli_store_args(store_config)
    old = enrol(client, capsys, args, "0591", "W01")
    assert client.get("/api/v1/cases", headers=old.headers).status_code == 200
    new = enrol(client, capsys, args, "0591", "W01")
    assert new.uuid != old.uuid
    assert client.get("/api/v1/cases", headers=old.headers).status_code == 401
    assert client.get("/api/v1/cases", headers=new.headers).status_code == 200
    neighbour = enrol(client, capsys, args, "0591", "W02")
    assert main([*args, "desk", "revoke", "--branch", "0591", "--desk", "W01"]) == 0
    assert client.get("/api/v1/cases", headers=new.headers).status_code == 401
    assert client.get("/api/v1/cases", headers=neighbour.headers).status_code == 200
    capsys.readouterr()
    assert main([*args, "desk", "list"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in listing] == ["0591-W01", "0591-W01", "0591-W02"]
    assert "replaced by a new enrolment" in listing[0] and "revoked by the administrator" in listing[1]
    assert listing[2].endswith("active")


def test_an_unused_code_dies_with_a_revoke(client: httpx.Client, store_config: StoreConfig,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    args = cli_store_args(store_config)
    code = issue_code(capsys, args, "0591", "W03")
    assert main([*args, "desk", "revoke", "--branch", "0591", "--desk", "W03"]) == 0
    answer = client.post("/api/v1/enrol", json=enrolment_body(code, "0591", "W03")[0])
    assert answer.status_code == 403 and answer.json()["code"] == "code_expired"


@pytest.mark.parametrize("change, field", [
    ({"recording_public_key": "AAAA"}, "recording_public_key"),
    ({"desk_uuid": "not-a-uuid"}, "desk_uuid"),
    ({"branch": "0591; DROP TABLE desks"}, "branch"),
    ({"extra": 1}, "extra"),
    ({"code": None}, "code"),
    ({"desk_uuid": "00000000-0000-0000-0000-000000000000"}, "reserved"),
])
def test_malformed_enrolment_is_422_with_the_field(client: httpx.Client, change: dict[str, object],
                                                   field: str) -> None:
    body, _k, _r = enrolment_body("ABCDE-FGHJK-LMNPQ-RSTUV", "0591", "W01")
    answer = client.post("/api/v1/enrol", json={**body, **change})
    assert answer.status_code == 422
    assert field in answer.text


def test_request_bodies_are_size_limited(client: httpx.Client) -> None:
    huge = "x" * (70 * 1024)
    answer = client.post("/api/v1/enrol", content=b'{"code": "' + huge.encode() + b'"}',
                         headers={"content-type": "application/json"})
    assert answer.status_code == 413 and answer.json()["code"] == "body_too_large"

    def chunks() -> object:
        yield b'{"code": "'
        for _ in range(100):
            yield b"y" * 1024
        yield b'"}'

    streamed = client.post("/api/v1/enrol", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    assert client.get("/api/v1/health").status_code == 200
    garbage = client.post("/api/v1/enrol", content=b"\xff\xfe not json", headers={"content-type": "application/json"})
    assert garbage.status_code == 400 and "parsing the body" in garbage.json()["detail"]


def test_person_match_key_only_over_tls_or_loopback(client: httpx.Client, store: Store, store_config: StoreConfig,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    args = cli_store_args(store_config)
    one, two = enrol(client, capsys, args, "0591", "W01"), enrol(client, capsys, args, "0592", "W01")
    first = client.get("/api/v1/person-match-key", headers=one.headers)
    assert first.status_code == 200, first.text
    assert first.json()["algorithm"] == "HMAC-SHA256"
    assert len(base64.b64decode(first.json()["key"])) == 32
    assert client.get("/api/v1/person-match-key", headers=two.headers).json() == first.json()
    assert client.get("/api/v1/person-match-key").status_code == 401

    async def from_elsewhere(base_url: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(store), client=("10.20.30.40", 52000))
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as remote:
            return await remote.get("/api/v1/person-match-key", headers=one.headers)

    plain = asyncio.run(from_elsewhere("http://central.bank.example"))
    assert plain.status_code == 403 and plain.json()["code"] == "tls_required"
    assert "key" not in plain.text.replace("person-match key", "")
    secure = asyncio.run(from_elsewhere("https://central.bank.example"))
    assert secure.status_code == 200 and secure.json() == first.json()
