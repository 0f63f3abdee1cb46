"""A task the operator waits for shows a progress dialog when it takes a while, and never when it is quick."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget

from app.desk import Desk
from ui.key_recovery_dialog import KeyRecoveryDialog
from ui.task_progress import TaskProgressDialog
from ui.tasks import SynchronousExecutor, TaskState, ThreadPoolExecutor, submit

from .conftest import actor


def test_a_long_task_shows_its_progress_until_it_is_done_and_can_be_cancelled(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()

    def work(state: TaskState) -> str:
        state.set_progress(0.4)
        release.wait(20)
        return "done"

    executor = ThreadPoolExecutor()
    try:
        task = submit(executor, work, parent=parent, name="long")
        dialog = TaskProgressDialog(task, "正在生成…", parent, cancellable=True, cancel_text="取消")
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        qtbot.waitUntil(lambda: dialog.value() == 40)
        assert dialog.labelText() == "正在生成…"
        cancel = [b for b in dialog.findChildren(QPushButton) if b.text() == "取消"]
        assert cancel and cancel[0].isVisible()
        with qtbot.waitSignal(task.finished, timeout=20_000):
            cancel[0].click()
            release.set()
        assert task.cancelled
        qtbot.waitUntil(lambda: not dialog.isVisible())
    finally:
        release.set()
        assert executor.wait_for_done(20_000)


def test_a_quick_task_shows_no_dialog(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    task = submit(SynchronousExecutor(), lambda _s: 1, parent=parent, name="quick")
    dialog = TaskProgressDialog(task, "x", parent)
    assert not dialog.isVisible()
    assert not [d for d in parent.findChildren(TaskProgressDialog) if d.isVisible()]


def test_saving_the_key_recovery_file_waits_in_a_progress_dialog(qtbot: Any, desk: Desk, tmp_path: Path) -> None:
    executor = ThreadPoolExecutor()
    dialog = KeyRecoveryDialog(desk, executor, actor(desk, "0001").operator_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(tmp_path / "keys.cdkeys"))
    dialog.passphrase.setText("a long passphrase 1")
    dialog.repeat.setText("a long passphrase 1")
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.submit()
        assert dialog.progress is not None and dialog.progress.labelText().startswith("正在保存密钥恢复文件")
    assert dialog.saved is not None and (tmp_path / "keys.cdkeys").exists()
    assert executor.wait_for_done(20_000)
