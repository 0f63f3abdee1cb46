"""Chinese by default; switching to English retranslates the open window, its tabs and dialogs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.desk import Desk
from app.domain.states import CaseAction
from ui import operations
from ui.case_model import Column
from ui.i18n import current_language
from ui.messages import code_text

from .conftest import actor, intake


def test_switching_language_retranslates_the_open_window(qtbot: Any, make_window: Any, desk: Desk) -> None:
    change = operations.register(desk, actor(desk, "1024"), intake())
    window = make_window("1024")
    form = window.new_case()
    form.complainant.id_number.setText("123")
    form._left("complainant.id_number")
    view = window.open_case(change.case_number)
    view.action_buttons[CaseAction.ACCEPT].click()
    dialog = view.dialog
    model = window.list_page.model
    id_error = form.complainant._cells["id_number"].findChildren(type(form.card_error))[0]

    assert current_language() == "zh_CN"
    assert window.case_menu.title() == "案件(&C)"
    assert window.tabs.tabText(0) == "投诉案件"
    assert form.complainant_box.title() == "投诉人"
    assert id_error.text().startswith("身份证号码应为18位")
    assert model.headerData(Column.NUMBER, Qt.Orientation.Horizontal) == "案件编号"
    assert view.state_badge.text() == "已登记"
    assert dialog.ok_button.text() == "受理"
    assert window.status.sync.text() == "同步：未设置"

    window.en_action.trigger()  # Desk > Language > English

    assert current_language() == "en"
    assert window.case_menu.title() == "&Case"
    assert window.tabs.tabText(0) == "Cases"
    assert window.new_action.text() == "&New case"
    assert form.complainant_box.title() == "Complainant"
    assert form.pickers["channel"].text() == "A01 Front office (on premises)"
    assert id_error.text().startswith("An ID number has 18 characters")
    assert model.headerData(Column.NUMBER, Qt.Orientation.Horizontal) == "Case number"
    assert model.data(model.index(0, Column.STATE)) == "Registered"
    assert view.state_badge.text() == "Registered"
    assert view.classification.values["business"].text() == "B0302 Credit card"
    assert dialog.ok_button.text() == "Accept"
    assert window.status.sync.text() == "Sync: not set up"
    assert window.ctx.settings.language == "en", "the choice is kept for the next start"
    assert code_text("card_checksum") == "Card number fails the check digit (Luhn): please re-read it."

    window.zh_action.trigger()
    assert window.case_menu.title() == "案件(&C)"
    assert form.pickers["channel"].text() == "A01 营业网点现场"
    assert view.state_badge.text() == "已登记"
    dialog.reject()
