"""A full disk (a real 120 MB tmpfs holding the whole desk) during a recording and during its recovery."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli import main
from app.desk import open_desk
from app.services import recordings as recs
from app.services.identity import get_actor
from recording.api import DiskPolicy, read_manifest, record_for
from recording.probe import probe_media
from tests.tmpfs import fill, fill_leaving, small_disk

from .conftest import intake_dict

ROOT = Path(__file__).resolve().parents[2]
SMALL = ["--source", "demo", "--size", "320x240", "--fps", "15"]


def _set_up(home: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(home)
    assert main(["--data-dir", d, "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "W01",
                 "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    case_file = home.parent / "case.json"
    case_file.write_text(json.dumps(intake_dict(), ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", d, "case", "add", "--json", str(case_file)]) == 0
    return capsys.readouterr().out.strip().split()[0]


def _recording_events(home: Path, number: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["--data-dir", str(home), "case", "show", number, "--json"]) == 0
    events = json.loads(capsys.readouterr().out)["events"]
    return [e["data"] for e in events if e["kind"] == "recording" and e["data"]["what"] != "notice_confirmed"]


@pytest.mark.slow
def test_recover_on_a_full_disk_keeps_the_original_and_signs_what_it_holds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with small_disk(tmp_path / "desk", 120) as home:
        number = _set_up(home, capsys)
        folder = home / "recordings"
        child = subprocess.Popen([sys.executable, "-m", "app.cli", "--data-dir", str(home), "record", number,
                                  "--seconds", "60", "--told", *SMALL], cwd=ROOT, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:  # a condition on the file, not a fixed sleep
                files = list(folder.glob("*.mp4")) if folder.exists() else []
                if files and files[0].stat().st_size > 150_000:
                    break
                time.sleep(0.1)
            else:
                pytest.fail("the recording never got going")
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
        (media,) = folder.glob("*.mp4")
        original = media.read_bytes()
        playable_s = probe_media(media).video.end_s  # type: ignore[union-attr]
        assert playable_s >= 3.0
        fill(home)  # the disk is now full to the last byte

        capsys.readouterr()
        assert main(["--data-dir", str(home), "recover"]) == 0
        out = capsys.readouterr().out
        assert f"{number} recovered" in out and "kept as it was" in out

        # The original is intact, byte for byte, and it is what was signed and attached.
        assert media.read_bytes() == original
        sha = hashlib.sha256(original).hexdigest()
        manifest_path = media.with_name(media.stem + ".manifest.json")
        manifest = read_manifest(manifest_path)
        assert manifest["sha256"] == sha and manifest["size_bytes"] == len(original)
        assert manifest["recovered"] is True and manifest["recovered_from"]["sha256"] == sha
        assert manifest["recovery_problem"]["code"] in ("disk_full", "remux_failed")
        assert manifest["duration_s"] >= playable_s - 0.1
        assert stat.S_IMODE(manifest_path.stat().st_mode) == 0o600
        assert sorted(p.name for p in folder.iterdir()) == sorted([media.name, manifest_path.name])
        (event,) = _recording_events(home, number, capsys)
        assert event["what"] == "recovered" and event["sha256"] == sha
        assert float(event["duration_s"]) >= playable_s - 0.1  # type: ignore[arg-type]

        (home / "filler.bin").unlink()
        capsys.readouterr()
        assert main(["--data-dir", str(home), "verify", number]) == 0


@pytest.mark.slow
def test_disk_filling_during_a_recording_keeps_signs_and_attaches_what_was_captured(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with small_disk(tmp_path / "desk", 120) as home:
        number = _set_up(home, capsys)
        desk = open_desk(home)
        filled: list[int] = []
        try:
            with desk.write() as s:
                actor = get_actor(s, staff_no="1024")
                started = recs.begin_recording(s, desk.rulebook, actor, number, desk.paths.recordings, told=True,
                                               notice_text="notice")

            def progress(stats: object) -> None:
                if not filled and getattr(stats, "elapsed_s", 0.0) >= 2.0:
                    filled.append(fill(home))  # another program fills the disk mid-recording

            result = record_for(30, "demo", desk.paths.recordings, started.meta, started.previous_manifest_hash,
                                width=320, height=240, fps=15, path=started.path, signing_key=started.signing_key,
                                disk_policy=DiskPolicy(start_minutes=10.0, check_every_s=0.2),
                                on_progress=progress)
            assert filled, "the disk was never filled"
            assert result.stopped_reason in ("write_failed", "disk_low")
            assert "kept" in result.message
            with desk.write() as s:
                recs.attach_recording(s, desk.rulebook, actor, number, result)
        finally:
            desk.close()
        folder = home / "recordings"
        # Only the media and its manifest: no 0-byte .manifest.json.tmp, no reserve left behind.
        assert sorted(p.name for p in folder.iterdir()) == sorted([result.path.name, result.manifest_path.name])
        assert result.manifest_path.stat().st_size > 200
        assert stat.S_IMODE(result.manifest_path.stat().st_mode) == 0o600
        manifest = read_manifest(result.manifest_path)
        assert manifest["sha256"] == hashlib.sha256(result.path.read_bytes()).hexdigest()
        assert manifest["duration_s"] >= 1.5
        (event,) = _recording_events(home, number, capsys)
        assert event["what"] == "attached" and event["sha256"] == manifest["sha256"]
        capsys.readouterr()
        assert main(["--data-dir", str(home), "verify", number]) == 0


@pytest.mark.slow
def test_free_space_is_judged_by_the_desks_measured_bitrate_not_the_encoder_cap(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from app.services.recordings import measured_bytes_per_s

    with small_disk(tmp_path / "desk", 120) as home:
        number = _set_up(home, capsys)
        assert main(["--data-dir", str(home), "record", number, "--seconds", "5.5", "--told", *SMALL]) == 0
        (event,) = _recording_events(home, number, capsys)
        real_rate = int(event["size_bytes"]) / float(event["duration_s"])  # type: ignore[call-overload,arg-type]
        desk = open_desk(home)
        try:
            with desk.read() as s:
                assert measured_bytes_per_s(s) == pytest.approx(real_rate)
        finally:
            desk.close()
        # 3.5 minutes at the 1.1 Mbit/s cap, but many more at what this desk's recordings really take.
        fill_leaving(home, 30 * 2**20)
        free = shutil.disk_usage(home).free
        assert free / (1164 * 1000 / 8 * 1.02) / 60 < 10 < free / real_rate / 60
        capsys.readouterr()
        assert main(["--data-dir", str(home), "record", number, "--seconds", "1.2", *SMALL]) == 0
        assert "disk_low" not in capsys.readouterr().err
        # With room for fewer minutes than the policy's 10 at the measured rate, it refuses and says how many.
        (home / "filler.bin").unlink()
        fill_leaving(home, int(real_rate * 60 * 4))
        assert main(["--data-dir", str(home), "record", number, "--seconds", "1.2", *SMALL]) == 2
        err = capsys.readouterr().err
        assert "[disk_low]" in err and ("3." in err or "4." in err)
