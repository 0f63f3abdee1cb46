"""Secrets live only in the system keyring; this is the one small wrapper around it.

Every key of a desk (audit key, receipt key, recording signing key, and the
store and person-match keys to come) is stored under a name that starts with
the desk's uuid (``<uuid>/audit-key``), so two data folders of one OS user
never share a key.  :func:`bind_desk` says which desk this process works for;
:mod:`app.desk` calls it before the store is opened.

Backend failures (no keyring daemon, locked store) become a ``SecretResult``
with ``ok=False`` and a code the UI can show, never a traceback.

No silent plaintext: a backend that keeps secrets in a plain file is used only
when it was chosen explicitly (``PYTHON_KEYRING_BACKEND`` or keyring's own
``keyringrc.cfg``); :func:`backend_status` says which case applies.
"""

from __future__ import annotations

import base64
import configparser
import os
from dataclasses import dataclass
from enum import Enum

import keyring
import keyring.backend
import keyring.errors

from app.errors import DeskError

SERVICE = "complaint-desk"
BACKEND_ENV = "PYTHON_KEYRING_BACKEND"
# What a backend raises when its store cannot be read: the file backends of keyrings.alt raise
# configparser errors for a damaged keyring file and ValueError for undecodable content.
_MIN_KEY_BYTES = 16
_BACKEND_ERRORS = (keyring.errors.KeyringError, RuntimeError, OSError, ValueError, configparser.Error)

#: The keys of one desk, by their name inside the desk's namespace.
AUDIT_KEY = "audit-key"
RECEIPT_KEY = "receipt-desk-key"
SIGNING_KEY = "recording-signing-key"
DESK_KEYS = (AUDIT_KEY, RECEIPT_KEY, SIGNING_KEY)
#: Keys that were shared by every desk of an OS user before they were named per desk.
LEGACY_NAMES = (RECEIPT_KEY, SIGNING_KEY)

_bound: list[str] = []


def bind_desk(desk_uuid: str) -> None:
    """Make ``desk_uuid`` the desk whose keys this process reads and writes."""
    _bound[:] = [desk_uuid]


def unbind_desk() -> None:
    _bound.clear()


def bound_desk() -> str:
    """The desk uuid bound by :func:`bind_desk`; ``desk_not_bound`` if none is."""
    if not _bound:
        raise DeskError("no desk is open, so there is no desk key to use", code="desk_not_bound", field="keyring")
    return _bound[0]


def entry_name(name: str, desk_uuid: str | None = None) -> str:
    """The keyring entry that holds key ``name`` of the desk (the bound one by default)."""
    return f"{desk_uuid or bound_desk()}/{name}"


class BackendKind(Enum):
    SECURE = "secure"
    PLAINTEXT_CHOSEN = "plaintext_chosen"
    PLAINTEXT_REFUSED = "plaintext_refused"
    NONE = "none"


@dataclass(frozen=True)
class BackendStatus:
    """Which keyring backend holds the keys, and whether the desk may use it."""

    kind: BackendKind
    backend: str

    @property
    def usable(self) -> bool:
        return self.kind in (BackendKind.SECURE, BackendKind.PLAINTEXT_CHOSEN)

    @property
    def warning(self) -> str:
        """A permanent warning to show while keys sit in a plain file ('' when there is none)."""
        if self.kind is BackendKind.PLAINTEXT_CHOSEN:
            return (f"keys are kept in a plain file ({self.backend}), chosen explicitly: "
                    "anyone who can read this user's files can read them")
        return ""

    def refusal(self) -> DeskError:
        # One line on the CLI (at most 200 characters): what to install or configure.
        choose = f"{BACKEND_ENV}=keyrings.alt.file.PlaintextKeyring"
        if self.kind is BackendKind.NONE:
            return DeskError(f"no keyring for the desk keys: run a Secret Service (gnome-keyring, KWallet) "
                             f"or, headless, set {choose}", code="keyring_unavailable", field="keyring",
                             backend=self.backend)
        return DeskError(f"the only keyring is a plain file, not chosen: run a Secret Service (gnome-keyring, "
                         f"KWallet) or set {choose}", code="keyring_plaintext_refused", field="keyring",
                         backend=self.backend)


def _is_plaintext(backend: keyring.backend.KeyringBackend) -> bool:
    inner = getattr(backend, "backends", None)
    if isinstance(inner, list) and inner:
        return all(_is_plaintext(b) for b in inner)
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}" in {
        "keyrings.alt.file.PlaintextKeyring", "keyrings.alt.Gnome.Keyring"} or "Plaintext" in cls.__name__


