"""The typed settings object and its dialog; the background task helper; first-run set-up."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool

from app.desk import Desk, open_desk
from app.errors import ValidationError
from app.settings import DocumentKind, Settings, load_settings, save_settings
from ui.operations import desk_snapshot
from ui.setup_dialog import SetupDialog
from ui.tasks import SynchronousExecutor, Task, TaskState, ThreadPoolExecutor, submit


def test_settings_round_trip_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    assert load_settings(path) == (Settings(), [])
    assert Settings().language == "zh_CN"
    wanted = Settings(language="en", hotline="95555", receipt_layout="80mm",
                      printers={DocumentKind.RECEIPT.value: "Counter-80"}, silent_print_receipt=True,
                      central_service_url="https://central.example/api")
    save_settings(path, wanted)
    assert load_settings(path) == (wanted, [])


def test_invalid_settings_fall_back_one_by_one_and_are_refused_on_save(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "fr", "hotline": "95555", "receipt_layout": "b5",
                                "silent_print_receipt": "yes", "printers": {"fax": "x", "receipt": "P1"},
                                "unknown": 1}), encoding="utf-8")
    settings, problems = load_settings(path)
    assert settings.language == "zh_CN" and settings.receipt_layout == "a5"
    assert settings.hotline == "95555", "valid values survive a neighbour's typo"
    assert settings.printers == {"receipt": "P1"}
    assert settings.silent_print_receipt is False
    assert {p.field for p in problems} == {"language", "receipt_layout", "silent_print_receipt", "printers.fax"}
    with pytest.raises(ValidationError) as caught:
        save_settings(path, Settings(central_service_url="ftp://x"))
    assert caught.value.problems[0].code == "url_format"
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path)[1][0].code == "json_syntax"


def test_settings_dialog_saves_and_shows_problems_inline(qtbot: Any, make_window: Any, desk: Desk) -> None:
    window = make_window("0001")
    dialog = window.open_settings()
    dialog.hotline.setText("95555")
    dialog.central_url.setText("central.example")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.errors._fields["central_service_url"][1].text() == "须以 http:// 或 https:// 开头"
    dialog.central_url.setText("https://central.example")
    dialog.printers["receipt"].setCurrentText("Counter-80")
    dialog.save_button.click()
    assert not dialog.isVisible()
    saved, problems = load_settings(desk.paths.settings_file)
    assert problems == []
    assert saved.hotline == "95555" and saved.printers == {"receipt": "Counter-80"}
    assert window.ctx.settings == saved


def test_settings_dialog_adds_an_operator(qtbot: Any, make_window: Any, desk: Desk) -> None:
    window = make_window("0001")
    dialog = window.open_settings()
    dialog.new_staff_no.setText("8192")
    dialog.new_name.setText("黄晶")
    dialog.add_operator_button.click()
    assert "8192" in [o.staff_no for o in desk_snapshot(desk).operators]
    assert window.status.operator.findData("8192") >= 0, "the status bar chooser offers the new operator"
    dialog.new_staff_no.setText("8192")
    dialog.new_name.setText("重复")
    dialog.add_operator_button.click()
    assert dialog.operator_errors._fields["staff_no"][1].text() == "该工号已存在。"
    dialog.reject()


def test_first_run_setup_dialog_creates_identity_and_operator(qtbot: Any, desk_home: Path) -> None:
    fresh = open_desk(desk_home / "fresh")
    try:
        dialog = SetupDialog(fresh, SynchronousExecutor())
        qtbot.addWidget(dialog)
        dialog.branch_code.setText("0")
        dialog.submit()
        assert dialog.result() == 0
        assert dialog.errors._fields["branch_code"][1].text() == "机构代码：2至10位字母或数字。"
        assert dialog.errors._fields["branch_name"][1].text() == "必填。"
        assert desk_snapshot(fresh).info is None, "nothing half-written"
        dialog.branch_code.setText("0591")
        dialog.branch_name.setText("福州分行营业部")
        dialog.desk_code.setText("w02")
        dialog.operator_name.setText("林晓")
        dialog.hotline.setText("95588")
        dialog.branch_contact.setText("福州市鼓楼区五四路100号 0591-87654321")
        dialog.submit()
        assert dialog.snapshot is not None
        snap = desk_snapshot(fresh)
        assert snap.info is not None and snap.info.desk_code == "W02"
        assert [(o.staff_no, o.name, o.role) for o in snap.operators] == [("0001", "林晓", "admin")]
    finally:
        fresh.close()


def test_task_results_arrive_on_the_gui_thread_and_cancel_drops_them(qtbot: Any) -> None:
    executor = ThreadPoolExecutor(QThreadPool.globalInstance())
    gui = threading.get_ident()
    seen: dict[str, Any] = {}
    release = threading.Event()

    def work(state: TaskState) -> int:
        seen["worker"] = threading.get_ident()
        state.set_progress(0.5)
        release.wait(5)
        return 42

    task = Task(work)
    task.resultReady.connect(lambda v: seen.update(result=v, result_thread=threading.get_ident()))
    task.progressChanged.connect(lambda p: seen.update(progress=p))
    with qtbot.waitSignal(task.finished, timeout=5000):
        executor.start(task)
        release.set()
    assert seen["result"] == 42 and seen["result_thread"] == gui and seen["worker"] != gui
    assert seen["progress"] == 0.5

    release.clear()
    cancelled = Task(work)
    got: list[object] = []
    cancelled.resultReady.connect(got.append)
    with qtbot.waitSignal(cancelled.finished, timeout=5000):
        executor.start(cancelled)
        cancelled.cancel()
        release.set()
    assert got == [], "a cancelled task delivers nothing"

    errors: list[BaseException] = []
    submit(SynchronousExecutor(), lambda _s: 1 / 0, on_error=errors.append)
    assert isinstance(errors[0], ZeroDivisionError)
    assert executor.wait_for_done(5000)
