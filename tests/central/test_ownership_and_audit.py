"""Who sees and changes what (per-branch authorisation, ownership after a transfer), and audit anchoring."""

from __future__ import annotations

import json
from datetime import date

import httpx
import pytest

from central.cli import main
from central.store.db import StoreConfig
from tests.central.cases import CLOSING, DECISION, DeskCase
from tests.central.conftest import cli_store_args
from tests.central.desks import EnrolledDesk, enrol
from tests.central.test_push_pull import outcomes, push

DAY = date(2026, 11, 9)
HO_OPERATOR = {"staff_no": "H001", "name": "李总", "role": "handler"}


@pytest.fixture
def desks(client: httpx.Client, store_config: StoreConfig,
          capsys: pytest.CaptureFixture[str]) -> dict[str, EnrolledDesk]:
    args = cli_store_args(store_config)
    return {"fuzhou": enrol(client, capsys, args, "0591", "W01"),
            "xiamen": enrol(client, capsys, args, "0592", "W01"),
            "head": enrol(client, capsys, args, "0001", "H01", head_office=True)}


def test_a_branch_cannot_read_or_act_on_another_branchs_case(client: httpx.Client,
                                                             desks: dict[str, EnrolledDesk]) -> None:
    fuzhou, xiamen, head = desks["fuzhou"], desks["xiamen"], desks["head"]
    case = DeskCase("0591", "W01", DAY, 1)
    assert push(client, fuzhou, case.created()).status_code == 200
    assert client.get("/api/v1/cases", headers=xiamen.headers).json() == []
    assert client.get(f"/api/v1/cases/{case.number}", headers=xiamen.headers).status_code == 404
    assert client.get(f"/api/v1/cases/{case.id}", headers=xiamen.headers).status_code == 404
    assert client.get("/api/v1/events", headers=xiamen.headers).json()["events"] == []
    meddling = case.event("accept", {})
    answer = push(client, xiamen, meddling)
    assert answer.status_code == 409 and outcomes(answer) == [("rejected", "not_visible")]
    assert client.get(f"/api/v1/cases/{case.number}", headers=fuzhou.headers).json()["state"] == "registered"
    # Head office sees every branch's cases.
    assert [c["number"] for c in client.get("/api/v1/cases", headers=head.headers).json()] == [case.number]
    assert len(client.get("/api/v1/events", headers=head.headers).json()["events"]) == 1


def test_handling_belongs_to_the_current_owner(client: httpx.Client, desks: dict[str, EnrolledDesk],
                                               store_config: StoreConfig,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    fuzhou, xiamen, head = desks["fuzhou"], desks["xiamen"], desks["head"]
    case = DeskCase("0591", "W01", DAY, 1)
    assert push(client, fuzhou, case.created(), case.event("accept", {})).status_code == 200
    # Head office may not decide a case the branch still handles...
    early = push(client, head, case.event("decide", DECISION, operator=HO_OPERATOR))
    assert early.status_code == 409 and outcomes(early) == [("rejected", "not_owner")]
    assert "handled by 0591" in early.json()["results"][0]["reason"]
    # ...until the branch hands it up.
    up = push(client, fuzhou, case.event("transfer", {"to": "HO", "reason": "超出分行权限"}))
    assert outcomes(up) == [("accepted", "")]
    too_late = push(client, fuzhou, case.event("decide", DECISION))
    assert too_late.status_code == 409 and outcomes(too_late) == [("rejected", "not_owner")]
    # The branch still adds what it captured: notes and recordings.
    assert outcomes(push(client, fuzhou, case.event("note", {"text": "客户补充材料已扫描"}))) == [("accepted", "")]
    assert outcomes(push(client, head, case.event("assign", {"handler": "H007 陈敏"}, operator=HO_OPERATOR),
                         case.event("decide", DECISION, operator=HO_OPERATOR))) == [("accepted", "")] * 2
    # A branch outside the case never gets it; a transfer to it gives it the case.
    assert outcomes(push(client, xiamen, case.event("close", CLOSING))) == [("rejected", "not_visible")]
    assert outcomes(push(client, head, case.event("transfer", {"to": "0592", "reason": "账户在厦门分行"},
                                                  operator=HO_OPERATOR))) == [("accepted", "")]
    assert [c["number"] for c in client.get("/api/v1/cases", headers=xiamen.headers).json()] == [case.number]
    assert outcomes(push(client, xiamen, case.event("close", CLOSING))) == [("accepted", "")]
    args = cli_store_args(store_config)
    capsys.readouterr()
    assert main([*args, "case", "list", "--json", "--branch", "0592"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["state"], row["owner"], row["branch"]) == ("closed", "0592", "0591")
    assert main([*args, "case", "list", "--json", "--state", "registered"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_audit_tail_cut_or_rewritten_is_detected(client: httpx.Client, desks: dict[str, EnrolledDesk],
                                                 store_config: StoreConfig,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    fuzhou, xiamen, head = desks["fuzhou"], desks["xiamen"], desks["head"]
    args = cli_store_args(store_config)
    a, b = DeskCase("0591", "W01", DAY, 1), DeskCase("0592", "W01", DAY, 1)
    push(client, fuzhou, a.created(), audit_seq=5, audit_hash="1" * 64)
    push(client, fuzhou, a.event("accept", {}), audit_seq=9, audit_hash="2" * 64)
    push(client, xiamen, b.created(), audit_seq=3, audit_hash="3" * 64)
    push(client, xiamen, b.event("accept", {}), audit_seq=4, audit_hash="4" * 64)
    capsys.readouterr()
    assert main([*args, "audit", "check"]) == 0
    assert "ok" in capsys.readouterr().out
    assert client.get("/api/v1/audit/check", headers=head.headers).json() == {"ok": True, "findings": []}

    push(client, fuzhou, a.event("note", {"text": "x"}), audit_seq=7, audit_hash="5" * 64)   # tail cut
    push(client, xiamen, b.event("note", {"text": "y"}), audit_seq=4, audit_hash="6" * 64)   # entry 4 rewritten
    assert main([*args, "audit", "check", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert not report["ok"]
    found = {(f["branch"], f["desk"], f["code"]) for f in report["findings"]}
    assert found == {("0591", "W01", "seq_decreased"), ("0592", "W01", "hash_changed")}
    assert main([*args, "audit", "check"]) == 1
    assert "TAMPERED desk 0591-W01" in capsys.readouterr().out
    api = client.get("/api/v1/audit/check", headers=head.headers).json()
    assert api["ok"] is False and len(api["findings"]) == 2
    refused = client.get("/api/v1/audit/check", headers=fuzhou.headers)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
