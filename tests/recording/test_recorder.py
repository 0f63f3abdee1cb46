"""The recorder's behaviour a receptionist would notice: pause, preview, full disk, lost devices."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from app.errors import DeskError
from recording import model
from recording.manifest import read_manifest, verify_recording
from recording.model import DiskPolicy, RecordingMeta
from recording.probe import probe_media
from recording.session import Recorder
from recording.storage import CappedWriter
from tests.recording.conftest import NO_DISK_LIMITS, demo_pair, run_until


def _assert_playable(path: Path, at_least_s: float) -> None:
    probe = probe_media(path)
    assert probe.video is not None and probe.audio is not None
    assert probe.video.packets > 0 and probe.audio.packets > 0
    assert probe.video.end_s >= at_least_s
    assert probe.video.monotonic


def test_pause_leaves_the_paused_time_out_and_lists_it(tmp_path: Path, meta: RecordingMeta) -> None:
    cam, mic = demo_pair()
    recorder = Recorder(cam, mic, tmp_path, meta, disk_policy=NO_DISK_LIMITS)
    state = {"phase": "first"}
    paused_frames: list[int] = []

    def condition(stats: model.RecorderStats) -> bool:
        if state["phase"] == "first" and stats.elapsed_s >= 1.0:
            recorder.pause()
            state["phase"] = "pausing"
        elif state["phase"] == "pausing" and stats.state == "paused":
            paused_frames.append(stats.frames)
            if len(paused_frames) >= 6:  # ~0.6 s of progress reports while paused
                recorder.resume()
                state["phase"] = "second"
        elif state["phase"] == "second" and stats.elapsed_s >= 2.0:
            return True
        return False

    session = run_until(recorder, condition)
    assert session.result is not None
    assert len(set(paused_frames)) == 1, "frames were recorded while paused"
    manifest = read_manifest(session.result.manifest_path)
    assert len(manifest["pauses"]) == 1
    pause = manifest["pauses"][0]
    assert 0.9 <= pause["at_s"] <= 1.3 and pause["length_s"] >= 0.4
    probe = probe_media(session.result.path)
    assert probe.video is not None
    assert abs(probe.video.duration_s - (session.wall_s - pause["length_s"])) <= 0.2
    assert np.diff(sorted(probe.video.pts_s)).max() < 0.06  # the file itself has no hole
    assert verify_recording(session.result.manifest_path) == []


def test_preview_frames_are_small_copies_at_a_limited_rate(tmp_path: Path, meta: RecordingMeta) -> None:
    cam, mic = demo_pair()
    previews: list[np.ndarray] = []
    got = threading.Event()

    def preview(frame: np.ndarray) -> None:
        previews.append(frame)
        if len(previews) >= 10:
            got.set()

    recorder = Recorder(cam, mic, tmp_path, meta, disk_policy=NO_DISK_LIMITS, preview=preview,
                        preview_fps=10.0, preview_width=160)
    session = run_until(recorder, lambda s: got.is_set())
    assert session.result is not None
    assert previews[0].shape == (120, 160, 3) and previews[0].dtype == np.uint8
    assert len(previews) <= session.result.frames * 10 / 25 + 2


def test_preview_keeps_up_15_fps_from_a_25_fps_camera(tmp_path: Path, meta: RecordingMeta) -> None:
    cam, mic = demo_pair()
    stamps: list[float] = []
    recorder = Recorder(cam, mic, tmp_path, meta, disk_policy=NO_DISK_LIMITS, preview=lambda f: stamps.append(0.0))
    session = run_until(recorder, lambda s: s.elapsed_s >= 2.0)
    assert session.result is not None
    assert len(stamps) >= session.result.frames * 15 / 25 - 1


def test_stats_report_level_and_counters(tmp_path: Path, meta: RecordingMeta) -> None:
    cam, mic = demo_pair()
    seen: list[model.RecorderStats] = []
    recorder = Recorder(cam, mic, tmp_path, meta, disk_policy=NO_DISK_LIMITS)
    run_until(recorder, lambda s: seen.append(s) is None and s.elapsed_s >= 1.0)
    last = seen[-1]
    assert last.state == "recording" and last.frames >= 24 and last.dropped_frames == 0
    assert last.audio_samples >= 0.9 * 48_000 and 0.03 < last.audio_peak <= 1.0
    assert recorder.stats().state == "finished"


def test_start_refused_when_disk_has_too_few_minutes(tmp_path: Path, meta: RecordingMeta) -> None:
    cam, mic = demo_pair()
    recorder = Recorder(cam, mic, tmp_path, meta, writer=CappedWriter(5_000_000),
                        disk_policy=DiskPolicy(start_minutes=10.0))
    with pytest.raises(DeskError) as raised:
        recorder.start()
    assert raised.value.code == "disk_low"
    assert 0.0 < raised.value.params["minutes_left"] < 10.0
    assert list(tmp_path.iterdir()) == []


def test_disk_running_low_stops_cleanly_with_a_valid_file(tmp_path: Path, meta: RecordingMeta) -> None:
    cam, mic = demo_pair()
    writer = CappedWriter(90_000)
    policy = DiskPolicy(start_minutes=0.0, stop_reserve_s=0.1, stop_reserve_bytes=30_000, check_every_s=0.1)
    recorder = Recorder(cam, mic, tmp_path, meta, writer=writer, disk_policy=policy)
    session = run_until(recorder, lambda s: False, timeout=20.0)
    result = session.result
    assert result is not None
    assert result.stopped_reason == model.STOP_DISK_LOW
    assert recorder.error is not None and recorder.error.code == "disk_low"
    assert "minutes_left" in recorder.error.params and "free space" in result.message
    assert writer.used_bytes <= writer.capacity_bytes
    _assert_playable(result.path, at_least_s=1.0)
    assert abs(probe_media(result.path).video.end_s - result.duration_s) <= 0.05  # type: ignore[union-attr]
    assert verify_recording(result.manifest_path) == []
    assert read_manifest(result.manifest_path)["stopped_reason"] == "disk_low"


def test_disk_full_mid_write_keeps_what_reached_the_disk(tmp_path: Path, meta: RecordingMeta) -> None:
    cam, mic = demo_pair()
    writer = CappedWriter(60_000)
    recorder = Recorder(cam, mic, tmp_path, meta, writer=writer, disk_policy=NO_DISK_LIMITS)
    session = run_until(recorder, lambda s: False, timeout=20.0)
    result = session.result
    assert result is not None and recorder.error is not None
    assert result.stopped_reason == model.STOP_WRITE_FAILED and recorder.error.code == "disk_full"
    assert result.size_bytes == writer.capacity_bytes
    _assert_playable(result.path, at_least_s=1.0)
    assert verify_recording(result.manifest_path) == []


def test_camera_unplugged_mid_recording_ends_cleanly(tmp_path: Path, meta: RecordingMeta) -> None:
    cam, mic = demo_pair(disconnect_after_s=1.5)
    recorder = Recorder(cam, mic, tmp_path, meta, disk_policy=NO_DISK_LIMITS)
    session = run_until(recorder, lambda s: False, timeout=20.0)
    result = session.result
    assert result is not None and recorder.error is not None
    assert result.stopped_reason == model.STOP_DEVICE_LOST and recorder.error.code == "device_lost"
    assert recorder.error.field == "camera"
    assert 1.3 <= result.duration_s <= 1.6
    _assert_playable(result.path, at_least_s=1.3)
    assert verify_recording(result.manifest_path) == []


def test_microphone_unplugged_mid_recording_ends_cleanly(tmp_path: Path, meta: RecordingMeta) -> None:
    cam, mic = demo_pair()
    mic.disconnect_after_s = 1.0
    recorder = Recorder(cam, mic, tmp_path, meta, disk_policy=NO_DISK_LIMITS)
    session = run_until(recorder, lambda s: False, timeout=20.0)
    result = session.result
    assert result is not None and recorder.error is not None
    assert result.stopped_reason == model.STOP_DEVICE_LOST and recorder.error.field == "microphone"
    _assert_playable(result.path, at_least_s=0.8)
    assert verify_recording(result.manifest_path) == []


def test_a_disk_with_minutes_of_room_at_the_real_bitrate_lets_the_recording_run(
        tmp_path: Path, meta: RecordingMeta) -> None:
    # 30 MB: ten minutes and more at 2.4-3.6 MB/min; only a fixed 64 MiB reserve would have stopped it at once.
    cam, mic = demo_pair()
    recorder = Recorder(cam, mic, tmp_path, meta, writer=CappedWriter(30_000_000),
                        disk_policy=DiskPolicy(start_minutes=0.0, check_every_s=0.1))
    session = run_until(recorder, lambda s: s.elapsed_s >= 2.0, timeout=20.0)
    assert session.result is not None and session.result.stopped_reason == model.STOP_REQUESTED
    assert recorder.error is None


def test_start_judges_free_space_by_the_rate_it_is_given(tmp_path: Path, meta: RecordingMeta) -> None:
    cam, mic = demo_pair()
    writer = CappedWriter(40_000_000)  # 4.5 min at the encoder's cap, 14.8 min at 45 kB/s (2.7 MB/min)
    with pytest.raises(DeskError) as raised:
        Recorder(cam, mic, tmp_path, meta, writer=writer, disk_policy=DiskPolicy(start_minutes=10.0)).start()
    assert raised.value.code == "disk_low" and raised.value.params["minutes_left"] == pytest.approx(4.5, abs=0.1)
    recorder = Recorder(cam, mic, tmp_path, meta, writer=writer, disk_policy=DiskPolicy(start_minutes=10.0),
                        expected_bytes_per_s=45_000.0, max_seconds=0.5)
    recorder.start()
    result = recorder.wait(30.0)
    assert result is not None and verify_recording(result.manifest_path) == []


def test_a_failing_finish_listener_is_logged_and_the_result_kept(
        tmp_path: Path, meta: RecordingMeta, caplog: pytest.LogCaptureFixture) -> None:
    cam, mic = demo_pair()

    def broken(_result: object) -> None:
        raise RuntimeError("listener gone")

    recorder = Recorder(cam, mic, tmp_path, meta, disk_policy=NO_DISK_LIMITS, max_seconds=0.5, on_finished=broken)
    recorder.start()
    result = recorder.wait(30.0)
    assert recorder.join(30.0)
    assert recorder.finished and result is not None and verify_recording(result.manifest_path) == []
    assert isinstance(recorder.listener_error, RuntimeError)
    assert any("finish listener" in r.getMessage() and r.exc_info for r in caplog.records)
