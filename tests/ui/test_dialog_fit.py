"""Every dialog the desk opens fits a 1366x768 screen, buttons and messages included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QDialog, QWidget

from app.desk import Desk, open_desk
from app.domain.states import CaseAction
from ui import operations, printing
from ui.detail.dialogs import ActionDialog
from ui.detail.view import RevealDialog
from ui.key_recovery_dialog import KeyRecoveryDialog
from ui.print_preview import PrintPreview
from ui.receipt_check import ReceiptCheckDialog
from ui.screen_fit import SMALLEST_SCREEN, fitted_size, screen_area, usable_area
from ui.settings_dialog import SettingsDialog
from ui.setup_dialog import SetupDialog
from ui.tasks import SynchronousExecutor

from .conftest import actor, intake

ROOM = usable_area(SMALLEST_SCREEN)


def _fits(size: QSize) -> bool:
    return size.width() <= ROOM.width() and size.height() <= ROOM.height()


def _assert_fits(dialog: QDialog, name: str) -> None:
    dialog.ensurePolished()
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    assert _fits(dialog.minimumSizeHint()), f"{name}: needs at least {dialog.minimumSizeHint()}"
    assert _fits(dialog.sizeHint()), f"{name}: asks for {dialog.sizeHint()} on a 1366x768 screen"
    # What it opens at on a 1366x768 screen (the preview asks for more and is capped at its screen).
    opened = (fitted_size(dialog, dialog.PREFERRED_SIZE, SMALLEST_SCREEN) if isinstance(dialog, PrintPreview)
              else dialog.size())
    assert _fits(opened), f"{name}: opens at {opened}"


def _visible_inside(widget: QWidget, dialog: QDialog) -> bool:
    top_left = widget.mapTo(dialog, QPoint(0, 0))
    return dialog.rect().contains(QRect(top_left, widget.size()))


def test_every_dialog_fits_a_1366x768_screen(qtbot: Any, desk: Desk, desk_home: Path, make_window: Any) -> None:
    window = make_window("2048")
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    case = operations.detail(desk, number)
    dialogs: list[tuple[str, QDialog]] = [
        ("settings", SettingsDialog(window.ctx, window)),
        ("receipt check", ReceiptCheckDialog(window.ctx, window)),
        ("reveal", RevealDialog(window.ctx, number, window)),
        ("key recovery", KeyRecoveryDialog(desk, SynchronousExecutor(), actor(desk, "0001").operator_id)),
        ("print preview (receipt)", PrintPreview(window.ctx, number, printing.RECEIPT, window)),
        ("print preview (report)", PrintPreview(window.ctx, number, printing.REPORT, window)),
        ("letter delivery", PrintPreview(window.ctx, number, printing.DECLINED_NOTICE, window)),
    ]
    for action in (CaseAction.ACCEPT, CaseAction.DECLINE, CaseAction.EXTEND, CaseAction.PAUSE, CaseAction.DECIDE,
                   CaseAction.CLOSE, CaseAction.WITHDRAW, CaseAction.HAND_OVER, CaseAction.NOTE):
        dialogs.append((f"action {action.value}", ActionDialog(window.ctx, case, action, window)))
    fresh = open_desk(desk_home / "fresh")
    try:
        dialogs.append(("set-up", SetupDialog(fresh, SynchronousExecutor())))
        for name, dialog in dialogs:
            qtbot.addWidget(dialog)
            _assert_fits(dialog, name)
    finally:
        for _name, dialog in dialogs:
            dialog.close()
        fresh.close()


def test_print_preview_opens_within_its_screen_with_its_buttons_and_messages_visible(
        qtbot: Any, desk: Desk, make_window: Any) -> None:
    window = make_window("1024")
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    preview = PrintPreview(window.ctx, number, printing.REPORT, window)
    qtbot.addWidget(preview)
    # It opens no larger than the screen it is on (the offscreen test screen is 800x800).
    room = usable_area(screen_area(preview))
    assert preview.width() <= room.width() and preview.height() <= room.height()
    # On a 1366x768 laptop, the buttons, the status and the error line are inside the window.
    preview.resize(fitted_size(preview, preview.PREFERRED_SIZE, SMALLEST_SCREEN))
    preview.show()
    qtbot.waitUntil(lambda: preview.built is not None)
    preview._show_error("打印机无响应。")
    qtbot.waitUntil(lambda: preview.error.isVisible())
    for widget in (preview.print_button, preview.save_button, preview.close_button, preview.error):
        assert widget.isVisible() and _visible_inside(widget, preview), widget
    # The page is scaled to fit: the whole width of the page shows without scrolling sideways.
    assert not preview.pages.horizontalScrollBar().isVisible()
    preview.reject()
