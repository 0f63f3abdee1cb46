"""The caption burned into frames, and laying audio onto the media timeline."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np

from recording.overlay import Overlay
from recording.timeline import AudioAligner, MediaTimeline

MOMENT = datetime(2026, 11, 26, 6, 3, 7, 400_000, tzinfo=timezone.utc)  # 14:03:07 in Beijing


def _overlay(width: int = 1280, height: int = 720, **text: str) -> Overlay:
    fields = {"branch": "0591", "desk": "W01", "case_number": "0591-W01-20261126-0007", "staff_no": "1024"}
    fields.update(text)
    return Overlay(width, height, **fields)


def test_caption_reads_beijing_time_branch_desk_case_and_staff() -> None:
    line1, line2 = _overlay().caption(MOMENT)
    assert line1 == "2026-11-26 14:03:07 +08  BR 0591  DESK W01"
    assert line2 == "CASE 0591-W01-20261126-0007  STAFF 1024"
    assert _overlay(staff_no="张三")._line2.endswith("STAFF ??")  # ASCII only: no font file needed


def test_caption_changes_only_in_the_clock_when_a_second_passes() -> None:
    overlay = _overlay(640, 360)
    base = np.full((360, 640, 3), 128, dtype=np.uint8)
    first, later = base.copy(), base.copy()
    overlay.draw(first, MOMENT)
    overlay.draw(later, MOMENT + timedelta(seconds=1))
    diff = np.abs(first.astype(np.int16) - later).max(axis=2)
    ys, xs = np.nonzero(diff)
    box = overlay.clock_box
    assert len(xs) > 0
    assert box.x <= xs.min() and xs.max() < box.x + box.w and box.y <= ys.min() and ys.max() < box.y + box.h
    assert first[overlay.band_height + 5:].tolist() == base[overlay.band_height + 5:].tolist()
    band = first[:overlay.band_height]
    assert np.median(band) < 64 and band.max() == 255  # white text on a dark band


def test_caption_fits_small_frames() -> None:
    overlay = _overlay(320, 240)
    assert overlay.case_box.x + overlay.case_box.w <= 320
    assert overlay.band_height < 240 // 4


def test_timeline_removes_paused_time() -> None:
    line = MediaTimeline()
    line.start(100.0)
    line.pause(101.0)
    assert line.in_pause(101.5)
    line.resume(103.0)
    assert line.media_time(104.0) == 2.0
    assert line.in_pause(102.0) and not line.in_pause(100.5) and not line.in_pause(103.5)
    assert line.pauses == [(1.0, 2.0)]


def _block(n: int, value: int = 1) -> np.ndarray:
    return np.full((n, 1), value, dtype=np.int16)


def test_aligner_absorbs_jitter_fills_gaps_and_trims_overlap() -> None:
    aligner = AudioAligner(1000, 1, tolerance_s=0.02)
    aligner.push(_block(100), 0.005)  # first block starts 5 samples in: exact silence in front
    assert aligner.end == 105 and aligner.inserted_silence == 5
    aligner.push(_block(100), 0.110)  # 5 ms late: jitter, laid end to end
    assert aligner.end == 205
    aligner.push(_block(100), 0.300)  # 95 ms late: a real gap, filled with silence
    assert aligner.end == 400 and aligner.inserted_silence == 100
    aligner.push(_block(100), 0.350)  # 50 ms early: overlap, trimmed
    assert aligner.end == 450 and aligner.trimmed == 50
    taken = aligner.take(300)
    assert taken.shape == (300, 1) and aligner.taken == 300
    assert aligner.take(1000).shape == (150, 1)


def test_aligner_drops_audio_from_before_the_first_frame() -> None:
    aligner = AudioAligner(1000, 2)
    aligner.push(_block(50), -0.080)  # entirely before media time 0
    aligner.push(_block(50), -0.030)  # straddles 0: the first 30 samples go
    assert aligner.end == 20 and aligner.take(20).shape == (20, 2)
