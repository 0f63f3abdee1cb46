"""Names shown for the core's stored values (states, actions, event kinds, roles ...), translated.

The core stores stable English codes; this module is the one place that turns
them into words in the operator's language.  Tables hold untranslated source
strings (QT_TRANSLATE_NOOP, so lupdate finds them) and are translated on each
call, so a language switch shows at the next redraw.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

if TYPE_CHECKING:
    from app.domain.classification import ReferenceTable

_CTX = "Labels"

STATES = {
    "registered": QT_TRANSLATE_NOOP("Labels", "Registered"),
    "accepted": QT_TRANSLATE_NOOP("Labels", "Accepted"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "paused": QT_TRANSLATE_NOOP("Labels", "Paused (appraisal)"),
    "decided": QT_TRANSLATE_NOOP("Labels", "Decided"),
    "review_requested": QT_TRANSLATE_NOOP("Labels", "Review requested"),
    "reviewed": QT_TRANSLATE_NOOP("Labels", "Reviewed"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
    "withdrawn": QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
    "declined": QT_TRANSLATE_NOOP("Labels", "Declined"),
}

ACTIONS = {
    "accept": QT_TRANSLATE_NOOP("Labels", "Accept"),
    "start": QT_TRANSLATE_NOOP("Labels", "Start handling"),
    "pause": QT_TRANSLATE_NOOP("Labels", "Pause for appraisal"),
    "resume": QT_TRANSLATE_NOOP("Labels", "Resume"),
    "new_facts": QT_TRANSLATE_NOOP("Labels", "Add new facts"),
    "extend": QT_TRANSLATE_NOOP("Labels", "Extend deadline"),
    "decide": QT_TRANSLATE_NOOP("Labels", "Record decision"),
    "request_review": QT_TRANSLATE_NOOP("Labels", "Request review"),
    "record_review": QT_TRANSLATE_NOOP("Labels", "Record review result"),
    "close": QT_TRANSLATE_NOOP("Labels", "Close case"),
    "withdraw": QT_TRANSLATE_NOOP("Labels", "Withdraw"),
    "decline": QT_TRANSLATE_NOOP("Labels", "Decline"),
    "hand_over": QT_TRANSLATE_NOOP("Labels", "Hand over"),
    "note": QT_TRANSLATE_NOOP("Labels", "Add note"),
    "notice": QT_TRANSLATE_NOOP("Labels", "Record notice"),
    "print": QT_TRANSLATE_NOOP("Labels", "Print"),
    "recording": QT_TRANSLATE_NOOP("Labels", "Recording"),
}

EVENTS = {
    "created": QT_TRANSLATE_NOOP("Labels", "Registered"),
    "accept": QT_TRANSLATE_NOOP("Labels", "Accepted"),
    "start": QT_TRANSLATE_NOOP("Labels", "Handling started"),
    "pause": QT_TRANSLATE_NOOP("Labels", "Paused for appraisal"),
    "resume": QT_TRANSLATE_NOOP("Labels", "Resumed"),
    "new_facts": QT_TRANSLATE_NOOP("Labels", "New facts (clock restarted)"),
    "extend": QT_TRANSLATE_NOOP("Labels", "Deadline extended"),
    "decide": QT_TRANSLATE_NOOP("Labels", "Decision recorded"),
    "request_review": QT_TRANSLATE_NOOP("Labels", "Review requested"),
    "record_review": QT_TRANSLATE_NOOP("Labels", "Review result recorded"),
    "close": QT_TRANSLATE_NOOP("Labels", "Closed"),
    "withdraw": QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
    "decline": QT_TRANSLATE_NOOP("Labels", "Declined"),
    "hand_over": QT_TRANSLATE_NOOP("Labels", "Handed over"),
    "note": QT_TRANSLATE_NOOP("Labels", "Note"),
    "notice": QT_TRANSLATE_NOOP("Labels", "Notice given"),
    "print": QT_TRANSLATE_NOOP("Labels", "Printed"),
    "recording": QT_TRANSLATE_NOOP("Labels", "Recording"),
}

ROLES = {
    "receptionist": QT_TRANSLATE_NOOP("Labels", "Receptionist"),
    "supervisor": QT_TRANSLATE_NOOP("Labels", "Supervisor"),
    "auditor": QT_TRANSLATE_NOOP("Labels", "Auditor"),
    "admin": QT_TRANSLATE_NOOP("Labels", "Administrator"),
}

ID_TYPES = {
    "resident_id": QT_TRANSLATE_NOOP("Labels", "Resident ID card"),
    "residence_permit": QT_TRANSLATE_NOOP("Labels", "HK/Macau/Taiwan residence permit"),
    "passport": QT_TRANSLATE_NOOP("Labels", "Passport"),
    "hk_macau_permit": QT_TRANSLATE_NOOP("Labels", "Mainland travel permit (HK/Macau)"),
    "taiwan_permit": QT_TRANSLATE_NOOP("Labels", "Mainland travel permit (Taiwan)"),
    "foreign_permanent": QT_TRANSLATE_NOOP("Labels", "Foreigner's permanent residence ID"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other ID"),
}

PARTY_KINDS = {
    "person": QT_TRANSLATE_NOOP("Labels", "Person"),
    "organisation": QT_TRANSLATE_NOOP("Labels", "Organisation"),
}

PARTY_ROLES = {
    "complainant": QT_TRANSLATE_NOOP("Labels", "Complainant"),
    "proxy": QT_TRANSLATE_NOOP("Labels", "Proxy"),
    "representative": QT_TRANSLATE_NOOP("Labels", "Representative"),
}

SATISFACTION = {
    "satisfied": QT_TRANSLATE_NOOP("Labels", "Satisfied"),
    "basically_satisfied": QT_TRANSLATE_NOOP("Labels", "Basically satisfied"),
    "dissatisfied": QT_TRANSLATE_NOOP("Labels", "Dissatisfied"),
    "unreachable": QT_TRANSLATE_NOOP("Labels", "Could not be reached"),
}

DUE_FILTERS = {
    "all": QT_TRANSLATE_NOOP("Labels", "All cases"),
    "open": QT_TRANSLATE_NOOP("Labels", "Open"),
    "overdue": QT_TRANSLATE_NOOP("Labels", "Overdue"),
    "due_soon": QT_TRANSLATE_NOOP("Labels", "Due within 3 days"),
    "paused": QT_TRANSLATE_NOOP("Labels", "Paused"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Ended (closed, withdrawn, declined)"),
}

AXES = {
    "channel": QT_TRANSLATE_NOOP("Labels", "Channel"),
    "business": QT_TRANSLATE_NOOP("Labels", "Business type"),
    "reason": QT_TRANSLATE_NOOP("Labels", "Reason"),
    "demand": QT_TRANSLATE_NOOP("Labels", "Demand"),
}

DECISION_SECTIONS = {
    "verified": QT_TRANSLATE_NOOP("Labels", "What was verified"),
    "basis": QT_TRANSLATE_NOOP("Labels", "Basis and reasons"),
    "outcome": QT_TRANSLATE_NOOP("Labels", "Outcome"),
    "remedies": QT_TRANSLATE_NOOP("Labels", "Remedies"),
}


def tr(text: str) -> str:
    """Translate one source string of this module's context."""
    return QCoreApplication.translate(_CTX, text)


