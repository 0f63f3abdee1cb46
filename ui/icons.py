"""The desk's icons, loaded once from resources/icons (SVG, crisp at any DPI)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon if it is missing)."""
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def urgency_icon(level: str) -> QIcon:
    """Icon for a case's urgency: ``overdue``, ``due_soon`` or ``paused``."""
    return icon(level)
