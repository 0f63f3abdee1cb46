"""Typed errors of the core: each carries a machine-readable code and the field it concerns.

The UI and the CLI turn ``code`` (plus ``params``) into a message in the
operator's language; ``message`` is a plain English fallback for logs and tests.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: ``code`` for machines, ``field`` for placing it."""

    code: str
    field: str
    message: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class DeskError(Exception):
    """Base of every error the core raises on purpose."""

    code = "desk_error"

    def __init__(self, message: str, *, code: str | None = None, field: str = "", **params: Any) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.field = field
        self.message = message
        self.params = params

    def as_problem(self) -> Problem:
        return Problem(self.code, self.field, self.message, dict(self.params))


class ValidationError(DeskError):
    """One or more input problems; nothing was written."""

    code = "invalid_input"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in problems) or "invalid input")


class IllegalTransition(DeskError):
    """The case's state does not allow this action."""

    code = "illegal_transition"


class NotFound(DeskError):
    code = "not_found"


class PermissionDenied(DeskError):
    code = "permission_denied"


class SchemaTooNew(DeskError):
    """The store was written by a newer version of the program."""

    code = "schema_too_new"


class NotInitialised(DeskError):
    """The desk has no identity yet (run ``complaint-desk init``)."""

    code = "not_initialised"
