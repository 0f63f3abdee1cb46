"""Recordings as case evidence: notice, attach, verify (tamper), recover after SIGKILL, listed in the report."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli import main

from .conftest import intake_dict

ROOT = Path(__file__).resolve().parents[2]
SMALL = ["--source", "demo", "--size", "320x240", "--fps", "15"]


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(tmp_path / "desk")
    assert main(["--data-dir", d, "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "W01",
                 "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    for _ in range(2):
        f = tmp_path / "case.json"
        f.write_text(json.dumps(intake_dict(), ensure_ascii=False), encoding="utf-8")
        assert main(["--data-dir", d, "case", "add", "--json", str(f)]) == 0
    capsys.readouterr()
    return d


def _numbers(home: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    return [r["number"] for r in json.loads(capsys.readouterr().out)]


def _events(home: str, number: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "show", number, "--json"]) == 0
    return [e for e in json.loads(capsys.readouterr().out)["events"] if e["kind"] == "recording"]


def test_notice_first_then_recordings_chain_and_verify(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _numbers(home, capsys)
    assert main(["--data-dir", home, "record", a, "--seconds", "1.5", *SMALL]) == 2
    assert "--told" in capsys.readouterr().err
    assert main(["--data-dir", home, "record", a, "--seconds", "1.5", "--told", *SMALL]) == 0
    assert main(["--data-dir", home, "record", a, "--seconds", "1.5", *SMALL]) == 0
    assert main(["--data-dir", home, "record", b, "--seconds", "1.5", "--told", *SMALL]) == 0
    events = _events(home, a, capsys)
    assert [e["data"]["what"] for e in events] == ["notice_confirmed", "attached", "attached"]  # type: ignore[index]
    capsys.readouterr()
    assert main(["--data-dir", home, "verify"]) == 0
    assert "3 recording(s)" in capsys.readouterr().out

    # One flipped byte in a's second file: a fails, b still verifies.
    media = Path(home) / "recordings" / str(events[2]["data"]["file_name"])  # type: ignore[index]
    raw = bytearray(media.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    media.write_bytes(bytes(raw))
    assert main(["--data-dir", home, "verify", a]) == 1
    assert a in capsys.readouterr().err
    assert main(["--data-dir", home, "verify", b]) == 0


def test_edited_manifest_fails_verify(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = _numbers(home, capsys)
    assert main(["--data-dir", home, "record", a, "--seconds", "1.5", "--told", *SMALL]) == 0
    manifest = next((Path(home) / "recordings").glob("*.manifest.json"))
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["operator_staff_no"] = "9999"
    manifest.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", home, "verify", a]) == 1
    assert "MISMATCH" in capsys.readouterr().err


@pytest.mark.slow
def test_recording_killed_mid_way_is_recovered_and_attached(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = _numbers(home, capsys)
    folder = Path(home) / "recordings"
    child = subprocess.Popen([sys.executable, "-m", "app.cli", "--data-dir", home, "record", a, "--seconds", "60",
                              "--told", *SMALL], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        # Wait until at least 3 s of fragments are on disk (a condition, not a fixed sleep).
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            files = list(folder.glob("*.mp4")) if folder.exists() else []
            if files and files[0].stat().st_size > 60_000:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the recording never started")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert not list(folder.glob("*.manifest.json"))
    capsys.readouterr()
    assert main(["--data-dir", home, "recover"]) == 0
    assert "recovered 1 recording(s)" in capsys.readouterr().out
    events = _events(home, a, capsys)
    assert events[-1]["data"]["what"] == "recovered"  # type: ignore[index]
    assert float(events[-1]["data"]["duration_s"]) > 1.0  # type: ignore[index]
    assert main(["--data-dir", home, "verify", a]) == 0


def test_report_lists_recordings_with_hash(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = _numbers(home, capsys)
    assert main(["--data-dir", home, "record", a, "--seconds", "1.5", "--told", *SMALL]) == 0
    sha = str(_events(home, a, capsys)[-1]["data"]["sha256"])  # type: ignore[index]
    out = tmp_path / "report.pdf"
    assert main(["--data-dir", home, "report", a, "-o", str(out)]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace(" ", "").replace("\n", "")
    assert sha[:16] in flat


def test_signed_recording_never_attached_is_attached_at_start_up(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    from app.desk import open_desk
    from app.services import recordings as recs
    from app.services.identity import get_actor
    from recording.api import record_for

    a, _ = _numbers(home, capsys)
    desk = open_desk(home)
    try:
        with desk.write() as s:
            actor = get_actor(s, staff_no="1024")
            started = recs.begin_recording(s, desk.rulebook, actor, a, desk.paths.recordings, told=True,
                                           notice_text="notice")
        # Recorded and signed, but the program "quit" before attaching it to the case.
        result = record_for(1.5, "demo", desk.paths.recordings, started.meta, path=started.path,
                            signing_key=started.signing_key, width=320, height=240, fps=15)
    finally:
        desk.close()
    assert [e["data"]["what"] for e in _events(home, a, capsys)] == ["notice_confirmed"]  # type: ignore[index]
    capsys.readouterr()
    assert main(["--data-dir", home, "recover"]) == 0
    events = _events(home, a, capsys)
    assert events[-1]["data"]["sha256"] == result.sha256  # type: ignore[index]
    assert main(["--data-dir", home, "recover"]) == 0  # idempotent: attached once only
    assert len(_events(home, a, capsys)) == 2
    assert main(["--data-dir", home, "verify", a]) == 0
