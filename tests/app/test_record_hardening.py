"""`record` under attack: bad options, missing devices, file sources with and without sound, Ctrl-C and SIGTERM.

Each bad input must exit 2 with one line on stderr and leave the case untouched;
a missing camera, microphone or file refuses (the demo stands in only when demo
was chosen or in demo mode); a signal during a recording still gives a signed,
attached recording that `verify` accepts.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from app.cli import main
from app.recording_options import DEMO_ENV

from .conftest import intake_dict

ROOT = Path(__file__).resolve().parents[2]
SMALL = ["--size", "320x240", "--fps", "15"]


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv(DEMO_ENV, raising=False)
    d = str(tmp_path / "desk")
    assert main(["--data-dir", d, "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "W01",
                 "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    f = tmp_path / "case.json"
    f.write_text(json.dumps(intake_dict(), ensure_ascii=False), encoding="utf-8")
    assert main(["--data-dir", d, "case", "add", "--json", str(f)]) == 0
    capsys.readouterr()
    return d


def _number(home: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    return str(json.loads(capsys.readouterr().out)[0]["number"])


def _recording_events(home: str, number: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "show", number, "--json"]) == 0
    return [e for e in json.loads(capsys.readouterr().out)["events"] if e["kind"] == "recording"]


def _refused(home: str, number: str, args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run `record` expecting a refusal: exit 2, one error line, nothing on the case or on disk."""
    capsys.readouterr()
    assert main(["--data-dir", home, "record", number, "--told", *args]) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    assert _recording_events(home, number, capsys) == [], "the notice must not be recorded by a refused start"
    assert not list((Path(home) / "recordings").glob("*.mp4"))
    return lines[0]


def make_clip(path: Path, *, seconds: float = 3.0, tone_hz: float | None = 880.0) -> Path:
    """A 320x240 H.264 clip, with an AAC 44.1 kHz stereo tone when ``tone_hz`` is given."""
    with av.open(str(path), "w") as out:
        video = out.add_stream("libx264", rate=25)
        video.width, video.height, video.pix_fmt = 320, 240, "yuv420p"
        audio = out.add_stream("aac", rate=44_100) if tone_hz is not None else None
        if audio is not None:
            audio.layout = "stereo"
        for i in range(int(seconds * 25)):
            frame = av.VideoFrame.from_ndarray(np.full((240, 320, 3), (i * 3) % 255, dtype=np.uint8),
                                               format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, 25)
            for packet in video.encode(frame):
                out.mux(packet)
        if audio is not None and tone_hz is not None:
            n = int(44_100 * seconds)
            pcm = (0.4 * np.sin(2 * np.pi * tone_hz * np.arange(n) / 44_100)).astype(np.float32)
            for k in range(0, n, 1024):
                chunk = np.ascontiguousarray(np.stack([pcm[k:k + 1024]] * 2))
                aframe = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="stereo")
                aframe.sample_rate, aframe.pts, aframe.time_base = 44_100, k, Fraction(1, 44_100)
                for packet in audio.encode(aframe):
                    out.mux(packet)
        for stream in [video] + ([audio] if audio is not None else []):
            for packet in stream.encode(None):
                out.mux(packet)
    return path


def _dominant_hz(path: Path) -> tuple[float, float]:
    """(strongest frequency, peak level 0..1) of the decoded audio of a recording."""
    with av.open(str(path)) as container:
        chunks = [f.to_ndarray()[0] for f in container.decode(audio=0)]
    samples = np.concatenate(chunks).astype(np.float64)
    peak = float(np.abs(samples).max())
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.fft.rfftfreq(samples.size, 1 / 48_000)[int(spectrum.argmax())]), peak


@pytest.mark.parametrize(("args", "field"), [
    (["--seconds", "2", "--size", "0x0"], "size"),
    (["--seconds", "2", "--size=-320x240"], "size"),
    (["--seconds", "2", "--size", "100000x100000"], "size"),
    (["--seconds", "2", "--size", "640x480x3"], "size"),
    (["--seconds", "2", "--fps", "-5"], "fps"),
    (["--seconds", "2", "--fps", "0"], "fps"),
    (["--seconds", "2", "--fps", "inf"], "fps"),
    (["--seconds", "2", "--fps", "1000"], "fps"),
    (["--seconds", "2", "--fps", "fast"], "fps"),
    (["--seconds", "nan"], "seconds"),
    (["--seconds", "-3"], "seconds"),
    (["--seconds", "0"], "seconds"),
    (["--seconds", "1e9"], "seconds"),
    (["--seconds", "ten"], "seconds"),
    (["--seconds", "2", "--source", "webcam"], "source"),
    (["--seconds", "2", "--source", "camera:"], "source"),
    (["--seconds", "2", "--source", "camera:x"], "source"),
    (["--seconds", "2", "--source", "camera:-2"], "source"),
    (["--seconds", "2", "--source", "file:"], "source"),
    (["--seconds", "2", "--source", "file:a.mp4,b.wav,c.wav"], "source"),
    (["--seconds", "2", "--source", "demo", "--microphone", "1"], "microphone"),
    (["--seconds", "2", "--source", "camera:0", "--microphone", "-1"], "microphone"),
    (["--seconds", "2", "--source", "camera:0", "--microphone", "bad\x07name"], "microphone"),
])
def test_every_bad_option_exits_2_with_one_line_and_writes_nothing(
        home: str, capsys: pytest.CaptureFixture[str], args: list[str], field: str) -> None:
    line = _refused(home, _number(home, capsys), [*SMALL, *args], capsys)
    assert line.startswith(f"error: {field}: ")


