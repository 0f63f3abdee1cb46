"""Recording uploads at the centre (tus 1.0): creation, offset, chunks, and verification on completion.

Creation already checks what can be checked without the bytes: the case, that
the uploading desk registered it, the manifest's signature against the keys
pinned at that desk's enrolments (never the key in the manifest), that the case
has a recording event with this file hash and this manifest hash, and that the
manifest chains to the case's previous recording.  Completion checks the file's
SHA-256 and size, then keeps file and manifest write-once under
``<data dir>/recordings/<case id>/``.  File work happens outside the store's
write transaction; a per-upload lock keeps two PATCHes of one upload apart.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.contract import events as ev
from central.domain.manifests import Manifest, ManifestRefused, parse_manifest, verify_signature
from central.domain.ownership import DeskRef
from central.errors import CentralError
from central.services.cases import find_case
from central.services.desks import CENTRE_DESK_UUID
from central.services.events import case_events
from central.store.db import Store
from central.store.models import Desk, Upload

log = logging.getLogger(__name__)

#: Largest recording accepted (a two-hour reception at the desk's bit rate is far below).
MAX_UPLOAD_BYTES = 4 * 1024**3
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock(upload_id: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(upload_id, threading.Lock())


def _refused(exc: ManifestRefused) -> CentralError:
    return CentralError("manifest", exc.reason, exc.code, 422)


def check_manifest(session: Session, desk: DeskRef, case_ref: str, sha256: str, length: int,
                   manifest_raw: bytes) -> tuple[str, Manifest]:
    """The case id and parsed manifest when a recording may be uploaded; CentralError with the reason if not."""
    case = find_case(session, case_ref, desk)
    if (desk.branch, desk.desk_code) != (case.branch, case.desk_code):
        raise CentralError("case", f"recordings of case {case.number} come from desk {case.branch}-{case.desk_code}",
                           "not_registering_desk", 409)
    try:
        manifest = parse_manifest(manifest_raw)
        fields = manifest.fields
        if fields["case_id"] != case.id:
            raise ManifestRefused("manifest_other_case", f"the manifest belongs to case {fields['case_id']}")
        if fields["sha256"] != sha256 or fields["size_bytes"] != length:
            raise ManifestRefused("manifest_mismatch", "the manifest's sha256 or size differs from the upload's")
        keys = list(session.scalars(select(Desk.recording_public_key).where(
            Desk.branch == case.branch, Desk.desk_code == case.desk_code, Desk.desk_uuid != CENTRE_DESK_UUID)))
        verify_signature(manifest, keys)
        recordings = [e.content for _row, e in case_events(session, case.id)
                      if isinstance(e, ev.RecordingEvent) and e.content.what in ("attached", "recovered")]
        index = next((i for i, r in enumerate(recordings)
                      if r.sha256 == sha256 and r.manifest_sha256 == manifest.sha256), None)
        if index is None:
            raise ManifestRefused("not_on_case", f"case {case.number} has no recording event with this file hash "
                                  "and manifest hash: push the event first")
        expected_previous = recordings[index - 1].manifest_sha256 if index else ""
        if fields["previous_manifest_sha256"] != expected_previous:
            raise ManifestRefused("chain_broken", "the manifest does not chain to the case's previous recording")
    except ManifestRefused as exc:
        raise _refused(exc) from None
    return case.id, manifest


def create_upload(store: Store, desk: DeskRef, *, case_ref: str, sha256: str, length: int, file_name: str,
                  manifest_raw: bytes, now: datetime) -> str:
    if not 0 < length <= MAX_UPLOAD_BYTES:
        raise CentralError("Upload-Length", f"must be 1 to {MAX_UPLOAD_BYTES} bytes", "bad_length", 413
                           if length > MAX_UPLOAD_BYTES else 400)
    upload_id = uuid.uuid4().hex
    with store.transaction() as session:
        case_id, manifest = check_manifest(session, desk, case_ref, sha256, length, manifest_raw)
        session.add(Upload(id=upload_id, desk_id=desk.id, case_id=case_id, sha256=sha256, length=length, offset=0,
                           manifest=manifest.raw.decode("utf-8"), manifest_sha256=manifest.sha256,
                           file_name=file_name, created_at=now, completed_at=None, stored=False, refused=""))
        part = _part(store, upload_id)
        part.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        part.touch(mode=0o600)
    return upload_id


@dataclass(frozen=True)
class UploadState:
    offset: int
    length: int
    stored: bool


def _part(store: Store, upload_id: str) -> Path:
    return store.config.data_dir / "uploads" / f"{upload_id}.part"


def _own_upload(session: Session, desk: DeskRef, upload_id: str) -> Upload:
    upload = session.get(Upload, upload_id)
    if upload is None or upload.desk_id != desk.id:
        raise CentralError("upload", "no such upload", "not_found", 404)
    return upload


def upload_state(store: Store, desk: DeskRef, upload_id: str) -> UploadState:
    with store.reading() as session:
        upload = _own_upload(session, desk, upload_id)
        return UploadState(upload.offset, upload.length, upload.stored)


def append_chunk(store: Store, desk: DeskRef, upload_id: str, *, offset: int, chunk: bytes,
                 now: datetime) -> UploadState:
    """Write ``chunk`` at ``offset`` (which must be the upload's offset); verify and store on the last byte."""
    with _lock(upload_id):
        with store.reading() as session:
            upload = _own_upload(session, desk, upload_id)
            length, current, done = upload.length, upload.offset, upload.completed_at is not None
            case_id, sha256, file_name, manifest = upload.case_id, upload.sha256, upload.file_name, upload.manifest
        if done or offset != current:
            raise CentralError("Upload-Offset", f"the upload is at offset {current}", "offset_mismatch", 409)
        if offset + len(chunk) > length:
            raise CentralError("body", "the chunk goes past Upload-Length", "too_long", 413)
        part = _part(store, upload_id)
        with open(part, "r+b") as handle:
            handle.seek(offset)
            handle.write(chunk)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
        new_offset = offset + len(chunk)
        refusal = ""
        if new_offset == length:
            refusal = _store_file(store, part, case_id, sha256, file_name, manifest)
        with store.transaction() as session:
            session.execute(update(Upload).where(Upload.id == upload_id).values(
                offset=new_offset, completed_at=now if new_offset == length else None,
                stored=new_offset == length and not refusal, refused=refusal))
        if refusal:
            raise CentralError("upload", refusal, "hash_mismatch", 422)
        return UploadState(new_offset, length, new_offset == length)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _suffix(file_name: str) -> str:
    suffix = Path(file_name).suffix
    return suffix if suffix.isascii() and suffix[1:].isalnum() and len(suffix) <= 10 else ""


def _store_file(store: Store, part: Path, case_id: str, sha256: str, file_name: str, manifest: str) -> str:
    """Keep the finished file write-once; the reason it is refused, or ""."""
    actual = _sha256(part)
    if actual != sha256:
        part.unlink(missing_ok=True)
        return f"the file's SHA-256 is {actual}, not {sha256} as its manifest and case event say"
    folder = store.config.data_dir / "recordings" / case_id
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / f"{sha256}{_suffix(file_name)}"
    try:
        os.link(part, target)  # fails if the name exists: a stored recording is never replaced
    except FileExistsError:
        if _sha256(target) != sha256:
            return f"a different file is already stored as {target.name}"
    os.chmod(target, 0o400)
    manifest_path = folder / f"{sha256}.manifest.json"
    if not manifest_path.exists():
        manifest_path.write_text(manifest, encoding="utf-8")
        os.chmod(manifest_path, 0o400)
    part.unlink(missing_ok=True)
    return ""


@dataclass(frozen=True)
class StoredRecording:
    """Where a verified recording and its manifest are kept."""

    case_number: str
    media: Path
    manifest: Path


def stored_recording(store: Store, desk: DeskRef, case_ref: str, sha256: str) -> StoredRecording:
    """A stored recording of a case the desk may see; 404 otherwise."""
    with store.reading() as session:
        case = find_case(session, case_ref, desk)
        upload = session.scalars(select(Upload).where(Upload.case_id == case.id, Upload.sha256 == sha256,
                                                      Upload.stored.is_(True))).first()
        if upload is None:
            raise CentralError("recording", f"case {case.number} has no stored recording {sha256}", "not_found", 404)
        number, file_name = case.number, upload.file_name
    folder = store.config.data_dir / "recordings" / upload.case_id
    media, manifest = folder / f"{sha256}{_suffix(file_name)}", folder / f"{sha256}.manifest.json"
    if not media.is_file() or not manifest.is_file():
        raise CentralError("recording", "the stored file is missing: tell the administrator", "file_missing", 410)
    # Who played back what is part of the audit trail (ids and hashes only).
    log.info("recording %s of case %s handed to desk %s-%s", sha256[:16], number, desk.branch, desk.desk_code)
    return StoredRecording(number, media, manifest)
