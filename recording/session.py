"""One recording in progress: capture and encode on a worker thread, Qt-free.

:class:`Recorder` owns nothing of the GUI.  It reads the (already opened)
sources, burns the overlay in, encodes, watches the free space, and on stop
finalises the file and writes the signed manifest.  Everything the GUI needs
comes out as plain values: :meth:`Recorder.stats` (thread-safe snapshot), a
``preview`` callback with small BGR frames, ``on_progress`` about twice a
second and ``on_finished`` with the :class:`RecordingResult`.  All callbacks
run on the worker thread; a Qt adapter turns them into queued signals.

Whatever goes wrong inside the thread is caught: the recording ends with a
``stopped_reason`` (see :mod:`recording.model`), what was captured is kept
and signed, and :attr:`Recorder.error` holds the typed error.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.clock import Clock, beijing, utc_now
from app.errors import DeskError
from recording import model
from recording.encoder import EncoderSettings
from recording.manifest import load_signing_key
from recording.media import AudioSource, Image, VideoSource
from recording.model import DiskPolicy, RecorderStats, RecordingMeta, RecordingResult, minutes_left
from recording.storage import DiskWriter, MediaFile, MediaWriter, reserve_path_for, reserve_room
from recording.worker import CaptureLoop, PreviewSink

log = logging.getLogger(__name__)

__all__ = ["DiskPolicy", "Recorder", "RecorderStats", "active_recordings", "minutes_left",
           "recording_file_name"]

_ACTIVE: set[Path] = set()
_ACTIVE_LOCK = threading.Lock()


def active_recordings() -> set[Path]:
    """Media files being written by recorders of this process (recovery leaves them alone)."""
    with _ACTIVE_LOCK:
        return set(_ACTIVE)


def recording_file_name(meta: RecordingMeta, moment: datetime, folder: Path) -> Path:
    """``<case number>_<Beijing yyyymmdd-hhmmss>.mp4``, made unique in ``folder``."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", meta.case_number).strip("_") or "case"
    stem = f"{safe}_{beijing(moment).strftime('%Y%m%d-%H%M%S')}"
    candidate, n = folder / f"{stem}.mp4", 2
    while candidate.exists() or (folder / f"{candidate.stem}.manifest.json").exists():
        candidate, n = folder / f"{stem}-{n}.mp4", n + 1
    return candidate


