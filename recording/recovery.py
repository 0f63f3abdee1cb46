"""Finishing recordings whose program or machine died: remux, hash, sign, mark as recovered.

A media file without a manifest is unfinished.  Because the container is
fragmented MP4 with the header written first, everything up to the last
complete fragment (about a second before the end) is intact, and the header's
metadata says which case, desk and staff member it belongs to.  Recovery
copies the playable packets (no re-encoding) into a clean file beside the
original, swaps it in only once the copy is on disk and checked (size, every
intact packet, the same end), and writes a manifest with ``recovered: true``
plus the hash and size of the cut-off original.  When the copy fails (a full
disk) the original is kept untouched and signed as it stands.
"""

from __future__ import annotations

import errno
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import av
import av.error
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.clock import Clock, as_utc, utc_now
from app.errors import DeskError
from recording import model
from recording.encoder import MOVFLAGS
from recording.manifest import ManifestFacts, load_signing_key, manifest_path_for, sha256_file, write_manifest
from recording.model import RecordingMeta, RecordingResult
from recording.probe import MediaProbe, probe_media
from recording.session import active_recordings
from recording.storage import being_written

_TAG = model.METADATA_PREFIX
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UnfinishedRecording:
    """A media file that has no manifest (and is not being recorded right now)."""

    path: Path
    size_bytes: int
    modified_utc: datetime
    meta: RecordingMeta | None
    """Who/what it belongs to, read from the file's header (None if unreadable)."""


def find_unfinished(folder: Path) -> list[UnfinishedRecording]:
    """Media files in ``folder`` without a manifest, oldest first."""
    if not folder.is_dir():
        return []
    busy = {p.resolve() for p in active_recordings()}
    found: list[UnfinishedRecording] = []
    for path in sorted(folder.glob("*.mp4")):
        if path.name.startswith(".") or path.resolve() in busy or manifest_path_for(path).exists():
            continue
        if being_written(path):
            continue  # another process on this machine is recording it right now
        info = path.stat()
        found.append(UnfinishedRecording(path, info.st_size,
                                         datetime.fromtimestamp(info.st_mtime, timezone.utc), _read_meta(path)))
    return sorted(found, key=lambda u: (u.modified_utc, u.path.name))


def _read_tags(path: Path) -> dict[str, str]:
    try:
        with av.open(str(path)) as container:
            return {str(k): str(v) for k, v in container.metadata.items()}
    except (av.error.FFmpegError, OSError):
        return {}


def _read_meta(path: Path) -> RecordingMeta | None:
    return RecordingMeta.from_metadata(_read_tags(path))


@dataclass
class _Packets:
    """What the intact packets of a file hold (counted while reading or copying them)."""

    frames: int = 0
    audio_packets: int = 0
    audio_samples: int = 0
    sample_rate: int = 0
    duration_s: float = 0.0
    video_end_s: float = 0.0
    last_frame_s: float = 0.0
    dropped_frames: int = 0


