"""Issue 8: a damaged key in the keyring is told in the operator's language where it stops the work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt

from app.desk import Desk
from app.errors import DeskError
from reports.verification import KEY_NAME
from ui import operations
from ui.printing import problem_message
from ui.receipt_check import ReceiptCheckDialog
from ui.recording_texts import start_error_text

from .conftest import actor, intake


@pytest.fixture
def damaged_receipt_key(desk: Desk) -> Iterator[None]:
    from app.secrets import entry_name

    path = Path(keyring.get_keyring().file_path)  # type: ignore[attr-defined]
    before = path.read_bytes() if path.exists() else None
    keyring.set_password("complaint-desk", entry_name(KEY_NAME), "@@@")  # decoded leniently, an empty HMAC key
    yield
    if before is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(before)


def test_receipt_check_dialog_tells_that_the_key_is_damaged(qtbot: Any, make_window: Any, desk: Desk,
                                                            damaged_receipt_key: None) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = make_window("1024")
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.findChild(ReceiptCheckDialog) is not None
                    and window.findChild(ReceiptCheckDialog).isVisible())
    dialog = window.findChild(ReceiptCheckDialog)
    qtbot.keyClicks(dialog.input, f"{number} ABCD-EFGH")
    with qtbot.waitSignal(dialog.checkFailed, timeout=10_000):
        qtbot.keyClick(dialog.input, Qt.Key.Key_Return)
    assert dialog.error.text() == "密钥环中本窗口的回执密钥已损坏，无法核验回执：请管理员从密钥备份中恢复。"
    assert dialog.last_check is None
    dialog.close()


def test_printing_and_recording_tell_that_a_key_is_damaged(qtbot: Any) -> None:
    damaged = DeskError("a key in the keyring is damaged", code="key_damaged", field="keyring")
    assert problem_message(damaged) == "密钥环中本工作站的回执密钥已损坏，不能生成回执：请管理员从密钥备份中恢复。"
    assert start_error_text(damaged) == ("系统密钥环中本工作站的录音录像签名密钥已损坏。在管理员从密钥备份中恢复该密钥之前，"
                                         "无法录制。")
