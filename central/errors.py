"""The service's typed error: a field, a message and a machine-readable code (and the HTTP status)."""

from __future__ import annotations


class CentralError(Exception):
    """Something the caller got wrong or may not do; nothing was written."""

    def __init__(self, field: str, message: str, code: str, status: int = 400) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.code = code
        self.status = status

    def line(self) -> str:
        """The CLI's one line: ``error: <field>: <message> [<code>]``."""
        return f"error: {self.field}: {self.message} [{self.code}]"