class Recorder:
    """Records one session from a camera and a microphone into ``out_dir``."""

    def __init__(
        self,
        video: VideoSource,
        audio: AudioSource,
        out_dir: Path,
        meta: RecordingMeta,
        *,
        previous_manifest_hash: str = "",
        settings: EncoderSettings | None = None,
        writer: MediaWriter | None = None,
        disk_policy: DiskPolicy | None = None,
        max_seconds: float | None = None,
        preview: Callable[[Image], None] | None = None,
        preview_fps: float = 15.0,
        preview_width: int = 640,
        on_progress: Callable[[RecorderStats], None] | None = None,
        on_finished: Callable[[RecordingResult | None], None] | None = None,
        signing_key: Ed25519PrivateKey | None = None,
        device_timeout_s: float = 2.0,
        clock: Clock = utc_now,
        path: Path | None = None,
        expected_bytes_per_s: float | None = None,
    ) -> None:
        self.video, self.audio = video, audio
        self.out_dir = Path(out_dir)
        self.meta = meta
        self.previous_manifest_hash = previous_manifest_hash
        self.settings = settings or EncoderSettings()
        self.writer: MediaWriter = writer or DiskWriter()
        self.disk_policy = disk_policy or DiskPolicy()
        self.max_seconds = max_seconds
        self.preview = PreviewSink(preview, preview_fps, preview_width)
        self.on_progress = on_progress
        self.on_finished = on_finished
        self.device_timeout_s = device_timeout_s
        self.clock = clock
        self._key = signing_key
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._stop_reason = ""
        self._pause_wanted = False
        self._thread: threading.Thread | None = None
        self._loop: CaptureLoop | None = None
        self._planned_path = path
        self.expected_bytes_per_s = expected_bytes_per_s or self.settings.expected_bytes_per_s
        """The data rate the free-space checks assume until this recording has measured its own: the rate
        of the desk's earlier recordings when the caller knows it, else the encoder's cap (an upper bound)."""
        self.path: Path | None = None
        self.result: RecordingResult | None = None
        self.listener_error: BaseException | None = None
        """What ``on_finished`` raised, if it did (logged; the result is kept all the same)."""
        self.error: DeskError | None = None
        """Why the recording ended, when it was not the operator's stop or the time limit
        (codes ``device_lost``, ``disk_low``, ``disk_full``, ``write_failed``, ...)."""

    # -- control (any thread) ---------------------------------------------

    def start(self) -> Path:
        """Check space and key, reserve the manifest's room, create the file and start the worker.

        Returns the media path (the one given to the constructor, if any).
        Raises ``DeskError`` with code ``disk_low`` (params ``minutes_left``,
        ``free_bytes``) when there is not room for ``disk_policy.start_minutes``
        or for the manifest, ``signing_key_missing`` without a signing key.
        """
        if self._thread is not None:
            raise DeskError("recorder already started", code="illegal_transition")
        self.out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        free = self.writer.free_bytes(self.out_dir)
        left = minutes_left(free, self.expected_bytes_per_s)
        if left < self.disk_policy.start_minutes:
            raise DeskError(f"not enough free space: {left:.1f} minutes left", code="disk_low",
                            field="recordings", minutes_left=round(left, 1), free_bytes=free)
        key = self._key or load_signing_key()
        path = self._planned_path or recording_file_name(self.meta, self.clock(), self.out_dir)
        if path.exists():
            raise DeskError(f"{path.name} exists already", code="write_failed", field="recordings", file=path.name)
        try:
            reserve_room(path)
        except OSError as exc:
            raise DeskError(f"not enough free space for the recording's manifest: {exc.strerror}", code="disk_low",
                            field="recordings", minutes_left=round(left, 1), free_bytes=free) from exc
        try:
            file: MediaFile = self.writer.open(path)
        except OSError as exc:
            reserve_path_for(path).unlink(missing_ok=True)
            raise DeskError(f"cannot create {path.name}: {exc.strerror}", code="write_failed",
                            field="recordings", file=path.name) from exc
        with _ACTIVE_LOCK:
            _ACTIVE.add(path)
        self.path = path
        self._loop = CaptureLoop(self, file, path, key)
        self._thread = threading.Thread(target=self._run, name=f"recorder-{path.stem}", daemon=True)
        self._thread.start()
        return path

    def pause(self) -> None:
        with self._lock:
            self._pause_wanted = True

    def resume(self) -> None:
        with self._lock:
            self._pause_wanted = False

    def stop(self, reason: str = model.STOP_REQUESTED) -> None:
        """Ask the worker to finish (returns at once; see :meth:`wait`)."""
        with self._lock:
            if not self._stop_reason:
                self._stop_reason = reason

    def wait(self, timeout: float | None = None) -> RecordingResult | None:
        """Wait until the recording is finalised; the result (None if nothing could be kept)."""
        if self._thread is None:
            return None
        self._done.wait(timeout)
        return self.result

    def join(self, timeout: float | None = None) -> bool:
        """Wait until the worker thread is gone, its finish listener included; True if it is."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    @property
    def finished(self) -> bool:
        return self._done.is_set()

    def stats(self) -> RecorderStats:
        loop = self._loop
        if loop is None:
            return RecorderStats("idle", 0.0, 0, 0, 0, 0.0, 0, 0.0)
        return loop.snapshot()

    # -- used by the worker ----------------------------------------------

    def requested(self) -> tuple[str, bool]:
        """(stop reason or "", pause wanted) under the lock."""
        with self._lock:
            return self._stop_reason, self._pause_wanted

    def _run(self) -> None:
        assert self._loop is not None and self.path is not None
        try:
            self.result, self.error = self._loop.run()
        except BaseException as exc:  # noqa: BLE001 - the thread must always report
            self.error = DeskError(f"recorder failed: {exc!r}", code=model.STOP_ERROR)
        finally:
            with _ACTIVE_LOCK:
                _ACTIVE.discard(self.path)
            self._done.set()
        if self.on_finished is not None:
            try:
                self.on_finished(self.result)
            except Exception as exc:  # noqa: BLE001 - the result stays on the recorder (wait(), finished)
                self.listener_error = exc
                log.exception("the finish listener of recording %s failed",
                              self.path.name if self.path is not None else "-")

