"""Head office's workflow through the API and the CLI: ownership decides who may act."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import httpx
import pytest

from central.cli import main
from central.store.db import StoreConfig
from tests.central.cases import CLOSING, DECISION, DeskCase
from tests.central.conftest import cli_store_args
from tests.central.desks import EnrolledDesk, enrol
from tests.central.test_push_pull import push

DAY = date(2026, 11, 16)
HANDLER = {"staff_no": "H001", "name": "李总", "role": "head_office"}


def act(client: httpx.Client, desk: EnrolledDesk, number: str, kind: str,
        content: dict[str, Any] | None = None) -> httpx.Response:
    body: dict[str, Any] = {"kind": kind, "operator": HANDLER}
    if content is not None:
        body["content"] = content
    return client.post(f"/api/v1/cases/{number}/actions", json=body, headers=desk.headers)


@pytest.fixture
def desks(client: httpx.Client, store_config: StoreConfig,
          capsys: pytest.CaptureFixture[str]) -> dict[str, EnrolledDesk]:
    args = cli_store_args(store_config)
    return {"branch": enrol(client, capsys, args, "0591", "W01"),
            "other": enrol(client, capsys, args, "0592", "W01"),
            "head": enrol(client, capsys, args, "0001", "H01", head_office=True)}


def test_head_office_takes_a_case_up_and_works_it_through_the_api(client: httpx.Client,
                                                                 desks: dict[str, EnrolledDesk]) -> None:
    branch, other, head = desks["branch"], desks["other"], desks["head"]
    case = DeskCase("0591", "W01", DAY, 3)
    assert push(client, branch, case.created(), case.event("accept", {})).status_code == 200

    refused = act(client, head, case.number, "decide", DECISION)
    assert refused.status_code == 409
    assert refused.json()["code"] == "not_owner" and "handled by 0591" in refused.json()["detail"]
    assert act(client, other, case.number, "transfer", {"to": "0592", "reason": "x"}).status_code == 404

    up = act(client, head, case.number, "transfer", {"to": "HO", "reason": "涉及总行系统差错"})
    assert up.status_code == 200, up.text
    assert up.json()["case"]["owner"] == "HO" and up.json()["event"]["kind"] == "transfer"
    branch_decides = act(client, branch, case.number, "decide", DECISION)
    assert branch_decides.status_code == 409 and branch_decides.json()["code"] == "not_owner"

    steps = [("assign", {"handler": "H007 陈敏"}), ("extend", {"level": 1, "reason": "需调取总行系统日志"}),
             ("pause", {"reason": "送外部机构鉴定"}), ("resume", None), ("decide", DECISION), ("close", CLOSING)]
    states = []
    for kind, content in steps:
        answer = act(client, head, case.number, kind, content)
        assert answer.status_code == 200, (kind, answer.text)
        states.append(answer.json()["case"]["state"])
    assert states == ["accepted", "accepted", "paused", "in_progress", "decided", "closed"]
    shown = client.get(f"/api/v1/cases/{case.number}", headers=branch.headers).json()
    assert (shown["handler"], shown["extension_level"], shown["owner"]) == ("H007 陈敏", 1, "HO")
    # The registering branch pulls head office's events like any other.
    pulled = client.get("/api/v1/events", headers=branch.headers).json()["events"]
    assert [p["event"]["kind"] for p in pulled] == ["created", "accept", "transfer", "assign", "extend", "pause",
                                                    "resume", "decide", "close"]
    assert pulled[-2]["event"]["content"] == DECISION
    assert act(client, head, case.number, "pause", {"reason": "again"}).json()["code"] == "illegal_transition"


@pytest.mark.parametrize("kind, content", [("extend", {"level": 3, "reason": "x"}), ("pause", {}),
                                           ("decide", {"verified": "only one section"}), ("teleport", {})])
def test_wrong_action_input_is_422(client: httpx.Client, desks: dict[str, EnrolledDesk], kind: str,
                                   content: dict[str, Any]) -> None:
    case = DeskCase("0591", "W01", DAY, 1)
    push(client, desks["branch"], case.created())
    assert act(client, desks["branch"], case.number, kind, content).status_code == 422


def test_the_cli_acts_for_head_office(client: httpx.Client, desks: dict[str, EnrolledDesk],
                                      store_config: StoreConfig, capsys: pytest.CaptureFixture[str]) -> None:
    args = cli_store_args(store_config)
    case = DeskCase("0591", "W01", DAY, 4)
    assert push(client, desks["branch"], case.created(), case.event("accept", {})).status_code == 200
    who = ["--staff-no", "H001", "--name", "李总"]
    capsys.readouterr()
    assert main([*args, "case", "extend", case.number, "--level", "1", "--reason", "复杂", *who]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: case: case ") and err.rstrip().endswith("[not_owner]")
    assert len(err.strip().splitlines()) == 1
    assert main([*args, "case", "transfer", case.number, "--to", "HO", "--reason", "超出分行权限", *who]) == 0
    assert main([*args, "case", "assign", case.number, "--handler", "H007", *who]) == 0
    assert main([*args, "case", "extend", case.number, "--level", "2", "--reason", "特别复杂", *who]) == 2
    assert capsys.readouterr().err.rstrip().endswith("[extension_order]")
    assert main([*args, "case", "decide", case.number, *who,
                 *[x for k, v in DECISION.items() for x in (f"--{k}", v)]]) == 0
    assert main([*args, "case", "close", case.number, *who, "--root-cause", "系统差错", "--satisfaction",
                 "basically_satisfied", "--surveyed-by", "H002"]) == 0
    assert "closed" in capsys.readouterr().out
    assert main([*args, "case", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["state"], row["owner"], row["handler"]) == ("closed", "HO", "H007")
    assert main([*args, "case", "show", case.number, "--json"]) == 0
    kinds = [e["kind"] for e in json.loads(capsys.readouterr().out)["events"]]
    assert kinds == ["created", "accept", "transfer", "assign", "decide", "close"]
    assert main([*args, "desk", "list", "--json"]) == 0
    assert "00000000-0000" not in capsys.readouterr().out
    assert main([*args, "case", "accept", "0591-W01-20261116-0999", *who]) == 2
    assert "[not_found]" in capsys.readouterr().err
