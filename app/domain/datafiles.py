"""Reading the versioned JSON data files (rules, holidays, classification) the same way everywhere."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from app.errors import DeskError


def read_json_file(path: Path | None, shipped: tuple[str, ...],
                   invalid: Callable[[str, str], DeskError]) -> tuple[object, str]:
    """Parsed JSON of ``path``, or of the file shipped at resources/<shipped...> when None, and its name.

    Unreadable or malformed files raise ``invalid(source, message)``, the caller's typed error.
    """
    if path is None:
        resource = files("resources").joinpath(*shipped)
        source, reader = str(resource), resource.read_text
    else:
        source, reader = str(path), Path(path).read_text
    try:
        text = reader(encoding="utf-8")
    except OSError as exc:
        raise invalid(source, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        return json.loads(text), source
    except json.JSONDecodeError as exc:
        raise invalid(source, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
