"""The key recovery step of the first run, and the permanent warning for a plain-file keyring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.desk import Desk
from app.keys import import_keys
from ui.key_recovery_dialog import KeyRecoveryDialog
from ui.tasks import SynchronousExecutor

from .conftest import actor


def test_recovery_file_is_saved_only_with_two_equal_long_passphrases(
        qtbot: Any, desk: Desk, tmp_path: Path) -> None:
    admin = actor(desk, "0001")
    dialog = KeyRecoveryDialog(desk, SynchronousExecutor(), admin.operator_id)
    qtbot.addWidget(dialog)
    out = tmp_path / "keys.cdkeys"
    dialog.path.setText(str(out))
    dialog.passphrase.setText("a long passphrase 1")
    dialog.repeat.setText("a long passphrase 2")
    dialog.submit()
    assert not out.exists() and dialog.saved is None
    assert dialog.errors.editor("repeat") is dialog.repeat
    assert dialog.repeat.property("invalid") is True
    dialog.passphrase.setText("short")
    dialog.repeat.setText("short")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.passphrase.property("invalid") is True)
    assert not out.exists()
    dialog.passphrase.setText("a long passphrase 1")
    dialog.repeat.setText("a long passphrase 1")
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    assert dialog.saved is not None and dialog.saved.desk_uuid == desk.desk_uuid
    restored = import_keys(desk.paths, out, "a long passphrase 1")  # the same keys: nothing conflicts
    assert set(restored.names) == set(dialog.saved.names)


def test_a_plain_file_keyring_shows_a_permanent_warning_in_the_status_bar(make_window: Any, desk: Desk) -> None:
    # The tests choose the file keyring explicitly (tests/conftest.py), as a headless desk does.
    assert desk.keyring_warning
    window = make_window()
    label = window.status.keyring_warning
    assert label.isVisible() and label.text() == "密钥存放在明文文件中"
    assert "明文" in label.toolTip()


def test_no_warning_with_a_secure_keyring(make_window: Any, desk: Desk) -> None:
    object.__setattr__(desk, "keyring_warning", "")
    window = make_window()
    assert not window.status.keyring_warning.isVisible()