def _chosen_explicitly() -> bool:
    if os.environ.get(BACKEND_ENV, "").strip():
        return True
    try:
        import keyring.core

        return keyring.core.load_config() is not None
    except (keyring.errors.KeyringError, RuntimeError, OSError, ImportError):
        return False


def backend_status() -> BackendStatus:
    try:
        backend = keyring.get_keyring()
    except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
        return BackendStatus(BackendKind.NONE, type(exc).__name__)
    cls = type(backend)
    label = f"{cls.__module__}.{cls.__qualname__}"
    if cls.__module__.startswith("keyring.backends.fail") or cls.__module__.startswith("keyring.backends.null"):
        return BackendStatus(BackendKind.NONE, label)
    if _is_plaintext(backend):
        kind = BackendKind.PLAINTEXT_CHOSEN if _chosen_explicitly() else BackendKind.PLAINTEXT_REFUSED
        return BackendStatus(kind, label)
    return BackendStatus(BackendKind.SECURE, label)


def require_usable_backend() -> BackendStatus:
    """The backend status, or the refusal (``keyring_unavailable`` / ``keyring_plaintext_refused``)."""
    status = backend_status()
    if not status.usable:
        raise status.refusal()
    return status


@dataclass(frozen=True)
class SecretResult:
    ok: bool
    value: str | None = None
    error_code: str = ""
    error: str = ""


def _get(entry: str) -> SecretResult:
    try:
        value = keyring.get_password(SERVICE, entry)
    except _BACKEND_ERRORS as exc:
        return SecretResult(False, None, "keyring_unavailable", type(exc).__name__)
    return SecretResult(True, value)


def _set(entry: str, value: str) -> SecretResult:
    try:
        keyring.set_password(SERVICE, entry, value)
    except _BACKEND_ERRORS as exc:
        return SecretResult(False, None, "keyring_unavailable", type(exc).__name__)
    return SecretResult(True, None)


def _delete(entry: str) -> SecretResult:
    try:
        keyring.delete_password(SERVICE, entry)
    except keyring.errors.PasswordDeleteError:
        return SecretResult(True, None)
    except _BACKEND_ERRORS as exc:
        return SecretResult(False, None, "keyring_unavailable", type(exc).__name__)
    return SecretResult(True, None)


def get_secret(name: str, *, desk_uuid: str | None = None) -> SecretResult:
    """Key ``name`` of the bound desk, or of ``desk_uuid`` (``value`` None when it is not there)."""
    return _get(entry_name(name, desk_uuid))


def set_secret(name: str, value: str, *, desk_uuid: str | None = None) -> SecretResult:
    return _set(entry_name(name, desk_uuid), value)


def delete_secret(name: str) -> SecretResult:
    return _delete(entry_name(name))


def get_legacy_secret(name: str) -> SecretResult:
    """A key under its old name, shared by all desks of the OS user (only for the one-time move)."""
    return _get(name)


def get_or_create_key(name: str, nbytes: int = 32) -> SecretResult:
    """Return the base64 key stored under ``name``, creating a random one the first time.

    Only for callers that have checked that no data needs an earlier key (see
    :func:`load_key`); a backend that may not hold keys is refused first.
    """
    found = get_secret(name)
    if not found.ok or found.value:
        return found
    status = backend_status()
    if not status.usable:
        return SecretResult(False, None, status.refusal().code, status.backend)
    value = base64.b64encode(os.urandom(nbytes)).decode("ascii")
    stored = set_secret(name, value)
    if not stored.ok:
        return stored
    return SecretResult(True, value)


def load_key(name: str, *, may_create: bool, what: str, nbytes: int = 32) -> bytes:
    """Key ``name`` of the bound desk as bytes.

    ``may_create`` is the caller's finding that no data needs an earlier key;
    otherwise a missing key is ``key_missing`` (restore it with ``keys
    import``), never a new key that would make existing data unverifiable.
    """
    found = get_or_create_key(name, nbytes) if may_create else get_secret(name)
    if not found.ok:
        raise DeskError(f"the {what} cannot be read from the keyring ({found.error_code})",
                        code=found.error_code or "keyring_unavailable", field="keyring")
    if not found.value:
        raise DeskError(f"the {what} ({name}) of this desk is missing from the keyring while data that needs it "
                        "exists; restore it with `complaint-desk keys import FILE --passphrase-file FILE`",
                        code="key_missing", field="keyring", key=name)
    return key_bytes(found)  # a damaged value is key_damaged, never a short key


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
