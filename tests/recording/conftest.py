"""Shared pieces for recording tests: a case's metadata and one real demo recording."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from recording.demo_sources import DemoCamera, DemoMicrophone, FlashSchedule
from recording.model import DiskPolicy, RecorderStats, RecordingMeta, RecordingResult
from recording.session import Recorder

META = RecordingMeta(case_id="case-7", case_number="0591-W01-20261126-0007", branch="0591", desk="W01",
                     staff_no="1024")
SMALL = (320, 240)
NO_DISK_LIMITS = DiskPolicy(start_minutes=0.0, stop_reserve_s=0.0, stop_reserve_bytes=0, check_every_s=0.1)


@pytest.fixture(autouse=True, scope="session")
def desk_signing_key() -> None:
    """The desk's signing key, as a desk has it after its first recording (recorders never make one)."""
    from recording.manifest import load_signing_key

    load_signing_key(create=True)


@pytest.fixture
def meta() -> RecordingMeta:
    return META


def demo_pair(flashes: FlashSchedule | None = None, **camera: object) -> tuple[DemoCamera, DemoMicrophone]:
    """An opened small demo camera and demo microphone."""
    cam = DemoCamera(*SMALL, 25.0, flashes=flashes, **camera)  # type: ignore[arg-type]
    mic = DemoMicrophone(flashes=flashes)
    cam.open()
    mic.open()
    return cam, mic


@dataclass
class Session:
    """A recorder driven by a test, with the wall time it really ran."""

    recorder: Recorder
    started_at: float
    stopped_at: float = 0.0
    result: RecordingResult | None = None

    @property
    def wall_s(self) -> float:
        return self.stopped_at - self.started_at


def run_until(recorder: Recorder, condition: Callable[[RecorderStats], bool], timeout: float = 30.0) -> Session:
    """Start ``recorder``, stop it once ``condition(stats)`` holds (checked on its progress reports)."""
    reached = threading.Event()

    def progress(stats: RecorderStats) -> None:
        if condition(stats):
            reached.set()

    def finished(result: RecordingResult | None) -> None:
        reached.set()  # ended on its own (device lost, disk low, ...)

    recorder.on_progress = progress
    recorder.on_finished = finished
    started = time.monotonic()
    recorder.start()
    session = Session(recorder, started)
    assert reached.wait(timeout), "recording never reached its condition"
    session.stopped_at = time.monotonic()
    recorder.stop()
    session.result = recorder.wait(30.0)
    assert recorder.finished, "recorder thread did not finish"
    return session


@dataclass(frozen=True)
class DemoRecording:
    result: RecordingResult
    wall_s: float
    folder: Path


@pytest.fixture(scope="session")
def demo_recording(tmp_path_factory: pytest.TempPathFactory) -> DemoRecording:
    """One 3-second 320x240 demo recording with a flash+beep every second (shared, read-only)."""
    folder = tmp_path_factory.mktemp("demo-recording")
    flashes = FlashSchedule.starting_now(first_s=0.5, period_s=1.0)
    cam, mic = demo_pair(flashes)
    try:
        recorder = Recorder(cam, mic, folder, META, disk_policy=NO_DISK_LIMITS)
        session = run_until(recorder, lambda s: s.elapsed_s >= 3.0)
    finally:
        cam.close()
        mic.close()
    assert session.result is not None
    return DemoRecording(session.result, session.wall_s, folder)
