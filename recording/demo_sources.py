"""Demo camera and microphone: synthetic sources that behave like real devices.

Both are paced by the monotonic clock: a frame or audio block is handed out
only once its capture time has passed, and each carries the time it "would
have been" captured.  A reader that falls behind loses frames the way a USB
camera does once its few driver buffers are full, so dropped-frame counting is
exercised for real.

A shared :class:`FlashSchedule` makes the camera show a full white frame and
the microphone beep at the same instants, so audio/video offset can be
measured on the decoded file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from recording.media import (
    AudioBlock,
    Image,
    Monotonic,
    NegotiatedGeometry,
    VideoFrame,
    device_lost,
    monotonic,
    wait_until,
)


@dataclass(frozen=True)
class FlashSchedule:
    """Instants (monotonic) where the demo camera flashes white and the demo mic beeps."""

    epoch: float
    first_s: float = 1.0
    period_s: float = 2.0
    beep_s: float = 0.1

    @classmethod
    def starting_now(cls, first_s: float = 1.0, period_s: float = 2.0, clock: Monotonic = monotonic) -> "FlashSchedule":
        return cls(clock(), first_s, period_s)

    def nearest(self, ts: float) -> float:
        """The flash instant nearest to ``ts`` (may lie in the future)."""
        k = max(0, round((ts - self.epoch - self.first_s) / self.period_s))
        return self.epoch + self.first_s + k * self.period_s

    def instants_between(self, start: float, end: float) -> list[float]:
        """Flash instants in ``[start, end)``."""
        k = max(0, math.ceil((start - self.epoch - self.first_s) / self.period_s))
        found: list[float] = []
        while True:
            t = self.epoch + self.first_s + k * self.period_s
            if t >= end:
                return found
            if t >= start:
                found.append(t)
            k += 1


class DemoCamera(NegotiatedGeometry):
    """A moving test pattern with a running clock, 1280x720 at 25 fps by default."""

    def __init__(
        self,
        width: int = 1280,
        height: int = 720,
        fps: float = 25.0,
        *,
        flashes: FlashSchedule | None = None,
        disconnect_after_s: float | None = None,
        driver_buffers: int = 4,
        clock: Monotonic = monotonic,
    ) -> None:
        self._width, self._height, self._fps = width, height, float(fps)
        self._flashes = flashes
        self._disconnect_after_s = disconnect_after_s
        self._buffers = max(1, driver_buffers)
        self._clock = clock
        self._epoch = 0.0
        self._next = 0
        self._background: Image | None = None

    @property
    def description(self) -> str:
        return f"demo camera {self._width}x{self._height}@{self._fps:g}"

    def open(self) -> None:
        self._background = _test_pattern(self._width, self._height)
        now = self._clock()
        self._epoch = now
        if self._flashes is not None:
            # Put the frame grid on the flash instants (like a clapper in front
            # of a camera): the flash frame is captured exactly when the
            # microphone beeps, so an A/V measurement sees only the pipeline.
            period = 1.0 / self._fps
            anchor = self._flashes.epoch + self._flashes.first_s
            self._epoch = anchor - math.ceil((anchor - now) / period - 1e-9) * period
        self._next = 0

    def read(self, timeout: float) -> VideoFrame | None:
        if self._background is None:
            raise RuntimeError("DemoCamera.read before open")
        period = 1.0 / self._fps
        # The next frame is never more than one period away, so ``timeout``
        # cannot expire for this source.
        wait_until(self._epoch + self._next * period, self._clock)
        # Like a driver with a few buffers: a late reader gets the oldest
        # frame still queued; frames older than that were overwritten.
        latest = int((self._clock() - self._epoch) / period + 1e-6)
        index = max(self._next, latest - self._buffers + 1)
        self._next = index + 1
        ts = self._epoch + index * period
        if self._disconnect_after_s is not None and ts - self._epoch >= self._disconnect_after_s:
            raise device_lost("camera", self.description, "simulated unplug")
        return VideoFrame(self._render(index, ts), ts)

    def close(self) -> None:
        self._background = None

    def _render(self, index: int, ts: float) -> Image:
        assert self._background is not None
        if self._flashes is not None and abs(self._flashes.nearest(ts) - ts) <= 0.5 / self._fps:
            return np.full((self._height, self._width, 3), 255, dtype=np.uint8)
        img = self._background.copy()
        w, h = self._width, self._height
        scale = w / 1280.0
        # A small square sliding along a track: movement without making the
        # whole scene expensive to encode (a desk camera mostly sees a still room).
        side = max(8, int(48 * scale))
        track = w - side - 2 * int(40 * scale)
        x = int(40 * scale) + (index * max(1, int(4 * scale))) % max(1, track)
        y = int(h * 0.62)
        cv2.rectangle(img, (x, y), (x + side, y + side), (40, 200, 255), thickness=-1)
        t = ts - self._epoch
        clock_text = f"T+{int(t // 3600):02d}:{int(t // 60) % 60:02d}:{t % 60:05.2f}  #{index:06d}"
        font_scale = 1.4 * scale
        thick = max(1, int(3 * scale))
        (tw, th), _ = cv2.getTextSize(clock_text, cv2.FONT_HERSHEY_SIMPLEX, font_scale, thick)
        org = ((w - tw) // 2, int(h * 0.5) + th // 2)
        cv2.rectangle(img, (org[0] - 8, org[1] - th - 8), (org[0] + tw + 8, org[1] + 10), (0, 0, 0), -1)
        cv2.putText(img, clock_text, org, cv2.FONT_HERSHEY_SIMPLEX, font_scale, (255, 255, 255), thick, cv2.LINE_AA)
        return img


def _test_pattern(width: int, height: int) -> Image:
    """Colour bars over a grey ramp with a label: static, cheap to encode, easy to recognise."""
    img = np.zeros((height, width, 3), dtype=np.uint8)
    bars = [(192, 192, 192), (0, 192, 192), (192, 192, 0), (0, 192, 0), (192, 0, 192), (0, 0, 192), (192, 0, 0)]
    top = int(height * 0.4)
    for i, colour in enumerate(bars):
        x0, x1 = i * width // len(bars), (i + 1) * width // len(bars)
        img[int(height * 0.12):top, x0:x1] = colour
    ramp = np.linspace(16, 235, width, dtype=np.float32).astype(np.uint8)
    img[int(height * 0.8):, :, :] = ramp[None, :, None]
    scale = width / 1280.0
    cv2.putText(img, "COMPLAINT DESK  DEMO CAMERA", (int(40 * scale), int(height * 0.76)),
                cv2.FONT_HERSHEY_SIMPLEX, 1.0 * scale, (200, 200, 200), max(1, int(2 * scale)), cv2.LINE_AA)
    return img


@dataclass
class DemoMicrophone:
    """A quiet 440 Hz tone in 20 ms blocks; a loud 1 kHz beep at each flash instant."""

    sample_rate_hz: int = 48_000
    channel_count: int = 1
    block_frames: int = 960
    tone_hz: float = 440.0
    tone_level: float = 0.05
    beep_hz: float = 1000.0
    beep_level: float = 0.8
    flashes: FlashSchedule | None = None
    disconnect_after_s: float | None = None
    clock: Monotonic = monotonic
    _epoch: float = field(default=0.0, init=False)
    _next_block: int = field(default=0, init=False)
    _open: bool = field(default=False, init=False)

    @property
    def description(self) -> str:
        return f"demo microphone {self.sample_rate_hz} Hz x{self.channel_count}"

    @property
    def sample_rate(self) -> int:
        return self.sample_rate_hz

    @property
    def channels(self) -> int:
        return self.channel_count

    def open(self) -> None:
        self._epoch = self.clock()
        self._next_block = 0
        self._open = True

    def read(self, timeout: float) -> list[AudioBlock]:
        if not self._open:
            raise RuntimeError("DemoMicrophone.read before open")
        block_s = self.block_frames / self.sample_rate_hz
        ready = int((self.clock() - self._epoch) / block_s + 1e-6) - self._next_block
        if ready <= 0:
            next_end = self._epoch + (self._next_block + 1) * block_s
            if next_end - self.clock() > timeout:
                return []
            wait_until(next_end, self.clock)
            ready = int((self.clock() - self._epoch) / block_s + 1e-6) - self._next_block
        blocks = [self._block(self._next_block + i) for i in range(max(0, ready))]
        self._next_block += max(0, ready)
        return blocks

    def close(self) -> None:
        self._open = False

    def _block(self, k: int) -> AudioBlock:
        sr, n = self.sample_rate_hz, self.block_frames
        ts = self._epoch + k * n / sr
        if self.disconnect_after_s is not None and ts - self._epoch >= self.disconnect_after_s:
            raise device_lost("microphone", self.description, "simulated unplug")
        index = np.arange(k * n, (k + 1) * n, dtype=np.int64)
        signal = self.tone_level * np.sin(2 * np.pi * self.tone_hz * (index % sr) / sr)
        if self.flashes is not None:
            for instant in self.flashes.instants_between(ts - self.flashes.beep_s, ts + n / sr):
                start = round((instant - self._epoch) * sr)
                stop = start + round(self.flashes.beep_s * sr)
                mask = (index >= start) & (index < stop)
                beep = self.beep_level * np.sin(2 * np.pi * self.beep_hz * (index - start) / sr)
                signal = np.where(mask, beep, signal)
        pcm = np.round(signal * 32767).astype(np.int16)
        samples = np.repeat(pcm[:, None], self.channel_count, axis=1)
        return AudioBlock(np.ascontiguousarray(samples), ts, sr)
