"""Letters in the case view: the Letters menu offers what the case's history allows; the offer after decide."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from app.desk import Desk
from app.domain.states import CaseAction
from ui import operations, printing
from ui.case_documents import CaseDocumentsBar
from ui.print_preview import PrintPreview

from .conftest import actor, intake
from .test_case_detail import run


def offered_letters(bar: CaseDocumentsBar) -> list[str]:
    return [str(a.data()) for a in bar.letters_menu.actions()]


def test_letters_menu_offers_exactly_what_the_case_allows(qtbot: Any, make_window: Any, desk: Desk) -> None:
    me = actor(desk, "1024")
    number = operations.register(desk, me, intake()).case_number
    declined = operations.register(desk, me, intake(request="要求赔偿损失。")).case_number
    window = make_window("1024")
    view = window.open_case(number)
    bar = view.documents
    assert offered_letters(bar) == [] and not bar.letters_button.isVisible()

    run(view, CaseAction.ACCEPT)
    run(view, CaseAction.EXTEND, reason="需调取境外交易凭证。")
    assert offered_letters(bar) == [printing.EXTENSION_NOTICE]
    assert bar.letters_button.isVisible() and bar.letters_button.isEnabled()
    assert bar.letters_button.text() == "告知文书" and bar.letter_names() == ["延期告知书…"]
    run(view, CaseAction.PAUSE, reason="送司法鉴定中心鉴定签名。")
    assert offered_letters(bar) == [printing.EXTENSION_NOTICE, printing.PAUSE_NOTICE]
    run(view, CaseAction.RESUME)
    run(view, CaseAction.DECIDE, verified="经核实，年费系系统误收。", basis="依据领用合约第5条。",
        outcome="退还年费300元。")
    assert offered_letters(bar) == [printing.DECISION_LETTER, printing.EXTENSION_NOTICE, printing.PAUSE_NOTICE]
    assert bar.letter_names()[0] == printing.kind_name(printing.DECISION_LETTER) + "…"

    other = window.open_case(declined)
    run(other, CaseAction.DECLINE, reason="非投诉人本人或其代理人提出。")
    assert offered_letters(other.documents) == [printing.DECLINED_NOTICE]


def test_after_decide_the_offer_opens_the_decision_letter_which_saves_and_records_the_notice(
        qtbot: Any, make_window: Any, desk: Desk, tmp_path: Path) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = make_window("1024")
    view = window.open_case(number)
    run(view, CaseAction.ACCEPT)
    assert not view.letter_offer.isVisible(), "accepting calls for no letter"
    run(view, CaseAction.DECIDE, verified="经核实，年费系系统误收。", basis="依据领用合约第5条。",
        outcome="退还年费300元。")
    offer = view.letter_offer
    assert offer.isVisible() and offer.kind == printing.DECISION_LETTER
    assert offer.text.text() == "处理决定已录入，请向投诉人出具处理意见书。"
    assert offer.print_button.text() == "打印处理意见书…"
    assert view.dialog is None or not view.dialog.isVisible(), "an offer, not a modal question"

    offer.print_button.click()
    assert not offer.isVisible()
    preview = view.documents.preview
    assert isinstance(preview, PrintPreview) and preview.kind == printing.DECISION_LETTER
    if preview.built is None:
        qtbot.waitUntil(lambda: preview.built is not None)
    assert preview.delivery.isVisible()
    preview.delivery.setCurrentIndex(preview.delivery.findData("letter"))
    target = tmp_path / "意见书.pdf"
    with qtbot.waitSignal(preview.issued):
        preview.save_to(target)
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(target).pages)
    assert "投诉处理意见书" in text and "退还年费300元" in text and "救济途径" in text
    events = operations.detail(desk, number).events
    assert [e.data["document"] for e in events if e.kind == "print"] == ["decision_letter"]
    notice = next(e for e in events if e.kind == "notice")
    assert notice.data["notice"] == "decision" and notice.data["channel"] == "letter"
    assert notice.data["content_hash"] == hashlib.sha256(target.read_bytes()).hexdigest()
