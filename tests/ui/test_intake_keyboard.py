"""Registering a walk-in case by keyboard only, and finding it again."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.desk import Desk
from app.domain.states import CaseState
from app.services.queries import CaseFilter
from ui import operations
from ui.detail.view import CaseDetailView
from ui.intake.form import IntakeForm

from .conftest import VALID_CARD, VALID_ID


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def reactivate(qtbot: Any, window: QWidget) -> None:
    """Make ``window`` active again after completer popups closed.

    The offscreen platform leaves no window active once a popup (the classification
    picker's list) has closed and its events are processed; a desktop hands activation back.
    """
    QApplication.processEvents()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type ``text`` as a receptionist does: Latin keys one by one, Chinese through the input method."""
    for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            # QTest only knows Latin-1 keys; Chinese arrives as an IME commit, as from Pinyin input.
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def type_and_tab(qtbot: Any, text: str, tabs: int = 1) -> None:
    if text:
        type_text(qtbot, focused(), text)
    for _ in range(tabs):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def test_register_by_keyboard_then_find_in_list_and_detail(qtbot: Any, make_window: Any, desk: Desk) -> None:
    window = make_window("1024")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.tabs.currentWidget()
    assert isinstance(form, IntakeForm)
    assert focused() is form.complainant.name

    type_and_tab(qtbot, "欧阳娜娜")          # name -> ID type
    type_and_tab(qtbot, "")                  # ID type stays "resident ID" -> ID number
    type_and_tab(qtbot, VALID_ID.lower())    # lower-case x is accepted -> phone
    type_and_tab(qtbot, "13912345678")       # -> address
    type_and_tab(qtbot, "福州市鼓楼区五四路88号")  # -> card
    assert focused() is form.card
    type_and_tab(qtbot, VALID_CARD)          # -> institution
    assert form.card.text() == "622202******7894", "the card is masked once the field is left"
    type_and_tab(qtbot, "福州分行营业部")     # -> staff
    type_and_tab(qtbot, "", 3)               # staff empty; channel and business keep their defaults
    assert focused() is form.pickers["reason"]
    type_and_tab(qtbot, "服务态度")           # a single match settles the code
    type_and_tab(qtbot, "退费")
    assert form.pickers["reason"].code() == "C01"
    assert form.pickers["demand"].code() == "D01"
    type_and_tab(qtbot, "")                  # "received earlier" stays unticked -> request
    assert focused() is form.request
    type_and_tab(qtbot, "要求退还年费300元。")
    type_and_tab(qtbot, "投诉人称未申请年费减免即被扣收年费。")
    assert focused() is form.grounds
    assert form.save_button.isEnabled()

    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    # Saved: the new case opens in its own tab, the form and its draft are gone.
    view = window.tabs.currentWidget()
    assert isinstance(view, CaseDetailView)
    assert view.case is not None
    number = view.case.case_number
    assert number.startswith("0591-W01-")
    assert view.case.state == CaseState.REGISTERED
    assert view.case.complainant.name == "欧阳娜娜"
    assert view.case.complainant.id_number == "110105********002X", "masked by default"
    assert view.case.card_number == "622202******7894"
    assert view.case.first_responder == "1024"
    assert not window.drafts.all()
    assert not [w for w in (window.tabs.widget(i) for i in range(window.tabs.count())) if isinstance(w, IntakeForm)]

    # Find it in the list by keyboard: Ctrl+F, type, Enter opens it.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.list_page.search
    model = window.list_page.model
    with qtbot.waitSignal(model.filterApplied, check_params_cb=lambda f: f.text == "欧阳娜娜"):
        type_text(qtbot, window.list_page.search, "欧阳娜娜")
    assert model.rowCount() == 1
    assert model.row_at(0).case_number == number
    reactivate(qtbot, window)
    window.list_page.focus_search()
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert focused() is window.list_page.view
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    current = window.tabs.currentWidget()
    assert isinstance(current, CaseDetailView) and current.case_number == number

    # The same case through the core, as the CLI sees it.
    rows = operations.case_page(desk, CaseFilter(text="5678"), offset=0, limit=10).rows
    assert number in [r.case_number for r in rows], "found by the last four digits of the phone"


def test_save_is_disabled_until_valid_and_errors_show_on_leaving(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    form = window.new_case()
    assert not form.save_button.isEnabled()
    form.complainant.id_number.setFocus()
    qtbot.keyClicks(form.complainant.id_number, "110105194912310021")  # wrong check character
    assert form.errors.editor("complainant.id_number") is form.complainant.id_number
    error = form.complainant._cells["id_number"].findChildren(type(form.card_error))[0]
    assert not error.isVisible() or not error.text(), "no message while still typing"
    qtbot.keyClick(form.complainant.id_number, Qt.Key.Key_Tab)
    assert "X" in error.text(), "the message names the expected check character"
    assert "校验" in error.text(), "the message is in the operator's language"
    assert form.complainant.id_number.property("invalid") is True
