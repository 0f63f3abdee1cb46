"""Logging for the desk: one rotating file in the logs folder for GUI and CLI alike, warnings on stderr.

Log lines carry ids, codes and case numbers only; personal data (names, ID,
card and phone numbers, free text) never goes into a log message.  As a second
line of defence every formatted line (tracebacks included) has any ID, card or
phone number, and any long run of digits, masked before it is written, so an
exception message that quotes typed input cannot leak it into the file.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from app.domain.masking import MaskStrength
from app.domain.pii_text import mask_free_text
from app.paths import DeskPaths

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE_NAME = "complaint-desk.log"


class ScrubbingFormatter(logging.Formatter):
    """A formatter that masks ID, card and phone numbers (and long digit runs) in what it formats."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_free_text(super().format(record), MaskStrength.PRINT, paper=True)


def log_file(paths: DeskPaths) -> Path:
    """The current log file of the desk at ``paths`` (older ones: ``.1`` to ``.5`` beside it)."""
    return paths.logs / LOG_FILE_NAME


def setup_logging(paths: DeskPaths, *, stderr_level: int = logging.WARNING) -> None:
    """Send log records to ``<logs>/complaint-desk.log`` (5 x 2 MB) and warnings to stderr.

    Called by the CLI and the GUI; calling it again for another data folder moves
    the file log there (one process, one desk at a time).
    """
    root = logging.getLogger()
    target = log_file(paths).resolve()
    ours = [h for h in root.handlers if getattr(h, "_complaint_desk", False)]
    files = [h for h in ours if isinstance(h, logging.handlers.RotatingFileHandler)]
    if ours and all(Path(h.baseFilename) == target for h in files):
        return
    for h in ours:
        root.removeHandler(h)
        h.close()
    paths.logs.mkdir(parents=True, exist_ok=True, mode=0o700)
    file_handler = logging.handlers.RotatingFileHandler(target, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(ScrubbingFormatter(_FORMAT))
    file_handler.setLevel(logging.INFO)
    err = logging.StreamHandler(sys.stderr)
    err.setFormatter(ScrubbingFormatter("%(levelname)s: %(message)s"))
    err.setLevel(stderr_level)
    for h in (file_handler, err):
        setattr(h, "_complaint_desk", True)
        root.addHandler(h)
    root.setLevel(logging.INFO)
