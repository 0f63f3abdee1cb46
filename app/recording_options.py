"""What a recording may be asked for: picture size, frame rate, length, source and microphone, checked.

One set of limits for the CLI's ``record`` options, the GUI's capture options
and the camera/microphone settings, so every door refuses the same values
with the same code.  Pure Python (no numpy, no PyAV): the settings dialog
and ``complaint-desk record`` call it before anything is opened or written.

Demo mode: the demo camera and microphone stand in for missing devices only
when the environment says so (``COMPLAINT_DESK_DEMO_DEVICES=1``, which
``scripts/run`` sets, and says so, on a machine without a camera or
microphone).  Everywhere else a missing device refuses the recording.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from app.errors import DeskError, Problem, ValidationError

MIN_WIDTH, MIN_HEIGHT = 160, 120
MAX_WIDTH, MAX_HEIGHT = 3840, 2160
MIN_FPS, MAX_FPS = 5.0, 60.0
MIN_SECONDS = 1.0
MAX_SECONDS = 8 * 3600.0
"""A headless recording lasts at most a working day; longer is a typo, not a reception."""
MAX_CAMERA_INDEX = 999
MAX_DEVICE_NAME = 200

DEMO_ENV = "COMPLAINT_DESK_DEMO_DEVICES"
"""Set to 1 to let the demo camera/microphone stand in for missing devices (scripts/run's demo mode)."""

_SIZE = re.compile(r"^\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*$")
_DIGITS = re.compile(r"^\d{1,4}$")


@dataclass(frozen=True)
class SourceSpec:
    """A parsed source string: ``demo``, ``camera:N`` or ``file:VIDEO[,AUDIO]``."""

    kind: str
    """demo, camera or file."""
    camera_index: int = 0
    video_path: str = ""
    audio_path: str = ""

    def __str__(self) -> str:
        if self.kind == "camera":
            return f"camera:{self.camera_index}"
        if self.kind == "file":
            return "file:" + self.video_path + (f",{self.audio_path}" if self.audio_path else "")
        return "demo"


@dataclass(frozen=True)
class RecordOptions:
    """Checked options of one headless recording."""

    seconds: float
    width: int
    height: int
    fps: float
    source: SourceSpec
    microphone: str
    """PortAudio input (index or name); "" for the system default. Used with a camera only."""


def demo_mode(environ: Mapping[str, str] | None = None) -> bool:
    """True when the demo camera/microphone may stand in for missing devices (``COMPLAINT_DESK_DEMO_DEVICES=1``)."""
    value = (os.environ if environ is None else environ).get(DEMO_ENV, "").strip().lower()
    return value in ("1", "yes", "true", "on")


def parse_size(text: str, field: str = "size") -> tuple[int, int] | Problem:
    """``WIDTHxHEIGHT`` within the limits, or the problem with it."""
    match = _SIZE.match(text or "")
    if match is None:
        return Problem("format", field, "must be WIDTHxHEIGHT, e.g. 1280x720")
    width, height = int(match.group(1)), int(match.group(2))
    return check_size(width, height, field) or (width, height)


def check_size(width: int, height: int, field: str = "size") -> Problem | None:
    if not (MIN_WIDTH <= width <= MAX_WIDTH and MIN_HEIGHT <= height <= MAX_HEIGHT):
        return Problem("range", field, f"must be from {MIN_WIDTH}x{MIN_HEIGHT} to {MAX_WIDTH}x{MAX_HEIGHT} "
                       f"(got {width}x{height})", {"min": f"{MIN_WIDTH}x{MIN_HEIGHT}",
                                                   "max": f"{MAX_WIDTH}x{MAX_HEIGHT}"})
    return None


def check_fps(fps: float, field: str = "fps") -> Problem | None:
    if not math.isfinite(fps) or not MIN_FPS <= fps <= MAX_FPS:
        return Problem("range", field, f"must be a number from {MIN_FPS:g} to {MAX_FPS:g} frames a second",
                       {"min": MIN_FPS, "max": MAX_FPS})
    return None


def check_seconds(seconds: float, field: str = "seconds") -> Problem | None:
    if not math.isfinite(seconds) or not MIN_SECONDS <= seconds <= MAX_SECONDS:
        return Problem("range", field, f"must be a number from {MIN_SECONDS:g} to {MAX_SECONDS:g} "
                       f"({MAX_SECONDS / 3600:g} hours)", {"min": MIN_SECONDS, "max": MAX_SECONDS})
    return None


def parse_number(text: str, field: str) -> float | Problem:
    """A decimal number as typed (argparse hands strings over so "nan" and "1e999" are caught here)."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return Problem("format", field, f"must be a number (got {text!r})")


def parse_source(text: str, field: str = "source") -> SourceSpec | Problem:
    """``demo``, ``camera:N`` or ``file:VIDEO[,AUDIO]`` (syntax only; whether the device is there is
    found out when it is opened)."""
    spec = (text or "").strip()
    # The keywords are case-blind (DEMO, Camera:0, FILE:...); a file's path keeps its case.
    keyword = spec.lower()
    if keyword == "demo":
        return SourceSpec("demo")
    if keyword.startswith("camera:"):
        index = spec[len("camera:"):].strip()
        if not _DIGITS.match(index) or int(index) > MAX_CAMERA_INDEX:
            return Problem("invalid_source", field, f"camera:N needs a camera number from 0 to {MAX_CAMERA_INDEX} "
                           f"(got {spec!r})")
        return SourceSpec("camera", camera_index=int(index))
    if keyword.startswith("file:"):
        parts = [p.strip() for p in spec[len("file:"):].split(",")]
        if len(parts) > 2 or not parts[0] or (len(parts) == 2 and not parts[1]):
            return Problem("invalid_source", field, "must be file:VIDEO or file:VIDEO,AUDIO")
        return SourceSpec("file", video_path=parts[0], audio_path=parts[1] if len(parts) == 2 else "")
    return Problem("invalid_source", field, f"must be demo, camera:N or file:VIDEO[,AUDIO] (got {spec!r})")


def check_microphone(text: str, field: str = "microphone") -> Problem | None:
    """A PortAudio input index or device name ("" for the system default)."""
    if len(text) > MAX_DEVICE_NAME:
        return Problem("too_long", field, f"is longer than {MAX_DEVICE_NAME} characters", {"max": MAX_DEVICE_NAME})
    if any(not ch.isprintable() for ch in text):
        return Problem("format", field, "must not contain control characters")
    if text.strip().startswith("-"):
        return Problem("format", field, "must be a device number (0 or more) or a device name")
    return None


def check_record_options(*, seconds: str, size: str, fps: str, source: str,
                         microphone: str | None, default_microphone: str = "") -> RecordOptions:
    """Every option of ``record`` checked at once; ValidationError lists each problem (nothing is opened)."""
    problems: list[Problem] = []
    secs = parse_number(seconds, "seconds")
    if isinstance(secs, float) and (p := check_seconds(secs)) is not None:
        secs = p
    rate = parse_number(fps, "fps")
    if isinstance(rate, float) and (p := check_fps(rate)) is not None:
        rate = p
    geometry = parse_size(size)
    spec = parse_source(source)
    mic = default_microphone if microphone is None else microphone
    mic_problem = check_microphone(mic)
    if mic_problem is None and microphone is not None and isinstance(spec, SourceSpec) and spec.kind != "camera":
        mic_problem = Problem("conflict", "microphone", f"is used with --source camera:N only ({spec.kind} "
                              "sources bring their own sound)")
    for value in (secs, rate, geometry, spec, mic_problem):
        if isinstance(value, Problem):
            problems.append(value)
    if problems:
        raise ValidationError(problems)
    assert isinstance(secs, float) and isinstance(rate, float) and isinstance(spec, SourceSpec)
    assert isinstance(geometry, tuple)
    return RecordOptions(secs, geometry[0], geometry[1], rate, spec, mic.strip())


def source_from_settings(camera_device: str) -> str:
    """The source string for the desk's camera setting ("" is the system's first camera).

    A camera chosen by name in Settings is looked up among the system's video
    devices (Linux: ``/sys/class/video4linux``); a name that is not there is a
    ``device_missing`` error naming that camera.
    """
    device = camera_device.strip()
    if not device:
        return "camera:0"
    if device.isdigit():
        return f"camera:{int(device)}"
    if device == "demo" or device.startswith(("camera:", "file:")):
        return device
    index = _camera_index_by_name(device)
    if index is None:
        raise DeskError(f"camera not available: {device} (no camera by that name)", code="device_missing",
                        field="camera", device=device, detail="no camera by that name")
    return f"camera:{index}"


def _camera_index_by_name(name: str) -> int | None:
    from pathlib import Path

    folder = Path("/sys/class/video4linux")
    if not folder.is_dir():
        return None
    for node in sorted(folder.glob("video*")):
        try:
            found = (node / "name").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            continue
        if found == name and node.name[len("video"):].isdigit():
            return int(node.name[len("video"):])
    return None
