"""Issue 10, reception desk second pass: defects a receptionist hit in a full day's use."""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton

from app.cli import main
from app.clock import BEIJING
from app.desk import Desk, open_desk
from app.domain.states import CaseAction, CaseState
from app.errors import ValidationError
from app.services.demo import add_demo_cases
from app.services.identity import list_operators
from app.services.queries import COUNTING
from app.settings import Settings
from ui import operations
from ui.app import build_main_window
from ui.case_columns import Column
from ui.detail.dialogs import ActionDialog
from ui.i18n import install_language
from ui.operations import desk_snapshot
from ui.tasks import SynchronousExecutor
from ui.widgets import ErrorLabel

from .test_intake_keyboard import type_text
from .conftest import VALID_CARD, VALID_ID, actor, intake

# Received so that the 60-day limit falls on New Year's Day 2027, a year the
# holiday package does not cover and the shipped override file leaves out.
_NEW_YEAR_2027_CASE = "2026-11-02T10:00:00+08:00"


def _case_due_new_year_2027(desk: Desk) -> str:
    who = actor(desk, "1024")
    number = operations.register(desk, who, intake(received_at=_NEW_YEAR_2027_CASE)).case_number
    for action in (CaseAction.ACCEPT, CaseAction.START):
        operations.perform(desk, who, number, action, {})
    operations.perform(desk, who, number, CaseAction.EXTEND, {"level": 1, "reason": "复杂。"})
    operations.perform(desk, who, number, CaseAction.EXTEND, {"level": 2, "reason": "特别复杂。", "approver": "2048"})
    return number


def test_a_limit_in_a_year_without_holiday_data_is_shown_uncertain_in_words(
        qtbot: Any, make_window: Any, desk: Desk) -> None:
    number = _case_due_new_year_2027(desk)
    window = make_window("1024")
    view = window.open_case(number)
    panel = view.deadline
    assert panel.grid.values["limit"].text().startswith("2027-01-01")
    for language in ("zh_CN", "en"):
        install_language(language)
        shown = "\n".join([panel.status.text(), *(v.text() for v in panel.grid.values.values())])
        assert "holiday_data_missing" not in shown, language
        assert "2027" in panel.status.text(), "the status line itself says which year lacks data"
        assert panel.icon_name != "ok", "an uncertain limit never gets the green tick"
    assert "uncertain" in panel.grid.values["limit"].text()
    assert "missing" in panel.status.text()
    install_language("zh_CN")
    assert "待定" in panel.grid.values["limit"].text()
    assert "2027年" in panel.status.text() and "节假日" in panel.status.text()


