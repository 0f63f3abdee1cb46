"""The desk's recordings beyond one case view: one at a time, finished before quitting, recovered at start-up.

:class:`RecordingDesk` is a child of the :class:`ui.context.DeskContext`, so a
recording keeps going (and gets attached) even when its case view is closed
or rebuilt.  :func:`finish_recordings_first` is what the main window asks
before it closes a case tab or quits; :func:`recover_at_start` runs the
start-up recovery of recordings a crash left without a manifest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from app.errors import DeskError
from app.services.recordings import RecoveryReport
from ui import recording_ops
from ui.context import DeskContext
from ui.recording_texts import start_error_text
from ui.recording_job import CaptureOptions, RecordingJob
from ui.tasks import Task, TaskState

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

class RecordingDesk(QObject):
    """The recordings of this desk that are not over yet (one camera: one recording at a time)."""

    # A job started or ended (no argument).
    jobsChanged = Signal()

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx)
        self.setObjectName("recordingDesk")
        self.ctx = ctx
        self.jobs: list[RecordingJob] = []
        self.question: QMessageBox | None = None
        """The open "stop the recording?" question, if any (tests answer it)."""
        self._waiting: list[tuple[set[RecordingJob], Callable[[], None]]] = []

    @classmethod
    def of(cls, ctx: DeskContext) -> RecordingDesk:
        found = cls.find(ctx)
        return found if found is not None else cls(ctx)

    @classmethod
    def find(cls, ctx: DeskContext) -> RecordingDesk | None:
        found = ctx.findChild(QObject, "recordingDesk")
        return found if isinstance(found, RecordingDesk) else None

    def busy_jobs(self, case_number: str | None = None) -> list[RecordingJob]:
        return [j for j in self.jobs if j.busy and (case_number is None or j.case_number == case_number)]

    def job_for(self, case_number: str) -> RecordingJob | None:
        """The case's job that has not ended yet (it may be about to start)."""
        return next((j for j in self.jobs if j.case_number == case_number), None)

    def start(self, case_number: str, options: CaptureOptions) -> RecordingJob:
        """A new job for the case, started; ``recorder_busy`` while another case is being recorded."""
        other = next(iter(self.jobs), None)
        if other is not None:
            raise DeskError(f"case {other.case_number} is being recorded", code="recorder_busy",
                            case_number=other.case_number)
        job = RecordingJob(self.ctx, case_number, options, self)
        job.ended.connect(lambda _o, j=job: self._ended(j))
        self.jobs.append(job)
        self.jobsChanged.emit()
        job.start()
        return job

    def when_finished(self, jobs: list[RecordingJob], then: Callable[[], None]) -> None:
        """Call ``then`` (on a later event-loop pass) once all of ``jobs`` have ended."""
        pending = {j for j in jobs if j.busy}
        if not pending:
            QTimer.singleShot(0, then)
            return
        self._waiting.append((pending, then))

    def _ended(self, job: RecordingJob) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
        still: list[tuple[set[RecordingJob], Callable[[], None]]] = []
        for pending, then in self._waiting:
            pending.discard(job)
            if pending:
                still.append((pending, then))
            else:
                QTimer.singleShot(0, then)
        self._waiting = still
        self.jobsChanged.emit()
        job.deleteLater()


def finish_recordings_first(parent: QWidget, ctx: DeskContext, then: Callable[[], None], *,
                            case_number: str | None = None) -> bool:
    """Before closing: when a recording (of ``case_number``, or any) runs, ask; on yes stop it, finalise,
    attach, then call ``then``.

    Returns True when it took over (the caller must not close now), False when nothing is being recorded.
    """
    desk = RecordingDesk.find(ctx)
    if desk is None:
        return False
    busy = desk.busy_jobs(case_number)
    if not busy:
        return False
    if desk.question is not None and desk.question.isVisible():
        return True  # already asking
    if all(j.phase in ("finishing", "attaching") for j in busy):
        desk.when_finished(busy, then)  # already stopping: just wait for the file to be safe
        return True
    numbers = ", ".join(sorted({j.case_number for j in busy}))
    box = QMessageBox(QMessageBox.Icon.Warning, translate("RecordingDesk", "Recording in progress"),
                      translate("RecordingDesk", "Case {number} is being recorded. Stop the recording, save it "
                                "to the case and close?").format(number=numbers),
                      QMessageBox.StandardButton.NoButton, parent)
    stop = box.addButton(translate("RecordingDesk", "Stop, save and close"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(translate("RecordingDesk", "Keep recording"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.setWindowModality(Qt.WindowModality.WindowModal)

    def answered() -> None:
        desk.question = None
        box.deleteLater()
        if box.clickedButton() is not stop:
            return
        for job in busy:
            job.stop()
        desk.when_finished(busy, then)

    box.finished.connect(lambda _r: answered())
    desk.question = box
    box.open()
    return True


def recover_at_start(window: QMainWindow, ctx: DeskContext,
                     on_done: Callable[[RecoveryReport], None] | None = None) -> Task | None:
    """Recover recordings a crash left behind, on a worker; the status bar says what came back.

    Files in the recordings folder that this desk never started are named as foreign and left alone.
    """
    actor = ctx.actor
    if actor is None:
        return None
    desk = ctx.desk

    def recover(_state: TaskState) -> RecoveryReport:
        return recording_ops.recover(desk, actor)

    def recovered(report: RecoveryReport) -> None:
        found = report.recovered
        parts: list[str] = []
        if found:
            numbers = ", ".join(dict.fromkeys(number for number, _r in found))
            seconds = sum(r.duration_s for _n, r in found)
            text = translate("RecordingDesk", "Recovered {count} unfinished recording(s) ({seconds} s) after an "
                             "unexpected end and put them on their cases: {numbers}")
            parts.append(text.format(count=len(found), seconds=round(seconds), numbers=numbers))
        if report.foreign:
            text = translate("RecordingDesk", "{count} foreign file(s) in the recordings folder were not started "
                             "by this desk and were left alone: {names}")
            parts.append(text.format(count=len(report.foreign), names=", ".join(report.foreign)))
        if report.failed:
            text = translate("RecordingDesk", "{count} recording(s) could not be recovered and were left as they "
                             "are: {names}")
            parts.append(text.format(count=len(report.failed), names=", ".join(n for n, _w in report.failed)))
        if parts:
            window.statusBar().showMessage(" ".join(parts), 60_000)
        if found:
            refresh = getattr(window, "refresh", None)
            if callable(refresh):
                refresh()
        if on_done is not None:
            on_done(report)

    def failed(exc: BaseException) -> None:
        log.error("start-up recovery of recordings failed: %s", exc)
        text = translate("RecordingDesk", "Unfinished recordings could not be recovered: {detail}")
        window.statusBar().showMessage(text.format(detail=start_error_text(exc)), 60_000)

    return ctx.run(recover, on_result=recovered, on_error=failed, parent=window, name="recover-recordings")
