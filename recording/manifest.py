"""The signed manifest next to every recording, and checking recordings against it.

A manifest is a JSON file ``<media stem>.manifest.json`` saying what the
recording is (case, operator, branch/desk, devices, times, counts), the
SHA-256 of the media file, and the SHA-256 of the case's previous manifest
file, so a case's recordings form a chain in which none can be removed,
swapped or reordered unnoticed.

It is signed with Ed25519.  The private key (a 32-byte seed) lives in the
keyring under ``<desk uuid>/recording-signing-key`` via :mod:`app.secrets`; the public
key is written into the manifest so the central service can verify without
any secret.  A forger could re-sign an edited manifest with a key of their
own, so verifiers should also pass the desk's registered public keys as
``trusted_keys``.

The signature covers the canonical JSON (sorted keys, no whitespace, UTF-8)
of every field except ``signature``; the chain hash covers the file's bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.clock import as_utc, beijing
from app.errors import DeskError, Problem
from app.secrets import SIGNING_KEY, get_or_create_key, get_secret, key_bytes
from recording.model import RecordingMeta
from recording.storage import reserve_path_for

MANIFEST_FORMAT = "complaint-desk/recording-manifest/1"
SIGNING_KEY_NAME = SIGNING_KEY
MANIFEST_SUFFIX = ".manifest.json"
_REQUIRED = ("format", "case_id", "file_name", "size_bytes", "sha256", "previous_manifest_sha256",
             "public_key", "signature")


def load_signing_key(*, create: bool = False) -> Ed25519PrivateKey:
    """This desk's signing key from the keyring.

    Only a desk's first recording may ``create`` it (the recordings service
    decides that); anywhere else a missing key is an error
    (``signing_key_missing``): making a new one would call every genuine
    recording untrusted.  A keyring that cannot be read is
    ``signing_key_unavailable``.
    """
    found = get_or_create_key(SIGNING_KEY_NAME, 32) if create else get_secret(SIGNING_KEY_NAME)
    if not found.ok:
        raise DeskError("recording signing key unavailable: the keyring cannot be read",
                        code="signing_key_unavailable", field="keyring", keyring_error=found.error_code)
    if not found.value:
        raise DeskError(f"the recording signing key ({SIGNING_KEY_NAME}) is missing from the keyring; "
                        "restore it from the desk's key backup", code="signing_key_missing", field="keyring")
    try:
        return Ed25519PrivateKey.from_private_bytes(key_bytes(found))
    except ValueError as exc:  # a value of the wrong length: not an Ed25519 key
        raise DeskError(f"the recording signing key ({SIGNING_KEY_NAME}) in the keyring is damaged; restore it "
                        "from the desk's key backup", code="key_damaged", field="keyring") from exc


def public_key_text(key: Ed25519PrivateKey) -> str:
    """The public half as base64 of the 32 raw bytes (what manifests carry)."""
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_path_for(media: Path) -> Path:
    return media.with_name(media.stem + MANIFEST_SUFFIX)


def manifest_hash(manifest: Path) -> str:
    """The value the case's next recording puts in ``previous_manifest_sha256``."""
    return sha256_file(manifest)


