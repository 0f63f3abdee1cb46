"""Staff roles and what each may do; checked in the core, never only in the GUI."""

from __future__ import annotations

from enum import StrEnum

from app.errors import PermissionDenied


class Role(StrEnum):
    RECEPTIONIST = "receptionist"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"
    ADMIN = "admin"


class Permission(StrEnum):
    HANDLE_CASE = "handle_case"
    APPROVE_SECOND_EXTENSION = "approve_second_extension"
    UNMASK_PERSONAL_DATA = "unmask_personal_data"
    MANAGE_DESK = "manage_desk"
    VERIFY_AUDIT = "verify_audit"


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.RECEPTIONIST: frozenset({Permission.HANDLE_CASE}),
    Role.SUPERVISOR: frozenset(
        {
            Permission.HANDLE_CASE,
            Permission.APPROVE_SECOND_EXTENSION,
            Permission.UNMASK_PERSONAL_DATA,
            Permission.VERIFY_AUDIT,
        }
    ),
    Role.AUDITOR: frozenset({Permission.UNMASK_PERSONAL_DATA, Permission.VERIFY_AUDIT}),
    Role.ADMIN: frozenset(set(Permission)),
}


def can(role: str, permission: Permission) -> bool:
    try:
        return permission in GRANTS[Role(role)]
    except ValueError:
        return False


def require(role: str, permission: Permission, *, field: str = "") -> None:
    """Raise :class:`PermissionDenied` unless ``role`` holds ``permission``."""
    if not can(role, permission):
        raise PermissionDenied(
            f"role '{role}' may not {permission.value}",
            field=field,
            role=role,
            permission=permission.value,
        )
