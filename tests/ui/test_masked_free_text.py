"""The case view's masked display masks free text too: an ID or phone typed into the facts or a note."""

from __future__ import annotations

from typing import Any

from app.desk import Desk
from app.domain.states import CaseAction
from tests.pii_forms import shows
from ui import operations

from .conftest import actor, intake

ID = "350102197611036003"


def test_ids_and_phones_in_free_text_are_masked_until_revealed(qtbot: Any, make_window: Any, desk: Desk) -> None:
    facts = "投诉人（身份证350102-19761103-6003，电话+86 139 1234 5678）称年费未经同意扣收。"
    change = operations.register(desk, actor(desk, "1024"), intake(facts=facts))
    operations.perform(desk, actor(desk, "1024"), change.case_number, CaseAction.NOTE,
                       {"note": "回拨 0086 139-1234-5678 未接通"})
    window = make_window("2048")
    view = window.open_case(change.case_number)
    shown = view.texts.values["facts"].text()
    assert not shows(shown, ID) and not shows(shown, "13912345678")
    assert "350102********6003" in shown and "139****5678" in shown
    note = view.timeline.item(view.timeline.rowCount() - 1, 3).text()
    assert "139****5678" in note and not shows(note, "13912345678")

    view.reveal_button.click()
    dialog = view.dialog
    dialog.reason.setText("回拨核实身份")
    dialog.buttons.accepted.emit()
    assert view.case is not None and not view.case.masked
    assert view.texts.values["facts"].text() == facts

    view.reveal_button.click()  # mask again
    qtbot.waitUntil(lambda: view.case is not None and view.case.masked)
    assert "350102********6003" in view.texts.values["facts"].text()
