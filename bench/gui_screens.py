"""Screenshots of every screen in both languages at 1366x768 and 1920x1080 (for looking at, and the README).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_screens.py STORE OUT_DIR

STORE is a desk home with demo data (``complaint-desk --data-dir STORE demo-data 300``);
it gets a few extra cases for the detail screens.  Synchronous executor: every
screen is complete when grabbed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.desk import open_desk  # noqa: E402
from app.domain.states import CaseAction  # noqa: E402
from app.settings import Settings  # noqa: E402
from ui.app import application, build_main_window  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.operations import desk_snapshot  # noqa: E402
from ui.setup_dialog import SetupDialog  # noqa: E402
from ui.style import apply_look  # noqa: E402
from ui.tasks import SynchronousExecutor  # noqa: E402

SIZES = {"1366x768": QSize(1366, 768), "1920x1080": QSize(1920, 1080)}


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


SMALL = False


def grab(widget: QWidget, path: Path, app: QApplication) -> None:
    settle(app)
    image = widget.grab().toImage()
    if SMALL:  # 256 colours: a fraction of the size, no visible loss for flat UI
        image = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.AvoidDither)
    image.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("out")
    parser.add_argument("--only", default="", help="comma-separated screen names")
    parser.add_argument("--small", action="store_true", help="256-colour PNGs (for docs/screenshots)")
    a = parser.parse_args()
    global SMALL
    SMALL = a.small
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    only = set(filter(None, a.only.split(",")))
    app = application()
    apply_look(app)
    desk = open_desk(a.store)
    executor = SynchronousExecutor()
    snapshot = desk_snapshot(desk)
    staff = [o.staff_no for o in snapshot.operators]
    supervisor = next((o.staff_no for o in snapshot.operators if o.role == "supervisor"), staff[0])

    def want(name: str) -> bool:
        return not only or name in only

    for lang in ("zh_CN", "en"):
        install_language(lang)
        for size_name, size in SIZES.items():
            tag = f"{lang}_{size_name}"
            window = build_main_window(desk, Settings(language=lang), executor, snapshot, operator=supervisor)
            window.resize(size)
            window.show()
            window.start()
            if want("list"):
                QTest.qWait(500)  # the match count comes after a typing pause
                grab(window, out / f"list_{tag}.png", app)
            if want("list"):
                page = window.list_page
                page.due_filter.setCurrentIndex(page.due_filter.findData("open"))
                QTest.qWait(500)
                model = page.model
                urgent = next((r for r in range(model.rowCount()) if model.data(model.index(r, 6), 8) is not None), 0)
                page.view.scrollTo(model.index(max(0, urgent - 8), 0), page.view.ScrollHint.PositionAtTop)
                grab(window, out / f"list_open_{tag}.png", app)
                page.due_filter.setCurrentIndex(0)
            form = window.new_case()
            if want("intake"):
                grab(window, out / f"intake_empty_{tag}.png", app)
            c = form.complainant
            c.name.setText("王小明")
            c.id_number.setText("11010519491231002X")
            c.phone.setText("1380000")
            form._left("complainant.phone")
            form.card.setText("6222021234567890")
            form._left("card_number")
            form.pickers["reason"].setText("服务")
            form._left("reason")
            form.proxy_box.setChecked(True)
            form.proxy.name.setText("李代理")
            form._left("proxy.absence_reason")
            form.show_all_problems()
            if want("intake"):
                grab(window, out / f"intake_errors_{tag}.png", app)
            form.discard_now()
            rows = window.list_page.model
            number = rows.row_at(0).case_number if rows.rowCount() else ""
            if number and want("detail"):
                view = window.open_case(number)
                grab(window, out / f"detail_{tag}.png", app)
                for action in (CaseAction.EXTEND, CaseAction.CLOSE, CaseAction.DECIDE, CaseAction.NEW_FACTS):
                    if action in view.action_buttons:
                        dialog = view.start_action(action)
                        if dialog is not None:
                            grab(dialog, out / f"action_{action.value}_{tag}.png", app)
                            dialog.reject()
            if want("settings") and size_name == "1366x768":
                dialog = window.open_settings()
                for i in range(dialog.tabs.count()):
                    dialog.tabs.setCurrentIndex(i)
                    grab(dialog, out / f"settings_{i}_{tag}.png", app)
                dialog.reject()
            window.close()
            window.deleteLater()
            settle(app)
        if want("setup"):
            tmp = Path(tempfile.mkdtemp(prefix="cd-setup-"))
            fresh = open_desk(tmp)
            dialog = SetupDialog(fresh, executor)
            dialog.show()
            grab(dialog, out / f"setup_{lang}.png", app)
            dialog.branch_code.setText("0")
            dialog.submit()
            grab(dialog, out / f"setup_errors_{lang}.png", app)
            dialog.reject()
            fresh.close()
            shutil.rmtree(tmp, ignore_errors=True)
    desk.close()
    QDialog  # noqa: B018 - keep the import for type readers
    return 0


if __name__ == "__main__":
    sys.exit(main())
