"""A progress dialog for a background task the operator waits for (window-modal, appears only if it takes a while).

Quick tasks finish before the dialog would show, so nothing flickers; a long
one shows its label, a bar (busy until the task reports a fraction, then the
percentage) and, when the task can stop early, a Cancel button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.tasks import Task

#: A task done sooner than this never shows the dialog.
SHOW_AFTER_MS = 500


class TaskProgressDialog(QProgressDialog):
    """Follows ``task``: progress from ``progressChanged``, closed on ``finished``, Cancel cancels it."""

    def __init__(self, task: Task, label: str, parent: QWidget | None = None, *, cancellable: bool = False,
                 cancel_text: str = "") -> None:
        super().__init__(parent)
        self.task = task
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setLabelText(label)
        self.setRange(0, 0)  # busy until the task says how far it is
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        if cancellable:
            self.setCancelButtonText(cancel_text or self.tr("Cancel"))
            self.canceled.connect(task.cancel)
        else:
            self.setCancelButton(None)  # type: ignore[arg-type]  # Qt: no button at all
        task.progressChanged.connect(self._progress)
        task.finished.connect(self._finished)
        self.setValue(0)  # starts the minimum-duration timer
        if task.done:
            self._finished()

    def _progress(self, fraction: float) -> None:
        if self.maximum() == 0:
            self.setRange(0, 100)
        self.setValue(round(fraction * 100))

    def _finished(self) -> None:
        self.reset()
        self.hide()
        self.deleteLater()
