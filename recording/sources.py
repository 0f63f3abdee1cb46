"""Capture sources for a desk recording, and choosing them from a setting string.

The protocols (:class:`VideoSource`, :class:`AudioSource`) and the data they
hand over live in :mod:`recording.media`; the implementations in
:mod:`recording.demo_sources`, :mod:`recording.file_sources` and
:mod:`recording.device_sources`.  This module re-exports all of them, so
callers import sources from one place.

Source strings (the "camera" setting and ``--source`` of the CLI; syntax and
limits in :mod:`app.recording_options`):
  ``demo``                 demo camera + demo microphone (chosen on purpose)
  ``camera:N``             OpenCV camera N + the microphone from the settings
  ``file:VIDEO[,AUDIO]``   replay a video file with its own sound (or AUDIO's;
                           silence, said as such, when it has none)

A camera or microphone that is not there refuses the recording
(``device_missing`` naming it).  Only in demo mode (``allow_fallback``, set
from :func:`app.recording_options.demo_mode`) does a demo twin stand in, and
the notes say which.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from app.errors import DeskError
from app.recording_options import SourceSpec, parse_source
from recording.demo_sources import DemoCamera, DemoMicrophone, FlashSchedule
from recording.device_sources import OpenCVCamera, SoundDeviceMicrophone
from recording.file_sources import FileAudioSource, FileSilence, FileVideoSource, MediaAudioSource, has_audio
from recording.media import (
    DEVICE_LOST,
    DEVICE_MISSING,
    AudioBlock,
    AudioSource,
    VideoFrame,
    VideoSource,
)

log = logging.getLogger(__name__)

__all__ = [
    "DEVICE_LOST", "DEVICE_MISSING", "AudioBlock", "AudioSource", "DemoCamera", "DemoMicrophone",
    "FileAudioSource", "FileSilence", "FileVideoSource", "FlashSchedule", "MediaAudioSource", "OpenCVCamera", "OpenedSources",
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
            try:
                source.close()
            except Exception as exc:  # noqa: BLE001 - closing one device must not keep the other open
                log.warning("closing %s failed: %s", type(source).__name__, type(exc).__name__)


def open_default_sources(
    camera: str = "demo",
    *,
    width: int = 1280,
    height: int = 720,
    fps: float = 25.0,
    flashes: FlashSchedule | bool = False,
    allow_fallback: bool = False,
    microphone: str = "",
) -> OpenedSources:
    """Open the sources named by ``camera`` ("demo", "camera:N" or "file:VIDEO[,AUDIO]").

    ``microphone`` names the PortAudio input device (index or name; "" for the
    system default) used with a camera.

    A missing camera or microphone raises its ``device_missing`` error (field
    ``camera``/``microphone``/``source``, param ``device``) unless
    ``allow_fallback`` (demo mode): then the demo twin stands in and a note
    says so.  A missing *file* is never replaced.  ``flashes`` makes demo
    sources flash and beep together.
    """
    schedule = FlashSchedule.starting_now() if flashes is True else (flashes or None)
    notes: list[str] = []
    video: VideoSource
    audio: AudioSource
    spec = parse_source(camera, field="camera")
    if not isinstance(spec, SourceSpec):
        raise DeskError(spec.message, code="invalid_source", field="camera", source=camera)
    if spec.kind == "demo":
        video = DemoCamera(width, height, fps, flashes=schedule)
        video.open()
        audio = DemoMicrophone(flashes=schedule)
        audio.open()
        return OpenedSources(video, audio, notes, schedule)
    if spec.kind == "file":
        return _open_file_sources(spec)
    video = OpenCVCamera(spec.camera_index, width, height, fps)
    mic = microphone.strip()
    audio = SoundDeviceMicrophone(int(mic) if mic.isdigit() else (mic or None))
    video = _open_or_fallback(video, lambda: DemoCamera(width, height, fps, flashes=schedule),
                              allow_fallback, notes)
    try:
        audio = _open_or_fallback(audio, lambda: DemoMicrophone(flashes=schedule), allow_fallback, notes)
    except BaseException:
        video.close()
        raise
    return OpenedSources(video, audio, notes, schedule)


def _open_file_sources(spec: SourceSpec) -> OpenedSources:
    """A video file with its own sound track, a separate audio file, or silence said as such."""
    video = FileVideoSource(spec.video_path)
    video.open()
    audio: AudioSource
    if spec.audio_path:
        audio = MediaAudioSource(spec.audio_path, timing=video)
    elif has_audio(video.path):
        audio = MediaAudioSource(video.path, timing=video)
    else:
        audio = FileSilence(video.path)
    try:
        audio.open()
    except BaseException:
        video.close()
        raise
    return OpenedSources(video, audio)


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
