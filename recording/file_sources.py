"""Sources that replay a media file (PyAV) or a WAV file as if a device were capturing them.

Replay is paced by the monotonic clock by default, so a recording made from a
file has the file's own timing; ``paced=False`` hands frames out as fast as
they decode (for tools, not for the recorder).

``file:VIDEO`` takes the picture *and* the sound of VIDEO: :class:`MediaAudioSource`
decodes the file's first audio track on the same time origin as the picture
(so the file's own lip sync is kept); a file without sound gives
:class:`FileSilence`, whose description says so, never a microphone.
"""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path

import av
import av.container
import av.error
import numpy as np

from app.errors import DeskError
from recording.media import (
    DEVICE_MISSING,
    AudioBlock,
    Monotonic,
    NegotiatedGeometry,
    VideoFrame,
    monotonic,
    wait_until,
)


class FileVideoSource(NegotiatedGeometry):
    """Frames of the first video stream of a media file, decoded with PyAV."""

    def __init__(self, path: str | Path, *, paced: bool = True, clock: Monotonic = monotonic) -> None:
        self._path = Path(path)
        self._paced = paced
        self._clock = clock
        self._container: av.container.InputContainer | None = None
        self._frames: Iterator[av.VideoFrame] | None = None
        self._width = self._height = 0
        self._fps = 0.0
        self._epoch = 0.0
        self._first: float | None = None

    @property
    def description(self) -> str:
        if not self._width:
            return f"video file {self._path.name}"
        return f"video file {self._path.name} {self._width}x{self._height}@{self._fps:g}"

    @property
    def path(self) -> Path:
        return self._path

    @property
    def epoch(self) -> float:
        """The monotonic time media time ``origin_s`` of the file is replayed at (set by :meth:`open`)."""
        return self._epoch

    @property
    def origin_s(self) -> float:
        """The file time that maps to :attr:`epoch`: the video stream's start."""
        return self._first or 0.0

    def open(self) -> None:
        container = _open_media(self._path, "video")
        if not container.streams.video:
            container.close()
            raise file_missing("video", self._path, "no video stream")
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        self._container = container
        self._width, self._height = stream.codec_context.width, stream.codec_context.height
        rate = stream.average_rate or stream.guessed_rate
        self._fps = float(rate) if rate else 25.0
        self._frames = container.decode(stream)
        self._epoch = self._clock()
        start = stream.start_time
        self._first = float(start * stream.time_base) if start is not None and stream.time_base else None

    def read(self, timeout: float) -> VideoFrame | None:
        if self._frames is None:
            raise RuntimeError("FileVideoSource.read before open")
        try:
            frame = next(self._frames)
        except (StopIteration, av.error.FFmpegError):
            return None
        t = float(frame.time) if frame.time is not None else 0.0
        if self._first is None:
            self._first = t
        ts = self._epoch + (t - self._first)
        if self._paced:
            wait_until(ts, self._clock)
        return VideoFrame(np.asarray(frame.to_ndarray(format="bgr24"), dtype=np.uint8), ts)

    def close(self) -> None:
        if self._container is not None:
            self._container.close()
        self._container = None
        self._frames = None


