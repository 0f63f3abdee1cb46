"""Case actions that carry their own data: extension, new facts, decision, closing,
hand-over, notes, notices, prints and recordings.  Same path as every change:
state check, event, deadline, outbox, audit (see :mod:`app.services.cases`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Operator
from app.domain.card import scrub_sensitive_text
from app.domain.deadlines import validate_extension
from app.domain.follow_up import SURVEYED_BY_HANDLER, follow_up_refusal
from app.domain.states import CaseAction, CaseState, next_state
from app.errors import PermissionDenied, Problem, ValidationError
from app.roles import Permission, can
from app.services.action_text import checked_text
from app.services.cases import CaseChange, _append, _change, _check, _required, deadline_inputs, load_case
from app.services.context import Rulebook
from app.services.identity import Actor, get_actor


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"            # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    DISSATISFIED = "dissatisfied"      # 不满意
    UNREACHABLE = "unreachable"        # 无法联系


class NoticeKind(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    EXTENSION = "extension"
    DECISION = "decision"
    REVIEW = "review"
    DECLINE = "decline"
    RECORDING = "recording"
    PAUSE = "pause"


class NoticeChannel(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    SMS = "sms"
    LETTER = "letter"
    EMAIL = "email"
    APP = "app"


def _limit(rb: Rulebook, key: str, default: int) -> int:
    return int(rb.rules.field_max_lengths.get(key, default))


def _scrub(text: str, removed: list[str]) -> str:
    """``text`` through the one card scrubber (card numbers masked, PIN/CVV/expiry removed)."""
    clean, kinds = scrub_sensitive_text(text)
    removed.extend(k for k in kinds if k not in removed)
    return clean


def _scrubbed(removed: list[str]) -> dict[str, Any]:
    """The event-data entry saying what was scrubbed (none when nothing was)."""
    return {"scrubbed": removed} if removed else {}


def _guard(case_state: str, action: CaseAction) -> None:
    next_state(CaseState(case_state), action)  # raises IllegalTransition when not allowed


def extend_deadline(session: Session, rb: Rulebook, actor: Actor, case_ref: str, *, level: int, reason: str,
                    approver_staff_no: str = "") -> CaseChange:
    """Extend to 30 days (level 1) or, with a supervisor's approval, to 60 days (level 2)."""
    case = load_case(session, case_ref)
    _guard(case.state, CaseAction.EXTEND)
    problems: list[Problem] = []
    reason = _required(reason, "reason", problems, _limit(rb, "reason", 1000))
    reason, removed = scrub_sensitive_text(reason)
    validate_extension(deadline_inputs(case, list(case.events)).extensions, level)
    approver: Actor | None = None
    if level == 2:
        if not approver_staff_no:
            problems.append(Problem("approval_required", "approver",
                                    "the second extension needs a supervisor's approval"))
        else:
            approver = get_actor(session, staff_no=approver_staff_no)
            if not can(approver.role, Permission.APPROVE_SECOND_EXTENSION):
                raise PermissionDenied(f"{approver.staff_no} may not approve a second extension",
                                       field="approver", staff_no=approver.staff_no)
    _check(problems)
    total = rb.rules.first_extension_total_days if level == 1 else rb.rules.second_extension_total_days
    event = _append(session, rb, actor, case, CaseAction.EXTEND.value, reason=reason,
                    data={"level": level, "total_days": total, "notice_required": True,
                          "approver": approver.staff_no if approver else "", **_scrubbed(removed)})
    return _change(case, event)


def add_new_facts(session: Session, rb: Rulebook, actor: Actor, case_ref: str, *, facts: str) -> CaseChange:
    """Record new facts from the complainant: the decision clock restarts from today."""
    case = load_case(session, case_ref)
    _guard(case.state, CaseAction.NEW_FACTS)
    problems: list[Problem] = []
    text = _required(facts, "facts", problems, _limit(rb, "facts", 10000))
    _check(problems)
    text, removed = scrub_sensitive_text(text)
    case.facts_text = f"{case.facts_text}\n\n[{rb.today().isoformat()}] {text}".strip()
    event = _append(session, rb, actor, case, CaseAction.NEW_FACTS.value, reason=text,
                    data={"scrubbed": removed})
    return _change(case, event)