def _lookup(table: dict[str, str], code: str) -> str:
    source = table.get(code)
    return tr(source) if source else code


def state_name(state: str) -> str:
    return _lookup(STATES, state)


def action_name(action: str) -> str:
    return _lookup(ACTIONS, action)


def event_name(kind: str) -> str:
    return _lookup(EVENTS, kind)


def role_name(role: str) -> str:
    return _lookup(ROLES, role)


def id_type_name(id_type: str) -> str:
    return _lookup(ID_TYPES, id_type)


def party_kind_name(kind: str) -> str:
    return _lookup(PARTY_KINDS, kind)


def party_role_name(role: str) -> str:
    return _lookup(PARTY_ROLES, role)


def satisfaction_name(value: str) -> str:
    return _lookup(SATISFACTION, value)


def due_filter_name(value: str) -> str:
    return _lookup(DUE_FILTERS, value)


def axis_name(axis: str) -> str:
    return _lookup(AXES, axis)


def section_name(section: str) -> str:
    return _lookup(DECISION_SECTIONS, section)


def current_language() -> str:
    """The interface language as set by the translator module ("zh_CN" or "en")."""
    from ui.i18n import current_language as lang

    return lang()


def code_label(reference: ReferenceTable, axis: str, code: str) -> str:
    """A classification code with its name in the interface language; the bare code if unknown."""
    from app.errors import DeskError

    if not code:
        return ""
    try:
        return reference.label(axis, code, current_language())
    except DeskError:
        return code


def code_name(reference: ReferenceTable, axis: str, code: str) -> str:
    """Only the name of a classification code (for narrow columns)."""
    from app.errors import DeskError

    try:
        entry = reference.get(axis, code)
    except DeskError:
        return code
    return entry.name_zh if current_language().startswith("zh") else entry.name_en


def moment(at: datetime | None) -> str:
    """A stored instant as Beijing local time, to the minute."""
    from app.clock import beijing  # here, not at the top: zoneinfo is not needed for the first frame

    return beijing(at).strftime("%Y-%m-%d %H:%M") if at else ""
