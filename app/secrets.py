"""Secrets live only in the system keyring; this is the one small wrapper around it.

Backend failures (no keyring daemon, locked store) become a ``SecretResult``
with ``ok=False`` and a code the UI can show, never a traceback.
"""

from __future__ import annotations

import base64
import configparser
import os
from dataclasses import dataclass

import keyring
import keyring.errors

from app.errors import DeskError

SERVICE = "complaint-desk"
# What a backend raises when its store cannot be read: the file backends of keyrings.alt raise
# configparser errors for a damaged keyring file and ValueError for undecodable content.
_MIN_KEY_BYTES = 16
_BACKEND_ERRORS = (keyring.errors.KeyringError, RuntimeError, OSError, ValueError, configparser.Error)


@dataclass(frozen=True)
class SecretResult:
    ok: bool
    value: str | None = None
    error_code: str = ""
    error: str = ""


def get_secret(name: str) -> SecretResult:
    try:
        value = keyring.get_password(SERVICE, name)
    except _BACKEND_ERRORS as exc:
        return SecretResult(False, None, "keyring_unavailable", type(exc).__name__)
    return SecretResult(True, value)


def set_secret(name: str, value: str) -> SecretResult:
    try:
        keyring.set_password(SERVICE, name, value)
    except _BACKEND_ERRORS as exc:
        return SecretResult(False, None, "keyring_unavailable", type(exc).__name__)
    return SecretResult(True, None)


def delete_secret(name: str) -> SecretResult:
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        return SecretResult(True, None)
    except _BACKEND_ERRORS as exc:
        return SecretResult(False, None, "keyring_unavailable", type(exc).__name__)
    return SecretResult(True, None)


def get_or_create_key(name: str, nbytes: int = 32) -> SecretResult:
    """Return the base64 key stored under ``name``, creating a random one the first time."""
    found = get_secret(name)
    if not found.ok or found.value:
        return found
    value = base64.b64encode(os.urandom(nbytes)).decode("ascii")
    stored = set_secret(name, value)
    if not stored.ok:
        return stored
    return SecretResult(True, value)


def key_bytes(result: SecretResult) -> bytes:
    """Decode a key obtained from :func:`get_or_create_key`.

    A stored value that is not base64 of at least 16 bytes (edited or damaged
    keyring) is DeskError ``key_damaged``: decoding leniently would drop the
    bad characters and sign with a short or empty key.
    """
    if not result.ok or not result.value:
        raise RuntimeError(f"secret unavailable: {result.error_code}")
    try:
        raw = base64.b64decode(result.value, validate=True)
    except ValueError:
        raw = b""
    if len(raw) < _MIN_KEY_BYTES:
        raise DeskError("a key in the keyring is damaged (not the base64 of a key); restore it from the desk's "
                        "key backup", code="key_damaged", field="keyring")
    return raw
