"""Push of event batches with full content, the case rebuilt at the centre, pull since a cursor."""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from central.cli import main
from central.domain.casefile import rebuild
from central.services.events import case_events
from central.store.db import Store, StoreConfig
from central.store.models import Case
from tests.central.cases import CLOSING, DECISION, DeskCase, batch
from tests.central.conftest import cli_store_args
from tests.central.desks import EnrolledDesk, enrol

DAY = date(2026, 11, 2)


def push(client: httpx.Client, desk: EnrolledDesk, *events: dict[str, Any], **head: Any) -> httpx.Response:
    return client.post("/api/v1/events", json=batch(*events, **head), headers=desk.headers)


def outcomes(answer: httpx.Response) -> list[tuple[str, str]]:
    return [(r["outcome"], r["code"]) for r in answer.json()["results"]]


@pytest.fixture
def branch(client: httpx.Client, store_config: StoreConfig, capsys: pytest.CaptureFixture[str]) -> EnrolledDesk:
    return enrol(client, capsys, cli_store_args(store_config), "0591", "W01")


def test_a_case_lives_at_the_centre_from_its_events(
        client: httpx.Client, branch: EnrolledDesk, store: Store, store_config: StoreConfig,
        capsys: pytest.CaptureFixture[str]) -> None:
    case = DeskCase("0591", "W01", DAY, 7)
    events = [case.created(), case.event("accept", {}, on=DAY + timedelta(days=1)),
              case.event("extend", {"level": 1, "reason": "需调取录音"}, on=DAY + timedelta(days=3)),
              case.event("recording", {"what": "attached", "file_name": "rec.mkv", "sha256": "b" * 64,
                                       "manifest_sha256": "c" * 64, "size_bytes": 1234, "duration_s": 61.5}),
              case.event("decide", DECISION, on=DAY + timedelta(days=20)),
              case.event("close", CLOSING, on=DAY + timedelta(days=25))]
    answer = push(client, branch, *events)
    assert answer.status_code == 200, answer.text
    assert outcomes(answer) == [("accepted", "")] * 6

    args = cli_store_args(store_config)
    capsys.readouterr()
    assert main([*args, "case", "list", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert (listed["number"], listed["branch"], listed["state"], listed["owner"]) == (case.number, "0591", "closed",
                                                                                      "0591")
    # Extended to 30 days on 2026-11-02: nominal 2026-12-02 (a Wednesday, no roll).
    assert listed["nominal_due"] == "2026-12-02" and listed["extension_level"] == 1
    assert main([*args, "case", "show", case.number, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [(e["id"], e["kind"]) for e in shown["events"]] == [(e["id"], e["kind"]) for e in events]
    assert all(e["at"] for e in shown["events"])
    assert shown["recordings"] == [{"sha256": "b" * 64, "size": 1234, "file_name": "rec.mkv",
                                    "manifest_sha256": "c" * 64, "stored": False}]
    file = shown["file"]
    assert file["decision"] == DECISION
    assert (file["root_cause"], file["rectification"], file["satisfaction"]) == (
        CLOSING["root_cause"], CLOSING["rectification"], "satisfied")
    assert file["intake"]["complainant"]["name"] == "张三" and file["intake"]["facts"].startswith("2026年10月")

    with store.reading() as s:
        row = s.get(Case, case.id)
        assert row is not None
        rebuilt = rebuild([e for _r, e in case_events(s, case.id)], branch.uuid)
    assert rebuilt.to_json() == row.detail


def test_replays_are_no_ops_and_a_reused_id_is_refused(client: httpx.Client, branch: EnrolledDesk,
                                                       store: Store) -> None:
    case = DeskCase("0591", "W01", DAY, 1)
    events = [case.created(), case.event("accept", {})]
    assert push(client, branch, *events).status_code == 200
    again = push(client, branch, *events)
    assert again.status_code == 200 and outcomes(again) == [("duplicate", ""), ("duplicate", "")]
    assert again.json()["duplicates"] == 2
    twice = push(client, branch, events[1], events[1])
    assert outcomes(twice) == [("duplicate", ""), ("duplicate", "repeated_in_batch")]
    forged = dict(events[1], content={"reason": "changed afterwards"})
    refused = push(client, branch, forged)
    assert refused.status_code == 409 and outcomes(refused) == [("rejected", "id_reused")]
    with store.reading() as s:
        assert len(case_events(s, case.id)) == 2


def test_one_bad_event_does_not_block_the_good_ones(client: httpx.Client, branch: EnrolledDesk) -> None:
    good, bad = DeskCase("0591", "W01", DAY, 1), DeskCase("0591", "W01", DAY, 2)
    crowd = DeskCase("0591", "W01", DAY, 3)
    person = {"name": "李四", "id_number": "11010519491231002X", "phone": "13900000000"}
    answer = push(client, branch, good.created(), bad.created(rules_version="CN-2031-unknown"),
                  good.event("close", CLOSING), crowd.created(representatives=[person] * 6))
    assert answer.status_code == 409
    assert outcomes(answer) == [("accepted", ""), ("rejected", "unknown_rules_version"),
                                ("rejected", "illegal_transition"), ("rejected", "too_many_representatives")]
    assert "not known" in answer.json()["results"][1]["reason"]
    assert [c["number"] for c in client.get("/api/v1/cases", headers=branch.headers).json()] == [good.number]


def test_reinstalled_desk_continues_numbering_and_cannot_take_a_number(
        client: httpx.Client, branch: EnrolledDesk, store_config: StoreConfig,
        capsys: pytest.CaptureFixture[str]) -> None:
    cases = [DeskCase("0591", "W01", DAY, n) for n in (1, 2, 5)] + [DeskCase("0591", "W01", DAY + timedelta(1), 3)]
    assert push(client, branch, *[c.created() for c in cases]).status_code == 200
    reinstalled = enrol(client, capsys, cli_store_args(store_config), "0591", "W01")
    assert reinstalled.answer["highest_case_seq"] == {"20261102": 5, "20261103": 3}
    clash = DeskCase("0591", "W01", DAY, 5)
    answer = push(client, reinstalled, clash.created(facts="另一位客户的事实"))
    assert answer.status_code == 409
    [result] = answer.json()["results"]
    assert result["code"] == "case_number_taken" and "another desk" in result["reason"]
    shown = client.get(f"/api/v1/cases/{clash.number}", headers=reinstalled.headers).json()
    assert shown["id"] == cases[2].id and shown["file"]["intake"]["facts"].startswith("2026年10月")
    # Its own numbers from a foreign desk code are refused too.
    foreign = DeskCase("0591", "W02", DAY, 1)
    assert outcomes(push(client, reinstalled, foreign.created())) == [("rejected", "not_your_number")]
    assert outcomes(push(client, reinstalled, DeskCase("0591", "W01", DAY, 6).created())) == [("accepted", "")]


def test_pull_pages_by_server_cursor(client: httpx.Client, branch: EnrolledDesk) -> None:
    cases = [DeskCase("0591", "W01", DAY, n) for n in range(1, 6)]
    pushed = [e for c in cases for e in (c.created(), c.event("accept", {}), c.event("note", {"text": "已电话联系"}))]
    assert push(client, branch, *pushed[:8]).status_code == 200
    assert push(client, branch, *pushed[8:]).status_code == 200
    seen: list[str] = []
    cursors: list[int] = []
    after, pages = 0, 0
    while True:
        page = client.get("/api/v1/events", params={"after": after, "limit": 4}, headers=branch.headers).json()
        pages += 1
        seen += [p["event"]["id"] for p in page["events"]]
        cursors += [p["cursor"] for p in page["events"]]
        after = page["next_cursor"]
        if not page["more"]:
            break
    assert pages == 4 and seen == [e["id"] for e in pushed]
    assert cursors == sorted(set(cursors))
    assert client.get("/api/v1/events", params={"after": after}, headers=branch.headers).json()["events"] == []
    first = client.get("/api/v1/events", params={"limit": 1}, headers=branch.headers).json()["events"][0]
    assert first["event"] == pushed[0] | {"content": first["event"]["content"]}
    assert first["event"]["content"]["complainant"]["id_number"] == "11010519491231002X"
    assert first["desk_uuid"] == branch.uuid


@pytest.mark.parametrize("params", [{"after": -1}, {"limit": 0}, {"limit": 100000}, {"after": "x"},
                                    {"after": 2**40}])
def test_pull_with_wrong_parameters_is_422(client: httpx.Client, branch: EnrolledDesk,
                                          params: dict[str, object]) -> None:
    assert client.get("/api/v1/events", params=params, headers=branch.headers).status_code == 422


@pytest.mark.parametrize("change", [
    {"at": "2026-11-02T10:00:00"},                    # no time zone
    {"kind": "teleport"},
    {"case_number": "0591-W01-2026-1"},
    {"content": {"reason": "x" * 20000}},
    {"seq": 0},
])
def test_malformed_events_are_422(client: httpx.Client, branch: EnrolledDesk, change: dict[str, Any]) -> None:
    case = DeskCase("0591", "W01", DAY, 1)
    event = case.event("accept", {}) | change
    answer = push(client, branch, event)
    assert answer.status_code == 422
    assert client.get("/api/v1/cases", headers=branch.headers).json() == []


def test_one_event_per_push_builds_the_same_case_as_one_batch(client: httpx.Client, branch: EnrolledDesk,
                                                               store: Store) -> None:
    together, apart = DeskCase("0591", "W01", DAY, 1), DeskCase("0591", "W01", DAY, 2)

    def timeline(case: DeskCase) -> list[dict[str, Any]]:
        return [case.created(), case.event("accept", {}), case.event("extend", {"level": 1, "reason": "复杂"}),
                case.event("pause", {"reason": "鉴定"}, on=DAY + timedelta(days=2)),
                case.event("resume", {}, on=DAY + timedelta(days=6)),
                case.event("new_facts", {"facts": "补充了新的交易记录"}, on=DAY + timedelta(days=8)),
                case.event("extend", {"level": 2, "reason": "特别复杂", "approver": "2048"})]

    assert push(client, branch, *timeline(together)).status_code == 200
    for event in timeline(apart):
        assert push(client, branch, event).status_code == 200
    with store.reading() as s:
        one, other = s.get(Case, together.id), s.get(Case, apart.id)
        assert one is not None and other is not None
        skip = {"id", "number"}
        assert {k: v for k, v in one.detail.items() if k not in skip} == {
            k: v for k, v in other.detail.items() if k not in skip}
        assert (other.extension_level, len(other.detail["pauses"]), other.detail["new_facts_on"]) == (
            2, 1, ["2026-11-10"])
        # 60 days from the new facts (2026-11-10), plus the 4 paused days before them do not count.
        assert other.nominal_due == one.nominal_due == date(2027, 1, 9)


@pytest.mark.parametrize("change", [
    {"content": {"text": "NUL\x00inside"}},           # PostgreSQL text cannot hold NUL
    {"operator": {"staff_no": "0001", "name": "王\x00芳", "role": "receptionist"}},
])
def test_values_no_store_can_keep_are_422(client: httpx.Client, branch: EnrolledDesk,
                                          change: dict[str, Any]) -> None:
    case = DeskCase("0591", "W01", DAY, 1)
    assert push(client, branch, case.created()).status_code == 200
    answer = push(client, branch, case.event("note", {"text": "ok"}) | change)
    assert answer.status_code == 422 and "NUL" in answer.text
    huge_head = push(client, branch, case.event("note", {"text": "ok"}), audit_seq=2**40)
    assert huge_head.status_code == 422
    assert client.get("/api/v1/cases", params={"state": "closed\x00"}, headers=branch.headers).status_code == 422
    assert client.get("/api/v1/cases/0591%00", headers=branch.headers).status_code == 422


def test_desks_pushing_at_once_lose_nothing_and_cursors_follow_commits(
        client: httpx.Client, store_config: StoreConfig, capsys: pytest.CaptureFixture[str]) -> None:
    args = cli_store_args(store_config)
    desks = [enrol(client, capsys, args, f"07{n:02d}", "W01") for n in range(6)]
    head = enrol(client, capsys, args, "0001", "H01", head_office=True)

    def timeline(case: DeskCase) -> list[dict[str, Any]]:
        return [case.created(), case.event("accept", {}), case.event("note", {"text": "已核实"})]

    loads = [[e for k in range(1, 9) for e in timeline(DeskCase(d.branch, "W01", DAY, k))] for d in desks]
    failures: list[str] = []

    def run(desk: EnrolledDesk, events: list[dict[str, Any]]) -> None:
        with httpx.Client(base_url=client.base_url, timeout=120) as own:
            for start in range(0, len(events), 6):
                answer = own.post("/api/v1/events", json=batch(*events[start:start + 6]), headers=desk.headers)
                if answer.status_code != 200:
                    failures.append(answer.text)

    threads = [threading.Thread(target=run, args=(d, load)) for d, load in zip(desks, loads, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    page = client.get("/api/v1/events", params={"limit": 1000}, headers=head.headers).json()
    cursors = [p["cursor"] for p in page["events"]]
    assert len(cursors) == 6 * 8 * 3 and cursors == sorted(set(cursors))
    # Each desk's events come back in the order it sent them.
    for desk, load in zip(desks, loads, strict=True):
        mine = [p["event"]["id"] for p in page["events"] if p["desk_uuid"] == desk.uuid]
        assert mine == [e["id"] for e in load]
