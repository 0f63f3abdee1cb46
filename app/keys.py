"""Key custody of one desk: its uuid file, the one-time move of shared keys, and the recovery file.

The desk uuid names every keyring entry of the desk, so it must be known
before the store is opened: it lives in ``<data>/desk.id`` (written at the
first start, checked against the store's DeskIdentity).

The recovery file holds every key of the desk, encrypted with AES-256-GCM
under a key derived from a passphrase with scrypt (``cryptography``, already a
dependency: no new library).  Its header (format, desk uuid, KDF parameters)
is authenticated as associated data, so it cannot be edited either.
"""

from __future__ import annotations

import base64
import json
import os
import re
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app import secrets
from app.errors import DeskError
from app.paths import DeskPaths

BACKUP_FORMAT = "complaint-desk/key-backup/1"
#: scrypt cost: 2**17 x 8 x 128 bytes = 128 MiB and about a second, per guess.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
MIN_PASSPHRASE = 12
MAX_BACKUP_BYTES = 64 * 1024
_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` with mode 0600, replacing it atomically (only ever a regular file)."""
    if path.exists() and not path.is_file():  # e.g. /dev/null: a rename would replace the device itself
        raise DeskError(f"{path.name} is not a regular file", code="output_not_file", field="out")
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _store_desk_uuid(database: Path) -> str | None:
    """The uuid in the store's DeskIdentity, read before any migration (None: no store or no identity)."""
    if not database.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='desk_identity'").fetchone()
            row = conn.execute("SELECT desk_uuid FROM desk_identity WHERE id = 1").fetchone() if has else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:  # nothing is written: the damaged file is left as it is
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise DeskError("the store is busy: another program holds a write lock; try again",
                            code="store_busy", field="store") from exc
        raise DeskError("the store file is damaged or is not a desk database; restore it from the backup",
                        code="store_damaged", field="store") from exc
    return str(row[0]) if row else None


def read_desk_uuid(paths: DeskPaths) -> str | None:
    """The uuid in ``desk.id`` (None when the file is not there); ``desk_id_invalid`` when it is not a uuid."""
    try:
        text = paths.desk_id_file.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise DeskError(f"cannot read {paths.desk_id_file}: {type(exc).__name__}", code="desk_id_invalid",
                        field="desk.id") from exc
    if not _UUID_RE.match(text):
        raise DeskError(f"{paths.desk_id_file} does not hold a desk uuid", code="desk_id_invalid",
                        field="desk.id")
    return text


@dataclass(frozen=True)
class DeskId:
    """The desk's uuid, and whether this start upgraded a desk from before ``desk.id`` existed."""

    uuid: str
    upgraded: bool


def establish_desk_uuid(paths: DeskPaths) -> DeskId:
    """The desk's uuid: from ``desk.id``, else from the store (an existing desk), else a new one.

    A ``desk.id`` that names another desk than the store is ``desk_id_mismatch``:
    the keys it points at are not this store's.
    """
    in_file = read_desk_uuid(paths)
    in_store = _store_desk_uuid(paths.database)
    if in_file and in_store and in_file != in_store:
        raise DeskError(f"{paths.desk_id_file} names desk {in_file} but the store belongs to desk {in_store}; "
                        "put back this data folder's own desk.id", code="desk_id_mismatch", field="desk.id")
    desk_uuid = in_file or in_store or str(uuid.uuid4())
    if not in_file:
        _write_private(paths.desk_id_file, (desk_uuid + "\n").encode("ascii"))
    return DeskId(desk_uuid, upgraded=not in_file and bool(in_store))


def move_legacy_keys() -> list[str]:
    """Copy keys kept under the old names shared by all desks to the bound desk's names, once.

    Only for a desk from before per-desk names (``DeskId.upgraded``: a new desk
    must never take another desk's keys), and only where the desk has no key of
    that name yet.  The old entries stay:
    another data folder of the same OS user may still need them for its own
    move.  Returns the names moved (the caller audits them).
    """
    moved = []
    for name in secrets.LEGACY_NAMES:
        mine = secrets.get_secret(name)
        if not mine.ok or mine.value:
            continue
        old = secrets.get_legacy_secret(name)
        if old.ok and old.value:
            stored = secrets.set_secret(name, old.value)
            if not stored.ok:
                raise DeskError(f"cannot move key {name} to this desk's name ({stored.error_code})",
                                code=stored.error_code, field="keyring")
            moved.append(name)
    return moved


@dataclass(frozen=True)
class KeyBackup:
    """What a recovery file holds (or what was restored from one)."""

    desk_uuid: str
    names: tuple[str, ...]


def read_passphrase(path: str) -> str:
    """The first line of the passphrase file; ``passphrase_too_short`` under MIN_PASSPHRASE characters."""
    try:
        with open(path, encoding="utf-8") as fh:
            first = fh.readline(4096).rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise DeskError(f"cannot read the passphrase file: {getattr(exc, 'strerror', None) or type(exc).__name__}",
                        code="passphrase_file", field="passphrase-file") from exc
    return check_passphrase(first, field="passphrase-file")


def check_passphrase(passphrase: str, *, field: str = "passphrase") -> str:
    """``passphrase`` if it is long enough to guard every key of the desk (``passphrase_too_short``)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise DeskError(f"the passphrase must have at least {MIN_PASSPHRASE} characters",
                        code="passphrase_too_short", field=field, min=MIN_PASSPHRASE)
    return passphrase


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _aad(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def export_keys(out: Path, passphrase: str) -> KeyBackup:
    """Write every key the bound desk holds to ``out`` (mode 0600), encrypted under ``passphrase``."""
    desk_uuid = secrets.bound_desk()
    keys: dict[str, str] = {}
    for name in secrets.DESK_KEYS:
        found = secrets.get_secret(name)
        if not found.ok:
            raise DeskError(f"cannot read key {name} from the keyring ({found.error_code})",
                            code=found.error_code, field="keyring")
        if found.value:
            keys[name] = found.value
    salt, nonce = os.urandom(16), os.urandom(12)
    header: dict[str, Any] = {"format": BACKUP_FORMAT, "desk_uuid": desk_uuid, "kdf": "scrypt",
                              "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                              "salt": base64.b64encode(salt).decode("ascii"), "cipher": "aes-256-gcm",
                              "nonce": base64.b64encode(nonce).decode("ascii")}
    plain = json.dumps(keys, sort_keys=True).encode("utf-8")
    sealed = AESGCM(_derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(nonce, plain, _aad(header))
    document = {**header, "ciphertext": base64.b64encode(sealed).decode("ascii")}
    try:
        _write_private(out, (json.dumps(document, indent=1) + "\n").encode("utf-8"))
    except OSError as exc:
        raise DeskError(f"cannot write {out.name}: {exc.strerror or type(exc).__name__}", code="output_file",
                        field="out") from exc
    return KeyBackup(desk_uuid, tuple(sorted(keys)))


def _bad_file(why: str) -> DeskError:
    return DeskError(f"not a Complaint Desk key recovery file: {why}", code="key_backup_invalid", field="file")


def _open_backup(path: Path, passphrase: str) -> tuple[str, dict[str, str]]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BACKUP_BYTES + 1)
    except OSError as exc:
        raise DeskError(f"cannot read the key file: {exc.strerror or type(exc).__name__}", code="key_backup_file",
                        field="file") from exc
    if len(raw) > MAX_BACKUP_BYTES:
        raise _bad_file("too large")
    try:
        document = json.loads(raw)
        header = {k: document[k] for k in ("format", "desk_uuid", "kdf", "n", "r", "p", "salt", "cipher",
                                           "nonce")}
        sealed = base64.b64decode(document["ciphertext"], validate=True)
        salt = base64.b64decode(header["salt"], validate=True)
        nonce = base64.b64decode(header["nonce"], validate=True)
        n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
    except (ValueError, TypeError, KeyError) as exc:
        raise _bad_file(type(exc).__name__) from exc
    if header["format"] != BACKUP_FORMAT or header["kdf"] != "scrypt" or header["cipher"] != "aes-256-gcm":
        raise _bad_file("unknown format")
    if not _UUID_RE.match(str(header["desk_uuid"])) or not (2**14 <= n <= 2**20 and 1 <= r <= 16 and p == 1):
        raise _bad_file("unexpected parameters")
    try:
        plain = AESGCM(_derive(passphrase, salt, n, r, p)).decrypt(nonce, sealed, _aad(header))
    except (InvalidTag, ValueError) as exc:
        raise DeskError("wrong passphrase, or the key file was altered", code="key_backup_passphrase",
                        field="passphrase-file") from exc
    keys = json.loads(plain)
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise _bad_file("unexpected content")
    return str(header["desk_uuid"]), {str(k): str(v) for k, v in keys.items() if k in secrets.DESK_KEYS}


def import_keys(paths: DeskPaths, path: Path, passphrase: str) -> KeyBackup:
    """Restore the keys in a recovery file into the current keyring, for the desk of this data folder.

    The data folder's ``desk.id`` (or its store) must name the desk the file
    was made for; a folder with neither gets the file's desk uuid.  A key the
    keyring already holds with another value is ``key_conflict`` (nothing is
    written): overwriting it would orphan what it sealed.
    """
    secrets.require_usable_backend()
    desk_uuid, keys = _open_backup(path, passphrase)
    here = read_desk_uuid(paths) or _store_desk_uuid(paths.database)
    if here and here != desk_uuid:
        raise DeskError(f"the key file belongs to desk {desk_uuid}, this data folder to desk {here}",
                        code="key_backup_other_desk", field="file")
    for name, value in keys.items():
        found = secrets.get_secret(name, desk_uuid=desk_uuid)
        if not found.ok:
            raise DeskError(f"cannot read the keyring ({found.error_code})", code=found.error_code,
                            field="keyring")
        if found.value and found.value != value:
            raise DeskError(f"the keyring already holds another {name} for this desk; nothing was imported",
                            code="key_conflict", field="keyring", key=name)
    for name, value in keys.items():
        stored = secrets.set_secret(name, value, desk_uuid=desk_uuid)
        if not stored.ok:
            raise DeskError(f"cannot write key {name} to the keyring ({stored.error_code})",
                            code=stored.error_code, field="keyring")
    if not here:
        paths.data.mkdir(parents=True, exist_ok=True, mode=0o700)
        _write_private(paths.desk_id_file, (desk_uuid + "\n").encode("ascii"))
    return KeyBackup(desk_uuid, tuple(sorted(keys)))
