"""Issue 10, reception desk second pass: defects a receptionist hit in a full day's use."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from app.cli import main
from app.desk import Desk
from app.domain.states import CaseAction
from ui import operations
from ui.i18n import install_language

from .conftest import actor, intake

# Received so that the 60-day limit falls on New Year's Day 2027, a year the
# holiday package does not cover and the shipped override file leaves out.
_NEW_YEAR_2027_CASE = "2026-11-02T10:00:00+08:00"


def _case_due_new_year_2027(desk: Desk) -> str:
    who = actor(desk, "1024")
    number = operations.register(desk, who, intake(received_at=_NEW_YEAR_2027_CASE)).case_number
    for action in (CaseAction.ACCEPT, CaseAction.START):
        operations.perform(desk, who, number, action, {})
    operations.perform(desk, who, number, CaseAction.EXTEND, {"level": 1, "reason": "复杂。"})
    operations.perform(desk, who, number, CaseAction.EXTEND, {"level": 2, "reason": "特别复杂。", "approver": "2048"})
    return number


def test_a_limit_in_a_year_without_holiday_data_is_shown_uncertain_in_words(
        qtbot: Any, make_window: Any, desk: Desk) -> None:
    number = _case_due_new_year_2027(desk)
    window = make_window("1024")
    view = window.open_case(number)
    panel = view.deadline
    assert panel.grid.values["limit"].text().startswith("2027-01-01")
    for language in ("zh_CN", "en"):
        install_language(language)
        shown = "\n".join([panel.status.text(), *(v.text() for v in panel.grid.values.values())])
        assert "holiday_data_missing" not in shown, language
        assert "2027" in panel.status.text(), "the status line itself says which year lacks data"
        assert panel.icon_name != "ok", "an uncertain limit never gets the green tick"
    assert "uncertain" in panel.grid.values["limit"].text()
    assert "missing" in panel.status.text()
    install_language("zh_CN")
    assert "待定" in panel.grid.values["limit"].text()
    assert "2027年" in panel.status.text() and "节假日" in panel.status.text()


def test_the_case_report_prints_a_limit_without_holiday_data_as_uncertain(
        desk: Desk, desk_home: Path, tmp_path: Path) -> None:
    number = _case_due_new_year_2027(desk)
    pdf = tmp_path / "report.pdf"
    assert main(["--data-dir", str(desk_home), "--operator", "2048", "report", number, "-o", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    line = next(line for line in text.splitlines() if "法定期限" in line)
    assert "2027年1月1日" in line
    assert "待定" in text and "缺少2027年法定节假日数据" in text.replace("\n", "").replace(" ", "")
