"""What the recording panel says: its error messages, why a recording ended, and how figures read.

The recording core raises typed errors (``DeskError`` with a code and params)
and ends recordings with a ``stopped_reason``; this module turns both into
sentences in the operator's language.  Codes it does not know go to the
desk-wide :func:`ui.messages.error_text`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.errors import DeskError, ValidationError
from ui.messages import error_text

if TYPE_CHECKING:
    from recording.api import RecordingResult

_CTX = "RecordingMessages"

# Errors that keep a recording from starting (or from being played back).
START_ERRORS: dict[str, str] = {
    "disk_low": QT_TRANSLATE_NOOP(
        "RecordingMessages", "Not enough free disk space to start: room for only {minutes_left} minutes of "
        "recording. Free some space or call the administrator."),
    "device_missing": QT_TRANSLATE_NOOP(
        "RecordingMessages", "No {device_kind} found ({device}). Check that it is plugged in, or choose another "
        "one in Settings."),
    "device_lost": QT_TRANSLATE_NOOP(
        "RecordingMessages", "The {device_kind} stopped working while starting. Check the cable and try again."),
    "write_failed": QT_TRANSLATE_NOOP(
        "RecordingMessages", "The recording file cannot be written ({file}). Check the recordings folder and the "
        "disk."),
    "invalid_source": QT_TRANSLATE_NOOP(
        "RecordingMessages", "The camera setting is not valid: choose the camera again in Settings."),
    "signing_key_unavailable": QT_TRANSLATE_NOOP(
        "RecordingMessages", "The key that signs recordings cannot be read from the system keyring: call the "
        "administrator."),
    "signing_key_missing": QT_TRANSLATE_NOOP(
        "RecordingMessages", "The key that signs this desk's recordings is missing from the system keyring. "
        "Recording is stopped until the administrator restores it from the key backup."),
    "key_damaged": QT_TRANSLATE_NOOP(
        "RecordingMessages", "The key that signs this desk's recordings is damaged in the system keyring. "
        "Recording is stopped until the administrator restores it from the key backup."),
    "recording_notice_required": QT_TRANSLATE_NOOP(
        "RecordingMessages", "Confirm first that the complainant was told about the recording."),
    "recorder_busy": QT_TRANSLATE_NOOP(
        "RecordingMessages", "Case {case_number} is being recorded: stop that recording first (one camera, one "
        "recording at a time)."),
    "recording_missing": QT_TRANSLATE_NOOP(
        "RecordingMessages", "The recording file {file} is missing from the recordings folder."),
    "nothing_recorded": QT_TRANSLATE_NOOP(
        "RecordingMessages", "Nothing was recorded: no picture came from the camera."),
}

# Why a recording ended when the receptionist did not stop it (RecordingResult.stopped_reason).
ENDED_EARLY: dict[str, str] = {
    "disk_low": QT_TRANSLATE_NOOP(
        "RecordingMessages", "The recording stopped early: free disk space ran low ({minutes_left} minutes left). "
        "Everything recorded until then is kept."),
    "device_lost": QT_TRANSLATE_NOOP(
        "RecordingMessages", "The recording ended early: the {device_kind} was disconnected. Everything recorded "
        "until then is kept."),
    "write_failed": QT_TRANSLATE_NOOP(
        "RecordingMessages", "The recording ended early: the disk refused to write (it may be full). Everything "
        "recorded until then is kept, signed and attached to the case."),
    "source_ended": QT_TRANSLATE_NOOP("RecordingMessages", "The recording ended: the source file ran out."),
    "error": QT_TRANSLATE_NOOP(
        "RecordingMessages", "The recording ended early because of an unexpected error ({detail}). What was "
        "recorded is kept."),
}

# Short words for the "ended early" note in the list of recordings.
REASON_WORDS: dict[str, str] = {
    "disk_low": QT_TRANSLATE_NOOP("RecordingMessages", "disk space ran low"),
    "device_lost": QT_TRANSLATE_NOOP("RecordingMessages", "device disconnected"),
    "write_failed": QT_TRANSLATE_NOOP("RecordingMessages", "disk refused to write"),
    "source_ended": QT_TRANSLATE_NOOP("RecordingMessages", "source ended"),
    "error": QT_TRANSLATE_NOOP("RecordingMessages", "unexpected error"),
}

# What a recording event on the case's timeline says.
EVENT_TEXTS: dict[str, str] = {
    "notice_confirmed": QT_TRANSLATE_NOOP("RecordingMessages", "complainant told about the recording"),
    "notice_refused": QT_TRANSLATE_NOOP("RecordingMessages", "complainant refused the recording"),
    "attached": QT_TRANSLATE_NOOP("RecordingMessages", "recording {file}, {length}, SHA-256 {hash}…"),
    "recovered": QT_TRANSLATE_NOOP("RecordingMessages",
                                   "recording {file} recovered after an unexpected end, {length}, SHA-256 {hash}…"),
}

DEVICE_KINDS: dict[str, str] = {
    "camera": QT_TRANSLATE_NOOP("RecordingMessages", "camera"),
    "microphone": QT_TRANSLATE_NOOP("RecordingMessages", "microphone"),
    "video_file": QT_TRANSLATE_NOOP("RecordingMessages", "video file"),
    "audio_file": QT_TRANSLATE_NOOP("RecordingMessages", "audio file"),
}


DEFAULT_MICROPHONE = QT_TRANSLATE_NOOP("RecordingMessages", "the system's default microphone")


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return tr(template).format(**params)
    except (KeyError, IndexError, ValueError):
        return tr(template)


def _params(error: DeskError | None) -> dict[str, Any]:
    if error is None:
        return {"device_kind": tr(DEVICE_KINDS["camera"]), "minutes_left": "?", "file": "", "detail": "",
                "device": "", "case_number": ""}
    params: dict[str, Any] = {"file": "", "detail": error.message, "device": "", "case_number": "",
                              "minutes_left": "?", **error.params}
    named = str(error.params.get("device_kind", ""))
    kind = named if named in DEVICE_KINDS else (error.field if error.field in DEVICE_KINDS else "camera")
    params["device_kind"] = tr(DEVICE_KINDS[kind])
    if params["device"] == "default microphone":  # the core's name for PortAudio's default input
        params["device"] = tr(DEFAULT_MICROPHONE)
    return params


def reason_words(stopped_reason: str) -> str:
    """A few words for why a listed recording ended early ("" for a normal stop)."""
    if stopped_reason in ("requested", "time_limit", "interrupted", ""):
        return ""
    return tr(REASON_WORDS.get(stopped_reason, REASON_WORDS["error"]))


def recording_event_text(data: Mapping[str, Any]) -> str:
    """The details of a recording event on the timeline."""
    what = str(data.get("what", ""))
    if what not in EVENT_TEXTS:
        return ""
    return _fill(EVENT_TEXTS[what], {"file": data.get("file_name", ""),
                                     "length": clock_text(float(data.get("duration_s", 0.0))),
                                     "hash": str(data.get("sha256", ""))[:12]})


def start_error_text(exc: BaseException) -> str:
    """Why a recording (or a playback) could not start, in the operator's language."""
    if isinstance(exc, ValidationError) and any(p.code in START_ERRORS for p in exc.problems):
        return "\n".join(_fill(START_ERRORS[p.code], _params(DeskError(p.message, code=p.code, field=p.field,
                                                                        **p.params)))
                         if p.code in START_ERRORS else error_text(DeskError(p.message, code=p.code, field=p.field))
                         for p in exc.problems)
    if isinstance(exc, DeskError) and exc.code in START_ERRORS:
        return _fill(START_ERRORS[exc.code], _params(exc))
    if isinstance(exc, DeskError) and exc.code == "disk_full":
        return _fill(START_ERRORS["write_failed"], _params(exc))
    return error_text(exc)


def ended_text(result: RecordingResult | None, error: DeskError | None) -> str:
    """Why a recording ended on its own ("" when the receptionist stopped it)."""
    if result is None:
        return start_error_text(error or DeskError("nothing was recorded", code="nothing_recorded"))
    reason = result.stopped_reason
    if reason in ("requested", "time_limit", ""):
        return ""
    if reason == "write_failed" or (error is not None and error.code == "disk_full"):
        return _fill(ENDED_EARLY["write_failed"], _params(error))
    return _fill(ENDED_EARLY.get(reason, ENDED_EARLY["error"]), _params(error))


def attach_failed_text(file_name: str, exc: BaseException) -> str:
    return QCoreApplication.translate(
        "RecordingMessages", "The recording is saved as {file} but could not be put on the case: {detail}").format(
        file=file_name, detail=error_text(exc))


def clock_text(seconds: float) -> str:
    """Elapsed time as h:mm:ss (the REC indicator) or m:ss under an hour."""
    total = max(0, int(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def size_text(size_bytes: int) -> str:
    return f"{size_bytes / 1e6:.1f} MB" if size_bytes >= 100_000 else f"{size_bytes / 1e3:.0f} kB"
