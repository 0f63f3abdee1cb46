"""Recording upload with tus 1.0 (driven by the tuspy client): cut and resumed, verified, stored write-once;
forged manifests and mismatching files refused."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tusclient.client import TusClient
from tusclient.exceptions import TusCommunicationError

from central.cli import main
from central.store.db import StoreConfig
from recording.manifest import ManifestFacts, verify_recording, write_manifest
from recording.model import RecordingMeta
from tests.central.cases import DeskCase
from tests.central.conftest import cli_store_args
from tests.central.desks import EnrolledDesk, enrol
from tests.central.test_push_pull import outcomes, push

DAY = date(2026, 11, 23)
MIB = 1024 * 1024


@pytest.fixture
def branch(client: httpx.Client, store_config: StoreConfig, capsys: pytest.CaptureFixture[str]) -> EnrolledDesk:
    return enrol(client, capsys, cli_store_args(store_config), "0591", "W01")


def recorded(tmp_path: Path, case: DeskCase, key: Ed25519PrivateKey, *, name: str = "rec.mkv",
             size: int = 3 * MIB + 123, previous: str = "") -> tuple[Path, Path, dict[str, Any]]:
    """A media file with the desk's own signed manifest, and the recording event the desk pushes for it."""
    media = tmp_path / name
    media.write_bytes(os.urandom(size))
    start = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)
    facts = ManifestFacts(meta=RecordingMeta(case.id, case.number, case.branch, case.desk, "0001"),
                          devices={"camera": "demo"}, started_utc=start, stopped_utc=start + timedelta(minutes=3),
                          duration_s=180.0, frames=4500, dropped_frames=0, audio_samples=8640000,
                          audio_sample_rate=48000, stopped_reason="operator", previous_manifest_sha256=previous)
    written = write_manifest(media, facts, key)
    event = case.event("recording", {"what": "attached", "file_name": media.name, "sha256": written.media_sha256,
                                     "manifest_sha256": written.sha256, "size_bytes": written.media_size,
                                     "duration_s": 180.0})
    return media, written.path, event


def tus(client: httpx.Client, desk: EnrolledDesk) -> TusClient:
    return TusClient(str(client.base_url.join("/api/v1/uploads")), headers=desk.headers)


def upload(client: TusClient, media: Path, meta: dict[str, str]) -> None:
    with open(media, "rb") as stream:
        client.uploader(file_stream=stream, metadata=meta).upload()


def metadata(case: DeskCase, media: Path, manifest: Path, sha256: str | None = None) -> dict[str, str]:
    return {"case": case.number, "filename": media.name, "manifest": manifest.read_text("utf-8"),
            "sha256": sha256 or hashlib.sha256(media.read_bytes()).hexdigest()}


