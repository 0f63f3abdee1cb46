"""Background work for the GUI: a task object with progress and cancel, results back as queued signals.

Shaped after Orange3's ``widgets/utils/concurrent.py``: the GUI creates a
:class:`Task` around a plain function, connects to its signals and hands it to
an executor.  The function runs on a pool thread, opens its own Session and
returns plain dataclasses; the task re-emits the outcome on the GUI thread.
Tests swap :class:`ThreadPoolExecutor` for :class:`SynchronousExecutor`
(Picard's ``FakeThreadPool``), which runs the function at once, on the caller's thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from ui import qtfixes as _qtfixes  # noqa: F401 - PySide6 work-arounds, before any signal is emitted

log = logging.getLogger(__name__)


class TaskState:
    """What the running function sees of its task: cancel flag and progress (thread-safe)."""

    def __init__(self, report: Callable[[float], None]) -> None:
        self._cancelled = threading.Event()
        self._report = report

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def set_progress(self, fraction: float) -> None:
        """Report progress between 0.0 and 1.0 (delivered to the GUI thread, queued)."""
        self._report(max(0.0, min(1.0, fraction)))


class Task(QObject):
    """One call of ``fn(state)`` off the GUI thread; connect to the signals before starting it."""

    # Progress between 0.0 and 1.0, as reported by the function.
    progressChanged = Signal(float)
    # The function's return value (not emitted when the task was cancelled).
    resultReady = Signal(object)
    # The exception the function raised (not emitted when the task was cancelled).
    failed = Signal(object)
    # Emitted last, always: after resultReady, failed or a cancel.
    finished = Signal()

    # Worker-thread side: emitted from the pool thread, delivered queued to this
    # object (which lives on the GUI thread), so the public signals fire there.
    _outcome = Signal(bool, object)
    _progress = Signal(float)

    def __init__(self, fn: Callable[[TaskState], Any], *, name: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or getattr(fn, "__name__", "task")
        self._fn = fn
        self.state = TaskState(self._progress.emit)
        self.done = False
        self._outcome.connect(self._deliver)
        self._progress.connect(self.progressChanged)

    def cancel(self) -> None:
        """Ask the function to stop early and drop its outcome."""
        self.state.cancel()

    @property
    def cancelled(self) -> bool:
        return self.state.cancelled

    def run(self) -> None:
        """Run the function on the calling thread; the outcome is posted to the task's thread."""
        if self.state.cancelled:
            self._outcome.emit(False, None)
            return
        try:
            value = self._fn(self.state)
        except Exception as exc:  # noqa: BLE001 - every failure must reach the GUI, never kill the pool
            log.debug("task %s failed", self.name, exc_info=True)
            self._outcome.emit(False, exc)
        else:
            self._outcome.emit(True, value)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        self.done = True
        if not self.state.cancelled:
            if ok:
                self.resultReady.emit(value)
            elif value is not None:
                self.failed.emit(value)
        self.finished.emit()


class Executor(Protocol):
    """Runs tasks; the GUI only ever talks to this."""

    def start(self, task: Task) -> None: ...

    def wait_for_done(self, msecs: int = -1) -> bool: ...


class ThreadPoolExecutor:
    """The real executor: a QThreadPool; keeps each task alive until it has delivered."""

    def __init__(self, pool: QThreadPool | None = None, *, max_threads: int = 4) -> None:
        self._pool = pool or QThreadPool()
        self._pool.setMaxThreadCount(max_threads)
        self._active: set[Task] = set()

    def start(self, task: Task) -> None:
        self._active.add(task)
        task.finished.connect(lambda t=task: self._active.discard(t))
        self._pool.start(task.run)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every started function has returned (used at shut-down)."""
        return bool(self._pool.waitForDone(msecs))

    @property
    def active(self) -> int:
        return len(self._active)


class SynchronousExecutor:
    """The test executor: runs each task at once on the calling thread, signals delivered directly."""

    def __init__(self) -> None:
        self.started = 0

    def start(self, task: Task) -> None:
        self.started += 1
        task.run()

    def wait_for_done(self, msecs: int = -1) -> bool:
        return True

    @property
    def active(self) -> int:
        return 0


def submit(executor: Executor, fn: Callable[[TaskState], Any], *, on_result: Callable[[Any], None] | None = None,
           on_error: Callable[[BaseException], None] | None = None, on_finished: Callable[[], None] | None = None,
           parent: QObject | None = None, name: str = "") -> Task:
    """Create a task around ``fn``, connect the callbacks (run on the GUI thread) and start it."""
    task = Task(fn, name=name, parent=parent)
    if on_result is not None:
        task.resultReady.connect(on_result)
    if on_error is not None:
        task.failed.connect(on_error)
    if on_finished is not None:
        task.finished.connect(on_finished)
    executor.start(task)
    return task
