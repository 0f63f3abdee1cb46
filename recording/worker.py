"""The body of the recorder thread: capture, overlay, encode, watch the disk, finalise.

Split out of :mod:`recording.session` so the control surface (start/pause/
stop/stats) and the loop can each be read on one screen.  Only the recorder
thread runs :meth:`CaptureLoop.run`; :meth:`CaptureLoop.snapshot` may be
called from any thread.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.clock import as_utc
from app.errors import DeskError
from recording import model
from recording.encoder import FragmentedMp4Encoder
from recording.manifest import ManifestFacts, write_manifest
from recording.media import DEVICE_LOST, AudioBlock, Image, monotonic
from recording.model import RecorderStats, RecordingResult, minutes_left
from recording.overlay import Overlay
from recording.storage import MediaFile, reserve_path_for
from recording.timeline import AudioAligner, MediaTimeline

if TYPE_CHECKING:
    from recording.session import Recorder


class PreviewSink:
    """Hands small copies of recorded frames to the GUI at a limited rate."""

    def __init__(self, callback: Callable[[Image], None] | None, fps: float, width: int) -> None:
        self.callback = callback
        self._interval = 1.0 / fps if fps > 0 else 0.0
        self._width = width
        self._due = -1e9

    def offer(self, image: Image, ts: float) -> None:
        if self.callback is None:
            return
        if self._due < ts - self._interval:
            self._due = ts  # first frame, or back after a pause: no catching up
        if ts < self._due - 1e-3:
            return
        # Keep to the schedule rather than to the last frame sent: 15 fps out
        # of 25 then really is 15 (every second or third frame), not 12.5.
        self._due += self._interval
        h, w = image.shape[:2]
        if w > self._width:
            size = (self._width, max(2, round(h * self._width / w)))
            small: Image = np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
        else:
            small = image.copy()
        try:
            self.callback(small)
        except Exception:  # noqa: BLE001 - a broken preview must not end the recording
            self.callback = None


class CaptureLoop:
    """One recording's state on the worker thread."""

    def __init__(self, recorder: "Recorder", file: MediaFile, path: Path, key: Ed25519PrivateKey) -> None:
        self.rec = recorder
        self.file = file
        self.path = path
        self.key = key
        self.timeline = MediaTimeline()
        self.aligner = AudioAligner(recorder.audio.sample_rate, recorder.audio.channels)
        self.encoder: FragmentedMp4Encoder | None = None
        self.overlay: Overlay | None = None
        self.start_utc: datetime | None = None
        self.period = 1.0 / max(1.0, recorder.video.fps)
        self.last_ts: float | None = None
        self.video_end = 0.0
        self._next_check = 0.0
        self.disk_error: DeskError | None = None
        self._lock = threading.Lock()
        self._state = "recording"
        self._frames = 0
        self._dropped = 0
        self._peak = 0.0
        self._reason = ""

    # -- shared with other threads -----------------------------------------

    def snapshot(self) -> RecorderStats:
        encoder = self.encoder
        written = encoder.bytes_written if encoder is not None else 0
        with self._lock:
            elapsed = self.video_end
            rate = written / elapsed if elapsed >= 3.0 else self.rec.expected_bytes_per_s
            return RecorderStats(self._state, elapsed, self._frames, self._dropped, self.aligner.taken,
                                 self._peak, written, rate, self._reason)

    def _set(self, **changes: object) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(self, "_" + name, value)

    # -- the thread ---------------------------------------------------------

    def run(self) -> tuple[RecordingResult | None, DeskError | None]:
        error: DeskError | None = None
        try:
            reason = self._capture()
        except DeskError as exc:
            reason = model.STOP_DEVICE_LOST if exc.code == DEVICE_LOST else model.STOP_ERROR
            error = exc
        except OSError as exc:
            reason = model.STOP_WRITE_FAILED
            code = "disk_full" if exc.errno == errno.ENOSPC else "write_failed"
            error = DeskError(f"writing {self.path.name} failed: {exc.strerror or exc}", code=code,
                              field="recordings", file=self.path.name)
        except Exception as exc:  # noqa: BLE001 - report anything, keep what was recorded
            reason, error = model.STOP_ERROR, DeskError(f"recording failed: {exc!r}", code=model.STOP_ERROR)
        if reason == model.STOP_DISK_LOW:
            error = self.disk_error
        self._set(state="finishing", reason=reason)
        try:
            result = self._finish(reason, error)
        except Exception as exc:  # noqa: BLE001
            result = None
            error = error or DeskError(f"finalising failed: {exc!r}", code="finalise_failed")
        self._set(state="finished")
        return result, error

    def _capture(self) -> str:
        rec, timeline = self.rec, self.timeline
        self._next_check = 0.0
        force_key = False
        while True:
            stop, pause = rec.requested()
            if stop:
                return stop
            frame = rec.video.read(rec.device_timeout_s)
            if frame is None:
                return model.STOP_SOURCE_ENDED
            blocks = rec.audio.read(0.0)
            if not timeline.started:
                self._begin(frame.image, frame.ts)
            if pause and not timeline.paused:
                timeline.pause(frame.ts)
                self._set(state="paused")
            elif not pause and timeline.paused:
                timeline.resume(frame.ts)
                self.last_ts, force_key = None, True
                self._set(state="recording")
            self._push_audio(blocks)
            if timeline.paused:
                if self._periodic_check():
                    return model.STOP_DISK_LOW
                continue
            t = timeline.media_time(frame.ts)
            if rec.max_seconds is not None and t + self.period / 2 > rec.max_seconds:
                return model.STOP_TIME_LIMIT
            dropped = 0
            if self.last_ts is not None:
                dropped = max(0, round((frame.ts - self.last_ts) / self.period) - 1)
            self.last_ts = frame.ts
            assert self.overlay is not None and self.encoder is not None and self.start_utc is not None
            self.overlay.draw(frame.image, self.start_utc + timedelta(seconds=frame.ts - (timeline.t0 or 0.0)))
            self.encoder.add_video(frame.image, t, self.period, keyframe=force_key)
            force_key = False
            with self._lock:
                self.video_end = t + self.period
                self._frames += 1
                self._dropped += dropped
            self.encoder.add_audio(self.aligner.take(self._end_sample()))
            self.rec.preview.offer(frame.image, frame.ts)
            if self._periodic_check():
                return model.STOP_DISK_LOW

    def _periodic_check(self) -> bool:
        """Every ``check_every_s``: True when the disk is too full to go on; else report progress."""
        rec = self.rec
        now = monotonic()
        if now < self._next_check:
            return False
        self._next_check = now + rec.disk_policy.check_every_s
        if self._disk_low():
            return True
        if rec.on_progress is not None:
            try:
                rec.on_progress(self.snapshot())
            except Exception:  # noqa: BLE001 - a broken listener must not end the recording
                rec.on_progress = None
        return False

    def _begin(self, image: Image, ts: float) -> None:
        rec = self.rec
        self.timeline.start(ts)
        self.start_utc = as_utc(rec.clock()) - timedelta(seconds=monotonic() - ts)
        height, width = image.shape[:2]
        meta = rec.meta
        tags = {
            **meta.as_metadata(),
            model.METADATA_PREFIX + "started_utc": self.start_utc.isoformat(timespec="milliseconds"),
            model.METADATA_PREFIX + "video_device": rec.video.description,
            model.METADATA_PREFIX + "audio_device": rec.audio.description,
            model.METADATA_PREFIX + "previous_manifest_sha256": rec.previous_manifest_hash,
            "title": f"Case {meta.case_number} {meta.branch}/{meta.desk}",
            "comment": f"Complaint Desk reception recording, staff {meta.staff_no}",
        }
        self.encoder = FragmentedMp4Encoder(self.file, width=width, height=height, fps=rec.video.fps,
                                            sample_rate=rec.audio.sample_rate, channels=rec.audio.channels,
                                            settings=rec.settings, metadata=tags)
        self.overlay = Overlay(width, height, branch=meta.branch, desk=meta.desk,
                               case_number=meta.case_number, staff_no=meta.staff_no)

    def _push_audio(self, blocks: list[AudioBlock]) -> None:
        peak = self._peak * 0.85
        for block in blocks:
            if self.timeline.in_pause(block.ts):
                continue
            self.aligner.push(block.samples, self.timeline.media_time(block.ts))
            if block.frames:
                peak = max(peak, float(np.abs(block.samples.astype(np.int32)).max()) / 32768.0)
        self._set(peak=min(1.0, peak))

    def _end_sample(self) -> int:
        return round(self.video_end * self.aligner.sample_rate)

    def _disk_low(self) -> bool:
        rec = self.rec
        stats = self.snapshot()
        free = rec.writer.free_bytes(rec.out_dir)
        reserve = max(rec.disk_policy.stop_reserve_bytes, stats.bytes_per_s * rec.disk_policy.stop_reserve_s)
        if free >= reserve:
            return False
        left = minutes_left(free, stats.bytes_per_s)
        self.disk_error = DeskError(f"free space ran low ({free // 1_000_000} MB, {left:.1f} minutes at the "
                                    f"current bitrate); recording stopped and kept", code=model.STOP_DISK_LOW,
                                    field="recordings", minutes_left=round(left, 1), free_bytes=free)
        return True

    def _finish(self, reason: str, error: DeskError | None) -> RecordingResult | None:
        rec, encoder = self.rec, self.encoder
        if encoder is None or self.start_utc is None or self._frames == 0:
            if encoder is not None:
                encoder.abort()
            else:
                self.file.close()
            self.path.unlink(missing_ok=True)
            reserve_path_for(self.path).unlink(missing_ok=True)
            return None
        if reason != model.STOP_WRITE_FAILED:
            self._collect_tail_audio()
            encoder.add_audio(self.aligner.take(self._end_sample()))
            try:
                encoder.close()
            except OSError as exc:
                reason = model.STOP_WRITE_FAILED
                error = error or DeskError(f"finishing {self.path.name} failed: {exc}", code="write_failed")
                encoder.abort()
        else:
            encoder.abort()
        t0 = self.timeline.t0 or 0.0
        wall = (self.last_ts or t0) + self.period - t0
        facts = ManifestFacts(
            meta=rec.meta,
            devices={"video": rec.video.description, "audio": rec.audio.description},
            started_utc=self.start_utc,
            stopped_utc=self.start_utc + timedelta(seconds=wall),
            duration_s=self.video_end,
            frames=self._frames,
            dropped_frames=self._dropped,
            audio_samples=self.aligner.taken,
            audio_sample_rate=self.aligner.sample_rate,
            stopped_reason=reason,
            previous_manifest_sha256=rec.previous_manifest_hash,
            pauses=list(self.timeline.pauses),
            encoder=rec.settings.describe(),
            extra={"stopped_message": error.message} if error is not None else {},
        )
        written = write_manifest(self.path, facts, self.key)
        message = ""
        if error is not None:
            message = (f"{error.message}; the {self.video_end:.1f} s recorded until then are kept and signed"
                       if reason in (model.STOP_WRITE_FAILED, model.STOP_DEVICE_LOST, model.STOP_ERROR)
                       else error.message)
        return RecordingResult(
            path=self.path, manifest_path=written.path, sha256=written.media_sha256,
            duration_s=round(self.video_end, 3), frames=self._frames, dropped_frames=self._dropped,
            audio_samples=self.aligner.taken, size_bytes=written.media_size, recovered=False,
            stopped_reason=reason, manifest_sha256=written.sha256, message=message)

    def _collect_tail_audio(self) -> None:
        """Audio arrives a block late: wait briefly so the last frame has its sound."""
        deadline = monotonic() + 0.3
        try:
            while self.aligner.end < self._end_sample() and monotonic() < deadline:
                self._push_audio(self.rec.audio.read(0.05))
        except DeskError:
            pass  # the microphone went away: keep the sound we have
