"""Logging for the desk: a rotating file in the logs folder, warnings on stderr.

Log lines carry ids, codes and case numbers only; personal data (names, ID,
card and phone numbers, free text) never goes into a log message.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys

from app.paths import DeskPaths

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(paths: DeskPaths, *, stderr_level: int = logging.WARNING) -> None:
    """Send log records to ``<logs>/complaint-desk.log`` (5 x 2 MB) and warnings to stderr."""
    root = logging.getLogger()
    if any(getattr(h, "_complaint_desk", False) for h in root.handlers):
        return
    paths.logs.mkdir(parents=True, exist_ok=True, mode=0o700)
    file_handler = logging.handlers.RotatingFileHandler(
        paths.logs / "complaint-desk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    file_handler.setLevel(logging.INFO)
    err = logging.StreamHandler(sys.stderr)
    err.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    err.setLevel(stderr_level)
    for h in (file_handler, err):
        setattr(h, "_complaint_desk", True)
        root.addHandler(h)
    root.setLevel(logging.INFO)
