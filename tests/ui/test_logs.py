"""GUI and CLI write to the same rotating log file, and no ID, phone or card number ever reaches it."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from app.cli import main
from app.desk import open_desk
from app.paths import resolve_paths
from ui import operations
from ui.app import run_gui
from ui.main_window import MainWindow
from ui.tasks import SynchronousExecutor

from .conftest import OTHER_ID, VALID_CARD, VALID_ID, intake
from .test_intake_safety import fill

CLI_PHONE = "13955501234"
SECRETS = (VALID_ID, OTHER_ID, VALID_CARD, CLI_PHONE, "13600000000", "87654321")


def _logged(home: Path) -> str:
    folder = resolve_paths(str(home)).logs
    for handler in logging.getLogger().handlers:
        handler.flush()
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("complaint-desk.log*")))


def test_gui_and_cli_log_to_one_file_without_personal_data(qtbot: Any, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "desk"
    desk = open_desk(str(home))
    operations.set_up_desk(desk, branch_code="0591", branch_name="福州分行营业部", desk_code="W01",
                           bank_name="示例银行", staff_no="1024", operator_name="林晓")
    desk.close()

    # The GUI first (a process of its own): an intake typed and saved, and an error on the way.
    seen: dict[str, Any] = {}

    def intake_when_open(window: MainWindow) -> None:
        if window.ctx is None:
            QTimer.singleShot(5, lambda: intake_when_open(window))
            return
        form = window.new_case()
        fill(form)
        logging.getLogger("ui.test").warning("operator typed %s / %s", OTHER_ID, VALID_CARD)  # a careless message
        form.save()
        seen["saved"] = window.tabs.indexOf(form) < 0
        window.close()

    args = argparse.Namespace(data_dir=str(home), lang="zh_CN", operator="1024")
    assert run_gui(args, executor=SynchronousExecutor(), on_ready=intake_when_open) == 0
    assert seen["saved"], "the GUI intake went through"

    # Then the CLI on the same folder: a case added, and an error (a card number failing its check digit).
    data = intake(card_number=VALID_CARD)
    data["complainant"] = dict(data["complainant"], phone=CLI_PHONE)
    good = tmp_path / "case.json"
    good.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["--data-dir", str(home), "case", "add", "--json", str(good)]) == 0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(dict(data, card_number=VALID_CARD[:-1] + "5"), ensure_ascii=False), encoding="utf-8")
    assert main(["--data-dir", str(home), "case", "add", "--json", str(bad)]) == 2
    capsys.readouterr()

    text = _logged(home)
    assert "registered at the desk by operator 1024" in text, "the GUI writes to <data>/logs"
    assert "operator typed" in text, "warnings reach the file, not only stderr"
    for secret in SECRETS:
        assert secret not in text, f"{secret[:3]}… is in the log"