@pytest.mark.parametrize(("args", "names"), [
    (["--source", "camera:61"], ("camera:", "camera:61")),
    (["--source", "file:/no/such/clip.mp4"], ("source:", "/no/such/clip.mp4")),
])
def test_missing_camera_or_file_refuses_instead_of_recording_the_demo(
        home: str, capsys: pytest.CaptureFixture[str], args: list[str], names: tuple[str, str]) -> None:
    line = _refused(home, _number(home, capsys), ["--seconds", "2", *SMALL, *args], capsys)
    assert line.startswith(f"error: {names[0]}") and names[1] in line and line.endswith("[device_missing]")


def test_missing_audio_file_refuses_naming_it(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clip = make_clip(tmp_path / "clip.mp4", tone_hz=None)
    line = _refused(home, _number(home, capsys),
                    ["--seconds", "2", "--source", f"file:{clip},{tmp_path / 'gone.wav'}"], capsys)
    assert "gone.wav" in line and "[device_missing]" in line


def test_camera_from_the_settings_that_is_missing_refuses(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Path(home) / "config" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    number = _number(home, capsys)
    for device, named in (("59", "camera:59"), ("Desk Cam HD 3000", "Desk Cam HD 3000")):
        settings.write_text(json.dumps({"camera_device": device}), encoding="utf-8")
        line = _refused(home, number, ["--seconds", "2", *SMALL], capsys)
        assert line.startswith("error: camera: ") and named in line


def test_demo_mode_lets_the_demo_stand_in_and_says_so(home: str, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    number = _number(home, capsys)
    monkeypatch.setenv(DEMO_ENV, "1")
    assert main(["--data-dir", home, "record", number, "--told", "--seconds", "1", "--source", "camera:61",
                 *SMALL]) == 0
    err = capsys.readouterr().err
    assert "demo mode" in err and "camera:61" in err
    manifest = json.loads(next((Path(home) / "recordings").glob("*.manifest.json")).read_text(encoding="utf-8"))
    assert manifest["devices"]["video"].startswith("demo camera")


def test_file_source_keeps_the_files_own_sound(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = _number(home, capsys)
    clip = make_clip(tmp_path / "with sound.mp4", tone_hz=660.0)
    assert main(["--data-dir", home, "record", number, "--told", "--seconds", "2", "--source", f"file:{clip}"]) == 0
    manifest_path = next((Path(home) / "recordings").glob("*.manifest.json"))
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert "audio track of with sound.mp4" in manifest["devices"]["audio"]
    assert "demo" not in json.dumps(manifest["devices"])
    hz, peak = _dominant_hz(manifest_path.parent / manifest["file_name"])
    assert abs(hz - 660.0) < 5.0 and peak > 0.2, "the clip's tone is in the recording"
    assert main(["--data-dir", home, "verify", number]) == 0


def test_file_without_sound_says_so_and_records_silence(home: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    number = _number(home, capsys)
    clip = make_clip(tmp_path / "mute.mp4", tone_hz=None)
    assert main(["--data-dir", home, "record", number, "--told", "--seconds", "2", "--source", f"file:{clip}"]) == 0
    manifest_path = next((Path(home) / "recordings").glob("*.manifest.json"))
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest["devices"]["audio"].startswith("no audio in file mute.mp4")
    assert "microphone" not in manifest["devices"]["audio"]
    _hz, peak = _dominant_hz(manifest_path.parent / manifest["file_name"])
    assert peak == 0.0


def test_file_with_a_separate_sound_file(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import wave

    number = _number(home, capsys)
    clip = make_clip(tmp_path / "mute.mp4", tone_hz=None)
    wav_path = tmp_path / "voice.wav"
    with wave.open(str(wav_path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16_000)
        tone = 0.3 * np.sin(2 * np.pi * 500.0 * np.arange(16_000 * 3) / 16_000)
        wav.writeframes((tone * 32767).astype("<i2").tobytes())
    assert main(["--data-dir", home, "record", number, "--told", "--seconds", "2",
                 "--source", f"file:{clip},{wav_path}"]) == 0
    manifest_path = next((Path(home) / "recordings").glob("*.manifest.json"))
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert "voice.wav" in manifest["devices"]["audio"]
    hz, _peak = _dominant_hz(manifest_path.parent / manifest["file_name"])
    assert abs(hz - 500.0) < 5.0


# SIGHUP: the terminal window or SSH session the command ran in was closed.
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_signal_during_record_stops_cleanly_signs_and_attaches(
        home: str, capsys: pytest.CaptureFixture[str], sig: signal.Signals, code: int) -> None:
    number = _number(home, capsys)
    folder = Path(home) / "recordings"
    child = subprocess.Popen([sys.executable, "-m", "app.cli", "--data-dir", home, "record", number, "--seconds",
                              "120", "--told", "--source", "demo", *SMALL], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        # Wait until about 2 s of fragments are on disk (a condition, not a fixed sleep).
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            files = list(folder.glob("*.mp4")) if folder.exists() else []
            if files and files[0].stat().st_size > 40_000:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the recording never started")
        child.send_signal(sig)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == code, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert f"stopped early by {sig.name}" in out
    manifests = list(folder.glob("*.manifest.json"))
    assert len(manifests) == 1, "signed on the way out"
    events = _recording_events(home, number, capsys)
    attached = events[-1]["data"]
    assert attached["what"] == "attached"  # type: ignore[index]
    assert float(attached["duration_s"]) > 1.0  # type: ignore[index,arg-type]
    assert sig.name in str(events[-1]["reason"])
    assert main(["--data-dir", home, "verify", number]) == 0


def test_camera_and_microphone_settings_follow_the_same_limits() -> None:
    from app.settings import Settings

    def fields(settings: Settings) -> set[tuple[str, str]]:
        return {(p.field, p.code) for p in settings.problems()}

    assert fields(Settings(camera_device="camera:x")) == {("camera_device", "invalid_source")}
    assert fields(Settings(camera_device="file:")) == {("camera_device", "invalid_source")}
    assert fields(Settings(microphone_device="-1")) == {("microphone_device", "format")}
    for fine in ("", "0", "demo", "camera:2", "file:/srv/clip.mp4", "Integrated Webcam"):
        assert fields(Settings(camera_device=fine, microphone_device="USB Audio (hw:1,0)")) == set()


def test_scripts_run_has_an_explicit_demo_mode_on_a_machine_without_devices(
        home: str, capsys: pytest.CaptureFixture[str]) -> None:
    from recording.device_sources import missing_devices

    number = _number(home, capsys)
    env = {k: v for k, v in os.environ.items() if k != DEMO_ENV}
    env["QT_QPA_PLATFORM"] = "offscreen"
    args = [str(ROOT / "scripts" / "run"), "--data-dir", home, "record", number, "--told", "--seconds", "1",
            "--source", "camera:61", *SMALL]
    missing = missing_devices()
    run = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    if missing:
        assert "DEMO MODE" in run.stderr and missing[0] in run.stderr.split("DEMO MODE", 1)[1]
        assert run.returncode == 0, run.stderr
        assert "note: demo mode: camera not available: camera:61" in run.stderr
    else:
        assert "DEMO MODE" not in run.stderr and run.returncode == 2
    # Demo mode switched off by hand: the missing camera refuses, as at the desk.
    refused = subprocess.run(args, capture_output=True, text=True, env={**env, DEMO_ENV: "0"}, timeout=300)
    assert refused.returncode == 2 and "DEMO MODE" not in refused.stderr
    assert refused.stderr.strip().splitlines()[-1].startswith("error: camera: camera not available: camera:61")


def test_stop_signals_turn_ctrl_c_and_sigterm_into_a_stop_request() -> None:
    from app.stop_signals import StopSignals

    before = signal.getsignal(signal.SIGINT)
    with StopSignals() as signals:
        os.kill(os.getpid(), signal.SIGINT)  # no KeyboardInterrupt here
        os.kill(os.getpid(), signal.SIGTERM)  # a second signal while finishing is noted, not fatal
        assert signals.event.wait(5.0)
    assert signals.received == signal.SIGINT and signals.exit_code == 130 and signals.name == "SIGINT"
    assert signal.getsignal(signal.SIGINT) is before, "the previous handler is back afterwards"
