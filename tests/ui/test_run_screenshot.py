"""scripts/run without a display: it says so, and --screenshot saves a picture of the window and exits."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from app.desk import Desk
from ui import operations

from .conftest import actor, intake

ROOT = Path(__file__).resolve().parents[2]


def _headless_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["COMPLAINT_DESK_DEMO_DEVICES"] = "0"  # no device probe: this is about the screen
    return env


def test_run_screenshot_saves_the_main_window_headless(qtbot: Any, desk: Desk, tmp_path: Path) -> None:
    operations.register(desk, actor(desk, "1024"), intake())
    out = tmp_path / "desk.png"
    done = subprocess.run([str(ROOT / "scripts" / "run"), "--screenshot", str(out), "--data-dir",
                           str(desk.paths.data), "--operator", "1024", "--lang", "en"],
                          env=_headless_env(), capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    assert f"saved a picture of the window (1366x768) to {out}" in done.stderr
    image = QImage(str(out))
    assert not image.isNull() and (image.width(), image.height()) == (1366, 768)
    # A drawn window, not an empty canvas: many colours (text, icons, table lines), some of them dark text.
    colours = {image.pixel(x, y) for x in range(0, 1366, 7) for y in range(0, 768, 7)}
    assert len(colours) > 50, len(colours)


def test_run_without_a_display_says_the_window_is_invisible_and_how_to_see_it(tmp_path: Path) -> None:
    proc = subprocess.Popen([str(ROOT / "scripts" / "run"), "--data-dir", str(tmp_path / "desk")],
                            env=_headless_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        assert proc.stderr is not None
        said = ""
        for line in proc.stderr:
            said += line
            if "NO DISPLAY" in line:
                break
        assert "invisible" in said and "scripts/run --screenshot" in said, said
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the app this test started, and its virtual screen
        proc.wait(timeout=60)
        if proc.stderr is not None:
            proc.stderr.close()
