"""A recording process killed with SIGKILL: the file still plays, and recovery signs it."""

from __future__ import annotations

import hashlib
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import av
import av.error
import pytest

from app.errors import DeskError

from recording.api import find_unfinished, read_manifest, recover, verify_recording
from recording.manifest import manifest_path_for, sha256_file
from recording.probe import probe_media
from tests.recording.conftest import META

REPO = Path(__file__).resolve().parents[2]


def _record_and_kill(out_dir: Path, kill_at_s: float) -> float:
    """Run a 60 s headless recording in a child process and SIGKILL it at ``kill_at_s``."""
    child = subprocess.Popen([sys.executable, "-m", "tests.recording.crash_child", str(out_dir), "60"],
                             cwd=REPO, stdout=subprocess.PIPE, text=True)
    watchdog = threading.Timer(60.0, child.kill)  # never let a stuck child hang the suite
    watchdog.start()
    elapsed = 0.0
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("elapsed"):
                elapsed = float(line.split()[1])
                if elapsed >= kill_at_s:
                    child.send_signal(signal.SIGKILL)
                    break
    finally:
        child.wait()
        watchdog.cancel()
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL, "the child ended on its own"
    return elapsed


def _decoded_until(path: Path) -> float:
    """Time of the last video frame that decodes (a cut-off tail may end in an error)."""
    last = 0.0
    with av.open(str(path)) as container:
        try:
            for frame in container.decode(video=0):
                last = float(frame.time or 0.0)
        except av.error.FFmpegError:
            pass
    return last


@pytest.mark.slow
def test_sigkill_at_10s_leaves_a_playable_file_that_recovery_signs(tmp_path: Path) -> None:
    killed_at = _record_and_kill(tmp_path, 10.0)

    unfinished = find_unfinished(tmp_path)
    assert len(unfinished) == 1
    cut = unfinished[0]
    assert cut.meta == META  # the header written at the start says whose recording it is
    probe = probe_media(cut.path)
    assert probe.video is not None and probe.audio is not None
    assert probe.video.end_s >= 8.0 and probe.audio.end_s >= 8.0
    assert probe.video.end_s >= killed_at - 2.5
    assert _decoded_until(cut.path) >= 8.0  # really plays, not just demuxes
    original_sha = sha256_file(cut.path)

    result = recover(cut.path)
    assert result.recovered and result.stopped_reason == "interrupted"
    assert result.duration_s >= 8.0 and result.frames >= 8 * 25 - 1
    assert verify_recording(result.manifest_path) == []
    manifest = read_manifest(result.manifest_path)
    assert manifest["recovered"] is True
    assert manifest["recovered_from"]["sha256"] == original_sha
    assert manifest["case_number"] == META.case_number and manifest["operator_staff_no"] == META.staff_no
    assert manifest["previous_manifest_sha256"] == ""

    clean = probe_media(result.path)
    assert clean.video is not None and clean.audio is not None
    assert clean.video.monotonic and clean.audio.monotonic and not clean.truncated
    assert clean.video.end_s >= 8.0 and _decoded_until(result.path) >= 8.0
    assert find_unfinished(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([result.path.name, result.manifest_path.name])
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600  # the clean copy that replaced the original
    assert stat.S_IMODE(result.manifest_path.stat().st_mode) == 0o600


def test_a_file_with_nothing_playable_is_kept_as_it_is_and_signed_as_it_stands(tmp_path: Path) -> None:
    empty = tmp_path / "cut-before-first-fragment.mp4"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.mp4"
    garbage.write_bytes(b"\x00\x00\x00\x18ftypiso5" + bytes(200))
    assert {u.path.name for u in find_unfinished(tmp_path)} == {empty.name, garbage.name}
    for path in (empty, garbage):
        before = path.read_bytes()
        with pytest.raises(DeskError) as raised:
            recover(path)  # whose is it? Not said by the file, not given: left alone
        assert raised.value.code == "recording_unidentified"
        assert path.read_bytes() == before and not manifest_path_for(path).exists()

        result = recover(path, meta=META)  # the journal knows it (the recordings service passes meta)
        assert result.problem == "nothing_playable" and result.duration_s == 0.0 and result.frames == 0
        assert "kept as it was" in result.message
        assert path.read_bytes() == before  # the original is left alone...
        assert result.sha256 == hashlib.sha256(before).hexdigest()  # ...and what is signed is what is there
        assert verify_recording(result.manifest_path) == []
        assert read_manifest(result.manifest_path)["recovery_problem"]["original_kept"] is True
        assert stat.S_IMODE(result.manifest_path.stat().st_mode) == 0o600
    assert find_unfinished(tmp_path) == []
