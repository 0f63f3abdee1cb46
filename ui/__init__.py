"""The desk's Qt widgets: thin, calling app/ services through ui.operations."""

from ui import qtfixes as _qtfixes  # noqa: F401 - PySide6 work-arounds, before any signal is emitted
