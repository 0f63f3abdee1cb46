"""Work-arounds for bugs in the PySide6 release we ship with, applied once when ``ui`` is imported.

PySide6 6.12.0: ``SignalInstance.emit()`` returns ``True`` without taking a
reference, so every emit from Python lowers the reference count of ``True`` by
one; after a few thousand emits the interpreter aborts with "bool_dealloc:
deallocating True or False".  The fix below gives the reference back, and is
installed only when a probe shows the leak, so a fixed PySide6 is left alone.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    fired = Signal()


def _emit_steals_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    stolen = before - sys.getrefcount(True)
    for _ in range(max(0, stolen)):  # give the probe's losses back
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return stolen > 0


def install() -> bool:
    """Patch ``SignalInstance.emit`` if it leaks; returns whether the patch was needed."""
    if getattr(SignalInstance.emit, "_complaint_desk_fix", False) or not _emit_steals_true():
        return False
    original = SignalInstance.emit

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
        return result

    emit._complaint_desk_fix = True  # type: ignore[attr-defined]
    SignalInstance.emit = emit  # type: ignore[method-assign]
    return True


INSTALLED = install()
