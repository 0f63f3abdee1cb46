"""Resumable recording upload with the tus 1.0 protocol: creation, HEAD offset, PATCH with checksum.

https://tus.io/protocols/resumable-upload (core, creation and checksum extensions).
Metadata on creation (``Upload-Metadata``, base64 values): ``case`` (number or
id), ``sha256`` (of the file), ``manifest`` (the manifest file's exact bytes),
``filename``.  A refused manifest or file answers 4xx with the reason.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response
from fastapi.concurrency import run_in_threadpool

from central.api.auth import CurrentDesk
from central.errors import CentralError
from central.services import recordings
from central.store.db import Store

TUS_VERSION = "1.0.0"
CHECKSUMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256}
TUS_HEADERS = {"Tus-Resumable": TUS_VERSION}
UploadId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
HEX64 = re.compile(r"^[0-9a-f]{64}$")

router = APIRouter(prefix="/uploads", tags=["recordings"])


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _now(request: Request) -> datetime:
    now: datetime = request.app.state.clock()
    return now


def _resumable(value: str | None) -> None:
    if value != TUS_VERSION:
        raise CentralError("Tus-Resumable", f"this server speaks tus {TUS_VERSION}", "tus_version", 412)


def _metadata(header: str) -> dict[str, bytes]:
    pairs: dict[str, bytes] = {}
    for item in filter(None, (part.strip() for part in header.split(","))):
        key, _, value = item.partition(" ")
        try:
            pairs[key] = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise CentralError("Upload-Metadata", f"the value of {key!r} is not base64", "bad_metadata") from None
    return pairs


@router.options("", status_code=204)
def tus_options(_desk: CurrentDesk) -> Response:
    """What this tus server supports."""
    return Response(status_code=204, headers={**TUS_HEADERS, "Tus-Version": TUS_VERSION,
                                              "Tus-Extension": "creation,checksum",
                                              "Tus-Max-Size": str(recordings.MAX_UPLOAD_BYTES),
                                              "Tus-Checksum-Algorithm": ",".join(CHECKSUMS)})


@router.post("", status_code=201, responses={201: {"description": "created; Location names the upload"}})
def create(request: Request, desk: CurrentDesk,
           upload_length: Annotated[int, Header(ge=1, le=2**62)],
           upload_metadata: Annotated[str, Header(max_length=32 * 1024)],
           tus_resumable: Annotated[str | None, Header()] = None) -> Response:
    """Start uploading a case's recording; the manifest is checked before any byte is sent."""
    _resumable(tus_resumable)
    meta = _metadata(upload_metadata)
    for key in ("case", "sha256", "manifest"):
        if key not in meta:
            raise CentralError("Upload-Metadata", f"{key} is required", "bad_metadata")
    try:
        case_ref, sha256 = meta["case"].decode("ascii"), meta["sha256"].decode("ascii")
        file_name = meta.get("filename", b"recording").decode("utf-8")
    except UnicodeDecodeError:
        raise CentralError("Upload-Metadata", "case, sha256 and filename must be text", "bad_metadata") from None
    if not HEX64.match(sha256) or not re.match(r"^[0-9A-Za-z-]{1,40}$", case_ref) or len(file_name) > 200 \
            or "\x00" in file_name:
        raise CentralError("Upload-Metadata", "case, sha256 or filename is malformed", "bad_metadata")
    upload_id = recordings.create_upload(_store(request), desk, case_ref=case_ref, sha256=sha256,
                                         length=upload_length, file_name=file_name, manifest_raw=meta["manifest"],
                                         now=_now(request))
    return Response(status_code=201, headers={**TUS_HEADERS, "Location": f"{request.url}/{upload_id}"})


@router.head("/{upload_id}", status_code=200)
def offset(request: Request, desk: CurrentDesk, upload_id: UploadId,
           tus_resumable: Annotated[str | None, Header()] = None) -> Response:
    """How much of the upload the service has (resume from there)."""
    _resumable(tus_resumable)
    state = recordings.upload_state(_store(request), desk, upload_id)
    return Response(status_code=200, headers={**TUS_HEADERS, "Upload-Offset": str(state.offset),
                                              "Upload-Length": str(state.length), "Cache-Control": "no-store"})


@router.patch("/{upload_id}", status_code=204,
              responses={409: {"description": "offset mismatch"}, 460: {"description": "checksum mismatch"},
                         422: {"description": "the finished file does not match its manifest"}})
async def append(request: Request, desk: CurrentDesk, upload_id: UploadId,
                 upload_offset: Annotated[int, Header(ge=0, le=2**62)],
                 content_type: Annotated[str, Header()],
                 tus_resumable: Annotated[str | None, Header()] = None,
                 upload_checksum: Annotated[str | None, Header(max_length=200)] = None) -> Response:
    """Append bytes at Upload-Offset; the last chunk triggers verification and write-once storage."""
    _resumable(tus_resumable)
    if content_type != "application/offset+octet-stream":
        raise CentralError("Content-Type", "must be application/offset+octet-stream", "bad_content_type", 415)
    chunk = await request.body()
    if upload_checksum is not None:
        algorithm, _, value = upload_checksum.partition(" ")
        if algorithm not in CHECKSUMS:
            raise CentralError("Upload-Checksum", f"supported: {', '.join(CHECKSUMS)}", "bad_checksum_algorithm")
        try:
            expected = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise CentralError("Upload-Checksum", "the checksum is not base64", "bad_checksum") from None
        if CHECKSUMS[algorithm](chunk).digest() != expected:
            raise CentralError("Upload-Checksum", "the chunk does not match its checksum", "checksum_mismatch", 460)
    state = await run_in_threadpool(recordings.append_chunk, _store(request), desk, upload_id,
                                    offset=upload_offset, chunk=chunk, now=_now(request))
    return Response(status_code=204, headers={**TUS_HEADERS, "Upload-Offset": str(state.offset)})