@dataclass(frozen=True)
class ManifestFacts:
    """Everything a manifest states about a recording, except what is computed from the file."""

    meta: RecordingMeta
    devices: dict[str, str]
    started_utc: datetime
    stopped_utc: datetime
    duration_s: float
    frames: int
    dropped_frames: int
    audio_samples: int
    audio_sample_rate: int
    stopped_reason: str
    previous_manifest_sha256: str = ""
    recovered: bool = False
    pauses: list[tuple[float, float]] = field(default_factory=list)
    encoder: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def _canonical(payload: dict[str, Any]) -> bytes:
    body = {k: v for k, v in payload.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class WrittenManifest:
    """Where a manifest went and the hashes it fixed."""

    path: Path
    sha256: str
    """Of the manifest file: the next recording's ``previous_manifest_sha256``."""
    media_sha256: str
    media_size: int


def write_manifest(media: Path, facts: ManifestFacts, key: Ed25519PrivateKey) -> WrittenManifest:
    """Hash ``media`` and write its signed manifest next to it (atomically, mode 0600).

    The manifest is written into the room reserved when the recording started
    (:func:`recording.storage.reserve_room`) when that is there, so a full disk
    cannot stop it; the rest of the reserve is given back.
    """
    meta = facts.meta
    payload: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "case_id": meta.case_id,
        "case_number": meta.case_number,
        "operator_staff_no": meta.staff_no,
        "branch": meta.branch,
        "desk": meta.desk,
        "devices": dict(facts.devices),
        "started_utc": _iso(as_utc(facts.started_utc)),
        "stopped_utc": _iso(as_utc(facts.stopped_utc)),
        "started_beijing": _iso(beijing(facts.started_utc)),
        "stopped_beijing": _iso(beijing(facts.stopped_utc)),
        "duration_s": round(facts.duration_s, 3),
        "frames": facts.frames,
        "dropped_frames": facts.dropped_frames,
        "audio_samples": facts.audio_samples,
        "audio_sample_rate": facts.audio_sample_rate,
        "pauses": [{"at_s": round(at, 3), "length_s": round(length, 3)} for at, length in facts.pauses],
        "stopped_reason": facts.stopped_reason,
        "recovered": facts.recovered,
        "encoder": dict(facts.encoder),
        "file_name": media.name,
        "size_bytes": media.stat().st_size,
        "sha256": sha256_file(media),
        "previous_manifest_sha256": facts.previous_manifest_sha256,
        "signature_algorithm": "Ed25519",
        "public_key": public_key_text(key),
        **({"recording_id": meta.recording_id} if meta.recording_id else {}),
        **facts.extra,
    }
    payload["signature"] = base64.b64encode(key.sign(_canonical(payload))).decode("ascii")
    data = (json.dumps(payload, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    target = manifest_path_for(media)
    reserve = reserve_path_for(media)
    temporary = reserve if reserve.is_file() else target.with_name("." + target.name + ".tmp")
    try:
        # No O_TRUNC: overwriting the reserve's allocated blocks needs no new room.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.ftruncate(fd, len(data))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except OSError:
        if temporary != reserve:
            temporary.unlink(missing_ok=True)  # never leave a 0-byte half manifest behind
        raise
    return WrittenManifest(target, hashlib.sha256(data).hexdigest(), str(payload["sha256"]),
                           int(payload["size_bytes"]))


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest's fields; raises ``DeskError(code="manifest_unreadable")``."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise DeskError(f"cannot read manifest {path.name}", code="manifest_unreadable",
                        field="manifest", manifest=path.name) from exc
    if not isinstance(data, dict):
        raise DeskError(f"manifest {path.name} is not an object", code="manifest_unreadable",
                        field="manifest", manifest=path.name)
    return data


def _problem(code: str, where: str, message: str, manifest: Path, **params: Any) -> Problem:
    return Problem(code, where, message, {"manifest": manifest.name, **params})


def verify_recording(manifest_path: Path, *, trusted_keys: Collection[str] | None = None) -> list[Problem]:
    """Everything wrong with one recording and its manifest; empty when it verifies."""
    try:
        data = read_manifest(manifest_path)
    except DeskError as exc:
        return [exc.as_problem()]
    missing = [name for name in _REQUIRED if name not in data]
    if missing or data.get("format") != MANIFEST_FORMAT:
        return [_problem("manifest_invalid", "manifest", f"{manifest_path.name}: missing {missing}",
                         manifest_path, missing=missing)]
    problems: list[Problem] = []
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(str(data["public_key"])))
        public.verify(base64.b64decode(str(data["signature"])), _canonical(data))
    except (InvalidSignature, ValueError):
        problems.append(_problem("signature_invalid", "manifest",
                                 f"{manifest_path.name}: signature does not match its content", manifest_path))
    if trusted_keys is not None and data["public_key"] not in trusted_keys:
        problems.append(_problem("key_untrusted", "manifest",
                                 f"{manifest_path.name}: signed by a key this desk does not know", manifest_path))
    media = manifest_path.with_name(str(data["file_name"]))
    if not media.is_file():
        problems.append(_problem("media_missing", "media", f"{media.name} is missing", manifest_path,
                                 file=media.name))
        return problems
    size = media.stat().st_size
    if size != data["size_bytes"]:
        problems.append(_problem("size_mismatch", "media", f"{media.name}: {size} bytes, manifest says "
                                 f"{data['size_bytes']}", manifest_path, file=media.name))
    if sha256_file(media) != data["sha256"]:
        problems.append(_problem("hash_mismatch", "media", f"{media.name}: content differs from the manifest",
                                 manifest_path, file=media.name))
    return problems


def verify_chain(manifests: Sequence[Path]) -> list[Problem]:
    """Check that ``manifests`` (one case, oldest first) link up, the first to nothing."""
    problems: list[Problem] = []
    previous_hash, case_id = "", None
    for position, path in enumerate(manifests):
        try:
            data = read_manifest(path)
        except DeskError as exc:
            problems.append(exc.as_problem())
            previous_hash = "?"
            continue
        if case_id is None:
            case_id = data.get("case_id")
        elif data.get("case_id") != case_id:
            problems.append(_problem("chain_case_mismatch", "chain", f"{path.name} belongs to another case",
                                     path, position=position))
        if data.get("previous_manifest_sha256") != previous_hash:
            problems.append(_problem("chain_broken", "chain",
                                     f"{path.name} does not follow the manifest before it", path,
                                     position=position))
        previous_hash = manifest_hash(path)
    return problems


def verify_case(manifests: Sequence[Path], *, trusted_keys: Collection[str] | None = None) -> list[Problem]:
    """Every recording of a case (oldest first) and the chain linking them."""
    problems: list[Problem] = []
    for path in manifests:
        problems.extend(verify_recording(path, trusted_keys=trusted_keys))
    problems.extend(verify_chain(manifests))
    return problems


def order_chain(manifests: Collection[Path]) -> list[Path]:
    """Put one case's manifests in chain order (follows the hashes; falls back to start time)."""
    by_prev: dict[str, list[Path]] = {}
    starts: dict[Path, str] = {}
    for path in manifests:
        try:
            data = read_manifest(path)
        except DeskError:
            continue
        by_prev.setdefault(str(data.get("previous_manifest_sha256", "")), []).append(path)
        starts[path] = str(data.get("started_utc", ""))
    ordered: list[Path] = []
    current = ""
    while len(by_prev.get(current, [])) == 1:
        nxt = by_prev[current][0]
        if nxt in ordered:
            break
        ordered.append(nxt)
        current = manifest_hash(nxt)
    rest = sorted((p for p in starts if p not in ordered), key=lambda p: (starts[p], p.name))
    return ordered + rest