class FileAudioSource:
    """16-bit PCM blocks from a WAV file, released as their capture time passes."""

    def __init__(self, path: str | Path, *, block_frames: int = 960, paced: bool = True,
                 clock: Monotonic = monotonic) -> None:
        self._path = Path(path)
        self._block = block_frames
        self._paced = paced
        self._clock = clock
        self._wav: wave.Wave_read | None = None
        self._rate = 0
        self._channels = 0
        self._epoch = 0.0
        self._next_block = 0
        self._ended = False

    @property
    def description(self) -> str:
        return f"audio file {self._path.name} {self._rate} Hz x{self._channels}"

    @property
    def sample_rate(self) -> int:
        return self._rate

    @property
    def channels(self) -> int:
        return self._channels

    @property
    def ended(self) -> bool:
        return self._ended

    def open(self) -> None:
        if not self._path.is_file():
            raise file_missing("audio", self._path, "no such file")
        try:
            wav = wave.open(str(self._path), "rb")
        except (OSError, EOFError, wave.Error) as exc:
            raise file_missing("audio", self._path, f"not a readable WAV file: {type(exc).__name__}") from exc
        if wav.getsampwidth() != 2:
            wav.close()
            raise file_missing("audio", self._path, "not 16-bit PCM")
        self._wav = wav
        self._rate, self._channels = wav.getframerate(), wav.getnchannels()
        self._epoch = self._clock()
        self._next_block = 0
        self._ended = False

    def read(self, timeout: float) -> list[AudioBlock]:
        if self._wav is None:
            raise RuntimeError("FileAudioSource.read before open")
        if self._ended:
            return []
        block_s = self._block / self._rate
        if self._paced:
            ready = int((self._clock() - self._epoch) / block_s + 1e-6) - self._next_block
            if ready <= 0:
                next_end = self._epoch + (self._next_block + 1) * block_s
                if next_end - self._clock() > timeout:
                    return []
                wait_until(next_end, self._clock)
                ready = max(1, int((self._clock() - self._epoch) / block_s + 1e-6) - self._next_block)
        else:
            ready = 50
        blocks: list[AudioBlock] = []
        for _ in range(ready):
            raw = self._wav.readframes(self._block)
            if not raw:
                self._ended = True
                break
            pcm = np.frombuffer(raw, dtype="<i2").astype(np.int16).reshape(-1, self._channels)
            blocks.append(AudioBlock(pcm, self._epoch + self._next_block * block_s, self._rate))
            self._next_block += 1
        return blocks

    def close(self) -> None:
        if self._wav is not None:
            self._wav.close()
        self._wav = None


def file_missing(kind: str, path: Path, detail: str) -> DeskError:
    """The error for a ``file:`` source that cannot be used (field ``source``; device kind video/audio file)."""
    return DeskError(f"{kind} file not available: {path} ({detail})", code=DEVICE_MISSING, field="source",
                     device=str(path), detail=detail, device_kind=f"{kind}_file")


def _open_media(path: Path, kind: str) -> av.container.InputContainer:
    if not path.is_file():
        raise file_missing(kind, path, "no such file")
    try:
        return av.open(str(path))
    except (OSError, av.error.FFmpegError) as exc:
        raise file_missing(kind, path, f"not a readable media file: {type(exc).__name__}") from exc


def has_audio(path: Path) -> bool:
    """Whether the media file at ``path`` has an audio track (False when it cannot be read)."""
    try:
        with av.open(str(path)) as container:
            return bool(container.streams.audio)
    except (OSError, av.error.FFmpegError):
        return False


