"""Checking a desk's signed recording manifest at the centre (format of recording/manifest.py).

The signature is checked against the keys the centre pinned at enrolment, never
against the key the manifest names (a forger would re-sign with a key of their
own); the media hash and the chain hash must be those of the case's events.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MANIFEST_FORMAT = "complaint-desk/recording-manifest/1"
#: A manifest is a small JSON document; anything bigger is not one.
MAX_MANIFEST_BYTES = 16 * 1024


@dataclass(frozen=True)
class Manifest:
    """A manifest as received: its exact bytes (their hash is chained) and its fields."""

    raw: bytes
    fields: dict[str, Any]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


class ManifestRefused(Exception):
    """Why a manifest (or the file it describes) is refused: a code and a reason."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def parse_manifest(raw: bytes) -> Manifest:
    if len(raw) > MAX_MANIFEST_BYTES:
        raise ManifestRefused("manifest_invalid", "the manifest is larger than a manifest can be")
    try:
        fields = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ManifestRefused("manifest_invalid", "the manifest is not JSON") from None
    if not isinstance(fields, dict) or fields.get("format") != MANIFEST_FORMAT:
        raise ManifestRefused("manifest_invalid", f"the manifest is not a {MANIFEST_FORMAT} document")
    for name, kind in (("case_id", str), ("sha256", str), ("size_bytes", int), ("previous_manifest_sha256", str),
                       ("signature", str), ("file_name", str)):
        if not isinstance(fields.get(name), kind):
            raise ManifestRefused("manifest_invalid", f"the manifest lacks {name}")
    return Manifest(raw, fields)


def _canonical(fields: dict[str, Any]) -> bytes:
    body = {k: v for k, v in fields.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def verify_signature(manifest: Manifest, pinned_keys: list[str]) -> None:
    """Raise unless one of the desk's pinned keys signed the manifest."""
    try:
        signature = base64.b64decode(manifest.fields["signature"], validate=True)
    except (binascii.Error, ValueError):
        raise ManifestRefused("signature_invalid", "the manifest's signature is not base64") from None
    body = _canonical(manifest.fields)
    for key in pinned_keys:
        try:
            Ed25519PublicKey.from_public_bytes(base64.b64decode(key)).verify(signature, body)
        except (InvalidSignature, ValueError):
            continue
        return
    raise ManifestRefused("signature_invalid", "the manifest is not signed by the key this desk enrolled with")
