"""Issue 8: the case-action dialogs refuse hostile text with the intake form's messages, beside the field."""

from __future__ import annotations

from typing import Any

from app.desk import Desk
from app.domain.states import CaseAction, CaseState
from app.services.queries import case_detail
from ui import operations

from .conftest import actor, intake
from .test_case_detail import run


def events(desk: Desk, number: str) -> int:
    with desk.read() as s:
        return len(case_detail(s, desk.rulebook, number).events)


def test_hostile_text_in_action_dialogs_is_shown_beside_the_field_and_kept(qtbot: Any, make_window: Any,
                                                                            desk: Desk) -> None:
    change = operations.register(desk, actor(desk, "1024"), intake())
    window = make_window("1024")
    view = window.open_case(change.case_number)
    run(view, CaseAction.ACCEPT)
    before = events(desk, change.case_number)

    dialog = run(view, CaseAction.NOTE, note="已电话联系\x1b[2J客户")
    assert dialog.isVisible()
    assert dialog.errors._fields["note"][1].text() == "含有控制字符（U+001B），请重新输入。"
    assert dialog.editors["note"].text() == "已电话联系\x1b[2J客户"  # nothing typed is lost
    dialog.reject()

    dialog = run(view, CaseAction.DECIDE, verified="核实交易记录。", basis="合同第5条。", outcome="减免罚息\u202e元",
                 remedies="可申请复核。")
    assert dialog.isVisible()
    assert dialog.errors._fields["outcome"][1].text() == "含有文字方向控制字符（U+202E），请重新输入。"
    assert dialog.errors._fields["verified"][1].text() == ""
    dialog.reject()
    assert events(desk, change.case_number) == before
    assert view.case is not None and view.case.state == CaseState.ACCEPTED

    run(view, CaseAction.DECIDE, verified="核实交易记录。", basis="合同第5条。", outcome="减免罚息。",
        remedies="可申请复核。")
    dialog = run(view, CaseAction.CLOSE, root_cause="系统延迟。", rectification="\u200b\u200b",
                 satisfaction="satisfied", surveyed_by="4096")
    assert dialog.isVisible()
    assert dialog.errors._fields["rectification"][1].text() == "没有可见字符。"
    dialog.editors["rectification"].setText("升级入账系统。")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert view.case.state == CaseState.CLOSED
