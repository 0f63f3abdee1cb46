"""The letters a case sends its complainant, mapped from the stored case.

Which letter a case can have follows from its history: a decision letter once
the decision is recorded, an extension notice once the deadline was extended
(the latest extension: level, reason, new date), a pause notice once the clock
was paused for appraisal or testing, a not-accepted notice once the case was
declined.  Asking for a letter the case has no step for is a
:class:`~app.errors.DeskError` ``letter_step_missing`` (exit 2 in the CLI).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.clock import beijing_date
from app.errors import DeskError
from app.services.cases import load_case
from app.services.context import Rulebook
from app.services.identity import Actor
from app.services.queries import CaseDetail, EventView, case_detail
from reports import data as rd
from reports.layout import cn_date, cn_datetime
from app.services.letter_steps import available_letters as available_letters
from reports.letters import LETTER_KINDS, LetterData, LetterKind, LetterSection
from reports.verification import canonical_received_at, receipt_verification_code

LAW = "《银行业保险业消费投诉处理管理办法》"

#: What each letter needs the case to have done, said to whoever asked for the letter too early.
_MISSING: dict[str, str] = {
    "decision": "has no decision yet (record the decision first)",
    "extension": "was never extended",
    "pause": "was never paused for appraisal or testing",
    "declined": "was not declined",
}


def _missing(number: str, kind: str) -> DeskError:
    return DeskError(f"case {number} {_MISSING[kind]}: no {kind} letter", code="letter_step_missing", field="kind",
                     kind=kind)


def _last(d: CaseDetail, kind: str) -> EventView | None:
    return next((e for e in reversed(d.events) if e.kind == kind), None)


def _event_day(e: EventView) -> date:
    return date.fromisoformat(str(e.data["on"])) if "on" in e.data else beijing_date(e.at)


def _due_text(d: CaseDetail) -> str:
    text = f"我行将于{cn_date(d.deadline.nominal_due)}前作出处理决定并告知您"
    if d.deadline.legal_limit is not None and d.deadline.legal_limit != d.deadline.nominal_due:
        text += f"（遇法定节假日顺延至{cn_date(d.deadline.legal_limit)}）"
    return text + "。"


def _sections(d: CaseDetail, rb: Rulebook, kind: LetterKind) -> tuple[str, tuple[LetterSection, ...], str]:
    """The intro, the sections and the closing of one letter; DeskError when the case has no such step."""
    opening = f"您于{cn_datetime(d.received_at)}向我行提出的投诉（投诉编号 {d.case_number}），"
    if kind == "decision":
        if not d.decision.get("outcome"):
            raise _missing(d.case_number, kind)
        rules = rb.rules
        route = (f"如对本处理意见有异议，您可自收到本意见书之日起{rules.review_request_days}日内，"
                 f"以书面形式向我行上一级机构申请核查（请注明投诉编号），上一级机构将在"
                 f"{rules.review_decision_days}日内作出核查结论；您也可以申请第三方调解，"
                 "或依法申请仲裁、向人民法院提起诉讼。")
        own = d.decision["remedies"].strip()
        return (opening + f"我行已依据{LAW}进行调查核实，现将处理意见告知如下：", (
            LetterSection("一、核实情况", d.decision["verified"]),
            LetterSection("二、依据和理由", d.decision["basis"]),
            LetterSection("三、处理结果", d.decision["outcome"]),
            LetterSection("四、救济途径", f"{own}\n{route}" if own else route),
        ), "特此告知。")
    if kind == "extension":
        event = _last(d, "extend")
        if event is None:
            raise _missing(d.case_number, kind)
        level = int(event.data.get("level", 1))
        total = int(event.data.get("total_days", 0))
        why = ("因案情复杂" if level == 1 else "因案情特别复杂，经上级机构批准")
        return (opening + f"{why}，我行依据{LAW}将处理期限延长至{total}日（第{level}次延期）。现告知如下：", (
            LetterSection("延期原因", event.reason),
            LetterSection("延期后的处理期限", _due_text(d)),
        ), "给您带来不便，敬请谅解。特此告知。")
    if kind == "pause":
        event = _last(d, "pause")
        if event is None:
            raise _missing(d.case_number, kind)
        after = [e for e in d.events if e.seq > event.seq and e.kind == "resume"]
        period = f"自{cn_date(_event_day(event))}起暂停计算处理期限"
        period += f"，已于{cn_date(_event_day(after[0]))}恢复计算。" if after else "，鉴定或检测结束后恢复计算。"
        return (opening + "需要进行鉴定或检测，现告知如下：", (
            LetterSection("鉴定或检测事由", event.reason),
            LetterSection("期限说明", f"{period}依据{LAW}，鉴定、检测所需时间不计入处理期限。"),
        ), "特此告知。")
    if d.state != "declined":
        raise _missing(d.case_number, kind)
    event = _last(d, "decline")
    return (opening + f"经审查，我行依据{LAW}决定不予受理。现告知如下：", (
        LetterSection("不予受理的理由", event.reason if event else ""),
        LetterSection("说明", "投诉应由消费者本人或其委托的代理人提出。如您本人或您委托的代理人就同一事项提出投诉，"
                              "我行将依法受理。"),
    ), "特此告知。")


def letter_data(session: Session, rb: Rulebook, actor: Actor, case_ref: str, kind: LetterKind, *,
                desk: rd.DeskInfo, key: bytes, print_count: int) -> LetterData:
    """The letter ``kind`` of a case, raw (the builder masks for print); DeskError when it has no such step."""
    if kind not in LETTER_KINDS:
        raise DeskError(f"unknown letter kind {kind!r}", code="choice", field="kind", allowed=list(LETTER_KINDS))
    d = case_detail(session, rb, case_ref, reveal_for=None)
    intro, sections, closing = _sections(d, rb, kind)
    # Names come raw from the store: the builder masks them for print (stricter than the screen).
    parties = load_case(session, case_ref).parties
    c = next(p for p in parties if p.role == "complainant")
    proxy = next((p for p in parties if p.role == "proxy"), None)
    contact = f"如有疑问，请致电客服热线{desk.hotline}" if desk.hotline else "如有疑问，请联系我行受理网点"
    contact += f"或联系受理网点（{desk.branch_contact}）" if desk.branch_contact else ""
    contact += "，查询时请提供投诉编号及验证码。"
    return LetterData(
        kind=kind, desk=desk, case_number=d.case_number, received_at=d.received_at, issued_on=rb.today(),
        addressee=c.name, addressee_is_organisation=c.kind == "organisation",
        proxy_name=proxy.name if proxy is not None else "", intro=intro, sections=sections,
        closing=f"{contact}\n{closing}",
        verification_code=receipt_verification_code(d.case_number, canonical_received_at(d.received_at), key),
        print_count=print_count, staff_no=actor.staff_no)
