"""Nothing typed is ever lost: failed saves keep the values, drafts survive closing and crashes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import delete

from app.db.models import DeskIdentity
from app.desk import Desk
from app.services.queries import CaseFilter
from ui import operations
from ui.intake.form import IntakeForm

from .conftest import OTHER_ID, VALID_CARD, intake


def fill(form: IntakeForm, *, id_number: str = OTHER_ID) -> None:
    c = form.complainant
    c.name.setText("赵敏")
    c.id_number.setText(id_number)
    c.phone.setText("0591-87654321")
    c.address.setText("福州市台江区")
    form.card.set_value(VALID_CARD)
    form.institution.setText("福州分行营业部")
    form.pickers["reason"].set_code("C04")
    form.pickers["demand"].set_code("D03")
    form.request.setText("要求办理个性化分期。")
    form.facts.setText("投诉人称收入下降，无力一次还清。")
    form.grounds.setText("家庭变故。")
    form.proxy_box.setChecked(True)
    form.proxy.name.setText("钱律师")
    form.proxy.relation.setText("律师")
    form.proxy.id_number.setText("110105199001011232")
    form.proxy.phone.setText("13600000000")
    form.proxy.absence_reason.setText("投诉人住院。")
    form.proxy.poa_signed.setChecked(True)


def snapshot(form: IntakeForm) -> dict[str, Any]:
    values = form.values()
    values.pop("received_at")  # a clock reading, not typed
    return values


def case_count(desk: Desk) -> int:
    page = operations.case_page(desk, CaseFilter(), offset=0, limit=1000, with_total=True)
    return page.total or 0


def test_validation_error_keeps_every_typed_value(qtbot: Any, make_window: Any, desk: Desk) -> None:
    window = make_window()
    form = window.new_case()
    fill(form, id_number="110105199001011233")  # wrong check character
    before = snapshot(form)
    assert not form.save_button.isEnabled()

    qtbot.keyClick(form.facts, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert case_count(desk) == 0, "nothing was written"
    assert snapshot(form) == before, "every value is still as typed"
    assert form.card.value() == VALID_CARD
    id_error = form.complainant._cells["id_number"].findChildren(type(form.card_error))[0]
    assert id_error.isVisible() and "2" in id_error.text(), "the ID problem shows beside the ID field"
    assert form.focusWidget() is form.complainant.id_number, "the cursor goes to the field to fix"
    assert form.drafts.load(form.draft_id) is not None, "a draft was kept"


def test_failed_save_in_the_core_keeps_everything(qtbot: Any, make_window: Any, desk: Desk) -> None:
    window = make_window()
    form = window.new_case()
    fill(form)
    before = snapshot(form)
    assert form.problems() == []
    qtbot.waitUntil(form.save_button.isEnabled)
    with desk.write() as s:  # the store refuses: the desk lost its identity meanwhile
        s.execute(delete(DeskIdentity))

    form.save()

    assert case_count(desk) == 0
    assert snapshot(form) == before
    assert window.tabs.indexOf(form) >= 0, "the form stays open"
    assert form.general_error.text() == "本工作站尚未设置身份信息。"
    assert form.save_button.isEnabled(), "the operator can try again"


def test_closing_the_form_by_accident_brings_the_draft_back(qtbot: Any, make_window: Any, desk: Desk) -> None:
    window = make_window()
    form = window.new_case()
    fill(form)
    typed = snapshot(form)
    qtbot.keyClick(form.complainant.name, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # close the tab
    question = window.close_question
    assert question is not None and question.isVisible(), "an unsaved intake is not closed silently"
    next(b for b in question.buttons() if b.text() == "保存为草稿").click()
    assert window.tabs.indexOf(form) < 0

    again = window.new_case()  # Ctrl+N later offers the draft; it is filled in only when chosen
    assert again.is_empty() and again.offer is not None
    again.offer.restore_button.click()
    assert again.draft_id == form.draft_id
    assert snapshot(again) == typed
    assert again.banner.isVisible()
    qtbot.waitUntil(again.save_button.isEnabled)


def test_a_crash_brings_the_draft_back_next_start(qtbot: Any, make_window: Any, desk: Desk) -> None:
    window = make_window()
    form = window.new_case()
    form._autosave.setInterval(50)  # the timer, not a close, writes the draft
    fill(form)
    typed = snapshot(form)
    qtbot.waitUntil(lambda: form.drafts.load(form.draft_id) is not None
                    and form.drafts.load(form.draft_id).values["proxy"]["absence_reason"] == "投诉人住院。")
    # "Crash": the window is never closed properly; a new start finds the draft on disk.
    form._done = True  # stop this window from touching the draft again
    restarted = make_window()
    restored = [w for w in (restarted.tabs.widget(i) for i in range(restarted.tabs.count()))
                if isinstance(w, IntakeForm)]
    assert len(restored) == 1
    assert restored[0].is_empty(), "offered, not filled in"
    restored[0].offer.restore_button.click()
    assert snapshot(restored[0]) == typed
    # Saving the restored draft registers the case and removes the draft.
    restored[0].save()
    assert case_count(desk) == 1
    assert not restarted.drafts.all()


def test_related_cases_are_shown_before_saving_and_can_be_merged(qtbot: Any, make_window: Any, desk: Desk,
                                                                 monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    earlier = operations.register(desk, operations.desk_snapshot(desk).operators[1], intake())
    window = make_window()
    form = window.new_case()
    form.complainant.phone.setText("138 0000 0000")
    form._left("complainant.phone")
    assert form.related.isVisible()
    assert [c.case_number for c in form.related.cases] == [earlier.case_number]
    assert earlier.case_number in form.related.merge_buttons, "an open case offers the merge"
    form.request.setText("再次要求退还年费。")
    form.facts.setText("补充：上月再次扣收。")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Ok)
    form.related.merge_buttons[earlier.case_number].click()
    assert case_count(desk) == 1, "merged, not opened anew"
    detail = operations.detail(desk, earlier.case_number)
    assert detail.events[-1].kind == "new_facts"
    assert "上月再次扣收" in detail.facts
