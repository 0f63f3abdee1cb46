"""Capture sources: pacing, clocks, flash/beep, files, and missing devices that never hang."""

from __future__ import annotations

import time
import wave
from pathlib import Path

import numpy as np
import pytest

from app.errors import DeskError
from recording.demo_sources import DemoCamera, DemoMicrophone, FlashSchedule
from recording.device_sources import OpenCVCamera, SoundDeviceMicrophone
from recording.file_sources import FileAudioSource, FileVideoSource
from recording.media import AudioSource, VideoSource
from recording.sources import open_default_sources
from tests.recording.conftest import DemoRecording


class SteppedClock:
    """A monotonic clock the test moves by hand (so pacing needs no real waiting)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_demo_camera_negotiates_and_stamps_frames_on_its_period() -> None:
    clock = SteppedClock()
    cam = DemoCamera(320, 240, 25.0, clock=clock)
    assert isinstance(cam, VideoSource)
    cam.open()
    stamps = []
    for _ in range(5):
        clock.now += 0.04
        frame = cam.read(1.0)
        assert frame is not None and frame.image.shape == (240, 320, 3)
        stamps.append(frame.ts)
    assert np.allclose(np.diff(stamps), 0.04)
    assert (cam.width, cam.height, cam.fps) == (320, 240, 25.0)


def test_demo_camera_late_reader_loses_frames_like_a_driver() -> None:
    clock = SteppedClock()
    cam = DemoCamera(160, 120, 25.0, clock=clock, driver_buffers=4)
    cam.open()
    first = cam.read(1.0)
    clock.now += 0.04 * 10  # the reader stalls for ten frame periods
    late = cam.read(1.0)
    assert first is not None and late is not None
    assert round((late.ts - first.ts) / 0.04) == 7  # frames 1..6 were overwritten, 7..10 still queued


def test_demo_camera_flashes_white_at_the_scheduled_instant() -> None:
    clock = SteppedClock()
    flashes = FlashSchedule(epoch=clock.now, first_s=0.2, period_s=10.0)
    cam = DemoCamera(160, 120, 25.0, flashes=flashes, clock=clock)
    cam.open()
    white = []
    for _ in range(10):
        clock.now += 0.04
        frame = cam.read(1.0)
        assert frame is not None
        white.append(bool(frame.image.min() == 255))
    assert white.count(True) == 1 and white.index(True) == 5  # the frame at +0.20 s


def test_demo_microphone_blocks_are_contiguous_and_beep_on_time() -> None:
    clock = SteppedClock()
    flashes = FlashSchedule(epoch=clock.now, first_s=0.1, period_s=10.0)
    mic = DemoMicrophone(flashes=flashes, clock=clock)
    assert isinstance(mic, AudioSource)
    mic.open()
    clock.now += 0.3
    blocks = mic.read(0.0)
    assert len(blocks) == 15 and all(b.samples.dtype == np.int16 for b in blocks)
    assert np.allclose(np.diff([b.ts for b in blocks]), 960 / 48_000)
    pcm = np.concatenate([b.samples[:, 0] for b in blocks]).astype(np.int32)
    onset = int(np.flatnonzero(np.abs(pcm) > 0.3 * 32768)[0])
    assert abs(onset / 48_000 - 0.1) < 0.001
    assert mic.read(0.0) == []


def test_missing_camera_index_fails_fast_with_device_missing() -> None:
    started = time.monotonic()
    with pytest.raises(DeskError) as raised:
        OpenCVCamera(7, open_timeout=3.0).open()
    assert raised.value.code == "device_missing" and raised.value.field == "camera"
    assert time.monotonic() - started < 3.5


def test_missing_microphone_fails_fast_with_device_missing() -> None:
    started = time.monotonic()
    with pytest.raises(DeskError) as raised:
        SoundDeviceMicrophone().open()
    assert raised.value.code == "device_missing" and raised.value.field == "microphone"
    assert time.monotonic() - started < 3.0


def test_missing_camera_refuses_unless_demo_mode_lets_the_demo_stand_in() -> None:
    with pytest.raises(DeskError) as raised:
        open_default_sources("camera:7", width=320, height=240)
    assert raised.value.code == "device_missing" and raised.value.field == "camera"
    assert raised.value.params["device"] == "camera:7"
    # Demo mode (scripts/run on a machine without devices): the demo stands in, and says so.
    opened = open_default_sources("camera:7", width=320, height=240, allow_fallback=True)
    try:
        assert opened.fell_back
        assert "demo camera" in opened.video.description
        assert any("camera:7" in note for note in opened.notes)
        assert opened.video.read(1.0) is not None
    finally:
        opened.close()
    with pytest.raises(DeskError) as bad:
        open_default_sources("webcam")
    assert bad.value.code == "invalid_source"


def test_missing_file_is_never_replaced_by_the_demo(tmp_path: Path) -> None:
    for spec in (f"file:{tmp_path / 'gone.mp4'}", f"file:{tmp_path / 'gone.mp4'},{tmp_path / 'gone.wav'}"):
        with pytest.raises(DeskError) as raised:
            open_default_sources(spec, allow_fallback=True)
        assert raised.value.code == "device_missing" and raised.value.field == "source"
        assert "gone.mp4" in raised.value.message


def test_file_sources_replay_a_recording_and_a_wav(demo_recording: DemoRecording, tmp_path: Path) -> None:
    video = FileVideoSource(demo_recording.result.path, paced=False)
    video.open()
    frames = []
    while (frame := video.read(1.0)) is not None:
        frames.append(frame)
    video.close()
    assert (video.width, video.height) == (320, 240)
    assert len(frames) == demo_recording.result.frames
    assert np.allclose(np.diff([f.ts for f in frames]), 0.04, atol=0.002)

    wav_path = tmp_path / "tone.wav"
    with wave.open(str(wav_path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(np.full((16_000, 2), 1000, dtype=np.int16).tobytes())
    audio = FileAudioSource(wav_path, paced=False)
    audio.open()
    blocks = audio.read(0.0)
    audio.close()
    assert (audio.sample_rate, audio.channels) == (16_000, 2)
    assert sum(b.frames for b in blocks) == 16_000 and audio.ended


def test_missing_files_are_missing_devices(tmp_path: Path) -> None:
    for source in (FileVideoSource(tmp_path / "none.mp4"), FileAudioSource(tmp_path / "none.wav")):
        with pytest.raises(DeskError) as raised:
            source.open()
        assert raised.value.code == "device_missing"


def test_a_file_source_replays_the_files_own_sound_in_sync(demo_recording: DemoRecording, tmp_path: Path) -> None:
    from recording.api import record_for
    from recording.probe import measure_av_sync
    from tests.recording.conftest import META, NO_DISK_LIMITS

    opened = open_default_sources(f"file:{demo_recording.result.path}")
    try:
        assert opened.audio.description.startswith(f"audio track of {demo_recording.result.path.name} (aac ")
        assert not opened.fell_back
        result = record_for(2.6, opened, tmp_path, META, disk_policy=NO_DISK_LIMITS)
    finally:
        opened.close()
    sync = measure_av_sync(result.path)
    assert len(sync.offsets_ms) >= 2, "the source's flashes and beeps are both in the new recording"
    assert sync.worst_ms <= 40.0, sync.offsets_ms
