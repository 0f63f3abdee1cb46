"""Sizes for dialogs that must fit the smallest screen the desk supports (1366x768 laptops).

A dialog asks for the size it would like; it gets that size capped at the
screen's free area (minus the window frame), so its buttons and its status
and error lines are never off-screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

# The smallest screen the desk is used on, and what a window may take of it: the
# taskbar (about 40 px) and a title bar with frame (about 32 px) are not ours.
SMALLEST_SCREEN = QSize(1366, 768)
FRAME_ALLOWANCE = QSize(16, 72)


def usable_area(available: QSize) -> QSize:
    """The room a dialog's content has on a screen whose free area is ``available``."""
    return QSize(max(0, available.width() - FRAME_ALLOWANCE.width()),
                 max(0, available.height() - FRAME_ALLOWANCE.height()))


def fitted_size(widget: QWidget, wanted: QSize, available: QSize) -> QSize:
    """``wanted`` capped at the usable area of ``available``, but never below the widget's minimum."""
    room = usable_area(available)
    least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    return wanted.boundedTo(room).expandedTo(least)


def screen_area(widget: QWidget) -> QSize:
    """The free area of the screen ``widget`` (or its parent) is on; the smallest supported when unknown."""
    screen = widget.screen()
    geometry: QRect | None = screen.availableGeometry() if screen is not None else None
    if geometry is None or geometry.isEmpty():
        return SMALLEST_SCREEN
    return geometry.size()


def fit_to_screen(widget: QWidget, wanted: QSize) -> None:
    """Resize ``widget`` to ``wanted`` or as much of it as its screen allows."""
    widget.resize(fitted_size(widget, wanted, screen_area(widget)))