def test_upload_cut_half_way_resumes_and_is_stored_write_once(
        client: httpx.Client, branch: EnrolledDesk, store_config: StoreConfig, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    case = DeskCase("0591", "W01", DAY, 1)
    created = case.created()
    media, manifest, event = recorded(tmp_path, case, branch.recording_key)
    assert push(client, branch, created, event).status_code == 200
    size = media.stat().st_size

    with open(media, "rb") as stream:
        first = tus(client, branch).uploader(file_stream=stream, chunk_size=MIB, upload_checksum=True,
                                             metadata=metadata(case, media, manifest))
        first.upload(stop_at=size // 2)            # the network drops here
    assert first.url is not None
    with open(media, "rb") as stream:             # a new process, the same file
        resumed = tus(client, branch).uploader(file_stream=stream, url=first.url, chunk_size=MIB,
                                               upload_checksum=True)
        assert resumed.get_offset() == size // 2   # HEAD says where to go on
        head = client.head(first.url, headers={**branch.headers, "Tus-Resumable": "1.0.0"})
        assert head.headers["upload-offset"] == str(size // 2) and head.headers["upload-length"] == str(size)
        resumed.offset = resumed.get_offset()
        resumed.upload()
    assert resumed.offset == size

    args = cli_store_args(store_config)
    capsys.readouterr()
    assert main([*args, "case", "show", case.number, "--json"]) == 0
    [rec] = json.loads(capsys.readouterr().out)["recordings"]
    assert rec["stored"] is True and rec["size"] == size
    stored = store_config.data_dir / "recordings" / case.id / f"{rec['sha256']}.mkv"
    assert stored.read_bytes() == media.read_bytes()
    assert not os.access(stored, os.W_OK) or os.geteuid() == 0
    assert stored.stat().st_mode & 0o222 == 0
    assert (stored.parent / f"{rec['sha256']}.manifest.json").read_bytes() == manifest.read_bytes()
    # Head office plays it: file and manifest come back, and the desk's own check verifies them.
    head_office = enrol(client, capsys, args, "0001", "H01", head_office=True)
    stranger = enrol(client, capsys, args, "0592", "W01")
    url = f"/api/v1/cases/{case.number}/recordings/{rec['sha256']}"
    downloaded = client.get(url, headers=head_office.headers)
    assert downloaded.status_code == 200 and downloaded.content == media.read_bytes()
    played = tmp_path / "played"
    played.mkdir()
    (played / "rec.mkv").write_bytes(downloaded.content)
    (played / "rec.manifest.json").write_bytes(client.get(f"{url}/manifest", headers=head_office.headers).content)
    pinned = base64.b64encode(branch.recording_key.public_key().public_bytes_raw()).decode()
    assert verify_recording(played / "rec.manifest.json", trusted_keys=[pinned]) == []
    assert client.get(url, headers=stranger.headers).status_code == 404
    assert client.get(f"/api/v1/cases/{case.number}/recordings/{'0' * 64}",
                      headers=head_office.headers).status_code == 404
    # Finished: nothing may be appended any more.
    again = client.patch(first.url, content=b"x", headers={**branch.headers, "Tus-Resumable": "1.0.0",
                                                           "Upload-Offset": str(size),
                                                           "Content-Type": "application/offset+octet-stream"})
    assert again.status_code == 409


def test_forged_manifests_are_refused_before_any_byte(client: httpx.Client, branch: EnrolledDesk,
                                                      tmp_path: Path) -> None:
    case = DeskCase("0591", "W01", DAY, 2)
    created = case.created()
    media, manifest, event = recorded(tmp_path, case, branch.recording_key)
    assert push(client, branch, created, event).status_code == 200

    # The genuine manifest re-signed with another key that it names: the pinned key decides.
    other_key = Ed25519PrivateKey.generate()
    data = json.loads(manifest.read_text("utf-8"))
    data["public_key"] = base64.b64encode(other_key.public_key().public_bytes_raw()).decode()
    body = {k: v for k, v in data.items() if k != "signature"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    data["signature"] = base64.b64encode(other_key.sign(canonical)).decode()
    forged_manifest = tmp_path / "forged.manifest.json"
    forged_manifest.write_text(json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n", "utf-8")

    def create(meta: dict[str, str], length: int) -> httpx.Response:
        encoded = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in meta.items())
        return client.post("/api/v1/uploads", headers={**branch.headers, "Tus-Resumable": "1.0.0",
                                                       "Upload-Length": str(length), "Upload-Metadata": encoded})

    refused = create(metadata(case, media, forged_manifest), media.stat().st_size)
    assert refused.status_code == 422, refused.text
    assert refused.json()["code"] == "signature_invalid"
    assert "key this desk enrolled with" in refused.json()["detail"]
    # A genuine manifest for a file whose hash differs from the case's event.
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other_media, other_manifest, _e2 = recorded(other_dir, case, branch.recording_key)
    differs = create(metadata(case, other_media, other_manifest), other_media.stat().st_size)
    assert differs.status_code == 422 and differs.json()["code"] == "not_on_case"
    # The case's own manifest with another file of the same length claiming its hash: refused at the end.
    good_meta = metadata(case, media, manifest)
    created = create(good_meta, media.stat().st_size)
    assert created.status_code == 201
    url = created.headers["location"]
    body = os.urandom(media.stat().st_size)
    bad_sum = base64.b64encode(hashlib.sha1(b"other").digest()).decode()
    headers = {**branch.headers, "Tus-Resumable": "1.0.0", "Content-Type": "application/offset+octet-stream"}
    wrong_checksum = client.patch(url, content=body, headers={**headers, "Upload-Offset": "0",
                                                              "Upload-Checksum": f"sha1 {bad_sum}"})
    assert wrong_checksum.status_code == 460
    wrong_offset = client.patch(url, content=body, headers={**headers, "Upload-Offset": "5"})
    assert wrong_offset.status_code == 409
    swapped = client.patch(url, content=body, headers={**headers, "Upload-Offset": "0"})
    assert swapped.status_code == 422 and swapped.json()["code"] == "hash_mismatch"
    shown = client.get(f"/api/v1/cases/{case.number}", headers=branch.headers).json()
    assert [r["stored"] for r in shown["recordings"]] == [False]
    # Wrong client input around the protocol: 4xx with a reason.
    assert create({"case": case.number}, 10).status_code == 400
    assert client.post("/api/v1/uploads", headers={**branch.headers, "Upload-Length": "10",
                                                   "Upload-Metadata": "case x"}).status_code == 412


def test_chain_and_ownership_of_uploads(client: httpx.Client, branch: EnrolledDesk, store_config: StoreConfig,
                                        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = DeskCase("0591", "W01", DAY, 3)
    first_dir, second_dir = tmp_path / "1", tmp_path / "2"
    first_dir.mkdir()
    second_dir.mkdir()
    created = case.created()
    media1, manifest1, event1 = recorded(first_dir, case, branch.recording_key, size=1000)
    media2, manifest2, event2 = recorded(second_dir, case, branch.recording_key, size=2000,
                                         previous="0" * 64)   # does not chain to the first
    assert outcomes(push(client, branch, created, event1, event2)) == [("accepted", "")] * 3
    with open(media1, "rb") as stream:
        uploader = tus(client, branch).uploader(file_stream=stream, metadata=metadata(case, media1, manifest1))
        uploader.upload()
    with pytest.raises(TusCommunicationError) as broken:
        upload(tus(client, branch), media2, metadata(case, media2, manifest2))
    assert broken.value.status_code == 422 and b"chain_broken" in (broken.value.response_content or b"")
    neighbour = enrol(client, capsys, cli_store_args(store_config), "0591", "W02")
    stranger = enrol(client, capsys, cli_store_args(store_config), "0592", "W01")
    with pytest.raises(TusCommunicationError) as not_theirs:
        upload(tus(client, neighbour), media1, metadata(case, media1, manifest1))
    assert not_theirs.value.status_code == 409
    with pytest.raises(TusCommunicationError) as unseen:
        upload(tus(client, stranger), media1, metadata(case, media1, manifest1))
    assert unseen.value.status_code == 404
    assert client.head(uploader.url, headers={**stranger.headers, "Tus-Resumable": "1.0.0"}).status_code == 404
