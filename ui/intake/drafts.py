"""Intake drafts: one JSON file per unsaved form in DeskPaths.drafts, written atomically.

Drafts survive closing the form, closing the app and a crash (the form saves on
a timer and on close), and are removed once the case is registered or the
operator discards the draft.  The folder is 0700 like every desk folder: a
draft holds what was typed, personal data included.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PREFIX = "intake-"
DRAFT_FORMAT = 1


@dataclass(frozen=True)
class Draft:
    """One saved, unfinished intake form."""

    draft_id: str
    saved_at: datetime
    operator: str
    values: dict[str, Any]


def new_draft_id() -> str:
    return uuid.uuid4().hex


class DraftStore:
    """The drafts folder of one desk."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, draft_id: str) -> Path:
        return self.folder / f"{PREFIX}{draft_id}.json"

    def save(self, draft_id: str, values: dict[str, Any], *, operator: str = "") -> Draft:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        draft = Draft(draft_id, datetime.now(timezone.utc), operator, values)
        payload = {"format": DRAFT_FORMAT, "draft_id": draft_id, "saved_at": draft.saved_at.isoformat(),
                   "operator": operator, "values": values}
        fd, tmp = tempfile.mkstemp(prefix=".draft-", suffix=".json", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(payload, out, ensure_ascii=False)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self._path(draft_id))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return draft

    def load(self, draft_id: str) -> Draft | None:
        path = self._path(draft_id)
        return self._read(path) if path.exists() else None

    def _read(self, path: Path) -> Draft | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Draft(str(data["draft_id"]), datetime.fromisoformat(data["saved_at"]),
                         str(data.get("operator", "")), dict(data["values"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring unreadable draft %s: %s", path, exc)
            return None

    def all(self) -> list[Draft]:
        """Every readable draft, oldest first."""
        if not self.folder.exists():
            return []
        found = [self._read(p) for p in sorted(self.folder.glob(f"{PREFIX}*.json"))]
        return sorted((d for d in found if d is not None), key=lambda d: d.saved_at)

    def discard(self, draft_id: str) -> None:
        self._path(draft_id).unlink(missing_ok=True)
