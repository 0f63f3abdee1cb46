"""One media timeline for both streams, derived from the monotonic capture clock.

Media time 0 is the capture time of the first recorded video frame; a pause
removes its span from the timeline, so the file plays continuously and the
pause is listed in the manifest instead.  Audio is laid onto the same
timeline sample by sample: small jitter in block timestamps is absorbed, a
real gap (a device hiccup) is filled with silence and an overlap is trimmed,
so the audio can never drift away from the picture.
"""

from __future__ import annotations

import numpy as np

from recording.media import Pcm


class MediaTimeline:
    """Maps monotonic capture times to seconds of media."""

    def __init__(self) -> None:
        self.t0: float | None = None
        self.paused_total = 0.0
        self.paused_since: float | None = None
        self.pauses: list[tuple[float, float]] = []
        """(media time, length in seconds) of each pause."""
        self._spans: list[tuple[float, float]] = []

    @property
    def started(self) -> bool:
        return self.t0 is not None

    @property
    def paused(self) -> bool:
        return self.paused_since is not None

    def start(self, ts: float) -> None:
        self.t0 = ts

    def media_time(self, ts: float) -> float:
        if self.t0 is None:
            raise RuntimeError("timeline not started")
        return ts - self.t0 - self.paused_total

    def in_pause(self, ts: float) -> bool:
        """True when capture time ``ts`` falls in a pause (its samples are not recorded)."""
        if self.paused_since is not None and ts >= self.paused_since:
            return True
        return any(start <= ts < end for start, end in self._spans)

    def pause(self, ts: float) -> None:
        if self.paused_since is None:
            self.paused_since = ts

    def resume(self, ts: float) -> None:
        if self.paused_since is not None:
            length = max(0.0, ts - self.paused_since)
            self.pauses.append((self.media_time(self.paused_since), length))
            self._spans.append((self.paused_since, ts))
            self.paused_total += length
            self.paused_since = None


class AudioAligner:
    """Lays timestamped PCM blocks end to end on the media timeline."""

    def __init__(self, sample_rate: int, channels: int, tolerance_s: float = 0.02) -> None:
        self.sample_rate = sample_rate
        self.channels = channels
        self._tolerance = round(tolerance_s * sample_rate)
        self._pending: list[Pcm] = []
        self._pending_len = 0
        self.taken = 0
        """Samples already handed to the encoder."""
        self.inserted_silence = 0
        self.trimmed = 0

    @property
    def end(self) -> int:
        """The sample index just after everything pushed so far."""
        return self.taken + self._pending_len

    def push(self, samples: Pcm, media_start: float) -> None:
        """Add a block whose first sample was captured at ``media_start`` seconds."""
        expected = round(media_start * self.sample_rate)
        diff = expected - self.end
        first = self.end == 0
        if diff > 0 and (first or diff > self._tolerance):
            self._append(np.zeros((diff, self.channels), dtype=np.int16))
            self.inserted_silence += diff
        elif diff < 0 and (first or -diff > self._tolerance):
            cut = min(-diff, samples.shape[0])
            samples = samples[cut:]
            self.trimmed += cut
        if samples.shape[0]:
            self._append(samples)

    def take(self, upto: int) -> Pcm:
        """Release the pushed samples before sample index ``upto`` (contiguous with earlier takes)."""
        want = max(0, upto - self.taken)
        if want == 0 or not self._pending:
            return np.zeros((0, self.channels), dtype=np.int16)
        joined = np.concatenate(self._pending) if len(self._pending) > 1 else self._pending[0]
        out, rest = joined[:want], joined[want:]
        self._pending = [rest] if rest.shape[0] else []
        self._pending_len = int(rest.shape[0])
        self.taken += int(out.shape[0])
        return out

    def _append(self, samples: Pcm) -> None:
        if samples.ndim == 1:
            samples = samples[:, None]
        if samples.shape[1] != self.channels:
            samples = _remix(samples, self.channels)
        self._pending.append(samples)
        self._pending_len += int(samples.shape[0])


def _remix(samples: Pcm, channels: int) -> Pcm:
    mono = samples.mean(axis=1, dtype=np.float32)
    return np.repeat(mono[:, None], channels, axis=1).astype(np.int16)
