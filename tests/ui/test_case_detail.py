"""Working a case in the detail view: only legal actions, small dialogs, inline errors, deadline panel."""

from __future__ import annotations

from typing import Any

from app.desk import Desk
from app.domain.states import CaseAction, CaseState, allowed_actions
from ui import operations
from ui.detail.dialogs import DIALOG_ACTIONS, ActionDialog
from ui.detail.view import CaseDetailView

from .conftest import actor, intake


def offered(view: CaseDetailView) -> set[CaseAction]:
    return set(view.action_buttons)


def legal(view: CaseDetailView) -> set[CaseAction]:
    assert view.case is not None
    return set(allowed_actions(view.case.state)) & set(DIALOG_ACTIONS)


def run(view: CaseDetailView, action: CaseAction, **values: Any) -> ActionDialog:
    """Open the action's dialog, fill it like an operator, press OK; returns the dialog."""
    button = view.action_buttons[action]
    assert button.isVisible() and button.isEnabled()
    button.click()
    dialog = view.dialog
    assert isinstance(dialog, ActionDialog) and dialog.isVisible()
    for key, value in values.items():
        editor = dialog.editors[key]
        if hasattr(editor, "select"):
            editor.select(value)  # operator picker
        elif hasattr(editor, "findData") and not hasattr(editor, "setPlainText"):
            editor.setCurrentIndex(editor.findData(value))
        else:
            editor.setText(value)
    dialog.ok_button.click()
    return dialog


def test_walk_a_case_through_extension_pause_decision_and_close(qtbot: Any, make_window: Any, desk: Desk) -> None:
    change = operations.register(desk, actor(desk, "1024"), intake())
    window = make_window("1024")
    view = window.open_case(change.case_number)
    assert view.case is not None and view.case.state == CaseState.REGISTERED
    assert offered(view) == legal(view)
    assert CaseAction.DECIDE not in offered(view) and CaseAction.CLOSE not in offered(view)

    dialog = run(view, CaseAction.ACCEPT)
    assert not dialog.isVisible()
    assert view.case.state == CaseState.ACCEPTED
    run(view, CaseAction.START)
    assert view.case.state == CaseState.IN_PROGRESS
    assert offered(view) == legal(view)
    assert CaseAction.ACCEPT not in offered(view) and CaseAction.RESUME not in offered(view)

    # First extension: the reason is required and the error shows beside it; the dialog stays open.
    dialog = run(view, CaseAction.EXTEND)
    assert dialog.isVisible()
    reason_error = dialog.errors._fields["reason"][1]
    assert reason_error.text() == "必填。"
    assert "approver" not in dialog.editors, "the first extension asks for no approver"
    dialog.editors["reason"].setText("需调取境外交易凭证。")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert view.case.deadline.limit_days == 30
    assert view.case.extension_level == 1

    # Pause for appraisal, then resume.
    run(view, CaseAction.PAUSE, reason="送司法鉴定中心鉴定签名。")
    assert view.case.state == CaseState.PAUSED
    assert view.case.deadline.paused
    assert view.deadline.icon_name == "paused"
    assert CaseAction.DECIDE not in offered(view), "no decision while paused"
    assert offered(view) == legal(view)
    run(view, CaseAction.RESUME)
    assert view.case.state == CaseState.IN_PROGRESS

    # Second extension: asks for a supervisor; a receptionist as approver is refused inline.
    dialog = run(view, CaseAction.EXTEND, reason="特别复杂，需总行核查。")
    assert "approver" in dialog.editors
    assert dialog.isVisible()
    assert dialog.errors._fields["approver"][1].text() == "第二次延期须经主管审批。"
    approver = dialog.editors["approver"]
    assert approver.findData("4096") < 0, "only operators who may approve are offered"
    approver.select("2048")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert view.case.deadline.limit_days == 60
    assert CaseAction.EXTEND not in offered(view), "60 days is the last limit"
    assert "2048" in view.deadline.grid.values["extensions"].text()

    # Decision in its four sections (remedies prefilled with the standard text).
    dialog = run(view, CaseAction.DECIDE, verified="经核实，年费系系统误收。", basis="依据领用合约第5条。",
                 outcome="退还年费300元。")
    assert not dialog.isVisible()
    assert view.case.state == CaseState.DECIDED
    assert "30" in view.case.decision["remedies"]
    assert view.decision.values["outcome"].text() == "退还年费300元。"

    # Close: the handler may not survey themselves (not even offered), satisfaction is required.
    dialog = run(view, CaseAction.CLOSE, root_cause="年费减免规则未同步。")
    assert dialog.isVisible()
    surveyed = dialog.editors["surveyed_by"]
    assert surveyed.findData("1024") < 0, "the handler is not offered for the follow-up"
    assert dialog.errors._fields["satisfaction"][1].text()
    assert dialog.errors._fields["surveyed_by"][1].text()
    satisfaction = dialog.editors["satisfaction"]
    satisfaction.setCurrentIndex(satisfaction.findData("basically_satisfied"))
    surveyed.select("4096")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert view.case.state == CaseState.CLOSED
    assert offered(view) == {CaseAction.NOTE}, "a closed case can only be annotated"
    assert view.closing.values["satisfaction"].text() == "基本满意"
    kinds = [e.kind for e in view.case.events]
    assert kinds == ["created", "accept", "start", "extend", "pause", "resume", "extend", "decide", "close"]
    assert view.timeline.rowCount() == len(kinds)


def test_new_facts_warn_that_the_clock_restarts(qtbot: Any, make_window: Any, desk: Desk) -> None:
    change = operations.register(desk, actor(desk, "1024"), intake())
    window = make_window("1024")
    view = window.open_case(change.case_number)
    view.action_buttons[CaseAction.NEW_FACTS].click()
    dialog = view.dialog
    assert isinstance(dialog, ActionDialog)
    assert dialog.warning.isVisible()
    assert "重新计算" in dialog.warning.text()
    dialog.reject()


def test_hand_over_changes_the_owner_but_not_the_first_responder(qtbot: Any, make_window: Any, desk: Desk) -> None:
    change = operations.register(desk, actor(desk, "1024"), intake())
    window = make_window("1024")
    view = window.open_case(change.case_number)
    dialog = run(view, CaseAction.HAND_OVER, to="4096", reason="休假前移交。")
    assert not dialog.isVisible()
    assert view.case is not None
    assert view.case.owner == "4096"
    assert view.case.first_responder == "1024"
    assert "1024 → 4096" in view.people.values["handovers"].text()


def test_personal_data_is_masked_until_revealed_with_a_reason(qtbot: Any, make_window: Any, desk: Desk) -> None:
    change = operations.register(desk, actor(desk, "1024"), intake())
    window = make_window("1024")  # a receptionist may not unmask
    view = window.open_case(change.case_number)
    assert view.complainant.values["id_number"].text() == "110105********002X"
    view.reveal_button.click()
    dialog = view.dialog
    dialog.reason.setText("回拨核实身份")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert dialog.error.text() == "您的角色无此权限。"
    dialog.reject()

    window.status.operator.setCurrentIndex(window.status.operator.findData("2048"))  # a supervisor may
    view.reveal_button.click()
    dialog = view.dialog
    dialog.reason.setText("回拨核实身份")
    dialog.buttons.accepted.emit()
    assert view.case is not None and not view.case.masked
    assert view.complainant.values["id_number"].text() == "11010519491231002X"
