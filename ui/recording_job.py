"""One recording of a case in the GUI, from the start button to the event on the case.

A :class:`RecordingJob` drives the Qt-free :class:`recording.api.Recorder`:
opening the devices and starting run through the task helper (never on the GUI
thread); the recorder's worker thread hands preview frames and its end over as
queued signals (QImage only, never QPixmap); once the file is finalised and
signed, a worker with its own Session attaches it to the case.  The job lives
with the desk (see :mod:`ui.recording_desk`), not with the panel that shows
it, so closing a case view can never lose what was captured.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from app import recording_options as ro
from app.errors import DeskError, ValidationError
from app.services.cases import CaseChange
from app.settings import Settings
from recording.api import DiskPolicy, OpenedSources, Recorder, RecorderStats, RecordingResult, open_default_sources
from recording.media import Image
from recording.preview import to_qimage
from ui import recording_ops
from ui.context import DeskContext
from ui.tasks import TaskState

log = logging.getLogger(__name__)

IDLE_STATS = RecorderStats("idle", 0.0, 0, 0, 0, 0.0, 0, 0.0)


@dataclass(frozen=True)
class CaptureOptions:
    """Which devices a desk recording uses and at what size; tests choose the demo sources and a small size.

    The size and rate follow the limits of :mod:`app.recording_options` (the
    CLI's ``record`` refuses the same values); a value outside them raises
    ``ValidationError`` when the options are made.
    """

    source: str = "camera:0"
    """"camera:N", "demo" or "file:..."; a missing device refuses the recording (see ``demo_stand_in``)."""
    width: int = 1280
    height: int = 720
    fps: float = 25.0
    preview_fps: float = 20.0
    """Above the 15 fps the desk needs, so a late frame or two never drops the preview under it."""
    preview_width: int = 640
    microphone: str = ""
    """PortAudio input device (index or name) from Settings; "" for the system default."""
    disk_policy: DiskPolicy | None = None
    demo_stand_in: bool = False
    """Demo mode only (``COMPLAINT_DESK_DEMO_DEVICES=1``, set by scripts/run on a machine without devices):
    a missing camera or microphone is replaced by its demo twin, and the panel says so."""
    missing_camera: str = ""
    """A camera chosen by name in Settings that the system does not list: starting names it as missing."""
    opener: Callable[[CaptureOptions], OpenedSources] | None = field(default=None, compare=False)
    """Opens the sources instead of :func:`open_default_sources` (tests: a camera that gets unplugged)."""

    def __post_init__(self) -> None:
        found = [p for p in (ro.check_size(self.width, self.height), ro.check_fps(self.fps),
                             ro.check_microphone(self.microphone)) if p is not None]
        spec = ro.parse_source(self.source, "camera")
        if not isinstance(spec, ro.SourceSpec):
            found.append(spec)
        if found:
            raise ValidationError(found)

    @classmethod
    def from_settings(cls, settings: Settings) -> CaptureOptions:
        device = settings.camera_device.strip()
        missing = ""
        if device.isdigit():
            source = f"camera:{device}"
        elif device.startswith(("camera:", "file:")) or device == "demo":
            source = device
        else:
            # A camera chosen by name in Settings: OpenCV numbers devices in the order the system lists them.
            index = _camera_index(device)
            source, missing = (f"camera:{index}", "") if index is not None else ("camera:0", device)
        return cls(source=source, microphone=settings.microphone_device.strip(), demo_stand_in=ro.demo_mode(),
                   missing_camera=missing)

    def open_sources(self) -> OpenedSources:
        if self.opener is not None:
            return self.opener(self)
        if self.missing_camera and not self.demo_stand_in:
            raise DeskError(f"camera not available: {self.missing_camera} (not connected)", code="device_missing",
                            field="camera", device=self.missing_camera, detail="not connected")
        return open_default_sources(self.source, width=self.width, height=self.height, fps=self.fps,
                                    microphone=self.microphone, allow_fallback=self.demo_stand_in)


def _camera_index(name: str) -> int | None:
    """The OpenCV index of the camera the system lists under ``name`` (None when it is not listed)."""
    if not name:
        return 0
    try:
        from PySide6.QtMultimedia import QMediaDevices

        names = [d.description() for d in QMediaDevices.videoInputs()]
    except ImportError as exc:  # no multimedia backend: nothing can be matched by name
        log.warning("cannot list cameras: %s", exc)
        return None
    return names.index(name) if name in names else None


@dataclass(frozen=True)
class SourceInfo:
    """What the devices negotiated, for the panel."""

    width: int
    height: int
    fps: float
    video: str
    audio: str
    notes: tuple[str, ...]

    @property
    def demo_stands_in(self) -> bool:
        return bool(self.notes)


@dataclass(frozen=True)
class JobOutcome:
    """How a job ended: attached (``change``), nothing kept, or kept but not attached (``attach_error``)."""

    case_number: str
    result: RecordingResult | None
    error: DeskError | None
    change: CaseChange | None = None
    attach_error: BaseException | None = None
    start_error: BaseException | None = None


class _Capture:
    """The opened sources and the recorder of one job (built on a worker, handed to the GUI thread)."""

    def __init__(self, sources: OpenedSources, recording_id: str) -> None:
        self.sources = sources
        self.recording_id = recording_id
        self.recorder: Recorder | None = None
        self.finish_handled = False


PHASES = ("idle", "starting", "recording", "paused", "finishing", "attaching", "done")
BUSY_PHASES = frozenset({"starting", "recording", "paused", "finishing", "attaching"})


class RecordingJob(QObject):
    """One recording of one case; start once, pause/resume, stop; ends with an outcome."""

    # A preview picture (QImage) on the GUI thread, at most CaptureOptions.preview_fps a second.
    previewFrame = Signal(QImage)
    # The phase changed (argument: the new phase, one of PHASES).
    phaseChanged = Signal(str)
    # The job is over (argument: JobOutcome); emitted once, last.
    ended = Signal(object)

    # Worker-thread side, delivered queued to this object on the GUI thread.
    _frameFromWorker = Signal(QImage)
    _finishedFromWorker = Signal(object)

    MAX_FRAMES_IN_FLIGHT = 2
    """Preview frames queued to a busy GUI thread beyond this are skipped, never piled up."""

    def __init__(self, ctx: DeskContext, case_number: str, options: CaptureOptions,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_number = case_number
        self.options = options
        self.phase = "idle"
        self.source_info: SourceInfo | None = None
        self.outcome: JobOutcome | None = None
        self.frames_shown = 0
        self.frames_skipped = 0
        self._capture: _Capture | None = None
        self._actor = ctx.actor
        self._stop_wanted = False
        self._in_flight = 0
        self._lock = threading.Lock()
        self._frameFromWorker.connect(self._deliver_frame)
        self._finishedFromWorker.connect(self._recorder_finished)
        # Looks for a finish notice that never came while the job runs, with or without a panel polling it.
        self._watch = QTimer(self)
        self._watch.setInterval(1000)
        self._watch.timeout.connect(self._check_lost_finish)

    # --- control (GUI thread; none of these blocks) -----------------------------------------
    @property
    def busy(self) -> bool:
        return self.phase in BUSY_PHASES

    def start(self) -> None:
        """Check the notice, open the devices and start recording, all on a worker."""
        if self.phase != "idle":
            raise DeskError("recording already started", code="illegal_transition")
        actor = self.ctx.actor
        if actor is None:
            raise DeskError("no operator", code="no_operator")
        desk, number, options = self.ctx.desk, self.case_number, self.options
        preview = self._preview_on_worker
        self._actor = actor  # the operator who started it; the journal keeps them for the case event

        def open_and_start(_state: TaskState) -> _Capture:
            prepared = recording_ops.prepare_recording(desk, actor, number)  # notice checked, journal written
            try:
                capture = _Capture(options.open_sources(), prepared.recording_id)
            except BaseException as exc:
                recording_ops.abandon(desk, prepared.recording_id, getattr(exc, "code", type(exc).__name__))
                raise
            try:
                recorder = Recorder(
                    capture.sources.video, capture.sources.audio, prepared.path.parent, prepared.meta,
                    previous_manifest_hash=prepared.previous_manifest_hash, disk_policy=options.disk_policy,
                    preview=preview, preview_fps=options.preview_fps, preview_width=options.preview_width,
                    on_finished=lambda _result: self._worker_finished(capture), path=prepared.path,
                    signing_key=prepared.signing_key, expected_bytes_per_s=prepared.expected_bytes_per_s)
                capture.recorder = recorder
                recorder.start()
            except BaseException as exc:
                capture.sources.close()
                recording_ops.abandon(desk, prepared.recording_id, getattr(exc, "code", type(exc).__name__))
                raise
            return capture

        self._set_phase("starting")
        self.ctx.run(open_and_start, on_result=self._started, on_error=self._start_failed, parent=self,
                     name=f"record-{number}")

    def pause(self) -> None:
        if self.phase == "recording" and self._recorder is not None:
            self._recorder.pause()
            self._set_phase("paused")

    def resume(self) -> None:
        if self.phase == "paused" and self._recorder is not None:
            self._recorder.resume()
            self._set_phase("recording")

    def stop(self) -> None:
        """Ask the recorder to finish; the file is finalised, signed and attached in the background."""
        self._stop_wanted = True
        if self.phase in ("recording", "paused") and self._recorder is not None:
            self._recorder.stop()
            self._set_phase("finishing")

    def stats(self) -> RecorderStats:
        """A thread-safe snapshot for the REC indicator, the level meter and the counters.

        Also the safety net for a finish notice that never arrived (its listener
        failed on the recorder's thread): a finished recorder is then attached
        from here, so the job never stays "finishing".
        """
        self._check_lost_finish()
        recorder = self._recorder
        return recorder.stats() if recorder is not None else IDLE_STATS

    def _check_lost_finish(self) -> None:
        recorder, capture = self._recorder, self._capture
        if (recorder is not None and capture is not None and recorder.finished and not capture.finish_handled
                and recorder.listener_error is not None):
            log.error("the finish notice of recording %s was lost; attaching it now", self.case_number)
            self._recorder_finished(capture)

    @property
    def _recorder(self) -> Recorder | None:
        return self._capture.recorder if self._capture is not None else None

    # --- worker thread --------------------------------------------------------------------
    def _worker_finished(self, capture: _Capture) -> None:
        """The recorder's finish listener (its thread): hand the end over to the GUI thread."""
        self._finishedFromWorker.emit(capture)

    def _preview_on_worker(self, image: Image) -> None:
        with self._lock:
            if self._in_flight >= self.MAX_FRAMES_IN_FLIGHT:
                self.frames_skipped += 1
                return
            self._in_flight += 1
        self._frameFromWorker.emit(to_qimage(image))

    # --- GUI thread -----------------------------------------------------------------------
    @Slot(QImage)
    def _deliver_frame(self, image: QImage) -> None:
        with self._lock:
            self._in_flight -= 1
        if self.phase in ("recording", "paused", "finishing"):
            self.frames_shown += 1
            self.previewFrame.emit(image)

    def _started(self, capture: _Capture) -> None:
        if self._capture is None:
            self._capture = capture
        video, sources = capture.sources.video, capture.sources
        self.source_info = SourceInfo(video.width, video.height, video.fps, sources.devices["video"],
                                      sources.devices["audio"], tuple(sources.notes))
        if self.phase != "starting":
            return  # it already ended on its own (the finish signal came first)
        self._set_phase("recording")
        self._watch.start()
        if self._stop_wanted:
            self.stop()

    def _start_failed(self, exc: BaseException) -> None:
        log.info("recording of %s could not start: %s", self.case_number, exc)
        self._end(JobOutcome(self.case_number, None, exc if isinstance(exc, DeskError) else None,
                             start_error=exc))

    @Slot(object)
    def _recorder_finished(self, capture: _Capture) -> None:
        if self._capture is None:
            self._capture = capture
        if capture.finish_handled:
            return
        capture.finish_handled = True
        recorder = capture.recorder
        assert recorder is not None
        result, error = recorder.result, recorder.error
        self._set_phase("attaching")
        desk, actor, number = self.ctx.desk, self._actor, self.case_number
        sources, recording_id = capture.sources, capture.recording_id

        def close_and_attach(_state: TaskState) -> CaseChange | None:
            sources.close()
            if result is None:
                recording_ops.abandon(desk, recording_id, error.code if error is not None else "nothing_recorded")
                return None
            if actor is None:
                raise DeskError("no operator", code="no_operator")
            return recording_ops.attach(desk, actor, number, result)

        def attached(change: CaseChange | None) -> None:
            if change is not None:
                self.ctx.announce(change)
            self._end(JobOutcome(number, result, error, change))

        def not_attached(exc: BaseException) -> None:
            log.error("recording %s of case %s could not be attached: %s",
                      result.path.name if result else "-", number, exc)
            self._end(JobOutcome(number, result, error, attach_error=exc))

        self.ctx.run(close_and_attach, on_result=attached, on_error=not_attached, parent=self,
                     name=f"attach-{number}")

    def _set_phase(self, phase: str) -> None:
        if phase != self.phase:
            self.phase = phase
            self.phaseChanged.emit(phase)

    def _end(self, outcome: JobOutcome) -> None:
        self._watch.stop()
        self.outcome = outcome
        self._set_phase("done")
        self.ended.emit(outcome)