def record_decision(session: Session, rb: Rulebook, actor: Actor, case_ref: str, *, verified: str, basis: str,
                    outcome: str, remedies: str) -> CaseChange:
    """The decision in its four sections: 核实情况, 依据和理由, 处理结果, 救济途径."""
    case = load_case(session, case_ref)
    before = case.state
    after = next_state(CaseState(case.state), CaseAction.DECIDE)
    problems: list[Problem] = []
    n = _limit(rb, "decision_section", 10000)
    sections = {
        "verified": _required(verified, "verified", problems, n),
        "basis": _required(basis, "basis", problems, n),
        "outcome": _required(outcome, "outcome", problems, n),
        "remedies": _required(remedies, "remedies", problems, n),
    }
    _check(problems)
    removed: list[str] = []
    for key, text in sections.items():
        sections[key] = _scrub(text, removed)
    case.decision_verified, case.decision_basis = sections["verified"], sections["basis"]
    case.decision_outcome, case.decision_remedies = sections["outcome"], sections["remedies"]
    case.state = after.value
    case.decided_at = rb.clock()
    event = _append(session, rb, actor, case, CaseAction.DECIDE.value,
                    data={"sections": list(sections), **_scrubbed(removed)}, state_before=before)
    return _change(case, event)


def close_case(session: Session, rb: Rulebook, actor: Actor, case_ref: str, *, root_cause: str,
               rectification: str, satisfaction: str, surveyed_by_staff_no: str, survey_note: str = "") -> CaseChange:
    """Close a decided case: needs its root cause (溯源) and a satisfaction result gathered by
    someone other than the handler (or a record that the complainant could not be reached)."""
    case = load_case(session, case_ref)
    before = case.state
    after = next_state(CaseState(case.state), CaseAction.CLOSE)
    problems: list[Problem] = []
    root = _required(root_cause, "root_cause", problems, _limit(rb, "root_cause", 4000))
    rect = checked_text(rectification, "rectification", problems, limit=_limit(rb, "rectification", 4000))
    survey_note = checked_text(survey_note, "survey_note", problems, limit=_limit(rb, "survey_note", 4000))
    try:
        sat = Satisfaction(satisfaction)
    except ValueError:
        problems.append(Problem("choice", "satisfaction", "choose satisfied, basically satisfied, dissatisfied "
                                "or could not be reached", {"allowed": [s.value for s in Satisfaction]}))
        sat = None
    if sat is Satisfaction.UNREACHABLE and not survey_note and not any(p.field == "survey_note" for p in problems):
        problems.append(Problem("required", "survey_note", "say how and when the complainant was tried"))
    if not surveyed_by_staff_no:
        problems.append(Problem("required", "surveyed_by", "who did the satisfaction follow-up?"))
    _check(problems)
    surveyor = get_actor(session, staff_no=surveyed_by_staff_no)
    handler = get_actor(session, operator_id=case.owner_id)
    refusal = follow_up_refusal(role=surveyor.role, staff_no=surveyor.staff_no, handler_staff_no=handler.staff_no)
    if refusal == SURVEYED_BY_HANDLER:
        raise ValidationError([Problem(refusal, "surveyed_by",
                                       "the satisfaction follow-up must not be done by the case's handler")])
    if refusal is not None:
        raise ValidationError([Problem(refusal, "surveyed_by",
                                       "the satisfaction follow-up is done by staff who work cases;"
                                       " this operator's role only reads")])
    assert sat is not None
    removed: list[str] = []
    root, rect, note = _scrub(root, removed), _scrub(rect, removed), _scrub(survey_note.strip(), removed)
    case.root_cause, case.rectification, case.satisfaction = root, rect, sat.value
    case.state = after.value
    case.ended_at = case.ended_at or rb.clock()
    event = _append(session, rb, actor, case, CaseAction.CLOSE.value, reason=note,
                    data={"satisfaction": sat.value, "surveyed_by": surveyor.staff_no, **_scrubbed(removed)},
                    state_before=before)
    return _change(case, event)


def hand_over(session: Session, rb: Rulebook, actor: Actor, case_ref: str, *, to_staff_no: str,
              reason: str) -> CaseChange:
    """Hand the case to another operator (首问负责制: the owner changes only by this record)."""
    case = load_case(session, case_ref)
    _guard(case.state, CaseAction.HAND_OVER)
    problems: list[Problem] = []
    reason = _required(reason, "reason", problems, _limit(rb, "reason", 1000))
    _check(problems)
    removed: list[str] = []
    reason = _scrub(reason, removed)
    target = get_actor(session, staff_no=to_staff_no)
    if target.operator_id == case.owner_id:
        raise ValidationError([Problem("same_owner", "to", "the case is already with this operator")])
    if case.complained_staff and case.complained_staff in (target.staff_no, target.name):
        raise ValidationError([Problem("recusal", "to", "this operator is the staff member complained about")])
    previous = session.get(Operator, case.owner_id)
    case.owner_id = target.operator_id
    event = _append(session, rb, actor, case, CaseAction.HAND_OVER.value, reason=reason,
                    data={"from": previous.staff_no if previous else "", "to": target.staff_no,
                          **_scrubbed(removed)})
    return _change(case, event)


