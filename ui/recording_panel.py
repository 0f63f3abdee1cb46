"""The recording panel of the case view: the notice first, then start/pause/stop with live preview, and the
case's recordings with playback.

The panel only shows a :class:`ui.recording_job.RecordingJob` (which lives with
the desk, so closing the view loses nothing) and asks the services through
:mod:`ui.recording_ops` on workers.  Frames arrive as QImages through queued
signals; the REC indicator, the level meter and the counters poll the
recorder's thread-safe stats ten times a second.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import DeskError
from app.services.cases import CaseChange
from app.services.queries import CaseDetail
from ui import recording_ops
from ui.context import DeskContext
from ui.playback import PlaybackDialog
from ui.recording_desk import RecordingDesk
from ui.recording_job import CaptureOptions, JobOutcome, RecordingJob
from ui.recording_notice import NoticeStep, fit_current_page
from ui.recording_texts import attach_failed_text, clock_text, ended_text, size_text, start_error_text
from ui.recording_widgets import LevelMeter, PreviewView, RecIndicator, RecordingList, RecordingRow, recording_rows
from ui.widgets import ErrorLabel

STATS_INTERVAL_MS = 100


class RecordingPanel(QGroupBox):
    """Recording the reception of one case."""

    # REC is on: the recorder runs (no argument).
    recordingStarted = Signal()
    # A recording of this case is over (argument: JobOutcome: attached, nothing kept, or not attached).
    recordingEnded = Signal(object)
    # A recording was opened for playback, after its audit entry (argument: PlaybackDialog).
    playbackOpened = Signal(object)

    def __init__(self, ctx: DeskContext, case_number: str, parent: QWidget | None = None, *,
                 options: CaptureOptions | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordingPanel")
        self.ctx = ctx
        self.case_number = case_number
        self.options = options
        """Devices and size; None: from the settings at each start."""
        self.desk = RecordingDesk.of(ctx)
        self.case: CaseDetail | None = None
        self.job: RecordingJob | None = None
        self.outcome: JobOutcome | None = None
        self.playback: PlaybackDialog | None = None
        self.preview_frames = 0
        self._last_phase = "idle"
        self._build()
        fit_current_page(self.pages)
        self.stats_timer = QTimer(self)
        self.stats_timer.setInterval(STATS_INTERVAL_MS)
        self.stats_timer.timeout.connect(self._poll)
        ctx.actorChanged.connect(lambda _a: self._render())
        ctx.settingsChanged.connect(lambda _s: self.retranslate())
        self.desk.jobsChanged.connect(self._adopt_job)
        self._adopt_job()
        self.retranslate()

    # --- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.notice = NoticeStep(self.ctx, self.case_number)
        self.notice.askAgain.connect(self._render)

        self.preview = PreviewView()
        self.indicator = RecIndicator()
        self.level_caption = QLabel()
        self.level = LevelMeter()
        self.format_label = QLabel()
        self.devices_label = QLabel()
        self.devices_label.setWordWrap(True)
        self.dropped_label = QLabel()
        self.demo_note = QLabel()
        self.demo_note.setWordWrap(True)
        self.demo_note.setProperty("role", "hint")
        self.start_button = QPushButton()
        self.start_button.setObjectName("recordStart")
        self.start_button.clicked.connect(self.start)
        self.pause_button = QPushButton()
        self.pause_button.clicked.connect(self.pause_or_resume)
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("recordStop")
        self.stop_button.clicked.connect(self.stop)
        info = QGridLayout()
        info.setVerticalSpacing(4)
        info.addWidget(self.indicator, 0, 0, 1, 2)
        info.addWidget(self.level_caption, 1, 0)
        info.addWidget(self.level, 1, 1)
        for i, part in enumerate((self.format_label, self.devices_label, self.dropped_label, self.demo_note)):
            info.addWidget(part, 2 + i, 0, 1, 2)
        info.setColumnStretch(1, 1)
        info.setRowStretch(6, 1)
        controls = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            controls.addWidget(button)
        controls.addStretch(1)
        info.addLayout(controls, 7, 0, 1, 2)
        recorder_page = QWidget()
        recorder_layout = QHBoxLayout(recorder_page)
        recorder_layout.setContentsMargins(0, 0, 0, 0)
        recorder_layout.addWidget(self.preview, 3)
        recorder_layout.addLayout(info, 2)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.notice)
        self.pages.addWidget(recorder_page)
        self.pages.currentChanged.connect(lambda _i: fit_current_page(self.pages))
        self.recorder_page = recorder_page
        self.message = ErrorLabel()
        self.saved_note = QLabel()
        self.saved_note.setWordWrap(True)
        self.saved_note.setProperty("role", "hint")
        self.saved_note.hide()
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retry_attach)
        self.retry_button.hide()
        self.list_caption = QLabel()
        self.recordings = RecordingList()
        self.recordings.playRequested.connect(self.play)
        self.play_button = QPushButton()
        self.play_button.clicked.connect(lambda: self.play(self.recordings.selected_file()))
        self.play_error = ErrorLabel()
        list_head = QHBoxLayout()
        list_head.addWidget(self.list_caption, 1)
        list_head.addWidget(self.play_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        layout.addWidget(self.saved_note)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(list_head)
        layout.addWidget(self.recordings)
        layout.addWidget(self.play_error)

    # --- the case ----------------------------------------------------------------------------
    def show_case(self, case: CaseDetail | None) -> None:
        """Redraw from the (re)loaded case: notice answer and the list of recordings."""
        if case is None or case.case_number != self.case_number:
            return
        self.case = case
        self.notice.show_answer(case)
        self.recordings.show_rows(recording_rows(case.events))
        self._render()

    @property
    def notice_state(self) -> str:
        """"confirmed", "refused" or "" (not asked yet)."""
        return self.notice.answer

    # --- recording ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start recording (devices open and the recorder starts on a worker)."""
        if self.job is not None and self.job.busy:
            return
        self.outcome = None
        self.message.show_message("")
        self.saved_note.setText("")
        self.saved_note.hide()
        self.retry_button.hide()
        if self.ctx.actor is None:
            self.message.show_message(self.tr("Choose the current operator first (status bar)."))
            return
        try:
            # Settings the limits refuse (app.recording_options) stop here, with the same words as a missing device.
            options = self.options or CaptureOptions.from_settings(self.ctx.settings)
        except DeskError as exc:
            self.message.show_message(start_error_text(exc))
            self._render()
            return
        self.preview_frames = 0
        self.preview.clear(self.tr("Starting the camera…"))
        try:
            self.desk.start(self.case_number, options)  # jobsChanged adopts the new job
        except DeskError as exc:
            self.message.show_message(start_error_text(exc))
        self._render()

    def pause_or_resume(self) -> None:
        if self.job is None:
            return
        if self.job.phase == "paused":
            self.job.resume()
        else:
            self.job.pause()

    def stop(self) -> None:
        """Stop: the file is finalised, signed and attached to the case in the background."""
        if self.job is not None:
            self.job.stop()

    @property
    def recording(self) -> bool:
        return self.job is not None and self.job.busy

    def _adopt_job(self) -> None:
        job = self.desk.job_for(self.case_number)
        if job is None or job is self.job:
            return
        self.job = job
        job.previewFrame.connect(self._frame)
        job.phaseChanged.connect(self._phase_changed)
        job.ended.connect(self._ended)
        self.stats_timer.start()
        self._phase_changed(job.phase)

    def _frame(self, image: QImage) -> None:
        self.preview_frames += 1
        self.preview.set_image(image)

    def _phase_changed(self, phase: str) -> None:
        if phase == "recording" and self._last_phase in ("idle", "starting"):
            self.recordingStarted.emit()
        self._last_phase = phase if phase != "done" else "idle"
        self._render()
        self._poll()

    def _poll(self) -> None:
        job = self.job
        if job is None:
            return
        stats = job.stats()
        self.level.set_peak(stats.audio_peak if job.phase in ("recording", "paused") else 0.0)
        self.dropped_label.setText(self.tr("Dropped frames: %1").replace("%1", str(stats.dropped_frames)))
        self._show_indicator(job.phase, stats.elapsed_s)

    def _show_indicator(self, phase: str, elapsed_s: float) -> None:
        words = {"recording": self.tr("REC"), "paused": self.tr("Paused"), "starting": self.tr("Starting…"),
                 "finishing": self.tr("Saving…"), "attaching": self.tr("Saving…")}.get(phase)
        if words is None:
            self.indicator.show_state("idle", self.tr("Not recording"), None)
        else:
            self.indicator.show_state(phase if phase in ("recording", "paused") else "idle", words,
                                      None if phase == "starting" else elapsed_s)

    def _ended(self, outcome: JobOutcome) -> None:
        self.job = None
        self.outcome = outcome
        self.stats_timer.stop()
        self.level.set_peak(0.0)
        self._show_outcome()
        self.preview.clear(self.tr("The camera picture shows here while recording."))
        self._render()
        self.recordingEnded.emit(outcome)

    def _show_outcome(self) -> None:
        outcome = self.outcome
        self.retry_button.setVisible(outcome is not None and outcome.attach_error is not None)
        if outcome is None:
            return
        result = outcome.result
        problems = []
        if outcome.start_error is not None:
            problems.append(start_error_text(outcome.start_error))
        else:
            problems.append(ended_text(result, outcome.error))
        if outcome.attach_error is not None and result is not None:
            problems.append(attach_failed_text(result.path.name, outcome.attach_error))
        self.message.show_message("\n".join(p for p in problems if p))
        if result is not None and outcome.change is not None:
            self.saved_note.setText(self.tr("Saved on the case: %1, %2, SHA-256 %3…")
                                    .replace("%1", clock_text(result.duration_s))
                                    .replace("%2", size_text(result.size_bytes)).replace("%3", result.sha256[:12]))
        else:
            self.saved_note.setText("")
        self.saved_note.setVisible(bool(self.saved_note.text()))

    def retry_attach(self) -> None:
        """Try again to put a recording that is saved (and signed) but not yet on the case."""
        outcome, actor = self.outcome, self.ctx.actor
        if outcome is None or outcome.result is None or actor is None:
            return
        desk, number, result = self.ctx.desk, self.case_number, outcome.result

        def attached(change: CaseChange) -> None:
            self.outcome = JobOutcome(number, result, outcome.error, change)
            self._show_outcome()
            self.ctx.announce(change)

        def failed(exc: BaseException) -> None:
            self.outcome = JobOutcome(number, result, outcome.error, attach_error=exc)
            self._show_outcome()

        self.ctx.run(lambda _s: recording_ops.attach(desk, actor, number, result), on_result=attached,
                     on_error=failed, parent=self, name="attach-again")

    # --- playback ----------------------------------------------------------------------------
    def play(self, file_name: str) -> None:
        """Write the playback to the audit log, then open the player."""
        actor = self.ctx.actor
        if not file_name:
            self.play_error.show_message(self.tr("Choose a recording in the list first."))
            return
        if actor is None:
            self.play_error.show_message(self.tr("Choose the current operator first (status bar)."))
            return
        row = next((r for r in self.recordings.rows if r.file_name == file_name), None)
        desk, number = self.ctx.desk, self.case_number
        self.play_error.show_message("")
        self.ctx.run(lambda _s: recording_ops.open_for_playback(desk, actor, number, file_name),
                     on_result=lambda path: self._open_player(path, row),
                     on_error=lambda exc: self.play_error.show_message(start_error_text(exc)),
                     parent=self, name="playback")

    def _open_player(self, path: object, row: RecordingRow | None) -> None:
        from pathlib import Path

        if self.playback is not None:
            self.playback.close()
        dialog = PlaybackDialog(Path(str(path)), self.case_number, row.sha256 if row else "", self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _o=None, d=dialog: self._player_gone(d))
        self.playback = dialog
        dialog.show()
        dialog.play()
        self.playbackOpened.emit(dialog)

    def _player_gone(self, dialog: PlaybackDialog) -> None:
        if self.playback is dialog:
            self.playback = None

    # --- drawing -----------------------------------------------------------------------------
    def _render(self) -> None:
        answer = self.notice.answer
        phase = self.job.phase if self.job is not None else "idle"
        busy = self.job is not None and self.job.busy
        told = answer == "confirmed" and not self.notice.asking_again
        self.pages.setCurrentWidget(self.recorder_page if busy or told else self.notice)
        self.notice.render()
        has_actor = self.ctx.actor is not None
        self.start_button.setEnabled(has_actor and not busy and answer == "confirmed")
        self.pause_button.setEnabled(phase in ("recording", "paused"))
        self.pause_button.setText(self.tr("Resume") if phase == "paused" else self.tr("Pause"))
        self.stop_button.setEnabled(phase in ("recording", "paused"))
        info = self.job.source_info if self.job is not None else None
        if info is not None:
            self.format_label.setText(self.tr("Picture: %1 × %2 at %3 fps").replace("%1", str(info.width))
                                      .replace("%2", str(info.height)).replace("%3", f"{info.fps:g}"))
            self.devices_label.setText(self.tr("Camera: %1").replace("%1", info.video) + "\n"
                                       + self.tr("Microphone: %1").replace("%1", info.audio))
            demo = info.demo_stands_in or info.video.startswith("demo")
            if info.demo_stands_in:
                self.demo_note.setText(self.tr("Demo mode: no camera or microphone was found, so a demo source "
                                               "(test picture, tone) stands in and this recording does not show "
                                               "the desk."))
            else:
                self.demo_note.setText(self.tr("Demo sources (test picture, tone) are chosen in Settings: this "
                                               "recording does not show the desk."))
            self.demo_note.setToolTip("\n".join(info.notes))
            self.demo_note.setVisible(demo)
        elif not busy:
            for label in (self.format_label, self.devices_label):
                label.setText("")
            self.demo_note.hide()
        self._show_indicator(phase, self.job.stats().elapsed_s if self.job is not None else 0.0)
        if self.job is None:
            self.dropped_label.setText("")
        # Idle, the panel is a line with the start button; the picture and the meter come with the recording.
        for part in (self.preview, self.level_caption, self.level):
            part.setVisible(busy)
        for label in (self.format_label, self.devices_label, self.dropped_label):
            label.setVisible(bool(label.text()))
        self.list_caption.setText(self.tr("Recordings of this case (%1)").replace(
            "%1", str(len(self.recordings.rows))) if self.recordings.rows else self.tr("No recordings yet."))
        self.play_button.setVisible(bool(self.recordings.rows))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Recording (audio and video)"))
        self.level_caption.setText(self.tr("Sound"))
        self.level.setAccessibleName(self.tr("Sound level"))
        self.start_button.setText(self.tr("Start recording"))
        self.stop_button.setText(self.tr("Stop and save"))
        self.retry_button.setText(self.tr("Put it on the case again"))
        self.play_button.setText(self.tr("Play"))
        if self.job is None:
            self.preview.clear(self.tr("The camera picture shows here while recording."))
        self._show_outcome()
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
