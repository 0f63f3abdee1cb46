"""A real demo recording decoded back with PyAV: streams, timing, overlay, sync, metadata."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

from recording.manifest import read_manifest, verify_recording
from recording.overlay import Box, Overlay
from recording.probe import measure_av_sync, probe_media
from tests.recording.conftest import META, SMALL, DemoRecording


def test_both_streams_present_and_duration_matches_wall_time(demo_recording: DemoRecording) -> None:
    probe = probe_media(demo_recording.result.path)
    assert probe.video is not None and probe.audio is not None
    assert (probe.video.codec, probe.audio.codec) == ("h264", "aac")
    assert (probe.width, probe.height) == SMALL
    assert abs(probe.video.duration_s - demo_recording.wall_s) <= 0.2
    assert abs(probe.audio.end_s - probe.video.end_s) <= 0.05
    assert abs(probe.duration_s - demo_recording.result.duration_s) <= 0.05
    assert not probe.truncated


def test_timestamps_rise_monotonically_without_gaps(demo_recording: DemoRecording) -> None:
    probe = probe_media(demo_recording.result.path)
    assert probe.video is not None and probe.audio is not None
    assert probe.video.monotonic and probe.audio.monotonic
    steps = np.diff(sorted(probe.video.pts_s))
    assert steps.max() < 0.06  # no frame missing at 25 fps
    assert demo_recording.result.frames == probe.video.packets
    assert demo_recording.result.dropped_frames == 0


def _top_level_boxes(path: Path) -> list[str]:
    data = path.read_bytes()
    boxes, offset = [], 0
    while offset + 8 <= len(data):
        size = int.from_bytes(data[offset:offset + 4], "big")
        boxes.append(data[offset + 4:offset + 8].decode("latin-1"))
        if size == 1:
            size = int.from_bytes(data[offset + 8:offset + 16], "big")
        if size < 8:
            break
        offset += size
    return boxes


def test_file_is_fragmented_often_with_keyframes_at_most_2s_apart(demo_recording: DemoRecording) -> None:
    path = demo_recording.result.path
    boxes = _top_level_boxes(path)
    assert boxes[:2] == ["ftyp", "moov"]  # header (with the metadata) first, never rewritten
    assert boxes.count("moof") >= int(demo_recording.result.duration_s / 2.0) + 1
    assert boxes.count("moof") == boxes.count("mdat")
    probe = probe_media(path)
    assert probe.video is not None
    keys = probe.video.keyframes_s + [probe.video.end_s]
    assert keys[0] == 0.0 and max(np.diff(keys)) <= 2.0 + 1e-6


def _frame_near(path: object, t: float) -> np.ndarray:
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            if frame.time is not None and frame.time >= t:
                return np.asarray(frame.to_ndarray(format="bgr24"), dtype=np.int16)
    raise AssertionError(f"no frame at {t} s")


def test_overlay_clock_ticks_and_case_line_stays(demo_recording: DemoRecording) -> None:
    overlay = Overlay(*SMALL, branch=META.branch, desk=META.desk, case_number=META.case_number,
                      staff_no=META.staff_no)
    first = _frame_near(demo_recording.result.path, 0.2)
    later = _frame_near(demo_recording.result.path, 1.2)

    def changed(box: Box) -> float:
        """Share of pixels that flipped between text and background (not compression noise)."""
        return float((np.abs(box.crop(first) - box.crop(later)).max(axis=2) > 80).mean())

    assert changed(overlay.clock_box) >= 0.005, "the burned-in clock did not change over one second"
    assert changed(overlay.case_box) <= changed(overlay.clock_box) / 4
    band = first[:overlay.band_height].astype(np.float64)
    assert band.max() > 200  # white caption text on the band


def test_flash_and_beep_are_within_40ms(demo_recording: DemoRecording) -> None:
    report = measure_av_sync(demo_recording.result.path)
    assert len(report.offsets_ms) >= 2, report
    assert report.worst_ms <= 40.0, report


def test_container_metadata_and_manifest_describe_the_case(demo_recording: DemoRecording) -> None:
    tags = probe_media(demo_recording.result.path).tags
    assert tags["cd_case_number"] == META.case_number
    assert tags["cd_staff_no"] == META.staff_no
    assert (tags["cd_branch"], tags["cd_desk"]) == (META.branch, META.desk)
    assert tags["cd_started_utc"].endswith("+00:00")
    manifest = read_manifest(demo_recording.result.manifest_path)
    assert manifest["case_number"] == META.case_number
    assert manifest["operator_staff_no"] == META.staff_no
    assert manifest["started_beijing"].endswith("+08:00")
    assert manifest["frames"] == demo_recording.result.frames
    assert manifest["audio_samples"] == demo_recording.result.audio_samples
    assert manifest["previous_manifest_sha256"] == ""
    assert manifest["recovered"] is False
    assert verify_recording(demo_recording.result.manifest_path) == []
