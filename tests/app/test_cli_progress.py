"""Long CLI tasks show a progress line on a terminal and nothing extra anywhere else."""

from __future__ import annotations

import os
import select
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.progress import ProgressLine


def _init(home: str) -> None:
    assert main(["--data-dir", home, "init", "--branch", "0591", "--branch-name", "福州分行营业部",
                 "--desk", "W01", "--staff-no", "1024", "--operator-name", "林晓"]) == 0


def _drain(fd: int) -> bytes:
    """What was written to the terminal (Linux answers EIO once the other side is closed and read out)."""
    out = b""
    while select.select([fd], [], [], 0)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return out


def test_demo_data_shows_progress_on_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    home = str(tmp_path / "desk")
    _init(home)
    capsys.readouterr()
    master, slave = os.openpty()
    with os.fdopen(slave, "w", encoding="utf-8", closefd=True) as tty:
        monkeypatch.setattr(sys, "stderr", tty)
        assert main(["--data-dir", home, "demo-data", "37"]) == 0
        monkeypatch.undo()
    shown = _drain(master).decode("utf-8")
    os.close(master)
    assert "demo-data: 0/37 (0%)" in shown
    assert shown.rstrip("\r\n").endswith("demo-data: 37/37 (100%)"), shown
    assert "\\u000d" not in shown, "the line is redrawn in place, not escaped"
    assert capsys.readouterr().out == "added 37 demo cases\n"


def test_demo_data_prints_no_progress_when_stderr_is_not_a_terminal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(tmp_path / "desk")
    _init(home)
    capsys.readouterr()
    assert main(["--data-dir", home, "demo-data", "12"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "added 12 demo cases\n" and captured.err == ""


def test_progress_line_redraws_a_few_times_a_second_not_per_step() -> None:
    master, slave = os.openpty()
    now = [0.0]
    with os.fdopen(slave, "w", encoding="utf-8") as tty:
        with ProgressLine("export", 1000, tty, clock=lambda: now[0]) as progress:
            for _ in range(1000):
                now[0] += 0.001  # one second in all
                progress.advance()
    shown = _drain(master).decode("utf-8")
    os.close(master)
    # Start, about five redraws in the second, the last step and the closing draw.
    assert 4 <= shown.count("\r") <= 10, shown
    assert shown.endswith("export: 1000/1000 (100%)\r\n") or shown.endswith("export: 1000/1000 (100%)\n")
