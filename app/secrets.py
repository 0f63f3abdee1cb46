"""Secrets live only in the system keyring; this is the one small wrapper around it.

Backend failures (no keyring daemon, locked store) become a ``SecretResult``
with ``ok=False`` and a code the UI can show, never a traceback.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

import keyring
import keyring.errors

SERVICE = "complaint-desk"


@dataclass(frozen=True)
class SecretResult:
    ok: bool
    value: str | None = None
    error_code: str = ""
    error: str = ""


def get_secret(name: str) -> SecretResult:
    try:
        value = keyring.get_password(SERVICE, name)
    except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
        return SecretResult(False, None, "keyring_unavailable", type(exc).__name__)
    return SecretResult(True, value)


def set_secret(name: str, value: str) -> SecretResult:
    try:
        keyring.set_password(SERVICE, name, value)
    except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
        return SecretResult(False, None, "keyring_unavailable", type(exc).__name__)
    return SecretResult(True, None)


def delete_secret(name: str) -> SecretResult:
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        return SecretResult(True, None)
    except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
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
    """Decode a key obtained from :func:`get_or_create_key`."""
    if not result.ok or not result.value:
        raise RuntimeError(f"secret unavailable: {result.error_code}")
    return base64.b64decode(result.value)
