"""Receipts, case reports and letters for a stored case: gathering their data, issuing them, counting prints.

The builders in ``reports/`` know nothing of the store; this module maps a case
onto their input, and records an issued document as a case event (with its
count, so a second receipt is marked 补打) and an audit line.  A print that
fails or is cancelled is never recorded: :func:`issue_document` records only
after the delivery callback has returned.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from datetime import date, datetime, timedelta
from hashlib import sha256
from enum import StrEnum

from sqlalchemy.orm import Session

from app.clock import beijing_date
from app.desk import Desk
from app.domain.labels import CHANNEL_ZH, EVENT_ZH, ID_TYPE_ZH, NOTICE_ZH, SATISFACTION_ZH, STATE_ZH, zh
from app.domain.masking import MaskStrength
from app.errors import DeskError
from app.output_file import write_file_atomically
from app.roles import Permission, can
from app.services import case_actions as acts
from app.services.context import Rulebook
from app.services.copy_lock import copy_lock
from app.services.identity import Actor, require_desk_info
from app.services.letters import letter_data
from app.services.queries import CaseDetail, EventView, PartyView, case_detail
from app.settings import Settings
from reports import data as rd
from reports.case_report import build_case_report, report_fingerprint
from reports.letters import LetterKind, build_letter
from reports.receipt import build_receipt
from reports.verification import canonical_received_at, desk_receipt_key, receipt_verification_code

log = logging.getLogger(__name__)


class DocumentKind(StrEnum):
    RECEIPT = "receipt"
    REPORT = "report"
    DECISION_LETTER = "decision_letter"
    EXTENSION_NOTICE = "extension_notice"
    PAUSE_NOTICE = "pause_notice"
    DECLINED_NOTICE = "declined_notice"


#: The letter each letter document is (reports.letters), and the notice kind its delivery is recorded as.
LETTER_DOCUMENTS: dict[DocumentKind, tuple[LetterKind, str]] = {
    DocumentKind.DECISION_LETTER: ("decision", acts.NoticeKind.DECISION.value),
    DocumentKind.EXTENSION_NOTICE: ("extension", acts.NoticeKind.EXTENSION.value),
    DocumentKind.PAUSE_NOTICE: ("pause", acts.NoticeKind.PAUSE.value),
    DocumentKind.DECLINED_NOTICE: ("declined", acts.NoticeKind.DECLINE.value),
}


#: A printed document's name on the timeline and in the case report.
DOCUMENT_ZH: dict[str, str] = {
    "receipt": "受理回执", "report": "投诉处理档案", "decision_letter": "投诉处理意见书",
    "extension_notice": "延期告知书", "pause_notice": "暂停告知书", "declined_notice": "不予受理告知书",
}


def letter_document(kind: str) -> DocumentKind:
    """The document kind of a letter named as the CLI and GUI name it (decision, extension, pause, declined)."""
    for doc, (letter, _notice) in LETTER_DOCUMENTS.items():
        if letter == kind:
            return doc
    raise DeskError(f"unknown letter kind {kind!r}", code="choice", field="kind",
                    allowed=[letter for letter, _n in LETTER_DOCUMENTS.values()])


@dataclass(frozen=True)
class DeskContacts:
    """What the settings add to printed documents: bank name, hotline, branch contact."""

    bank_name: str = ""
    hotline: str = ""
    branch_contact: str = ""


@dataclass(frozen=True)
class BuiltDocument:
    """A rendered PDF and the copy it was built as (checked again when it is delivered: see deliver_copy)."""

    kind: DocumentKind
    case_number: str
    pdf: bytes
    count: int
    fingerprint: str
    #: How it was built, so that it can be rebuilt as another copy.
    contacts: DeskContacts = DeskContacts()
    layout: str = "a5"


@dataclass(frozen=True)
class IssuedDocument:
    kind: DocumentKind
    case_number: str
    count: int
    destination: str
    size_bytes: int
    fingerprint: str
    #: The channel a letter was recorded as delivered by ("" when no notice was recorded).
    delivered: str = ""


def rule_text(rb: Rulebook, limit_days: int) -> str:
    return (f"依据《银行业保险业消费投诉处理管理办法》，自受理之日起{limit_days}日内作出处理决定"
            f"（规则版本 {rb.rules.version}）")


def _desk_info(session: Session, contacts: DeskContacts) -> rd.DeskInfo:
    desk = require_desk_info(session)
    return rd.DeskInfo(bank_name=desk.bank_name or contacts.bank_name, branch_code=desk.branch_code,
                       branch_name=desk.branch_name, desk_code=desk.desk_code, hotline=contacts.hotline,
                       branch_contact=contacts.branch_contact)


def receipt_data(session: Session, rb: Rulebook, actor: Actor, case_ref: str, *, contacts: DeskContacts,
                 key: bytes, print_count: int) -> rd.ReceiptData:
    """The acknowledgement receipt of a case (personal data is masked by the builder)."""
    d = case_detail(session, rb, case_ref, reveal_for=None)
    raw = _raw_complainant(session, rb, case_ref)
    return rd.ReceiptData(
        desk=_desk_info(session, contacts), case_number=d.case_number, received_at=d.received_at,
        complainant_name=raw.name, complainant_phone=raw.phone, request_summary=d.request,
        nominal_due=d.deadline.nominal_due, rule_text=rule_text(rb, d.deadline.limit_days),
        remedies_text=rd.remedies_notice(rb.rules.review_request_days), staff_no=actor.staff_no,
        print_count=print_count,
        verification_code=receipt_verification_code(d.case_number, canonical_received_at(d.received_at), key),
        complainant_is_organisation=raw.kind == "organisation", legal_limit=d.deadline.legal_limit)


def _raw_complainant(session: Session, rb: Rulebook, case_ref: str) -> PartyView:
    # The receipt builder masks for print itself; it needs the clear phone to do so.
    from app.services.cases import load_case

    case = load_case(session, case_ref)
    p = next(p for p in case.parties if p.role == "complainant")
    return PartyView(p.role, p.position, p.kind, p.name, p.id_type, "", p.phone, "", p.uscc,
                     p.legal_representative, "", False, "", "", "")


def _person(p: PartyView) -> rd.Person:
    return rd.Person(p.name, zh(ID_TYPE_ZH, p.id_type), p.id_number, p.phone, p.address)


def _timeline_text(e: EventView) -> str:
    parts = [e.reason] if e.reason else []
    data = e.data
    if e.kind == "extend":
        parts.append(f"延长至{data.get('total_days')}日" + (f"，批准人 {data['approver']}" if data.get("approver")
                                                        else ""))
    elif e.kind == "hand_over":
        parts.append(f"由 {data.get('from')} 移交 {data.get('to')}")
    elif e.kind == "print":
        parts.append(f"{zh(DOCUMENT_ZH, str(data.get('document')))}"
                     f" 第{data.get('count')}次")
    elif e.kind == "notice":
        parts.append(f"{zh(NOTICE_ZH, str(data.get('notice')))}（{zh(CHANNEL_ZH, str(data.get('channel')))}）")
    elif e.kind == "close":
        parts.append(f"满意度：{zh(SATISFACTION_ZH, str(data.get('satisfaction')))}，回访人 {data.get('surveyed_by')}")
    elif e.kind == "recording":
        parts.append(str(data.get("what", "")) + (f" {data.get('file_name')}" if data.get("file_name") else ""))
    elif e.state_before != e.state_after and e.state_before:
        parts.append(f"{zh(STATE_ZH, e.state_before)} → {zh(STATE_ZH, e.state_after)}")
    return "；".join(x for x in parts if x)


def _deadline_history(d: CaseDetail, rb: Rulebook) -> rd.DeadlineHistory:
    extensions = []
    pauses: list[rd.Pause] = []
    for e in d.events:
        on = date.fromisoformat(e.data["on"]) if "on" in e.data else beijing_date(e.at)
        if e.kind == "extend":
            level = int(e.data.get("level", 1))
            total = int(e.data.get("total_days", 0))
            extensions.append(rd.Extension("第一次延期（复杂）" if level == 1 else "第二次延期（特别复杂）",
                                           d.deadline.clock_start + timedelta(days=total),
                                           e.reason, e.data.get("approver") or e.operator, e.at))
        elif e.kind == "pause":
            pauses.append(rd.Pause(on, None, e.reason))
        elif e.kind == "resume" and pauses and pauses[-1].end is None:
            pauses[-1] = rd.Pause(pauses[-1].start, on, pauses[-1].reason)
    return rd.DeadlineHistory(d.deadline.nominal_due, d.deadline.legal_limit, rule_text(rb, d.deadline.limit_days),
                              tuple(extensions), tuple(pauses), d.deadline.holiday_data_missing_years)


def report_data(session: Session, rb: Rulebook, actor: Actor, case_ref: str, *, contacts: DeskContacts,
                now: datetime) -> rd.CaseReportData:
    """The full case report; unmasked only for roles allowed to see personal data (and then audited)."""
    unmasked = can(actor.role, Permission.UNMASK_PERSONAL_DATA)
    d = case_detail(session, rb, case_ref, reveal_for=actor if unmasked else None,
                    reveal_reason="case report" if unmasked else "")
    ref = rb.reference
    c = d.complainant
    complainant: rd.Person | rd.Organisation
    if c.kind == "organisation":
        complainant = rd.Organisation(c.name, c.uscc, c.legal_representative, c.phone, c.address)
    else:
        complainant = _person(c)
    proxy = None
    if d.proxy is not None:
        p = d.proxy
        proxy = rd.Proxy(_person(p), p.relation, p.poa_reference, p.poa_signed_original, "", None,
                         p.absence_reason)
    reps = tuple(_person(p) for p in d.parties if p.role == "representative")

    def name(axis: str, code: str) -> str:
        return ref.get(axis, code).name_zh if code else ""

    notices = tuple(
        rd.NoticeRecord(zh(NOTICE_ZH, str(e.data.get("notice"))), zh(CHANNEL_ZH, str(e.data.get("channel"))), e.at,
                        str(e.data.get("content_hash", "")), bool(e.data.get("signed")))
        for e in d.events if e.kind == "notice")
    recordings = tuple(
        rd.RecordingEntry(str(e.data.get("file_name", "")),
                          datetime.fromisoformat(str(e.data["started_at"])) if e.data.get("started_at") else e.at,
                          float(e.data.get("duration_s", 0.0)), int(e.data.get("size_bytes", 0)),
                          str(e.data.get("sha256", "")))
        for e in d.events if e.kind == "recording" and e.data.get("what") in ("attached", "recovered"))
    decision = None
    if d.decision.get("outcome"):
        decision = rd.Decision(d.decision["verified"], d.decision["basis"], d.decision["outcome"],
                               d.decision["remedies"])
    first = next((e for e in d.events if e.kind == "created"), None)
    return rd.CaseReportData(
        desk=_desk_info(session, contacts), case_number=d.case_number, state_label=zh(STATE_ZH, d.state),
        received_at=d.received_at, complainant=complainant,
        complained_party=rd.ComplainedParty(d.complained_institution or "", "", d.complained_staff, ""),
        classification=rd.Classification(d.channel, name("channel", d.channel), d.business,
                                         name("business", d.business), d.reason, name("reason", d.reason),
                                         d.demand, name("demand", d.demand), d.reference_version),
        request=d.request, facts=d.facts, grounds=d.grounds, deadline=_deadline_history(d, rb),
        generated_at=now, generated_by=f"{actor.staff_no} {actor.name}",
        mask=None if unmasked else MaskStrength.SCREEN, proxy=proxy, representatives=reps,
        timeline=tuple(rd.TimelineEntry(e.at, zh(EVENT_ZH, e.kind), f"{e.operator} {e.operator_name}".strip(),
                                        _timeline_text(e)) for e in d.events),
        notices=notices, decision=decision, satisfaction_label=zh(SATISFACTION_ZH, d.satisfaction)
        if d.satisfaction else "", root_cause=d.root_cause, rectification=d.rectification, recordings=recordings,
        received_by=f"{first.operator} {first.operator_name}" if first else "")


def build_document(session: Session, rb: Rulebook, actor: Actor, case_ref: str, kind: DocumentKind, *,
                   contacts: DeskContacts, receipt_key: bytes, layout: str = "a5",
                   count: int | None = None) -> BuiltDocument:
    """Render the next copy of a receipt or report (or copy ``count``); not yet counted as issued."""
    if count is None:
        count = acts.print_count(session, case_ref, kind.value) + 1
    if kind is DocumentKind.RECEIPT:
        data = receipt_data(session, rb, actor, case_ref, contacts=contacts, key=receipt_key, print_count=count)
        pdf = build_receipt(data, layout)  # type: ignore[arg-type]
        return BuiltDocument(kind, data.case_number, pdf, count, sha256(pdf).hexdigest(), contacts, layout)
    if kind in LETTER_DOCUMENTS:
        letter = letter_data(session, rb, actor, case_ref, LETTER_DOCUMENTS[kind][0],
                             desk=_desk_info(session, contacts), key=receipt_key, print_count=count)
        pdf = build_letter(letter)
        return BuiltDocument(kind, letter.case_number, pdf, count, sha256(pdf).hexdigest(), contacts, "a4")
    report = report_data(session, rb, actor, case_ref, contacts=contacts, now=rb.clock())
    return BuiltDocument(kind, report.case_number, build_case_report(report), count, report_fingerprint(report),
                         contacts, layout)


#: Documents that print their copy number (a receipt's 补打 mark); a report's pages do not.
NUMBERED_KINDS = frozenset({DocumentKind.RECEIPT, *LETTER_DOCUMENTS})


def deliver_copy(desk: Desk, actor: Actor, built: BuiltDocument,
                 deliver: Callable[[BuiltDocument], str], *, delivered: str = "") -> IssuedDocument:
    """Deliver ``built`` as the copy it really is, then count it; returns what was counted.

    A copy's number is taken when it is built, but another preview or process
    may deliver a copy of the same case before this one.  So, under the case's
    copy lock (:mod:`app.services.copy_lock`) held from here until the count is
    written: the number is checked against the copies counted so far, a copy
    built with an outdated number is rebuilt with its real one (its 补打 mark)
    and handed to ``deliver`` instead, and the copy is counted.  Anything
    ``deliver`` raises propagates and nothing is counted.  For a letter,
    ``delivered`` (a notice channel: in_person, letter, sms, phone) also records
    the notice event with the delivered PDF's hash.
    """
    with copy_lock(desk.paths, built.case_number):
        with desk.read() as s:
            real = acts.print_count(s, built.case_number, built.kind.value) + 1
        if real != built.count:
            log.info("%s %s was built as copy %d; delivered as copy %d", built.case_number, built.kind.value,
                     built.count, real)
            built = _renumbered(desk, actor, built, real)
        destination = deliver(built)
        with desk.write() as s:
            return record_issued(s, desk.rulebook, actor, built, destination, delivered=delivered)


def _renumbered(desk: Desk, actor: Actor, built: BuiltDocument, count: int) -> BuiltDocument:
    if built.kind not in NUMBERED_KINDS:
        return replace(built, count=count)
    with desk.read() as s:
        return build_document(s, desk.rulebook, actor, built.case_number, built.kind, contacts=built.contacts,
                              receipt_key=desk_receipt_key(), layout=built.layout, count=count)


def record_issued(session: Session, rb: Rulebook, actor: Actor, built: BuiltDocument, destination: str, *,
                  delivered: str = "") -> IssuedDocument:
    """Count a delivered document on the case's timeline (the audit line comes with the event).

    A letter given to the complainant (``delivered`` names the channel) is also
    recorded as a notice: its kind, channel, time, the PDF's SHA-256 and, in
    person, that the complainant signed for it (DOMAIN.md: notices keep proof).
    """
    change = acts.record_print(session, rb, actor, built.case_number, document=built.kind.value,
                               printer=destination, fingerprint=built.fingerprint)
    if delivered and built.kind in LETTER_DOCUMENTS:
        in_person = delivered == acts.NoticeChannel.IN_PERSON.value
        acts.record_notice(session, rb, actor, built.case_number, kind=LETTER_DOCUMENTS[built.kind][1],
                           channel=delivered, content_hash=built.fingerprint, signed=in_person,
                           text=f"{DOCUMENT_ZH[built.kind.value]} 第{built.count}份"
                                + ("，投诉人当面签收" if in_person else ""))
    if int(change.detail["count"]) != built.count:
        # Only a delivery outside deliver_copy's lock can get here; the timeline keeps the true count.
        log.warning("%s %s printed as copy %d was counted as copy %s", built.case_number, built.kind.value,
                    built.count, change.detail["count"])
    return IssuedDocument(built.kind, built.case_number, int(change.detail["count"]), destination,
                          len(built.pdf), built.fingerprint, delivered if built.kind in LETTER_DOCUMENTS else "")



def contacts_from_settings(settings: Settings) -> DeskContacts:
    return DeskContacts(bank_name=settings.bank_name, hotline=settings.hotline, branch_contact=settings.branch_contact)


def issue_document(desk: Desk, actor: Actor, case_ref: str, kind: DocumentKind, *, contacts: DeskContacts,
                   deliver: Callable[[BuiltDocument], str], layout: str = "a5",
                   delivered: str = "") -> IssuedDocument:
    """Build the next copy, hand it to ``deliver`` (file or printer; returns where it went), then count it.

    Delivered through :func:`deliver_copy`: the copy goes out with the number it
    is counted as.  Anything ``deliver`` raises propagates and nothing is
    recorded: a failed or cancelled print is not counted as printed.
    """
    key = desk_receipt_key() if kind in NUMBERED_KINDS else b""
    with desk.write() if kind is DocumentKind.REPORT else desk.read() as s:
        # A report by an unmasking role writes its reveal to the audit log, hence a write session.
        built = build_document(s, desk.rulebook, actor, case_ref, kind, contacts=contacts, receipt_key=key,
                               layout=layout)
    return deliver_copy(desk, actor, built, deliver, delivered=delivered)


#: How the CLI and GUI name a letter's delivery, and the notice channel it is recorded as.
DELIVERY_CHANNELS: dict[str, str] = {
    "in-person": acts.NoticeChannel.IN_PERSON.value,
    "post": acts.NoticeChannel.LETTER.value,
    "sms": acts.NoticeChannel.SMS.value,
    "phone": acts.NoticeChannel.PHONE.value,
}


def write_pdf_file(path: Path) -> Callable[[BuiltDocument], str]:
    """A delivery that writes the PDF atomically to ``path`` (OutputError when it cannot; no ``.part`` left)."""

    def deliver(built: BuiltDocument) -> str:
        write_file_atomically(path, built.pdf)
        return f"file:{path.name}"

    return deliver
