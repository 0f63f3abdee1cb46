"""Reading recordings back: what a file holds, and where flashes and beeps fall in it.

Used by recovery (what is playable), the bench (A/V offset) and the tests;
everything is measured on the decoded file, not on what the recorder
believes it wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import av
import av.error
import numpy as np
from numpy.typing import NDArray


@dataclass
class StreamProbe:
    """One stream as demuxed: packet times in seconds."""

    kind: str
    codec: str
    packets: int = 0
    start_s: float | None = None
    end_s: float = 0.0
    pts_s: list[float] = field(default_factory=list)
    dts_s: list[float] = field(default_factory=list)
    keyframes_s: list[float] = field(default_factory=list)

    @property
    def duration_s(self) -> float:
        return self.end_s - (self.start_s or 0.0)

    @property
    def monotonic(self) -> bool:
        """Decode times strictly increase and no two packets share a presentation time."""
        rising = all(b > a for a, b in zip(self.dts_s, self.dts_s[1:]))
        return rising and len(set(self.pts_s)) == len(self.pts_s)


@dataclass
class MediaProbe:
    """What a media file holds, from its packets (no decoding)."""

    path: Path
    tags: dict[str, str]
    video: StreamProbe | None
    audio: StreamProbe | None
    width: int = 0
    height: int = 0
    fps: float = 0.0
    sample_rate: int = 0
    truncated: bool = False

    @property
    def duration_s(self) -> float:
        ends = [s.end_s for s in (self.video, self.audio) if s is not None]
        return max(ends, default=0.0)


def probe_media(path: Path) -> MediaProbe:
    """Demux ``path`` to the end (or to where it is cut off)."""
    with av.open(str(path)) as container:
        tags = {str(k): str(v) for k, v in container.metadata.items()}
        vstream = container.streams.video[0] if container.streams.video else None
        astream = container.streams.audio[0] if container.streams.audio else None
        video = StreamProbe("video", vstream.codec_context.name) if vstream is not None else None
        audio = StreamProbe("audio", astream.codec_context.name) if astream is not None else None
        probe = MediaProbe(path, tags, video, audio)
        if vstream is not None:
            probe.width, probe.height = vstream.codec_context.width, vstream.codec_context.height
            rate = vstream.average_rate or vstream.guessed_rate
            probe.fps = float(rate) if rate else 0.0
        if astream is not None:
            probe.sample_rate = astream.codec_context.sample_rate
        streams = [s for s in (vstream, astream) if s is not None]
        try:
            for packet in container.demux(streams):
                if packet.pts is None or packet.size == 0 or packet.is_corrupt or packet.time_base is None:
                    continue
                target = video if packet.stream is vstream else audio
                assert target is not None
                start = float(packet.pts * packet.time_base)
                end = start + float((packet.duration or 0) * packet.time_base)
                target.packets += 1
                target.pts_s.append(start)
                dts = packet.dts if packet.dts is not None else packet.pts
                target.dts_s.append(float(dts * packet.time_base))
                if packet.is_keyframe:
                    target.keyframes_s.append(start)
                target.start_s = start if target.start_s is None else min(target.start_s, start)
                target.end_s = max(target.end_s, end)
        except av.error.FFmpegError:
            probe.truncated = True
        return probe


@dataclass(frozen=True)
class AvSyncReport:
    """Flash frames and beep onsets found in a decoded file, paired up."""

    flashes_s: list[float]
    beeps_s: list[float]
    offsets_ms: list[float]
    """Audio minus video for each pair (positive: sound late)."""

    @property
    def worst_ms(self) -> float:
        return max((abs(o) for o in self.offsets_ms), default=float("nan"))


def measure_av_sync(path: Path, *, luma: float = 200.0, level: float = 0.3,
                    skip_top: float = 0.2) -> AvSyncReport:
    """Find full-white frames and loud beep onsets in ``path`` and pair each flash with a beep.

    The top ``skip_top`` of the picture (the overlay band) is ignored when
    judging whether a frame is white.
    """
    flashes: list[float] = []
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            gray = frame.to_ndarray(format="gray")
            body = gray[int(gray.shape[0] * skip_top):]
            if frame.time is not None and float(body.mean()) >= luma:
                if not flashes or frame.time - flashes[-1] > 0.2:
                    flashes.append(float(frame.time))
    beeps: list[float] = []
    with av.open(str(path)) as container:
        chunks: list[NDArray[np.float32]] = []
        start: float | None = None
        rate = 0
        for aframe in container.decode(audio=0):
            if start is None:
                start, rate = float(aframe.time or 0.0), aframe.sample_rate
            data = aframe.to_ndarray().astype(np.float32)
            chunks.append(data[0] if data.ndim == 2 else data)
        if chunks and start is not None:
            samples = np.concatenate(chunks)
            if samples.dtype != np.float32 or np.abs(samples).max() > 2.0:
                samples = samples / 32768.0
            loud = np.flatnonzero(np.abs(samples) >= level)
            last = -10**9
            for index in loud:
                if index - last > rate * 0.2:
                    beeps.append(start + index / rate)
                last = int(index)
    offsets: list[float] = []
    for flash in flashes:
        nearest = min(beeps, key=lambda b: abs(b - flash), default=None)
        if nearest is not None and abs(nearest - flash) < 0.5:
            offsets.append((nearest - flash) * 1000.0)
    return AvSyncReport(flashes, beeps, offsets)