def test_the_case_report_prints_a_limit_without_holiday_data_as_uncertain(
        desk: Desk, desk_home: Path, tmp_path: Path) -> None:
    number = _case_due_new_year_2027(desk)
    pdf = tmp_path / "report.pdf"
    assert main(["--data-dir", str(desk_home), "--operator", "2048", "report", number, "-o", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    line = next(line for line in text.splitlines() if "法定期限" in line)
    assert "2027年1月1日" in line
    assert "待定" in text and "缺少2027年法定节假日数据" in text.replace("\n", "").replace(" ", "")


_DECISION = {"verified": "经核实，年费系系统误收。", "basis": "依据领用合约第5条。", "outcome": "退还年费300元。",
             "remedies": "如不服，可在收到本决定之日起30日内书面申请核查。"}


def _decided_case(desk: Desk, handler: str) -> str:
    who = actor(desk, handler)
    number = operations.register(desk, who, intake()).case_number
    for action in (CaseAction.ACCEPT, CaseAction.START):
        operations.perform(desk, who, number, action, {})
    operations.perform(desk, who, number, CaseAction.DECIDE, _DECISION)
    return number


def _open_close_dialog(view: Any) -> ActionDialog:
    view.action_buttons[CaseAction.CLOSE].click()
    dialog = view.dialog
    assert isinstance(dialog, ActionDialog) and dialog.isVisible()
    return dialog


def test_a_one_operator_desk_is_told_why_nobody_can_do_the_follow_up_and_can_add_an_operator(
        qtbot: Any, desk_home: Path) -> None:
    lone = open_desk(desk_home)
    try:
        operations.set_up_desk(lone, branch_code="0591", branch_name="福州分行营业部", desk_code="W01",
                               bank_name="示例银行", staff_no="0001", operator_name="管理员")
        number = _decided_case(lone, "0001")
        window = build_main_window(lone, Settings(), SynchronousExecutor(), desk_snapshot(lone), operator="0001")
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.start()
        dialog = _open_close_dialog(window.open_case(number))
        picker = dialog.editors["surveyed_by"]
        assert [picker.itemText(i) for i in range(picker.count())] == ["—"]
        help_text = dialog.findChild(QLabel, "surveyor_help")
        assert help_text.isVisible()
        assert "承办人" in help_text.text() and "0001" in help_text.text() and "添加" in help_text.text()
        add = next(b for b in dialog.findChildren(QPushButton) if b.text() == "添加操作员…")
        assert add.isVisible()
        add.click()
        settings = next(w for w in QApplication.topLevelWidgets()
                        if isinstance(w, QDialog) and w.isVisible() and w is not dialog)
        qtbot.keyClicks(settings.new_staff_no, "3001")
        settings.new_name.insert("吴回访")  # typed through an input method
        settings.new_role.setCurrentIndex(settings.new_role.findData("receptionist"))
        settings.add_operator_button.click()
        qtbot.waitUntil(lambda: picker.findData("3001") >= 0)
        settings.reject()
        assert not add.isVisible()
        picker.select("3001")
        dialog.editors["root_cause"].setText("年费减免规则未同步。")
        satisfaction = dialog.editors["satisfaction"]
        satisfaction.setCurrentIndex(satisfaction.findData("satisfied"))
        dialog.ok_button.click()
        assert not dialog.isVisible()
        assert window.open_case(number).case.state == CaseState.CLOSED
        window.close()
    finally:
        lone.close()


def test_a_supervisor_who_did_the_follow_up_records_it_with_one_click(
        qtbot: Any, make_window: Any, desk: Desk) -> None:
    number = _decided_case(desk, "1024")
    window = make_window("2048")
    dialog = _open_close_dialog(window.open_case(number))
    picker = dialog.editors["surveyed_by"]
    assert picker.findData("1024") < 0, "the handler is never offered"
    assert picker.findData("2048") >= 0
    mine = next(b for b in dialog.findChildren(QPushButton) if b.text() == "由我回访")
    assert mine.isVisible()
    mine.click()
    assert picker.staff_no() == "2048"


def test_the_core_refuses_the_handler_and_an_auditor_as_surveyor(desk: Desk) -> None:
    admin = actor(desk, "0001")
    operations.add_desk_operator(desk, admin, staff_no="7001", name="审计员", role="auditor")
    number = _decided_case(desk, "1024")
    for surveyor, code in (("1024", "surveyed_by_handler"), ("7001", "surveyed_by_role")):
        with pytest.raises(ValidationError) as caught:
            operations.perform(desk, actor(desk, "2048"), number, CaseAction.CLOSE,
                               {"root_cause": "规则未同步。", "satisfaction": "satisfied", "surveyed_by": surveyor})
        assert [p.code for p in caught.value.problems] == [code]


def _demo(desk: Desk, n: int) -> None:
    with desk.write() as s:
        add_demo_cases(s, desk.rulebook, list_operators(s), n, seed=11)


def test_a_new_search_starts_at_the_top_of_its_results(qtbot: Any, make_window: Any, desk: Desk) -> None:
    _demo(desk, 420)
    window = make_window("1024")
    page = window.list_page
    view = page.view
    qtbot.waitUntil(lambda: page.model.rowCount() >= 200)
    view.setFocus()
    for _ in range(12):
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.verticalScrollBar().value() > 0
    with qtbot.waitSignal(page.model.filterApplied, timeout=5000):
        qtbot.keyClicks(page.search, "0591")  # the branch: every case number matches
    assert page.model.rowCount() > 20
    assert view.verticalScrollBar().value() == 0
    assert view.viewport().rect().intersects(view.visualRect(page.model.index(0, 0))), "first hit in view"


def _click_header(qtbot: Any, view: Any, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_the_list_sorts_by_remaining_time_and_ctrl_end_reaches_the_real_end(
        qtbot: Any, make_window: Any, desk: Desk) -> None:
    _demo(desk, 420)
    window = make_window("1024")
    page = window.list_page
    model, view = page.model, page.view
    qtbot.waitUntil(lambda: model.total == 420)

    # In the overdue view the most overdue case is on top, without touching anything.
    page.due_filter.setCurrentIndex(page.due_filter.findData("overdue"))
    qtbot.waitUntil(lambda: model.current_filter.due == "overdue" and model.rowCount() > 1 and not model.busy)
    limits = [model.row_at(r).legal_limit for r in range(model.rowCount())]
    assert limits[0] == min(limits)
    assert view.horizontalHeader().sortIndicatorSection() == Column.DUE

    # All cases: clicking 剩余时限 sorts by it, most urgent first; clicking again reverses.
    page.due_filter.setCurrentIndex(page.due_filter.findData("open"))
    qtbot.waitUntil(lambda: model.current_filter.due == "open" and not model.busy)
    assert model.headerData(Column.DUE, Qt.Orientation.Horizontal) == "剩余时限"
    _click_header(qtbot, view, Column.DUE)
    qtbot.waitUntil(lambda: model.current_filter.sort == "due" and not model.busy)
    first = model.row_at(0)
    running = [model.row_at(r) for r in range(model.rowCount()) if model.row_at(r).state in COUNTING]
    assert first.legal_limit == min(r.legal_limit for r in running)
    assert "已超期" in model.index(0, Column.DUE).data()
    _click_header(qtbot, view, Column.DUE)
    qtbot.waitUntil(lambda: model.current_filter.descending and not model.busy)
    assert model.row_at(0).case_number != first.case_number

    # Ctrl+End goes to the last of all matches, not the last loaded page.
    page.due_filter.setCurrentIndex(page.due_filter.findData("all"))
    qtbot.waitUntil(lambda: model.current_filter.due == "all" and model.rowCount() == 200 and not model.busy)
    view.setFocus()
    with qtbot.waitSignal(model.fetchedToEnd, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert model.rowCount() == 420
    assert view.currentIndex().row() == 419
    assert view.viewport().rect().intersects(view.visualRect(view.currentIndex()))


def test_changing_the_operator_masks_what_the_previous_one_revealed(qtbot: Any, make_window: Any, desk: Desk) -> None:
    data = intake(card_number=VALID_CARD)
    number = operations.register(desk, actor(desk, "1024"), data).case_number
    window = make_window("2048")
    view = window.open_case(number)
    qtbot.mouseClick(view.reveal_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    qtbot.keyClicks(dialog.reason, "call back")
    with qtbot.waitSignal(view.loaded, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert view.complainant.values["id_number"].text() == VALID_ID
    assert view.complainant.values["phone"].text() == "13800000000"

    operator = window.status.operator
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_O,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    popup = operator.view()
    qtbot.waitUntil(popup.isVisible)
    # The receptionist takes the desk: picked in the chooser's list with the keyboard.
    popup.setCurrentIndex(operator.model().index(operator.findData("1024"), 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert operator.currentData() == "1024"
    shown = "\n".join(label.text() for group in (view.complainant, view.subject)
                      for label in group.values.values())
    assert VALID_ID not in shown and "13800000000" not in shown and VALID_CARD not in shown
    assert view.complainant.values["id_number"].text() == "110105********002X"
    assert view.case is not None and view.case.masked
    assert view.reveal_button.text() == "显示个人信息…"


def _mnemonics(window: Any) -> dict[str, list[str]]:
    """Alt+letter -> the visible texts that claim it (menu bar titles, labels with a buddy, buttons)."""
    import re

    from PySide6.QtWidgets import QAbstractButton

    claims: dict[str, list[str]] = {}
    texts = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    texts += [w.text() for w in window.findChildren(QLabel) if w.buddy() is not None and w.isVisible()]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    for text in texts:
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match:
            claims.setdefault(match.group(1).upper(), []).append(text)
    return claims


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_two_mnemonics_collide_in_one_screen(qtbot: Any, make_window: Any, desk: Desk, language: str) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = make_window("1024")
    install_language(language)
    screens = {"list": window.list_page}
    screens["case"] = window.open_case(number)
    screens["intake"] = window.new_case()
    for name, page in screens.items():
        window.tabs.setCurrentWidget(page)
        qtbot.waitUntil(page.isVisible)
        clashes = {key: texts for key, texts in _mnemonics(window).items() if len(texts) > 1}
        assert not clashes, (language, name, clashes)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_wrong_phone_is_explained_in_words_not_a_pattern(qtbot: Any, make_window: Any, language: str) -> None:
    window = make_window("1024", language=language)
    install_language(language)
    form = window.new_case()
    phone = form.complainant.phone
    phone.setFocus()
    qtbot.keyClicks(phone, "12345678901")
    qtbot.keyClick(phone, Qt.Key.Key_Tab)

    def shown() -> list[str]:
        return [e.text() for e in form.findChildren(ErrorLabel) if e.isVisible() and e.text()]

    qtbot.waitUntil(lambda: bool(shown()))
    (message,) = shown()
    assert "[" not in message and "..." not in message
    assert ("13至19" in message) if language == "zh_CN" else ("13 to 19" in message)
    assert "0591-87654321" in message


def _popup_texts(picker: Any) -> list[str]:
    popup = picker.completer_popup()
    model = popup.model()
    return [str(model.index(r, 0).data()) for r in range(model.rowCount())] if popup.isVisible() else []


def test_classification_pickers_find_synonyms_and_say_when_nothing_matches(qtbot: Any, make_window: Any) -> None:
    window = make_window("1024")
    form = window.new_case()
    reason, demand = form.pickers["reason"], form.pickers["demand"]
    reason.setFocus()
    type_text(qtbot, reason, "年费")  # the word a complainant uses; no code or name contains it
    qtbot.waitUntil(lambda: bool(_popup_texts(reason)))
    shown = _popup_texts(reason)
    assert any("收费" in t or "费用" in t or "合同" in t or "规则" in t for t in shown), shown
    assert not any("没有" in t for t in shown)
    demand.setFocus()
    type_text(qtbot, demand, "年费")
    qtbot.waitUntil(lambda: bool(_popup_texts(demand)))
    assert any(t.startswith("D01") for t in _popup_texts(demand)), "退费 is found through its synonym"
    demand.clear()
    type_text(qtbot, demand, "火星")
    qtbot.waitUntil(lambda: any("没有" in t for t in _popup_texts(demand)))
    (hint,) = _popup_texts(demand)
    assert "火星" in hint and "F4" in hint
    qtbot.keyClick(demand.completer_popup(), Qt.Key.Key_Return)
    assert demand.code() == "" and demand.text() == "火星", "the hint is not a choice"


def test_closing_an_unsaved_intake_asks_and_a_kept_draft_is_offered_only_to_its_operator(
        qtbot: Any, make_window: Any, desk: Desk) -> None:
    window = make_window("1024")
    form = window.new_case()
    form.complainant.name.setFocus()
    type_text(qtbot, form.complainant.name, "王小明")
    phone = form.complainant.phone
    phone.setFocus()
    qtbot.keyClicks(phone, "13800000000")

    # Ctrl+W asks; Cancel goes back to the form with everything still typed.
    qtbot.keyClick(phone, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    question = window.close_question
    assert question is not None and question.isVisible()
    assert {b.text() for b in question.buttons()} == {"保存为草稿", "放弃", "取消"}
    qtbot.keyClick(question, Qt.Key.Key_Escape)
    assert window.tabs.indexOf(form) >= 0 and form.complainant.name.text() == "王小明"

    # Keep as draft: the tab closes, the draft stays on disk.
    qtbot.keyClick(phone, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    next(b for b in window.close_question.buttons() if b.text() == "保存为草稿").click()
    assert window.tabs.indexOf(form) < 0

    # Another operator's Ctrl+N: an empty form, nothing offered, nobody else's complainant on screen.
    operator = window.status.operator
    operator.setCurrentIndex(operator.findData("4096"))
    other = window.new_case()
    assert other.is_empty() and other.offer is None
    assert "王小明" not in "".join(w.text() for w in other.findChildren(QLineEdit))
    qtbot.keyClick(other.complainant.name, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.indexOf(other) < 0, "an empty form closes without asking"

    # Its own operator is offered it, and only restoring fills it in.
    operator.setCurrentIndex(operator.findData("1024"))
    mine = window.new_case()
    assert mine.is_empty() and mine.offer is not None and mine.offer.isVisible()
    assert "王小明" not in mine.offer.text.text() and "13800000000" not in mine.offer.text.text()
    mine.offer.restore_button.click()
    assert mine.complainant.name.text() == "王小明" and mine.offer is None

    # Discard from the question throws it away for good.
    qtbot.keyClick(mine.complainant.name, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    next(b for b in window.close_question.buttons() if b.text() == "放弃").click()
    assert window.tabs.indexOf(mine) < 0
    assert window.new_case().offer is None


def test_an_overdue_case_says_by_how_many_days(qtbot: Any, make_window: Any, desk: Desk) -> None:
    now = datetime.now(BEIJING)
    number = operations.register(desk, actor(desk, "1024"),
                                 intake(received_at=(now - timedelta(days=40)).isoformat())).case_number
    window = make_window("1024")
    view = window.open_case(number)
    d = view.case.deadline
    late = (now.date() - d.legal_limit).days
    assert late > 0
    assert f"已超期{late}日" in view.deadline.status.text()
    assert d.legal_limit.isoformat() in view.deadline.status.text()
    install_language("en")
    assert f"Overdue by {late} day" in view.deadline.status.text()


def test_an_empty_list_says_why_and_what_to_do(qtbot: Any, make_window: Any, desk: Desk) -> None:
    window = make_window("1024")
    page = window.list_page
    hint = page.findChild(QLabel, "empty_hint")
    qtbot.waitUntil(hint.isVisible)
    assert "Ctrl+N" in hint.text()
    operations.register(desk, actor(desk, "1024"), intake())
    with qtbot.waitSignal(page.model.filterApplied, timeout=5000):
        window.refresh_action.trigger()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert not hint.isVisible()
    with qtbot.waitSignal(page.model.filterApplied, timeout=5000):
        qtbot.keyClicks(page.search, "zzz")
    assert hint.isVisible() and "zzz" in hint.text() and "后4位" in hint.text()
