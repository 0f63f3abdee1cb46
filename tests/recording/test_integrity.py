"""Tamper evidence: a flipped byte, an edited manifest or a broken chain must not verify."""

from __future__ import annotations

import base64
import json
import shutil
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from recording.api import (
    manifest_hash,
    order_chain,
    public_key_text,
    load_signing_key,
    read_manifest,
    record_for,
    verify_case,
    verify_chain,
    verify_recording,
)
from recording.model import RecordingMeta
from tests.recording.conftest import NO_DISK_LIMITS, SMALL, DemoRecording


def _codes(problems: list) -> set[str]:  # type: ignore[type-arg]
    return {p.code for p in problems}


@pytest.fixture
def copy(demo_recording: DemoRecording, tmp_path: Path) -> Path:
    """A private copy of the shared recording and its manifest; returns the manifest path."""
    for source in (demo_recording.result.path, demo_recording.result.manifest_path):
        shutil.copy2(source, tmp_path / source.name)
    return tmp_path / demo_recording.result.manifest_path.name


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three short recordings of one case, each naming the manifest before it."""
    folder = tmp_path_factory.mktemp("chain")
    meta = RecordingMeta("case-9", "0591-W01-20261126-0009", "0591", "W01", "1024")
    manifests: list[Path] = []
    previous = ""
    for _ in range(3):
        result = record_for(0.6, "demo", folder, meta, previous, width=SMALL[0], height=SMALL[1],
                            disk_policy=NO_DISK_LIMITS)
        manifests.append(result.manifest_path)
        assert result.manifest_sha256 == manifest_hash(result.manifest_path)
        previous = result.manifest_sha256
    return manifests


def test_untouched_recording_verifies(copy: Path) -> None:
    assert verify_recording(copy) == []
    trusted = {public_key_text(load_signing_key())}
    assert verify_recording(copy, trusted_keys=trusted) == []


def test_recording_and_manifest_are_readable_by_the_desk_only(demo_recording: DemoRecording) -> None:
    result = demo_recording.result
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(result.manifest_path.stat().st_mode) == 0o600
    assert [p.name for p in demo_recording.folder.iterdir() if p.name.startswith(".")] == []  # no reserve left


def test_one_flipped_byte_in_the_media_fails(copy: Path) -> None:
    media = copy.with_name(read_manifest(copy)["file_name"])
    data = bytearray(media.read_bytes())
    data[len(data) // 2] ^= 0x01
    media.write_bytes(bytes(data))
    assert _codes(verify_recording(copy)) == {"hash_mismatch"}


def test_truncated_media_fails(copy: Path) -> None:
    media = copy.with_name(read_manifest(copy)["file_name"])
    media.write_bytes(media.read_bytes()[:-100])
    assert {"size_mismatch", "hash_mismatch"} <= _codes(verify_recording(copy))


def test_edited_manifest_fails(copy: Path) -> None:
    data = json.loads(copy.read_text("utf-8"))
    data["operator_staff_no"] = "9999"
    copy.write_text(json.dumps(data, indent=2, sort_keys=True), "utf-8")
    assert _codes(verify_recording(copy)) == {"signature_invalid"}


def test_manifest_re_signed_with_another_key_is_not_trusted(copy: Path) -> None:
    data = json.loads(copy.read_text("utf-8"))
    data["operator_staff_no"] = "9999"
    forger = Ed25519PrivateKey.generate()
    data["public_key"] = public_key_text(forger)
    body = json.dumps({k: v for k, v in data.items() if k != "signature"}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    data["signature"] = base64.b64encode(forger.sign(body)).decode("ascii")
    copy.write_text(json.dumps(data), "utf-8")
    assert verify_recording(copy) == []  # self-consistent, which is why verifiers pin keys
    trusted = {public_key_text(load_signing_key())}
    assert _codes(verify_recording(copy, trusted_keys=trusted)) == {"key_untrusted"}


def test_missing_media_and_unreadable_manifest(copy: Path) -> None:
    copy.with_name(read_manifest(copy)["file_name"]).unlink()
    assert _codes(verify_recording(copy)) == {"media_missing"}
    copy.write_text("{not json", "utf-8")
    assert _codes(verify_recording(copy)) == {"manifest_unreadable"}


def test_chain_of_a_case_verifies(chain: list[Path]) -> None:
    assert verify_case(chain) == []
    assert order_chain(list(reversed(chain))) == chain
    assert read_manifest(chain[0])["previous_manifest_sha256"] == ""


def test_removed_or_reordered_recording_breaks_the_chain(chain: list[Path]) -> None:
    assert _codes(verify_chain([chain[0], chain[2]])) == {"chain_broken"}
    assert _codes(verify_chain([chain[1], chain[0], chain[2]])) == {"chain_broken"}
    assert _codes(verify_chain(chain[1:])) == {"chain_broken"}


def test_rewritten_earlier_manifest_breaks_the_chain(chain: list[Path], tmp_path: Path) -> None:
    copies = []
    for manifest in chain:
        for source in (manifest, manifest.with_name(read_manifest(manifest)["file_name"])):
            shutil.copy2(source, tmp_path / source.name)
        copies.append(tmp_path / manifest.name)
    # Same content, reformatted: the signature still holds, but the next link no longer matches.
    first = json.loads(copies[0].read_text("utf-8"))
    copies[0].write_text(json.dumps(first, sort_keys=True), "utf-8")
    assert verify_recording(copies[0]) == []
    assert _codes(verify_case(copies)) == {"chain_broken"}
