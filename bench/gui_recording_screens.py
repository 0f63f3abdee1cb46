"""Screenshots of the recording panel (notice step, recording, saved) in both languages, for looking at.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_recording_screens.py OUT_DIR [--small]

A throw-away desk with one case; demo sources at 1280x720.  Writes
recording_notice_<lang>.png, recording_<lang>.png (panel while recording),
recording_window_<lang>.png (the whole case view at 1366x768) and
recording_saved_<lang>.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

from app.desk import open_desk  # noqa: E402
from app.settings import Settings  # noqa: E402
from recording.api import DiskPolicy  # noqa: E402
from ui import operations  # noqa: E402
from ui.app import application, build_main_window  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.operations import desk_snapshot  # noqa: E402
from ui.recording_job import CaptureOptions  # noqa: E402
from ui.style import apply_look  # noqa: E402
from ui.tasks import ThreadPoolExecutor  # noqa: E402

INTAKE = {
    "complainant": {"name": "王小明", "id_type": "resident_id", "id_number": "11010519491231002X",
                    "phone": "13800000000", "address": "福州市鼓楼区五四路1号"},
    "channel": "A01", "business": "B0302", "reason": "C01", "demand": "D01",
    "request": "要求退还年费。", "facts": "投诉人称年费未经同意扣收。",
}


def run_until(app: QApplication, done: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.005)
    if not done():  # type: ignore[operator]
        raise SystemExit("timed out")


def grab(widget: QWidget, path: Path, small: bool) -> None:
    image = widget.grab().toImage()
    if small:
        image = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.AvoidDither)
    image.save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--small", action="store_true", help="256-colour PNGs (for docs/screenshots)")
    a = parser.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    apply_look(app)
    with tempfile.TemporaryDirectory(prefix="cd-rec-screens-") as home:
        os.environ.setdefault("XDG_DATA_HOME", str(Path(home) / "keyring"))
        desk = open_desk(home)
        operations.set_up_desk(desk, branch_code="0591", branch_name="福州分行营业部", desk_code="W01",
                               bank_name="示例银行", staff_no="1024", operator_name="林晓")
        who = desk_snapshot(desk).operators[0]
        for lang in ("zh_CN", "en"):
            install_language(lang)
            number = operations.register(desk, who, INTAKE).case_number
            executor = ThreadPoolExecutor()
            window = build_main_window(desk, Settings(language=lang), executor, desk_snapshot(desk))
            window.resize(1366, 768)
            window.show()
            window.start()
            view = window.open_case(number)
            run_until(app, lambda: view.case is not None)
            panel = view.recording_panel
            panel.options = CaptureOptions(source="demo", disk_policy=DiskPolicy(start_minutes=0.5))
            app.processEvents()
            grab(panel, out / f"recording_notice_{lang}.png", a.small)
            panel.notice.told_button.click()
            run_until(app, lambda: panel.notice_state == "confirmed")
            panel.start_button.click()
            run_until(app, lambda: panel.job is not None and panel.job.stats().elapsed_s >= 3.2)
            grab(panel, out / f"recording_{lang}.png", a.small)
            grab(window, out / f"recording_window_{lang}.png", a.small)
            panel.stop()
            run_until(app, lambda: panel.job is None and bool(panel.recordings.rows))
            app.processEvents()
            grab(panel, out / f"recording_saved_{lang}.png", a.small)
            window.close()
            executor.wait_for_done(10_000)
        desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
