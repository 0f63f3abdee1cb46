"""What every window of the desk shares: the opened Desk, the settings, the executor, the operator.

One object, passed in to each widget (never a global), that also announces
changes the whole window must follow (another operator, a changed case, new
settings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.desk import Desk
from app.services.cases import CaseChange
from app.services.identity import Actor, DeskInfo
from app.settings import Settings, save_settings
from ui.operations import DeskSnapshot
from ui.tasks import Executor, Task, TaskState, submit


class DeskContext(QObject):
    """The shared state of one running desk application."""

    # The current operator changed (argument: Actor or None).
    actorChanged = Signal(object)
    # The operator list or the desk identity changed.
    deskChanged = Signal()
    # A case was created or changed through this window (argument: CaseChange).
    caseChanged = Signal(object)
    # Settings were saved (argument: Settings).
    settingsChanged = Signal(object)

    def __init__(self, desk: Desk, settings: Settings, executor: Executor, snapshot: DeskSnapshot,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.settings = settings
        self.executor = executor
        self.info: DeskInfo | None = snapshot.info
        self.operators: tuple[Actor, ...] = snapshot.operators
        self.actor: Actor | None = None

    def run(self, fn: Callable[[TaskState], Any], *, on_result: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_finished: Callable[[], None] | None = None, parent: QObject | None = None,
            name: str = "") -> Task:
        """Run ``fn`` on the executor; callbacks arrive on the GUI thread."""
        return submit(self.executor, fn, on_result=on_result, on_error=on_error, on_finished=on_finished,
                      parent=parent, name=name)

    def set_actor(self, staff_no: str) -> None:
        actor = next((o for o in self.operators if o.staff_no == staff_no), None)
        if actor == self.actor:
            return
        self.actor = actor
        if actor is not None and self.settings.last_operator != actor.staff_no:
            self.update_settings(replace(self.settings, last_operator=actor.staff_no))
        self.actorChanged.emit(actor)

    def set_snapshot(self, snapshot: DeskSnapshot) -> None:
        self.info = snapshot.info
        self.operators = snapshot.operators
        if self.actor is not None:
            self.actor = next((o for o in self.operators if o.staff_no == self.actor.staff_no), None)
        self.deskChanged.emit()

    def update_settings(self, settings: Settings) -> None:
        """Validate, save and announce new settings (raises ValidationError when invalid)."""
        save_settings(self.desk.paths.settings_file, settings)
        self.settings = settings
        self.settingsChanged.emit(settings)

    def announce(self, change: CaseChange) -> None:
        self.caseChanged.emit(change)

    def operator_names(self) -> dict[str, str]:
        return {o.staff_no: o.name for o in self.operators}
