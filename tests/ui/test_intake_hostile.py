"""The intake form gives the same verdicts as ``case add`` on hostile input (issue 8)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.desk import Desk
from app.errors import ValidationError
from app.services.queries import CaseFilter, case_detail
from app.services.intake import parse_intake
from ui import operations
from ui.intake.form import IntakeForm

from .test_intake_safety import fill


def _error_of(form: IntakeForm, key: str) -> str:
    return str(form.complainant._cells[key].findChildren(type(form.card_error))[0].text())


def _service_codes(desk: Desk, data: dict[str, Any]) -> dict[str, str]:
    try:
        parse_intake(data, desk.rules, desk.reference, desk.clock())
    except ValidationError as exc:
        return {p.field: p.code for p in exc.problems}
    return {}


def test_a_name_with_a_control_character_is_refused_beside_the_field(qtbot: Any, make_window: Any,
                                                                      desk: Desk) -> None:
    window = make_window()
    form = window.new_case()
    fill(form)
    qtbot.waitUntil(form.save_button.isEnabled)
    form.complainant.name.setText("赵\x1b[31m敏")  # pasted from a terminal
    form._left("complainant.name")

    assert not form.save_button.isEnabled()
    assert {p.field: p.code for p in form.problems()} == {"complainant.name": "control_char"}
    assert _service_codes(desk, form.intake_data()) == {"complainant.name": "control_char"}, "same as case add"
    assert "控制字符" in _error_of(form, "name") and "U+001B" in _error_of(form, "name")
    assert form.complainant.name.text() == "赵\x1b[31m敏", "what was typed stays for the operator to fix"

    form.complainant.name.setText("赵敏")
    qtbot.waitUntil(form.save_button.isEnabled)
    assert _error_of(form, "name") == ""


def test_a_full_width_id_number_is_accepted_and_stored_in_ascii(qtbot: Any, make_window: Any, desk: Desk) -> None:
    window = make_window()
    form = window.new_case()
    fill(form, id_number="１１０１０５１９４９１２３１００２ｘ")  # typed with a full-width input method
    form.complainant.phone.setText("１３８ ００１３ ８０００")
    form._left("complainant.id_number")
    qtbot.waitUntil(form.save_button.isEnabled)
    assert _error_of(form, "id_number") == ""
    assert _service_codes(desk, form.intake_data()) == {}

    with qtbot.waitSignal(form.caseRegistered):
        qtbot.keyClick(form.facts, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    page = operations.case_page(desk, CaseFilter(), offset=0, limit=10)
    assert len(page.rows) == 1
    actor = operations.desk_snapshot(desk).operators[0]
    with desk.write() as s:
        detail = case_detail(s, desk.rulebook, page.rows[0].case_number, reveal_for=actor, reveal_reason="核对")
    assert detail.complainant.id_number == "11010519491231002X"
    assert detail.complainant.phone == "13800138000"


def test_received_earlier_cannot_go_before_the_floor_case_add_keeps(qtbot: Any, make_window: Any,
                                                                     desk: Desk) -> None:
    from PySide6.QtCore import QDate, QDateTime, QTime

    window = make_window()
    form = window.new_case()
    fill(form)
    form.received_earlier.setChecked(True)
    form.received_at.setDateTime(QDateTime(QDate(1989, 12, 31), QTime(10, 0)))
    assert form.received_at.date() == QDate(1990, 1, 1), "the picker stops at 1990-01-01"
    qtbot.waitUntil(form.save_button.isEnabled)
    assert _service_codes(desk, form.intake_data()) == {}

