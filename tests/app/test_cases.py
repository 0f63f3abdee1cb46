"""The case service: registering, numbering, walking the life cycle, deadlines on the case."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from app.db.models import AuditEntry, Case, CaseEvent, OutboxEntry, Party
from app.desk import Desk
from app.domain.deadlines import legal_limit_roll
from app.domain.states import CaseAction, CaseState, allowed_actions
from app.errors import IllegalTransition, PermissionDenied, ValidationError
from app.services import case_actions as acts
from app.services.cases import register_case, transition
from app.services.identity import Actor
from app.services.intake import parse_intake
from app.services.queries import CaseFilter, DueFilter, case_detail, list_cases, related_cases

from .conftest import FakeClock, intake_dict


def _register(desk: Desk, actor: Actor, **over: object) -> str:
    intake = parse_intake(intake_dict(**over), desk.rules, desk.reference, desk.clock())
    with desk.write() as s:
        return register_case(s, desk.rulebook, actor, intake).case_number


def test_register_gives_desk_numbers_and_owner(desk: Desk, actors: dict[str, Actor]) -> None:
    first = _register(desk, actors["1024"])
    second = _register(desk, actors["1025"])
    assert first == "0591-W01-20260201-0001"
    assert second == "0591-W01-20260201-0002"
    with desk.read() as s:
        d = case_detail(s, desk.rulebook, first)
    assert d.state == CaseState.REGISTERED
    assert d.first_responder == "1024" and d.owner == "1024"
    # Received 2026-02-01: due 15 calendar days later; the 16th is in the Spring Festival holiday.
    assert d.deadline.nominal_due == date(2026, 2, 16)
    assert d.deadline.legal_limit == date(2026, 2, 24)
    assert [e.kind for e in d.events] == ["created"]


def test_personal_data_masked_on_screen_and_revealed_only_with_role(desk: Desk, actors: dict[str, Actor]) -> None:
    number = _register(desk, actors["1024"])
    with desk.read() as s:
        d = case_detail(s, desk.rulebook, number)
    assert d.complainant.id_number == "110105********002X"
    assert d.complainant.phone == "138****8000"
    with pytest.raises(PermissionDenied), desk.write() as s:
        case_detail(s, desk.rulebook, number, reveal_for=actors["1024"], reveal_reason="core test")
    with desk.write() as s:
        d = case_detail(s, desk.rulebook, number, reveal_for=actors["2048"], reveal_reason="supervisor check")
    assert d.complainant.id_number == "11010519491231002X"
    with desk.read() as s:
        actions = [a.action for a in s.scalars(select(AuditEntry))]
    assert "pii.reveal" in actions


def test_every_change_writes_event_outbox_and_audit(desk: Desk, actors: dict[str, Actor]) -> None:
    number = _register(desk, actors["1024"])
    with desk.write() as s:
        transition(s, desk.rulebook, actors["1024"], number, CaseAction.ACCEPT)
        acts.add_note(s, desk.rulebook, actors["1024"], number, text="已电话联系投诉人。")
    with desk.read() as s:
        case = s.scalars(select(Case).where(Case.case_number == number)).one()
        events = list(s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)))
        outbox = list(s.scalars(select(OutboxEntry)))
        audit = [a.action for a in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]
    assert [e.kind for e in events] == ["created", "accept", "note"]
    assert {o.entity_id for o in outbox} == {e.id for e in events}
    assert audit[-3:] == ["case.created", "case.accept", "case.note"]
    assert case.row_version == 3


def test_full_life_cycle_with_extension_pause_decision_close(desk: Desk, actors: dict[str, Actor],
                                                              clock: FakeClock) -> None:
    h, other, sup = actors["1024"], actors["1025"], actors["2048"]
    number = _register(desk, h)
    rb = desk.rulebook
    with desk.write() as s:
        transition(s, rb, h, number, CaseAction.ACCEPT)
        transition(s, rb, h, number, CaseAction.START)
        change = acts.extend_deadline(s, rb, h, number, level=1, reason="需调取商户凭证")
    assert change.nominal_due == date(2026, 3, 3)  # 30 days from 2026-02-01
    with pytest.raises(ValidationError) as no_approver, desk.write() as s:
        acts.extend_deadline(s, rb, h, number, level=2, reason="特别复杂")
    assert no_approver.value.problems[0].code == "approval_required"
    with pytest.raises(PermissionDenied), desk.write() as s:
        acts.extend_deadline(s, rb, h, number, level=2, reason="特别复杂", approver_staff_no="1025")
    with desk.write() as s:
        change = acts.extend_deadline(s, rb, h, number, level=2, reason="特别复杂", approver_staff_no="2048")
    assert change.nominal_due == date(2026, 4, 2)  # 60 days
    clock.advance(days=3)
    with desk.write() as s:
        transition(s, rb, h, number, CaseAction.PAUSE, reason="送外部鉴定")
    clock.advance(days=5)
    with desk.write() as s:
        change = transition(s, rb, h, number, CaseAction.RESUME)
    assert change.nominal_due == date(2026, 4, 7)  # paused 5 days
    with pytest.raises(IllegalTransition), desk.write() as s:
        acts.close_case(s, rb, h, number, root_cause="x", rectification="", satisfaction="satisfied",
                        surveyed_by_staff_no="1025")
    with desk.write() as s:
        acts.record_decision(s, rb, h, number, verified="核实属实", basis="依据合同条款", outcome="减免罚息",
                             remedies="可在30日内申请核查")
    with pytest.raises(ValidationError) as by_handler, desk.write() as s:
        acts.close_case(s, rb, h, number, root_cause="入账延迟", rectification="优化入账", satisfaction="satisfied",
                        surveyed_by_staff_no="1024")
    assert by_handler.value.problems[0].code == "surveyed_by_handler"
    with pytest.raises(ValidationError) as missing, desk.write() as s:
        acts.close_case(s, rb, h, number, root_cause="", rectification="", satisfaction="so-so",
                        surveyed_by_staff_no="1025")
    assert {p.field for p in missing.value.problems} == {"root_cause", "satisfaction"}
    with desk.write() as s:
        change = acts.close_case(s, rb, h, number, root_cause="入账延迟", rectification="优化入账",
                                 satisfaction="basically_satisfied", surveyed_by_staff_no=other.staff_no)
    assert change.state == CaseState.CLOSED
    assert allowed_actions(CaseState.CLOSED) and CaseAction.ACCEPT not in allowed_actions(CaseState.CLOSED)
    with pytest.raises(IllegalTransition), desk.write() as s:
        transition(s, rb, sup, number, CaseAction.ACCEPT)


def test_new_facts_restart_the_clock(desk: Desk, actors: dict[str, Actor], clock: FakeClock) -> None:
    h = actors["1024"]
    number = _register(desk, h)
    clock.advance(days=10)
    with desk.write() as s:
        transition(s, desk.rulebook, h, number, CaseAction.ACCEPT)
        change = acts.add_new_facts(s, desk.rulebook, h, number, facts="投诉人补充提供了交易短信截图。")
    assert change.nominal_due == date(2026, 2, 26)  # 2026-02-11 + 15


def test_illegal_transitions_raise_and_change_nothing(desk: Desk, actors: dict[str, Actor]) -> None:
    h = actors["1024"]
    number = _register(desk, h)
    for action in (CaseAction.START, CaseAction.RESUME, CaseAction.REQUEST_REVIEW, CaseAction.RECORD_REVIEW):
        with pytest.raises(IllegalTransition), desk.write() as s:
            transition(s, desk.rulebook, h, number, action, reason="x")
    with desk.read() as s:
        d = case_detail(s, desk.rulebook, number)
    assert d.state == CaseState.REGISTERED and len(d.events) == 1


def test_hand_over_and_recusal(desk: Desk, actors: dict[str, Actor]) -> None:
    h = actors["1024"]
    number = _register(desk, h, complained_staff="1025")
    with pytest.raises(ValidationError) as recused, desk.write() as s:
        acts.hand_over(s, desk.rulebook, h, number, to_staff_no="1025", reason="转交")
    assert recused.value.problems[0].code == "recusal"
    with desk.write() as s:
        acts.hand_over(s, desk.rulebook, h, number, to_staff_no="2048", reason="主管接手")
    with desk.read() as s:
        d = case_detail(s, desk.rulebook, number)
    assert d.owner == "2048" and d.first_responder == "1024"
    assert d.events[-1].kind == "hand_over" and d.events[-1].data["from"] == "1024"


def test_list_search_and_filters_in_sql(desk: Desk, actors: dict[str, Actor], clock: FakeClock) -> None:
    h = actors["1024"]
    a = _register(desk, h)
    b = _register(desk, h, complainant={"name": "李四", "id_number": "110105198001010032",
                                        "phone": "13912345678"})
    rb = desk.rulebook
    with desk.read() as s:
        assert [r.case_number for r in list_cases(s, rb, CaseFilter(text="李"))] == [b]
        assert [r.case_number for r in list_cases(s, rb, CaseFilter(text="5678"))] == [b]
        assert [r.case_number for r in list_cases(s, rb, CaseFilter(text="002X"))] == [a]
        assert [r.case_number for r in list_cases(s, rb, CaseFilter(text="0001"))] == [a]
        assert list_cases(s, rb, CaseFilter(due=DueFilter.OVERDUE)) == []
    clock.advance(days=30)
    with desk.read() as s:
        overdue = {r.case_number for r in list_cases(s, rb, CaseFilter(due=DueFilter.OVERDUE))}
        rel = related_cases(s, phone="13800138000")
    assert overdue == {a, b}
    assert [r.case_number for r in rel] == [a]


def test_card_numbers_in_free_text_are_stored_masked(desk: Desk, actors: dict[str, Actor]) -> None:
    number = _register(desk, actors["1024"], facts="我的卡号 6222 0000 0000 0009（非真实），CVV 123 被盗刷")
    with desk.read() as s:
        raw = s.execute(text("SELECT facts_text FROM cases WHERE case_number = :n"), {"n": number}).scalar_one()
    assert "6222 0000 0000 0009" not in raw and "6222000000000009" not in raw
    assert "123" not in raw


def test_personal_fields_go_through_one_codec(desk: Desk, actors: dict[str, Actor]) -> None:
    from app import pii

    class Rot:
        def seal(self, value: str) -> str:
            return "R:" + value[::-1]

        def open(self, stored: str) -> str:
            return stored[2:][::-1]

    pii.set_codec(Rot())
    try:
        number = _register(desk, actors["1024"])
        with desk.read() as s:
            raw = s.execute(text("SELECT id_number, phone FROM parties")).one()
            party = s.scalars(select(Party)).one()
        assert raw[0].startswith("R:") and raw[1].startswith("R:")
        assert party.id_number == "11010519491231002X"
        assert number
    finally:
        pii.set_codec(pii.ClearCodec())


def test_bank_rules_file_in_config_folder_replaces_shipped_one(desk_home, clock) -> None:  # type: ignore[no-untyped-def]
    import json
    from importlib.resources import files

    from app.desk import open_desk
    from app.services.identity import add_operator, set_desk_identity

    rules = json.loads((files("resources") / "rules" / "complaint_rules.json").read_text(encoding="utf-8"))
    rules.update(version="BANK-TEST/1", decision_days=10)
    (desk_home / "config").mkdir(parents=True, exist_ok=True)
    (desk_home / "config" / "complaint_rules.json").write_text(json.dumps(rules), encoding="utf-8")
    d = open_desk(desk_home, clock=clock)
    try:
        with d.write() as s:
            set_desk_identity(s, clock, branch_code="0591", branch_name="福州分行营业部", desk_code="W01")
            actor = add_operator(s, clock, staff_no="1024", name="林晓", role="receptionist")
        number = _register(d, actor)
        with d.read() as s:
            detail = case_detail(s, d.rulebook, number)
        assert detail.rules_version == "BANK-TEST/1"
        assert detail.deadline.nominal_due == date(2026, 2, 11)
    finally:
        d.close()


def test_fast_json_export_matches_the_list_rows(desk: Desk, actors: dict[str, Actor], clock: FakeClock) -> None:
    from app.services.queries import export_case_rows

    a = _register(desk, actors["1024"])
    clock.advance(days=25)  # past the legal limit of 2026-02-24
    _register(desk, actors["1025"])
    with desk.write() as s:
        transition(s, desk.rulebook, actors["1024"], a, CaseAction.ACCEPT)
    today = desk.rulebook.today()
    with desk.read() as s:
        rows = list_cases(s, desk.rulebook, CaseFilter(), limit=None)
        exported = export_case_rows(s, desk.rulebook, CaseFilter())
    window = desk.rules.due_soon_days
    roll = legal_limit_roll(desk.rules, desk.calendar)
    expected = [dict(r.as_json(today, roll), overdue=r.is_overdue(today),
                     due_status=r.due_status(today, window).value) for r in rows]
    assert exported == expected
    assert [e["overdue"] for e in exported] == [False, True]
