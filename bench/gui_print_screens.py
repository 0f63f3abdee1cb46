"""Screenshots of the print preview (receipt and case report) and the case view's print buttons, both languages.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_print_screens.py OUT_DIR [--small]

Makes its own throw-away desk (and a file keyring for the receipt key) in a
temporary folder, registers one case and prints nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="cd-print-screens-"))
os.environ["XDG_DATA_HOME"] = str(_TMP / "keyring")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.desk import open_desk  # noqa: E402
from app.settings import Settings  # noqa: E402
from ui import operations, printing  # noqa: E402
from ui.app import application, build_main_window  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.operations import desk_snapshot  # noqa: E402
from ui.style import apply_look  # noqa: E402
from ui.tasks import SynchronousExecutor  # noqa: E402

CASE = {
    "complainant": {"name": "王小明", "id_type": "resident_id", "id_number": "11010519491231002X",
                    "phone": "13800000000", "address": "福州市鼓楼区五四路1号"},
    "card_number": "6222021234567894", "channel": "A01", "business": "B0302", "reason": "C01", "demand": "D01",
    "request": "要求退还2025年度信用卡年费680元，并撤销因此产生的逾期记录。",
    "facts": "投诉人称其于2024年办卡时被告知首年免年费、次年刷卡满6次免年费，2025年已刷卡8次，仍被扣收年费680元，"
             "并因未及时还款产生逾期记录。",
}


def settle(app: QApplication) -> None:
    # QPdfView renders its pages on a thread: give it a moment (a bench script, not a test).
    for _ in range(20):
        app.processEvents()
        time.sleep(0.05)


def grab(widget: QWidget, path: Path, app: QApplication, small: bool) -> None:
    settle(app)
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
    desk = open_desk(_TMP / "desk")
    operations.set_up_desk(desk, branch_code="0591", branch_name="福州分行营业部", desk_code="W01",
                           bank_name="示例银行信用卡中心", staff_no="1024", operator_name="林晓")
    admin = desk_snapshot(desk).operators[0]
    number = operations.register(desk, admin, CASE).case_number
    settings = replace(Settings(), hotline="95555", branch_contact="福州市鼓楼区五四路100号 0591-87000000",
                       receipt_layout="a5")
    for lang in ("zh_CN", "en"):
        install_language(lang)
        window = build_main_window(desk, replace(settings, language=lang), SynchronousExecutor(),
                                   desk_snapshot(desk), operator="1024")
        window.resize(1366, 768)
        window.show()
        window.start()
        view = window.open_case(number)
        grab(view, out / f"case_view_print_buttons_{lang}.png", app, a.small)
        for kind in (printing.RECEIPT, printing.REPORT):
            preview = view.documents.open_preview(kind)
            grab(preview, out / f"print_preview_{kind}_{lang}.png", app, a.small)
            preview.reject()
        # A copy saved as PDF (counted): the preview moves on to the next copy, marked 补打.
        preview = view.documents.open_preview(printing.RECEIPT)
        preview.save_to(_TMP / f"receipt_{lang}.pdf")
        grab(preview, out / f"print_preview_reprint_{lang}.png", app, a.small)
        preview.reject()
        window.close()
        settle(app)
    desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
