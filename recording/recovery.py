"""Finishing recordings whose program or machine died: remux, hash, sign, mark as recovered.

A media file without a manifest is unfinished.  Because the container is
fragmented MP4 with the header written first, everything up to the last
complete fragment (about a second before the end) is intact, and the header's
metadata says which case, desk and staff member it belongs to.  Recovery
copies the playable packets (no re-encoding) into a clean file beside the
original, swaps it in only once that succeeded, and writes a manifest with
``recovered: true`` plus the hash and size of the cut-off original.
"""

from __future__ import annotations

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

_TAG = model.METADATA_PREFIX


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
class _Remuxed:
    frames: int = 0
    audio_samples: int = 0
    sample_rate: int = 0
    duration_s: float = 0.0
    dropped_frames: int = 0


def _remux(source: Path, target: Path, probe: MediaProbe) -> _Remuxed:
    """Copy every intact packet of ``source`` into a fresh fragmented MP4 at ``target``."""
    stats = _Remuxed()
    period = 1.0 / probe.fps if probe.fps else 0.04
    with av.open(str(source)) as src, av.open(str(target), "w", format="mp4",
                                              container_options={"movflags": MOVFLAGS}) as dst:
        dst.metadata.update({k: v for k, v in src.metadata.items()
                             if k not in ("major_brand", "minor_version", "compatible_brands", "encoder")})
        inputs = [s for s in (src.streams.video[:1] + src.streams.audio[:1])]
        outputs = {s.index: dst.add_stream_from_template(s) for s in inputs}
        last_video: float | None = None
        try:
            for packet in src.demux(inputs):
                if packet.dts is None or packet.size == 0 or packet.is_corrupt or packet.time_base is None:
                    continue
                kind = packet.stream.type
                start = float(packet.pts * packet.time_base) if packet.pts is not None else 0.0
                length = float((packet.duration or 0) * packet.time_base)
                packet.stream = outputs[packet.stream.index]
                dst.mux(packet)
                stats.duration_s = max(stats.duration_s, start + length)
                if kind == "video":
                    stats.frames += 1
                    if last_video is not None:
                        stats.dropped_frames += max(0, round((start - last_video) / period) - 1)
                    last_video = start
                elif kind == "audio":
                    stats.audio_samples += int(packet.duration or 0)
        except av.error.FFmpegError:
            pass  # the cut-off end: everything before it is in
    stats.sample_rate = probe.sample_rate
    if probe.audio is not None and probe.audio.start_s is not None and probe.audio.start_s < 0:
        # The encoder's priming samples are not audio the microphone heard.
        stats.audio_samples -= round(-probe.audio.start_s * probe.sample_rate)
    return stats


def recover(
    path: Path,
    *,
    previous_manifest_hash: str | None = None,
    meta: RecordingMeta | None = None,
    signing_key: Ed25519PrivateKey | None = None,
    clock: Clock = utc_now,
) -> RecordingResult:
    """Make ``path`` a clean, signed recording marked ``recovered``.

    ``previous_manifest_hash`` and ``meta`` default to what the file's header
    recorded at its start.  Raises ``DeskError`` with code
    ``recording_unidentified`` (no metadata and none given) or
    ``nothing_playable``; the original is then left as it was.
    """
    try:
        playable = probe_media(path)
    except (av.error.FFmpegError, OSError) as exc:
        raise DeskError(f"{path.name} has nothing playable", code="nothing_playable",
                        field="recording", file=path.name) from exc
    if playable.video is None or playable.video.packets == 0:
        raise DeskError(f"{path.name} has nothing playable", code="nothing_playable",
                        field="recording", file=path.name)
    tags = playable.tags
    meta = meta or RecordingMeta.from_metadata(tags)
    if meta is None:
        raise DeskError(f"{path.name} does not say which case it belongs to", code="recording_unidentified",
                        field="recording", file=path.name)
    key = signing_key or load_signing_key()
    original_sha, original_size = sha256_file(path), path.stat().st_size
    temporary = path.with_name("." + path.stem + ".recovering.mp4")
    try:
        remuxed = _remux(path, temporary, playable)
    except (av.error.FFmpegError, OSError) as exc:
        temporary.unlink(missing_ok=True)
        raise DeskError(f"{path.name} has nothing playable", code="nothing_playable",
                        field="recording", file=path.name) from exc
    if remuxed.frames == 0:
        temporary.unlink(missing_ok=True)
        raise DeskError(f"{path.name} has nothing playable", code="nothing_playable",
                        field="recording", file=path.name)
    with open(temporary, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    started = _parse_time(tags.get(_TAG + "started_utc")) or datetime.fromtimestamp(
        path.stat().st_mtime, timezone.utc)
    facts = ManifestFacts(
        meta=meta,
        devices={"video": tags.get(_TAG + "video_device", ""), "audio": tags.get(_TAG + "audio_device", "")},
        started_utc=started,
        stopped_utc=started + timedelta(seconds=remuxed.duration_s),
        duration_s=remuxed.duration_s,
        frames=remuxed.frames,
        dropped_frames=remuxed.dropped_frames,
        audio_samples=max(0, remuxed.audio_samples),
        audio_sample_rate=remuxed.sample_rate,
        stopped_reason=model.STOP_INTERRUPTED,
        previous_manifest_sha256=(previous_manifest_hash if previous_manifest_hash is not None
                                  else tags.get(_TAG + "previous_manifest_sha256", "")),
        recovered=True,
        extra={"recovered_from": {"sha256": original_sha, "size_bytes": original_size},
               "recovered_utc": as_utc(clock()).isoformat(timespec="milliseconds")},
    )
    written = write_manifest(path, facts, key)
    return RecordingResult(
        path=path, manifest_path=written.path, sha256=written.media_sha256,
        duration_s=round(remuxed.duration_s, 3), frames=remuxed.frames, dropped_frames=remuxed.dropped_frames,
        audio_samples=facts.audio_samples, size_bytes=written.media_size, recovered=True,
        stopped_reason=model.STOP_INTERRUPTED, manifest_sha256=written.sha256,
        message="finished from what was on disk after the recording was interrupted")


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return as_utc(datetime.fromisoformat(text))
    except ValueError:
        return None
