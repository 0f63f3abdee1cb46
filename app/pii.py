"""The one place personal data passes through on its way to and from the store.

Every personal-data column (ID number, card number, phone, address) is declared
with the :class:`Sealed` column type, so a later change can encrypt at rest by
swapping the :class:`PersonalDataCodec` without touching any caller.  Lookups
never need the clear value in SQL: parties carry a *digest* (exact match, e.g.
"same phone as an earlier case") and a *masked* form for lists.
"""

from __future__ import annotations

import hashlib
from typing import Any, Protocol

from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

#: Which columns hold personal data, by table; the encryption issue walks this.
PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "parties": ("id_number", "phone", "address"),
    "cases": ("card_number",),
}


class PersonalDataCodec(Protocol):
    """Turns a clear value into what is stored and back."""

    def seal(self, value: str) -> str: ...

    def open(self, stored: str) -> str: ...


class ClearCodec:
    """Stores values as they are (before encryption at rest is switched on)."""

    def seal(self, value: str) -> str:
        return value

    def open(self, stored: str) -> str:
        return stored


_codec: PersonalDataCodec = ClearCodec()


def set_codec(codec: PersonalDataCodec) -> None:
    """Install the codec used by every :class:`Sealed` column from now on."""
    global _codec
    _codec = codec


def current_codec() -> PersonalDataCodec:
    return _codec


class Sealed(TypeDecorator[str]):
    """A text column holding personal data; passes through the current codec."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or value == "":
            return value  # type: ignore[no-any-return]
        return _codec.seal(str(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or value == "":
            return value  # type: ignore[no-any-return]
        return _codec.open(str(value))


def digest(kind: str, normalised: str) -> str:
    """A stable lookup key for exact matches of a normalised value (not reversible by eye)."""
    if not normalised:
        return ""
    return hashlib.sha256(f"cd-pii-v1|{kind}|{normalised}".encode()).hexdigest()[:32]


def tail(value: str | None, n: int = 4) -> str:
    """The last ``n`` characters, used for search by phone or ID tail."""
    return (value or "")[-n:]