def add_note(session: Session, rb: Rulebook, actor: Actor, case_ref: str, *, text: str) -> CaseChange:
    case = load_case(session, case_ref)
    _guard(case.state, CaseAction.NOTE)
    problems: list[Problem] = []
    body = _required(text, "note", problems, _limit(rb, "note", 4000))
    _check(problems)
    body, removed = scrub_sensitive_text(body)
    event = _append(session, rb, actor, case, CaseAction.NOTE.value, reason=body, data={"scrubbed": removed})
    return _change(case, event)


def record_notice(session: Session, rb: Rulebook, actor: Actor, case_ref: str, *, kind: str, channel: str,
                  content_hash: str = "", signed: bool = False, text: str = "") -> CaseChange:
    """Keep proof that a notice was given: its kind, channel, time, content hash and signature."""
    case = load_case(session, case_ref)
    _guard(case.state, CaseAction.NOTICE)
    problems: list[Problem] = []
    if kind not in NoticeKind.__members__.values():
        problems.append(Problem("choice", "kind", "unknown notice kind", {"allowed": [k.value for k in NoticeKind]}))
    if channel not in NoticeChannel.__members__.values():
        problems.append(Problem("choice", "channel", "unknown channel",
                                {"allowed": [c.value for c in NoticeChannel]}))
    text = checked_text(text, "text", problems, limit=_limit(rb, "reason", 1000))
    _check(problems)
    removed: list[str] = []
    event = _append(session, rb, actor, case, CaseAction.NOTICE.value, reason=_scrub(text, removed),
                    data={"notice": kind, "channel": channel, "content_hash": content_hash, "signed": signed,
                          **_scrubbed(removed)})
    return _change(case, event)


def record_print(session: Session, rb: Rulebook, actor: Actor, case_ref: str, *, document: str,
                 printer: str = "", fingerprint: str = "") -> CaseChange:
    """Count a successful print (or PDF export) of a receipt or report; the count is in detail['count']."""
    case = load_case(session, case_ref)
    _guard(case.state, CaseAction.PRINT)
    count = 1 + sum(1 for e in case.events if e.kind == CaseAction.PRINT and e.data.get("document") == document)
    event = _append(session, rb, actor, case, CaseAction.PRINT.value,
                    data={"document": document, "count": count, "reprint": count > 1, "printer": printer,
                          "fingerprint": fingerprint})
    return _change(case, event)


def print_count(session: Session, case_ref: str, document: str) -> int:
    case = load_case(session, case_ref)
    return sum(1 for e in case.events if e.kind == CaseAction.PRINT and e.data.get("document") == document)


def record_recording_event(session: Session, rb: Rulebook, actor: Actor, case_ref: str, *, what: str,
                           data: dict[str, Any], reason: str = "") -> CaseChange:
    """A recording fact on the timeline: 'notice_confirmed', 'notice_refused', 'attached', 'recovered'."""
    case = load_case(session, case_ref)
    _guard(case.state, CaseAction.RECORDING)
    problems: list[Problem] = []
    reason = checked_text(reason, "reason", problems, limit=_limit(rb, "reason", 1000))
    if what == "notice_refused" and not reason and not problems:
        problems.append(Problem("required", "reason", "say why the recording was refused"))
    _check(problems)
    removed: list[str] = []
    event = _append(session, rb, actor, case, CaseAction.RECORDING.value, reason=_scrub(reason, removed),
                    data={"what": what, **data, **_scrubbed(removed)})
    return _change(case, event)


def last_recording_manifest_hash(session: Session, case_ref: str) -> str:
    case = load_case(session, case_ref)
    for e in reversed(case.events):
        if e.kind == CaseAction.RECORDING and e.data.get("what") in ("attached", "recovered"):
            return str(e.data.get("manifest_sha256", ""))
    return ""


def owner_staff_no(session: Session, case_ref: str) -> str:
    case = load_case(session, case_ref)
    return session.scalar(select(Operator.staff_no).where(Operator.id == case.owner_id)) or ""
