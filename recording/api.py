"""The recording facade for the case service, the CLI and the GUI.

Typical use by the case service::

    result = record_for(30, "demo", paths.recordings, meta, previous_manifest_hash=last_hash)
    # -> attach result.as_event() to the case; keep result.manifest_sha256 for the next one

    for unfinished in find_unfinished(paths.recordings):      # at start-up
        result = recover(unfinished.path)                     # recovered=True

    problems = verify_case(order_chain(manifests_of_case))    # `complaint-desk verify`

The GUI drives a :class:`Recorder` itself (start/pause/resume/stop, stats,
preview) with sources from :func:`open_default_sources`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.errors import DeskError
from recording.demo_sources import FlashSchedule
from recording.encoder import EncoderSettings
from recording.manifest import (
    load_signing_key,
    manifest_hash,
    manifest_path_for,
    order_chain,
    public_key_text,
    read_manifest,
    verify_case,
    verify_chain,
    verify_recording,
)
from recording.model import DiskPolicy, RecorderStats, RecordingMeta, RecordingResult
from recording.recovery import UnfinishedRecording, find_unfinished, recover
from recording.session import Recorder
from recording.sources import OpenedSources, open_default_sources
from recording.storage import CappedWriter, DiskWriter, MediaWriter

__all__ = [
    "CappedWriter", "DiskPolicy", "DiskWriter", "EncoderSettings", "FlashSchedule", "MediaWriter",
    "OpenedSources", "Recorder", "RecorderStats", "RecordingMeta", "RecordingResult",
    "UnfinishedRecording", "find_unfinished", "load_signing_key", "manifest_hash", "manifest_path_for",
    "open_default_sources", "order_chain", "public_key_text", "read_manifest", "record_for", "recover",
    "verify_case", "verify_chain", "verify_recording",
]


def record_for(
    seconds: float,
    source_spec: str | OpenedSources,
    out_dir: Path,
    meta: RecordingMeta,
    previous_manifest_hash: str = "",
    *,
    width: int = 1280,
    height: int = 720,
    fps: float = 25.0,
    flashes: bool | FlashSchedule = False,
    allow_fallback: bool = False,
    settings: EncoderSettings | None = None,
    writer: MediaWriter | None = None,
    disk_policy: DiskPolicy | None = None,
    on_started: Callable[[Path], None] | None = None,
    on_progress: Callable[[RecorderStats], None] | None = None,
    path: Path | None = None,
    signing_key: Ed25519PrivateKey | None = None,
    expected_bytes_per_s: float | None = None,
    stop: threading.Event | None = None,
) -> RecordingResult:
    """Record ``seconds`` of media headless and return the signed result.

    ``source_spec`` is "demo", "camera:N", "file:VIDEO[,WAV]" (opened here and
    closed afterwards) or sources already opened by the caller (left open).
    The recording may end early (``stopped_reason`` says why: disk_low,
    device_lost, ...); what was captured is always finalised and signed.
    ``path``, ``signing_key`` and ``expected_bytes_per_s`` come from the
    recordings service's journal entry (see :class:`Recorder`).
    Raises ``DeskError`` when it cannot start (``disk_low`` with
    ``minutes_left``, ``device_missing`` for a camera, microphone or file that is not
    there -- a demo twin stands in only with ``allow_fallback``, demo mode) or nothing at
    all could be recorded.  Setting ``stop`` (e.g. from a SIGINT/SIGTERM
    handler) ends the recording early as a requested stop: what was captured
    is finalised and signed as usual.
    """
    owned = isinstance(source_spec, str)
    sources = (open_default_sources(source_spec, width=width, height=height, fps=fps, flashes=flashes,
                                    allow_fallback=allow_fallback)
               if isinstance(source_spec, str) else source_spec)
    try:
        recorder = Recorder(sources.video, sources.audio, Path(out_dir), meta,
                            previous_manifest_hash=previous_manifest_hash, settings=settings, writer=writer,
                            disk_policy=disk_policy, max_seconds=seconds, on_progress=on_progress, path=path,
                            signing_key=signing_key, expected_bytes_per_s=expected_bytes_per_s)
        path = recorder.start()
        if on_started is not None:
            on_started(path)
        # The recorder stops itself at ``seconds``; a generous deadline only
        # guards against a source that ignores its own timeouts.
        deadline = time.monotonic() + seconds + 60.0
        while not recorder.finished and time.monotonic() < deadline:
            if stop is not None and stop.is_set():
                break
            recorder.wait(0.2 if stop is not None else max(0.0, deadline - time.monotonic()))
        if not recorder.finished:
            recorder.stop()
        result = recorder.wait()
    finally:
        if owned:
            sources.close()
    if result is None:
        error = recorder.error or DeskError("nothing was recorded", code="nothing_recorded")
        raise error
    return result
