"""The desk's settings: declared once with types and defaults, stored as JSON, passed in as an object.

Widgets never read the file themselves: the GUI loads one :class:`Settings` at
start-up, hands it to whoever needs it, and saves it through :func:`save_settings`.
A damaged or partly invalid file never stops the desk: unknown keys are ignored
and invalid values fall back to their defaults, with the problems reported.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.errors import Problem

# app.errors is imported where problems are made: this module is read before the window
# shows, and every millisecond of start-up counts (bench/gui_bench.py).

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


class ReceiptLayout(StrEnum):
    """Paper the acknowledgement receipt is laid out for."""

    A4 = "a4"
    A5 = "a5"
    ROLL_80MM = "80mm"


class DocumentKind(StrEnum):
    """Documents the desk prints; each may go to its own printer."""

    RECEIPT = "receipt"
    CASE_REPORT = "case_report"
    DECISION_LETTER = "decision_letter"
    NOTICE = "notice"


DEFAULT_RECORDING_NOTICE = (
    "为保障您的合法权益，本投诉接待区全程录音录像，录制内容仅用于投诉处理与监督，依法保存。"
)

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_PHONE_CHARS = re.compile(r"^[0-9+\-() 转#ext.]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Settings:
    """Everything a desk installation can configure besides its identity (which lives in the store)."""

    language: str = DEFAULT_LANGUAGE
    #: Hotline printed on receipts ("how to ask about progress").
    hotline: str = ""
    #: Branch address / contact line printed on receipts.
    branch_contact: str = ""
    #: Bank name on receipts when the store's desk identity has none.
    bank_name: str = ""
    receipt_layout: str = ReceiptLayout.A5.value
    #: Printer name per document kind (DocumentKind value); missing means the system default.
    printers: dict[str, str] = field(default_factory=dict)
    silent_print_receipt: bool = False
    camera_device: str = ""
    microphone_device: str = ""
    recording_notice: str = DEFAULT_RECORDING_NOTICE
    central_service_url: str = ""
    #: Staff number of the operator chosen last at this desk (until login exists).
    last_operator: str = ""

    def problems(self) -> list[Problem]:
        """Everything wrong with these values (empty when valid)."""
        from app.errors import Problem

        found: list[Problem] = []
        if self.language not in LANGUAGES:
            found.append(Problem("choice", "language", "unknown language", {"allowed": list(LANGUAGES)}))
        if self.receipt_layout not in {x.value for x in ReceiptLayout}:
            found.append(Problem("choice", "receipt_layout", "unknown receipt layout",
                                 {"allowed": [x.value for x in ReceiptLayout]}))
        kinds = {x.value for x in DocumentKind}
        for kind in self.printers:
            if kind not in kinds:
                found.append(Problem("choice", f"printers.{kind}", "unknown document kind",
                                     {"allowed": sorted(kinds)}))
        if self.hotline and (not _PHONE_CHARS.match(self.hotline) or len(self.hotline) > 30
                             or not 5 <= sum(c.isdigit() for c in self.hotline) <= 20):
            found.append(Problem("hotline_format", "hotline",
                                 "a hotline is 5 to 20 digits, with dashes and spaces only (95588, 400-820-8888)"))
        for name, limit in (("branch_contact", 200), ("bank_name", 100), ("recording_notice", 500),
                            ("camera_device", 200), ("microphone_device", 200)):
            value = getattr(self, name)
            if len(value) > limit:
                found.append(Problem("too_long", name, f"is longer than {limit} characters", {"max": limit}))
        found.extend(_capture_problems(self.camera_device, self.microphone_device))
        if not self.recording_notice.strip():
            found.append(Problem("required", "recording_notice", "is required"))
        if self.central_service_url and not _URL.match(self.central_service_url):
            found.append(Problem("url_format", "central_service_url", "must start with http:// or https://"))
        return found

    def receipt_contact_problems(self) -> list[Problem]:
        """What a desk must have before its receipts can say where to ask about progress.

        The first-run set-up asks for both; a desk set up before may still lack them
        (the receipt then leaves the line out rather than print an empty slot).
        """
        from app.errors import Problem

        found = [p for p in self.problems() if p.field in ("hotline", "branch_contact")]
        for name in ("hotline", "branch_contact"):
            if not getattr(self, name).strip():
                found.append(Problem("required", name, "is required"))
        return found

    def validated(self) -> Settings:
        """These settings, or ValidationError listing every problem."""
        found = self.problems()
        if found:
            from app.errors import ValidationError

            raise ValidationError(found)
        return self

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _capture_problems(camera_device: str, microphone_device: str) -> list[Problem]:
    """The camera and microphone settings against the limits the CLI's ``record`` applies too."""
    from app.recording_options import SourceSpec, check_microphone, parse_source

    found: list[Problem] = []
    camera = camera_device.strip()
    if camera.startswith(("camera:", "file:")):  # a number, "demo" or a camera's name are taken as they are
        spec = parse_source(camera, "camera_device")
        if not isinstance(spec, SourceSpec):
            found.append(spec)
    mic = check_microphone(microphone_device, "microphone_device")
    if mic is not None:
        found.append(mic)
    return found


def _coerce(name: str, raw: Any, default: Any) -> Any:
    if isinstance(default, bool):
        return raw if isinstance(raw, bool) else default
    if isinstance(default, str):
        return raw.strip() if isinstance(raw, str) else default
    if isinstance(default, dict):
        if isinstance(raw, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
            return {k: v for k, v in raw.items() if v}
        return default
    return default  # pragma: no cover - every field is one of the above


def settings_from_json(data: Any) -> tuple[Settings, list[Problem]]:
    """Settings from parsed JSON: wrong types and invalid values fall back to defaults (reported)."""
    from app.errors import Problem

    base = Settings()
    if not isinstance(data, dict):
        return base, [Problem("type", "", "the settings file must hold a JSON object")]
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for f in fields(Settings):
        if f.name not in data:
            continue
        default = getattr(base, f.name)
        value = _coerce(f.name, data[f.name], default)
        if value is default and data[f.name] != default:
            problems.append(Problem("type", f.name, "has the wrong type; the default is used"))
        values[f.name] = value
    settings = replace(base, **values)
    # Drop each invalid value on its own, so one typo does not reset everything.
    for problem in settings.problems():
        key = problem.field.split(".", 1)[0]
        if key == "printers":
            kind = problem.field.split(".", 1)[1]
            settings = replace(settings, printers={k: v for k, v in settings.printers.items() if k != kind})
        else:
            settings = replace(settings, **{key: getattr(base, key)})
        problems.append(problem)
    return settings, problems


def load_settings(path: Path) -> tuple[Settings, list[Problem]]:
    """The settings stored at ``path`` (defaults when the file does not exist yet)."""
    from app.errors import Problem

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:
        return Settings(), [Problem("unreadable", "", f"cannot read {path}: {exc.strerror or exc}")]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Settings(), [Problem("json_syntax", "", f"{path} is not valid JSON (line {exc.lineno})")]
    return settings_from_json(data)


def save_settings(path: Path, settings: Settings) -> None:
    """Write ``settings`` atomically (a crash leaves the old file or the new one, never half)."""
    import tempfile

    settings.validated()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(settings.as_json(), out, ensure_ascii=False, indent=2, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
