"""Error messages for the core's problem codes, in the operator's language: the one place they live.

The core raises typed errors carrying a machine-readable ``code`` and ``params``
(app.errors); the UI shows :func:`problem_text` next to the field named by the
problem.  Unknown codes fall back to the core's English message, so a new code
never shows up blank.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.errors import DeskError, Problem, ValidationError

_CTX = "Messages"

MESSAGES: dict[str, str] = {
    "required": QT_TRANSLATE_NOOP("Messages", "Required."),
    "too_long": QT_TRANSLATE_NOOP("Messages", "Too long: at most {max} characters."),
    "type": QT_TRANSLATE_NOOP("Messages", "Wrong kind of value."),
    "choice": QT_TRANSLATE_NOOP("Messages", "Choose one of the offered values."),
    "unknown_code": QT_TRANSLATE_NOOP("Messages", "Not in the classification table: choose from the list."),
    "ambiguous_code": QT_TRANSLATE_NOOP("Messages", "Several entries match: choose one from the list."),
    "unknown_field": QT_TRANSLATE_NOOP("Messages", "Unknown field."),
    "too_many": QT_TRANSLATE_NOOP("Messages", "At most {max} representatives may come in person."),
    "format": QT_TRANSLATE_NOOP("Messages", "Wrong format."),
    "timezone": QT_TRANSLATE_NOOP("Messages", "The time needs a time zone."),
    "future": QT_TRANSLATE_NOOP("Messages", "This time lies in the future."),
    "id_format": QT_TRANSLATE_NOOP("Messages", "An ID number has 18 characters (the last may be X) or 15 digits."),
    "id_checksum": QT_TRANSLATE_NOOP("Messages", "Check character wrong: should be {expected}. Please re-read the card."),
    "id_birthdate": QT_TRANSLATE_NOOP("Messages", "The birth date {birth_date} in this ID number is not a real date."),
    "id_future_birthdate": QT_TRANSLATE_NOOP("Messages", "The birth date {birth_date} lies in the future."),
    "card_format": QT_TRANSLATE_NOOP("Messages", "A card number has 13 to 19 digits."),
    "card_checksum": QT_TRANSLATE_NOOP("Messages", "Card number fails the check digit (Luhn): please re-read it."),
    "phone_format": QT_TRANSLATE_NOOP("Messages", "An 11-digit mobile (1[3-9]...) or a landline such as 0591-87654321."),
    "hotline_format": QT_TRANSLATE_NOOP("Messages", "A hotline of 5 to 20 digits, e.g. 95588 or 400-820-8888."),
    "uscc_checksum": QT_TRANSLATE_NOOP("Messages", "Not a valid unified social credit code (18 characters)."),
    "phone_area": QT_TRANSLATE_NOOP("Messages", "This area code does not exist in mainland China: please re-check it."),
    "control_char": QT_TRANSLATE_NOOP("Messages", "Contains a control character ({char}): please retype the text."),
    "line_break": QT_TRANSLATE_NOOP("Messages", "Must be a single line."),
    "bidi_control": QT_TRANSLATE_NOOP("Messages", "Contains a text-direction control character ({char}): please retype the text."),
    "invalid_char": QT_TRANSLATE_NOOP("Messages", "Contains a character that is not text ({char}): please retype the text."),
    "invisible": QT_TRANSLATE_NOOP("Messages", "Has no visible characters."),
    "too_early": QT_TRANSLATE_NOOP("Messages", "This time lies before {floor}."),
    "recusal": QT_TRANSLATE_NOOP("Messages", "The handler may not be the staff member complained about: hand the case over first."),
    "same_owner": QT_TRANSLATE_NOOP("Messages", "The case is already with this operator."),
    "approval_required": QT_TRANSLATE_NOOP("Messages", "The second extension needs a supervisor's approval."),
    "surveyed_by_handler": QT_TRANSLATE_NOOP("Messages", "The satisfaction follow-up must be done by someone other than the handler."),
    "extension_order": QT_TRANSLATE_NOOP("Messages", "Extensions go in order: first to 30 days, then to 60 days."),
    "extension_max": QT_TRANSLATE_NOOP("Messages", "No further extension: 60 days is the last limit."),
    "illegal_transition": QT_TRANSLATE_NOOP("Messages", "This action is not allowed in the case's current state."),
    "permission_denied": QT_TRANSLATE_NOOP("Messages", "Your role does not allow this."),
    "not_found": QT_TRANSLATE_NOOP("Messages", "Not found."),
    "not_initialised": QT_TRANSLATE_NOOP("Messages", "This desk has no identity yet."),
    "schema_too_new": QT_TRANSLATE_NOOP("Messages", "The store was written by a newer Complaint Desk: install the newer version."),
    "branch_code_format": QT_TRANSLATE_NOOP("Messages", "Branch code: 2 to 10 letters or digits."),
    "desk_code_format": QT_TRANSLATE_NOOP("Messages", "Desk code: 1 to 6 letters or digits."),
    "staff_no_format": QT_TRANSLATE_NOOP("Messages", "Staff number: 1 to 20 letters or digits."),
    "duplicate": QT_TRANSLATE_NOOP("Messages", "This staff number exists already."),
    "unknown_role": QT_TRANSLATE_NOOP("Messages", "Unknown role."),
    "url_format": QT_TRANSLATE_NOOP("Messages", "Must start with http:// or https://"),
    "invalid_source": QT_TRANSLATE_NOOP("Messages", "A camera number or name, demo, camera:N or file:VIDEO[,AUDIO]."),
    "rules_invalid": QT_TRANSLATE_NOOP("Messages", "The rules file is damaged: ask the administrator."),
    "reference_invalid": QT_TRANSLATE_NOOP("Messages", "The classification table is damaged: ask the administrator."),
    "holidays_invalid": QT_TRANSLATE_NOOP("Messages", "The holiday file is damaged: ask the administrator."),
    "unreadable": QT_TRANSLATE_NOOP("Messages", "The file cannot be read."),
    "json_syntax": QT_TRANSLATE_NOOP("Messages", "The file is not valid JSON."),
    "no_operator": QT_TRANSLATE_NOOP("Messages", "Choose the current operator first (status bar)."),
    "internal": QT_TRANSLATE_NOOP("Messages", "Unexpected error: {detail}"),
}


def _format(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def code_text(code: str, params: dict[str, Any] | None = None, fallback: str = "") -> str:
    """The message for ``code`` in the interface language."""
    source = MESSAGES.get(code)
    if source is None:
        return fallback or code
    return _format(QCoreApplication.translate(_CTX, source), dict(params or {}))


def problem_text(problem: Problem) -> str:
    return code_text(problem.code, problem.params, problem.message)


def error_problems(exc: BaseException) -> list[Problem]:
    """Every problem an exception stands for (a non-core exception becomes one ``internal`` problem)."""
    if isinstance(exc, ValidationError):
        return list(exc.problems) or [Problem("format", "", str(exc))]
    if isinstance(exc, DeskError):
        return [exc.as_problem()]
    return [Problem("internal", "", str(exc), {"detail": f"{type(exc).__name__}: {exc}"})]


def error_text(exc: BaseException) -> str:
    """All of an exception's problems as one line each (for places without a field to point at)."""
    return "\n".join(problem_text(p) for p in error_problems(exc))