class MediaAudioSource:
    """The first audio track of a media file, decoded with PyAV into int16 blocks paced by the clock.

    With ``timing`` (the opened :class:`FileVideoSource` of the same file) the
    blocks are stamped on the picture's time origin, so the file's own A/V
    offset is kept; otherwise on the audio track's own start.
    """

    def __init__(self, path: str | Path, *, timing: FileVideoSource | None = None, sample_rate: int = 48_000,
                 paced: bool = True, clock: Monotonic = monotonic) -> None:
        self._path = Path(path)
        self._timing = timing
        self._rate = sample_rate
        self._paced = paced
        self._clock = clock
        self._container: av.container.InputContainer | None = None
        self._frames: Iterator[av.AudioFrame] | None = None
        self._resampler: av.AudioResampler | None = None
        self._channels = 0
        self._codec = ""
        self._source_rate = 0
        self._source_channels = 0
        self._epoch = 0.0
        self._origin = 0.0
        self._next_sample = 0
        self._start: float | None = None
        self._pending: list[AudioBlock] = []
        self._ended = False

    @property
    def description(self) -> str:
        if not self._codec:
            return f"audio track of {self._path.name}"
        resampled = f", resampled to {self._rate} Hz" if self._source_rate != self._rate else ""
        return (f"audio track of {self._path.name} ({self._codec} {self._source_rate} Hz "
                f"x{self._source_channels}{resampled}) {self._rate} Hz x{self._channels}")

    @property
    def sample_rate(self) -> int:
        return self._rate

    @property
    def channels(self) -> int:
        return self._channels

    @property
    def ended(self) -> bool:
        return self._ended and not self._pending

    def open(self) -> None:
        container = _open_media(self._path, "audio")
        if not container.streams.audio:
            container.close()
            raise file_missing("audio", self._path, "no audio track")
        stream = container.streams.audio[0]
        ctx = stream.codec_context
        self._codec = ctx.name
        self._source_rate = int(ctx.sample_rate or 0)
        self._source_channels = int(ctx.channels or 0)
        self._channels = 1 if self._source_channels == 1 else 2
        self._resampler = av.AudioResampler(format="s16", layout="mono" if self._channels == 1 else "stereo",
                                            rate=self._rate)
        self._container = container
        self._frames = container.decode(stream)
        if self._timing is not None:
            self._epoch, self._origin = self._timing.epoch, self._timing.origin_s
        else:
            self._epoch = self._clock()
            start = stream.start_time
            self._origin = float(start * stream.time_base) if start is not None and stream.time_base else 0.0
        self._next_sample, self._start, self._pending, self._ended = 0, None, [], False

    def _decode_more(self) -> bool:
        """Decode one more block into ``_pending``; False once the track has ended."""
        assert self._frames is not None and self._resampler is not None
        while not self._ended:
            try:
                frame = next(self._frames)
            except (StopIteration, av.error.FFmpegError):
                self._ended = True
                chunks = self._resampler.resample(None)
            else:
                if self._start is None:
                    self._start = float(frame.time) if frame.time is not None else self._origin
                chunks = self._resampler.resample(frame)
            added = False
            for chunk in chunks:
                pcm = np.asarray(chunk.to_ndarray(), dtype=np.int16).reshape(-1, self._channels)
                if not pcm.shape[0]:
                    continue
                start = self._start if self._start is not None else self._origin
                ts = self._epoch + (start - self._origin) + self._next_sample / self._rate
                self._pending.append(AudioBlock(np.ascontiguousarray(pcm), ts, self._rate))
                self._next_sample += int(pcm.shape[0])
                added = True
            if added:
                return True
        return False

    def read(self, timeout: float) -> list[AudioBlock]:
        if self._frames is None:
            raise RuntimeError("MediaAudioSource.read before open")
        if not self._pending and not self._decode_more():
            return []
        if not self._paced:
            out, self._pending = self._pending, []
            return out
        first_end = self._pending[0].ts + self._pending[0].duration
        if first_end - self._clock() > timeout:
            return []
        wait_until(first_end, self._clock)
        blocks: list[AudioBlock] = []
        now = self._clock()
        while self._pending or self._decode_more():
            block = self._pending[0]
            if block.ts + block.duration > now:
                break
            blocks.append(self._pending.pop(0))
        return blocks

    def close(self) -> None:
        if self._container is not None:
            self._container.close()
        self._container = None
        self._frames = None


class FileSilence:
    """Silence for a ``file:`` source whose video has no sound; its description says so (no microphone)."""

    def __init__(self, path: str | Path, sample_rate: int = 48_000, *, block_frames: int = 960,
                 clock: Monotonic = monotonic) -> None:
        self._name = Path(path).name
        self._rate = sample_rate
        self._block = block_frames
        self._clock = clock
        self._epoch = 0.0
        self._next_block = 0
        self._open = False

    @property
    def description(self) -> str:
        return f"no audio in file {self._name}: silence {self._rate} Hz x1"

    @property
    def sample_rate(self) -> int:
        return self._rate

    @property
    def channels(self) -> int:
        return 1

    def open(self) -> None:
        self._epoch, self._next_block, self._open = self._clock(), 0, True

    def read(self, timeout: float) -> list[AudioBlock]:
        if not self._open:
            raise RuntimeError("FileSilence.read before open")
        block_s = self._block / self._rate
        ready = int((self._clock() - self._epoch) / block_s + 1e-6) - self._next_block
        if ready <= 0:
            next_end = self._epoch + (self._next_block + 1) * block_s
            if next_end - self._clock() > timeout:
                return []
            wait_until(next_end, self._clock)
            ready = int((self._clock() - self._epoch) / block_s + 1e-6) - self._next_block
        blocks = [AudioBlock(np.zeros((self._block, 1), dtype=np.int16),
                             self._epoch + (self._next_block + i) * block_s, self._rate) for i in range(max(0, ready))]
        self._next_block += max(0, ready)
        return blocks

    def close(self) -> None:
        self._open = False
