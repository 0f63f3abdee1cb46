"""First run asks where complainants ask about progress: the hotline and branch contact every receipt prints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.desk import open_desk
from app.settings import Settings, load_settings, save_settings
from ui.operations import desk_snapshot
from ui.setup_dialog import SetupDialog
from ui.tasks import SynchronousExecutor


def _fill_identity(dialog: SetupDialog) -> None:
    dialog.branch_code.setText("0591")
    dialog.branch_name.setText("福州分行营业部")
    dialog.desk_code.setText("W01")
    dialog.operator_name.setText("林晓")


def test_setup_refuses_a_missing_or_malformed_hotline_and_contact(qtbot: Any, desk_home: Path) -> None:
    fresh = open_desk(desk_home / "fresh")
    try:
        dialog = SetupDialog(fresh, SynchronousExecutor())
        qtbot.addWidget(dialog)
        dialog.branch_code.setText("0")
        dialog.submit()
        errors = {key: label.text() for key, (_editor, label) in dialog.errors._fields.items()}
        assert errors["hotline"] == "必填。" and errors["branch_contact"] == "必填。"
        assert errors["branch_code"] == "机构代码：2至10位字母或数字。", "every problem at once"
        _fill_identity(dialog)
        dialog.hotline.setText("12")
        dialog.branch_contact.setText("福州市鼓楼区五四路100号")
        dialog.submit()
        assert dialog.result() == 0
        assert dialog.errors._fields["hotline"][1].text() == "客服热线为5至20位数字，如 95588 或 400-820-8888。"
        assert desk_snapshot(fresh).info is None, "nothing written"
        assert not fresh.paths.settings_file.exists()

        dialog.hotline.setText("400-820-8888")
        dialog.submit()
        assert dialog.snapshot is not None
        saved, problems = load_settings(fresh.paths.settings_file)
        assert problems == []
        assert (saved.hotline, saved.branch_contact) == ("400-820-8888", "福州市鼓楼区五四路100号")
        assert dialog.settings == saved
    finally:
        fresh.close()


def test_setup_offers_contacts_already_in_the_settings(qtbot: Any, desk_home: Path) -> None:
    fresh = open_desk(desk_home / "fresh")
    try:
        save_settings(fresh.paths.settings_file, Settings(hotline="95555", receipt_layout="80mm"))
        dialog = SetupDialog(fresh, SynchronousExecutor())
        qtbot.addWidget(dialog)
        assert dialog.hotline.text() == "95555"
        _fill_identity(dialog)
        dialog.branch_contact.setText("福州市鼓楼区五四路100号")
        dialog.submit()
        saved, _ = load_settings(fresh.paths.settings_file)
        assert saved.hotline == "95555" and saved.receipt_layout == "80mm", "other settings are kept"
    finally:
        fresh.close()
