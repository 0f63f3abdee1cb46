"""Who may do the satisfaction follow-up (回访) before a case is closed.

DOMAIN.md: the follow-up is "not filled in by the handler", so the surveyor is
never the case's handler (its owner); and it is someone who works cases (an
auditor only reads, and changes nothing). The GUI offers only the operators
this allows and says so in words when nobody is left.
"""

from __future__ import annotations

from app.roles import Permission, can

SURVEYED_BY_HANDLER = "surveyed_by_handler"
SURVEYED_BY_ROLE = "surveyed_by_role"


def follow_up_refusal(*, role: str, staff_no: str, handler_staff_no: str) -> str | None:
    """Why this operator may not do the follow-up of a case handled by ``handler_staff_no``
    (a problem code), or None when they may."""
    if staff_no == handler_staff_no:
        return SURVEYED_BY_HANDLER
    if not can(role, Permission.HANDLE_CASE):
        return SURVEYED_BY_ROLE
    return None


def may_do_follow_up(*, role: str, staff_no: str, handler_staff_no: str) -> bool:
    return follow_up_refusal(role=role, staff_no=staff_no, handler_staff_no=handler_staff_no) is None
