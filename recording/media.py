"""What capture sources hand to the recorder: frames and audio blocks stamped on one clock.

Every timestamp in ``recording/`` is a ``time.monotonic()`` reading: the
moment the first pixel row / first audio sample was captured.  Audio and video
share that clock, so the recorder can place both streams on one timeline and
keep them in sync without trusting either device's own notion of time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from app.errors import DeskError

Image = NDArray[np.uint8]
"""An H x W x 3 BGR picture (OpenCV's order)."""

Pcm = NDArray[np.int16]
"""Interleaved signed 16-bit PCM, shape (samples, channels)."""

Monotonic = Callable[[], float]
monotonic: Monotonic = time.monotonic

DEVICE_MISSING = "device_missing"
DEVICE_LOST = "device_lost"


@dataclass(frozen=True)
class VideoFrame:
    """One captured picture and the monotonic time it was captured."""

    image: Image
    ts: float


@dataclass(frozen=True)
class AudioBlock:
    """A run of PCM samples; ``ts`` is the monotonic time of the first sample."""

    samples: Pcm
    ts: float
    sample_rate: int

    @property
    def frames(self) -> int:
        return int(self.samples.shape[0])

    @property
    def duration(self) -> float:
        return self.frames / self.sample_rate


@runtime_checkable
class VideoSource(Protocol):
    """A camera-like source.  ``width``/``height``/``fps`` are what was negotiated on open."""

    @property
    def description(self) -> str: ...

    @property
    def width(self) -> int: ...

    @property
    def height(self) -> int: ...

    @property
    def fps(self) -> float: ...

    def open(self) -> None:
        """Start capturing; raise ``DeskError(code="device_missing")`` quickly when absent."""

    def read(self, timeout: float) -> VideoFrame | None:
        """Next frame, waiting at most ``timeout`` s.

        Returns None when a finite source (a file) has ended; raises
        ``DeskError(code="device_lost")`` when a device stops delivering.
        """

    def close(self) -> None: ...


class NegotiatedGeometry:
    """The picture size and rate a video source settled on (the width/height/fps of VideoSource)."""

    _width: int
    _height: int
    _fps: float

    @property
    def width(self) -> int:
        return self._width

    @property
    def height(self) -> int:
        return self._height

    @property
    def fps(self) -> float:
        return self._fps


@runtime_checkable
class AudioSource(Protocol):
    """A microphone-like source of int16 PCM blocks."""

    @property
    def description(self) -> str: ...

    @property
    def sample_rate(self) -> int: ...

    @property
    def channels(self) -> int: ...

    def open(self) -> None: ...

    def read(self, timeout: float) -> list[AudioBlock]:
        """Blocks captured since the last call, waiting at most ``timeout`` s for one.

        An empty list means nothing new yet (or a finite source ended); a lost
        device raises ``DeskError(code="device_lost")``.
        """

    def close(self) -> None: ...


def device_missing(what: str, device: str, detail: str = "") -> DeskError:
    """The error for a device that is not there (or cannot be opened)."""
    message = f"{what} not available: {device}" + (f" ({detail})" if detail else "")
    return DeskError(message, code=DEVICE_MISSING, field=what, device=device, detail=detail)


def device_lost(what: str, device: str, detail: str = "") -> DeskError:
    """The error for a device that stopped delivering while in use."""
    message = f"{what} lost: {device}" + (f" ({detail})" if detail else "")
    return DeskError(message, code=DEVICE_LOST, field=what, device=device, detail=detail)


def wait_until(deadline: float, clock: Monotonic = monotonic) -> None:
    """Sleep until the monotonic ``deadline`` (pacing a simulated device, not a test wait)."""
    while True:
        left = deadline - clock()
        if left <= 0:
            return
        time.sleep(min(left, 0.05))
