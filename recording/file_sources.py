"""Sources that replay a video file (PyAV) or a WAV file as if a device were capturing them.

Replay is paced by the monotonic clock by default, so a recording made from a
file has the file's own timing; ``paced=False`` hands frames out as fast as
they decode (for tools, not for the recorder).
"""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path

import av
import av.container
import av.error
import numpy as np

from recording.media import (
    AudioBlock,
    Monotonic,
    NegotiatedGeometry,
    VideoFrame,
    device_missing,
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
        return f"file {self._path.name}"

    def open(self) -> None:
        try:
            container = av.open(str(self._path))
        except (OSError, av.error.FFmpegError) as exc:
            raise device_missing("camera", str(self._path), type(exc).__name__) from exc
        if not container.streams.video:
            container.close()
            raise device_missing("camera", str(self._path), "no video stream")
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        self._container = container
        self._width, self._height = stream.codec_context.width, stream.codec_context.height
        rate = stream.average_rate or stream.guessed_rate
        self._fps = float(rate) if rate else 25.0
        self._frames = container.decode(stream)
        self._epoch = self._clock()
        self._first = None

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
        return f"file {self._path.name}"

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
        try:
            wav = wave.open(str(self._path), "rb")
        except (OSError, EOFError, wave.Error) as exc:
            raise device_missing("microphone", str(self._path), type(exc).__name__) from exc
        if wav.getsampwidth() != 2:
            wav.close()
            raise device_missing("microphone", str(self._path), "not 16-bit PCM")
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