class _RemuxFailed(Exception):
    """The clean copy could not be written or is not what the original holds."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def _copy_packets(source: Path, probe: MediaProbe, target: Path | None) -> _Packets:
    """Count every intact packet of ``source`` and, with a ``target``, copy them into a fresh fragmented MP4.

    A demux error is the cut-off end (everything before it is in).  A write
    error is not swallowed: it raises ``_RemuxFailed`` (``disk_full`` or
    ``remux_failed``) and the caller keeps the original.
    """
    stats = _Packets(sample_rate=probe.sample_rate)
    period = 1.0 / probe.fps if probe.fps else 0.04
    with av.open(str(source)) as src:
        inputs = [s for s in (src.streams.video[:1] + src.streams.audio[:1])]
        dst = None
        if target is not None:
            # Created 0600 first: the muxer then writes into it and keeps the mode.
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
            dst = av.open(str(target), "w", format="mp4", container_options={"movflags": MOVFLAGS})
        try:
            outputs = {}
            if dst is not None:
                dst.metadata.update({k: v for k, v in src.metadata.items()
                                     if k not in ("major_brand", "minor_version", "compatible_brands", "encoder")})
                outputs = {s.index: dst.add_stream_from_template(s) for s in inputs}
            last_video: float | None = None
            packets = src.demux(inputs)
            while True:
                try:
                    packet = next(packets)
                except StopIteration:
                    break
                except av.error.FFmpegError:
                    break  # the cut-off end: everything before it is in
                if packet.dts is None or packet.size == 0 or packet.is_corrupt or packet.time_base is None:
                    continue
                kind = packet.stream.type
                start = float(packet.pts * packet.time_base) if packet.pts is not None else 0.0
                length = float((packet.duration or 0) * packet.time_base)
                if dst is not None:
                    packet.stream = outputs[packet.stream.index]
                    dst.mux(packet)
                stats.duration_s = max(stats.duration_s, start + length)
                if kind == "video":
                    stats.frames += 1
                    stats.video_end_s = max(stats.video_end_s, start + length)
                    stats.last_frame_s = max(stats.last_frame_s, start)
                    if last_video is not None:
                        stats.dropped_frames += max(0, round((start - last_video) / period) - 1)
                    last_video = start
                elif kind == "audio":
                    stats.audio_packets += 1
                    stats.audio_samples += int(packet.duration or 0)
        except (av.error.FFmpegError, OSError) as exc:
            code = "disk_full" if getattr(exc, "errno", None) == errno.ENOSPC else "remux_failed"
            raise _RemuxFailed(code, f"writing the clean copy failed: {exc}") from exc
        finally:
            if dst is not None:
                try:
                    dst.close()
                except (av.error.FFmpegError, OSError) as exc:
                    code = "disk_full" if getattr(exc, "errno", None) == errno.ENOSPC else "remux_failed"
                    raise _RemuxFailed(code, f"finishing the clean copy failed: {exc}") from exc
    if probe.audio is not None and probe.audio.start_s is not None and probe.audio.start_s < 0:
        # The encoder's priming samples are not audio the microphone heard.
        stats.audio_samples -= round(-probe.audio.start_s * probe.sample_rate)
    return stats


def _check_copy(copy: Path, original: _Packets) -> None:
    """Raise ``_RemuxFailed`` unless ``copy`` holds every intact packet of the original, to the same end."""
    size = copy.stat().st_size
    if size == 0:
        raise _RemuxFailed("remux_failed", "the clean copy is empty")
    try:
        clean = probe_media(copy)
    except (av.error.FFmpegError, OSError) as exc:
        raise _RemuxFailed("remux_failed", f"the clean copy cannot be read: {exc}") from exc
    video_packets = clean.video.packets if clean.video is not None else 0
    audio_packets = clean.audio.packets if clean.audio is not None else 0
    video_end = clean.video.end_s if clean.video is not None else 0.0
    if (clean.truncated or video_packets < original.frames or audio_packets < original.audio_packets
            or video_end + 0.001 < original.video_end_s):
        raise _RemuxFailed("remux_failed", f"the clean copy is short ({video_packets} of {original.frames} frames, "
                                           f"{video_end:.1f} of {original.video_end_s:.1f} s)")
    decoded = _last_decoded_frame(copy, original.last_frame_s - 3.0)
    if decoded + 0.001 < original.last_frame_s:
        raise _RemuxFailed("remux_failed", f"the clean copy decodes only to {decoded:.1f} s of "
                                           f"{original.last_frame_s:.1f} s")


def _last_decoded_frame(path: Path, from_s: float) -> float:
    """Time of the last video frame that really decodes, decoding from the keyframe before ``from_s``."""
    last = -1.0
    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            if from_s > 0 and stream.time_base is not None:
                container.seek(int(from_s / stream.time_base), stream=stream, backward=True, any_frame=False)
            for frame in container.decode(stream):
                if frame.time is not None:
                    last = max(last, float(frame.time))
    except (av.error.FFmpegError, OSError, IndexError) as exc:
        # What decoded before the error is the answer; the caller compares it with the original.
        log.info("%s decodes to %.2f s, then: %s", path.name, last, exc)
    return last


def _probe_or_none(path: Path) -> MediaProbe | None:
    try:
        return probe_media(path)
    except (av.error.FFmpegError, OSError):
        return None


def recover(
    path: Path,
    *,
    previous_manifest_hash: str | None = None,
    meta: RecordingMeta | None = None,
    signing_key: Ed25519PrivateKey | None = None,
    clock: Clock = utc_now,
) -> RecordingResult:
    """Sign ``path`` as a recording marked ``recovered``, replacing it by a clean copy only when that is whole.

    The playable packets are copied into a clean file beside the original; the
    copy replaces the original only once it is on disk and holds every intact
    packet to the same end.  If the copy cannot be made (a full disk, a write
    error, nothing playable) the original is kept byte for byte and signed as
    it stands, with what of it decodes; ``RecordingResult.message`` and the
    manifest's ``recovery_problem`` say what went wrong.

    ``previous_manifest_hash`` and ``meta`` default to what the file's header
    recorded at its start.  Raises ``DeskError`` with code
    ``recording_unidentified`` (no metadata and none given), and lets an
    ``OSError`` through when not even the manifest can be written (nothing is
    then changed).
    """
    probe = _probe_or_none(path)
    tags = probe.tags if probe is not None else _read_tags(path)
    meta = meta or RecordingMeta.from_metadata(tags)
    if meta is None:
        raise DeskError(f"{path.name} does not say which case it belongs to", code="recording_unidentified",
                        field="recording", file=path.name)
    key = signing_key or load_signing_key()
    original_sha, original_size = sha256_file(path), path.stat().st_size
    problem: _RemuxFailed | None = None
    stats = _Packets()
    if probe is None or probe.video is None or probe.video.packets == 0:
        problem = _RemuxFailed("nothing_playable", "nothing in it is playable")
    else:
        stats = _copy_packets(path, probe, None)
        if stats.frames == 0:
            problem = _RemuxFailed("nothing_playable", "nothing in it is playable")
    if problem is None and probe is not None:
        temporary = path.with_name("." + path.stem + ".recovering.mp4")
        try:
            _copy_packets(path, probe, temporary)
            _check_copy(temporary, stats)
            with open(temporary, "rb+") as handle:
                os.fsync(handle.fileno())
        except _RemuxFailed as exc:
            problem = exc
        except OSError as exc:
            code = "disk_full" if exc.errno == errno.ENOSPC else "remux_failed"
            problem = _RemuxFailed(code, f"writing the clean copy failed: {exc.strerror or exc}")
        if problem is None:
            os.replace(temporary, path)
        else:
            temporary.unlink(missing_ok=True)
    started = _parse_time(tags.get(_TAG + "started_utc")) or datetime.fromtimestamp(
        path.stat().st_mtime, timezone.utc)
    extra: dict[str, object] = {"recovered_from": {"sha256": original_sha, "size_bytes": original_size},
                                "recovered_utc": as_utc(clock()).isoformat(timespec="milliseconds")}
    if problem is not None:
        extra["recovery_problem"] = {"code": problem.code, "message": problem.message, "original_kept": True}
    facts = ManifestFacts(
        meta=meta,
        devices={"video": tags.get(_TAG + "video_device", ""), "audio": tags.get(_TAG + "audio_device", "")},
        started_utc=started,
        stopped_utc=started + timedelta(seconds=stats.duration_s),
        duration_s=stats.duration_s,
        frames=stats.frames,
        dropped_frames=stats.dropped_frames,
        audio_samples=max(0, stats.audio_samples),
        audio_sample_rate=stats.sample_rate,
        stopped_reason=model.STOP_INTERRUPTED,
        previous_manifest_sha256=(previous_manifest_hash if previous_manifest_hash is not None
                                  else tags.get(_TAG + "previous_manifest_sha256", "")),
        recovered=True,
        extra=extra,
    )
    written = write_manifest(path, facts, key)
    if problem is None:
        message = "finished from what was on disk after the recording was interrupted"
    else:
        message = (f"{problem.message} [{problem.code}]; the original file is kept as it was and signed as it "
                   f"stands ({stats.duration_s:.1f} s playable)")
    return RecordingResult(
        path=path, manifest_path=written.path, sha256=written.media_sha256,
        duration_s=round(stats.duration_s, 3), frames=stats.frames, dropped_frames=stats.dropped_frames,
        audio_samples=facts.audio_samples, size_bytes=written.media_size, recovered=True,
        stopped_reason=model.STOP_INTERRUPTED, manifest_sha256=written.sha256, message=message,
        problem=problem.code if problem is not None else "")


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return as_utc(datetime.fromisoformat(text))
    except ValueError:
        return None
