"""Capture sources for a desk recording, and choosing them from a setting string.

The protocols (:class:`VideoSource`, :class:`AudioSource`) and the data they
hand over live in :mod:`recording.media`; the implementations in
:mod:`recording.demo_sources`, :mod:`recording.file_sources` and
:mod:`recording.device_sources`.  This module re-exports all of them, so
callers import sources from one place.

Source strings (the "camera" setting and ``--source`` of the CLI):
  ``demo``               demo camera + demo microphone (always in tests)
  ``camera:N``           OpenCV camera N + the default microphone; each falls
                         back to its demo twin when absent, and says so
  ``file:VIDEO[,WAV]``   replay a video file (and a WAV file, else silence)
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TypeVar

from app.errors import DeskError
from recording.demo_sources import DemoCamera, DemoMicrophone, FlashSchedule
from recording.device_sources import OpenCVCamera, SoundDeviceMicrophone
from recording.file_sources import FileAudioSource, FileVideoSource
from recording.media import (
    DEVICE_LOST,
    DEVICE_MISSING,
    AudioBlock,
    AudioSource,
    VideoFrame,
    VideoSource,
)

__all__ = [
    "DEVICE_LOST", "DEVICE_MISSING", "AudioBlock", "AudioSource", "DemoCamera", "DemoMicrophone",
    "FileAudioSource", "FileVideoSource", "FlashSchedule", "OpenCVCamera", "OpenedSources",
    "SoundDeviceMicrophone", "VideoFrame", "VideoSource", "open_default_sources",
]


@dataclass
class OpenedSources:
    """A camera and a microphone, both open, and what had to be substituted to get them."""

    video: VideoSource
    audio: AudioSource
    notes: list[str] = field(default_factory=list)
    flashes: FlashSchedule | None = None

    @property
    def fell_back(self) -> bool:
        """True when a demo source stands in for a device that is not there."""
        return bool(self.notes)

    @property
    def devices(self) -> dict[str, str]:
        return {"video": self.video.description, "audio": self.audio.description}

    def close(self) -> None:
        for source in (self.video, self.audio):
            with suppress(Exception):
                source.close()


def open_default_sources(
    camera: str = "demo",
    *,
    width: int = 1280,
    height: int = 720,
    fps: float = 25.0,
    flashes: FlashSchedule | bool = False,
    allow_fallback: bool = True,
    microphone: str = "",
) -> OpenedSources:
    """Open the sources named by ``camera`` ("demo", "camera:N" or "file:VIDEO[,WAV]").

    ``microphone`` names the PortAudio input device (index or name; "" for the
    system default) used with a camera.

    A missing camera or microphone is replaced by the demo source when
    ``allow_fallback`` (the note says which); otherwise its ``device_missing``
    error propagates.  ``flashes`` makes demo sources flash and beep together.
    """
    schedule = FlashSchedule.starting_now() if flashes is True else (flashes or None)
    notes: list[str] = []
    video: VideoSource
    audio: AudioSource
    spec = camera.strip()
    if spec == "demo":
        video = DemoCamera(width, height, fps, flashes=schedule)
        audio = DemoMicrophone(flashes=schedule)
    elif spec.startswith("camera:"):
        try:
            index = int(spec.split(":", 1)[1])
        except ValueError as exc:
            raise DeskError(f"bad camera setting {camera!r}", code="invalid_source", field="camera") from exc
        video = OpenCVCamera(index, width, height, fps)
        mic = microphone.strip()
        audio = SoundDeviceMicrophone(int(mic) if mic.isdigit() else (mic or None))
    elif spec.startswith("file:"):
        paths = spec[len("file:"):].split(",")
        video = FileVideoSource(paths[0])
        audio = FileAudioSource(paths[1]) if len(paths) > 1 else DemoMicrophone(tone_level=0.0)
    else:
        raise DeskError(f"unknown source {camera!r}", code="invalid_source", field="camera", source=camera)

    video = _open_or_fallback(video, lambda: DemoCamera(width, height, fps, flashes=schedule),
                              allow_fallback, notes)
    try:
        audio = _open_or_fallback(audio, lambda: DemoMicrophone(flashes=schedule), allow_fallback, notes)
    except BaseException:
        video.close()
        raise
    return OpenedSources(video, audio, notes, schedule)


S = TypeVar("S", VideoSource, AudioSource)


def _open_or_fallback(source: S, make_demo: Callable[[], S], allow_fallback: bool, notes: list[str]) -> S:
    try:
        source.open()
        return source
    except DeskError as exc:
        if exc.code != DEVICE_MISSING or not allow_fallback:
            raise
        demo = make_demo()
        demo.open()
        notes.append(f"{exc.message}; using the {demo.description} instead")
        return demo
