"""First run, after the desk is set up: the administrator saves the key recovery file.

A page of its own (not a row of the set-up form): it needs the desk's keys,
which exist only once the desk is open, and it can be put off ("Later") and
done with ``complaint-desk keys export`` afterwards.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.desk import Desk
from app.errors import Problem
from app.keys import KeyBackup
from ui.messages import error_problems, problem_text
from ui.task_progress import TaskProgressDialog
from ui.tasks import Executor, submit
from ui.widgets import ErrorLabel, FieldErrors, button_box, with_error

DEFAULT_NAME = "complaint-desk-keys.cdkeys"


class KeyRecoveryDialog(QDialog):
    """Asks where to save the recovery file and for its passphrase (twice); writes it on a worker."""

    def __init__(self, desk: Desk, executor: Executor, operator_id: str, *,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Shown while the file is being saved, if that takes a while.
        self.progress: TaskProgressDialog | None = None
        self.desk = desk
        self.executor = executor
        self.operator_id = operator_id
        self.saved: KeyBackup | None = None
        self.errors = FieldErrors()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.path = QLineEdit(str(Path.home() / DEFAULT_NAME))
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        path_row = QWidget()
        row = QHBoxLayout(path_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.form = QFormLayout()
        self._captions: dict[str, QLabel] = {}
        for key, editor, cell in (("out", self.path, path_row), ("passphrase", self.passphrase, self.passphrase),
                                  ("repeat", self.repeat, self.repeat)):
            caption = QLabel()
            caption.setBuddy(editor)
            error = ErrorLabel()
            self.errors.register(key, editor, error)
            self.form.addRow(caption, with_error(cell, error))
            self._captions[key] = caption
        self.general_error = ErrorLabel()
        self.buttons, self.ok_button, self.cancel_button = button_box()
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self.retranslate()
        self.passphrase.setFocus()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the key recovery file"), self.path.text())
        if chosen:
            self.path.setText(chosen)

    def submit(self) -> None:
        self.errors.clear()
        self.general_error.show_message("")
        if self.passphrase.text() != self.repeat.text():
            self.errors.show([Problem("passphrase_mismatch", "repeat", "the two passphrases differ")])
            return
        from app.services.key_backup import save_recovery_file

        desk, operator_id = self.desk, self.operator_id
        out, passphrase = Path(self.path.text().strip()), self.passphrase.text()
        self.buttons.setEnabled(False)
        task = submit(self.executor, lambda _s: save_recovery_file(desk, operator_id, out, passphrase),
                      on_result=self._done, on_error=self._failed, on_finished=lambda: self.buttons.setEnabled(True),
                      parent=self, name="save-key-recovery-file")
        # Deriving the key from the passphrase is slow on purpose: say what is happening if it takes a while.
        self.progress = TaskProgressDialog(task, self.tr("Saving the key recovery file: protecting it with the "
                                                         "passphrase takes a few seconds…"), self)

    def _done(self, backup: KeyBackup) -> None:
        self.saved = backup
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        unplaced = self.errors.show(error_problems(exc))  # fields "out" and "passphrase" are placed
        self.general_error.show_message("\n".join(problem_text(p) for p in unplaced))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Save the key recovery file"))
        self.intro.setText(self.tr(
            "This desk's keys live only in this computer's keyring. Save them now in a recovery file, protected "
            "by a passphrase of at least 12 characters, and keep file and passphrase apart, off this computer. "
            "Without it, if the keyring is lost (a new computer, a reinstalled system, a deleted user profile), "
            "the audit log can no longer be verified, receipts handed out can no longer be checked and "
            "recordings can no longer be proven genuine. An administrator can also save it later with "
            "`complaint-desk keys export`."))
        texts = {"out": self.tr("Recovery file"), "passphrase": self.tr("Passphrase"),
                 "repeat": self.tr("Passphrase again")}
        for key, caption in self._captions.items():
            caption.setText(texts[key])
        self.browse.setText(self.tr("Choose…"))
        self.ok_button.setText(self.tr("Save recovery file"))
        self.cancel_button.setText(self.tr("Later"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
