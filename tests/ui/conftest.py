"""GUI test set-up: a real desk store with operators, the synchronous executor, compiled translations."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from app.desk import Desk, open_desk
from app.services.identity import Actor
from app.settings import Settings
from ui import operations
from ui.app import build_main_window
from ui.i18n import I18N_DIR, install_language
from ui.main_window import MainWindow
from ui.operations import desk_snapshot
from ui.style import apply_look
from ui.tasks import SynchronousExecutor

LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")

VALID_ID = "11010519491231002X"  # GB 11643 sample number, check character X
VALID_CARD = "6222021234567894"  # passes Luhn
OTHER_ID = "110105199001011232"


def _compile_catalogues() -> None:
    """Build .qm from the committed .ts when scripts/bootstrap has not (or they are older)."""
    for ts in sorted(I18N_DIR.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(LRELEASE), "-silent", str(ts), "-qm", str(qm)], check=True)


@pytest.fixture(scope="session", autouse=True)
def _catalogues(qapp: QApplication) -> None:
    _compile_catalogues()
    apply_look(qapp)


@pytest.fixture(autouse=True)
def _chinese_by_default(qapp: QApplication) -> Iterator[None]:
    install_language("zh_CN")
    yield
    install_language("zh_CN")
    # No test may leave a worker behind.
    assert QThreadPool.globalInstance().waitForDone(5000)


@pytest.fixture
def desk(desk_home: Path) -> Iterator[Desk]:
    """A set-up desk: identity, an administrator 0001, receptionist 1024, supervisor 2048, receptionist 4096."""
    d = open_desk(desk_home)
    operations.set_up_desk(d, branch_code="0591", branch_name="福州分行营业部", desk_code="W01",
                           bank_name="示例银行", staff_no="0001", operator_name="管理员")
    admin = desk_snapshot(d).operators[0]
    for staff_no, name, role in (("1024", "林晓", "receptionist"), ("2048", "陈主管", "supervisor"),
                                 ("4096", "周敏", "receptionist")):
        operations.add_desk_operator(d, admin, staff_no=staff_no, name=name, role=role)
    yield d
    d.close()


def actor(desk: Desk, staff_no: str) -> Actor:
    return next(o for o in desk_snapshot(desk).operators if o.staff_no == staff_no)


def intake(**overrides: Any) -> dict[str, Any]:
    """A valid intake dict (the CLI's JSON)."""
    data: dict[str, Any] = {
        "complainant": {"name": "王小明", "id_type": "resident_id", "id_number": VALID_ID, "phone": "13800000000",
                        "address": "福州市鼓楼区五四路1号"},
        "channel": "A01", "business": "B0302", "reason": "C01", "demand": "D01",
        "request": "要求退还年费。", "facts": "投诉人称年费未经同意扣收。",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_window(qtbot: Any, desk: Desk) -> Iterator[Any]:
    """Build main windows over the test desk (synchronous executor), shown and started."""
    windows: list[MainWindow] = []

    def build(operator: str = "1024", *, language: str = "zh_CN") -> MainWindow:
        window = build_main_window(desk, Settings(language=language), SynchronousExecutor(), desk_snapshot(desk),
                                   operator=operator)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window.start()
        windows.append(window)
        return window

    yield build
    for window in windows:
        window.close()
