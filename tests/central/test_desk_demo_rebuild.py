"""The centre rebuilds the desk's own demo cases from their events, field for field."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from app.clock import beijing_date
from app.db.models import Case as DeskCase
from app.db.models import Operator
from app.desk import open_desk
from app.domain.deadlines import compute_deadline
from app.services.cases import deadline_inputs
from app.services.demo import add_demo_cases
from app.services.identity import add_operator, list_operators, set_desk_identity
from central.store.db import Store, StoreConfig
from central.store.models import Case
from tests.central.cases import batch
from tests.central.conftest import cli_store_args
from tests.central.desk_export import export_events
from tests.central.desks import enrol


def test_demo_cases_rebuilt_at_the_centre_match_the_desk(
        client: httpx.Client, store: Store, store_config: StoreConfig, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    start = datetime(2026, 2, 1, 2, 0, tzinfo=timezone.utc)
    desk = open_desk(tmp_path / "desk", clock=lambda: start)
    try:
        with desk.write() as s:
            set_desk_identity(s, lambda: start, branch_code="0591", branch_name="福州分行营业部", desk_code="W01")
            add_operator(s, lambda: start, staff_no="1024", name="林晓", role="receptionist")
            add_operator(s, lambda: start, staff_no="2048", name="陈主管", role="supervisor")
        with desk.write() as s:
            add_demo_cases(s, desk.rulebook, list_operators(s), 60, seed=11)
        with desk.read() as s:
            events = export_events(s)
            desk_cases = {c.id: c for c in s.scalars(select(DeskCase))}
            staff = {o.id: o.staff_no for o in s.scalars(select(Operator))}
            today = beijing_date(datetime.now(timezone.utc))
            expected_deadline = {c.id: compute_deadline(deadline_inputs(c, list(c.events)), desk.rulebook.rules,
                                                        desk.rulebook.calendar, today) for c in desk_cases.values()}
            expected = {c.id: {
                "number": c.case_number, "state": c.state, "receipt_date": c.receipt_date,
                "received_at": c.received_at, "rules_version": c.rules_version,
                "reference_version": c.reference_version, "handler": staff[c.owner_id],
                "nominal_due": expected_deadline[c.id].nominal_due, "legal_limit": expected_deadline[c.id].legal_limit,
                "paused": expected_deadline[c.id].paused, "extension_level": c.extension_level,
                "decision": ({"verified": c.decision_verified, "basis": c.decision_basis,
                              "outcome": c.decision_outcome, "remedies": c.decision_remedies}
                             if c.decision_verified else {}),
                "root_cause": c.root_cause, "rectification": c.rectification, "satisfaction": c.satisfaction,
                "request": c.request_text, "facts": c.facts_text, "codes": (c.channel_code, c.business_code,
                                                                            c.reason_code, c.demand_code),
                "card_number": c.card_number,
                "parties": sorted((p.role, p.name, p.id_number, p.phone, p.address) for p in c.parties),
            } for c in desk_cases.values()}
    finally:
        desk.close()
    states = {w["state"] for w in expected.values()}
    assert {"closed", "decided", "in_progress"} <= states, states
    assert any(w["extension_level"] for w in expected.values())
    assert len(events) > 200 and {e["kind"] for e in events} >= {"created", "accept", "decide", "close", "extend"}

    central_desk = enrol(client, capsys, cli_store_args(store_config), "0591", "W01")
    for start_at in range(0, len(events), 13):
        answer = client.post("/api/v1/events", json=batch(*events[start_at:start_at + 13]),
                             headers=central_desk.headers)
        assert answer.status_code == 200, answer.text

    with store.reading() as s:
        rows = {c.id: c for c in s.scalars(select(Case))}
    assert set(rows) == set(expected)
    for case_id, want in expected.items():
        row = rows[case_id]
        file = row.detail
        intake = file["intake"]
        got = {
            "number": row.number, "state": row.state, "receipt_date": row.receipt_date,
            "received_at": row.received_at, "rules_version": row.rules_version,
            "reference_version": row.reference_version, "handler": row.handler,
            "nominal_due": row.nominal_due, "legal_limit": row.legal_limit, "paused": row.paused,
            "extension_level": row.extension_level, "decision": file["decision"],
            "root_cause": file["root_cause"], "rectification": file["rectification"],
            "satisfaction": file["satisfaction"], "request": intake["request"], "facts": intake["facts"],
            "codes": (intake["channel"], intake["business"], intake["reason"], intake["demand"]),
            "card_number": intake["card_number"],
            "parties": sorted([("complainant", intake["complainant"]["name"], intake["complainant"]["id_number"],
                                intake["complainant"]["phone"], intake["complainant"]["address"])]
                              + ([("proxy", intake["proxy"]["name"], intake["proxy"]["id_number"],
                                   intake["proxy"]["phone"], intake["proxy"]["address"])] if intake["proxy"] else [])),
        }
        assert got == want, want["number"]
