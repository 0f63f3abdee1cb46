"""Plain data about a recording: who and what it is for, and what came out of it.

These cross thread and module boundaries (recorder thread -> GUI, recorder
-> case service events), so they are frozen dataclasses of plain values.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# Why a recording ended (``RecordingResult.stopped_reason``).
STOP_REQUESTED = "requested"        # the receptionist pressed stop
STOP_TIME_LIMIT = "time_limit"      # a headless recording reached its length
STOP_DISK_LOW = "disk_low"          # free space fell under the reserve; stopped cleanly
STOP_DEVICE_LOST = "device_lost"    # camera or microphone vanished; what was captured is kept
STOP_SOURCE_ENDED = "source_ended"  # a file source ran out
STOP_WRITE_FAILED = "write_failed"  # the disk refused a write (full, removed); file cut short
STOP_ERROR = "error"                # anything else; the message says what
STOP_INTERRUPTED = "interrupted"    # the program or machine died; finished by recovery

METADATA_PREFIX = "cd_"
"""Prefix of the container metadata keys this program writes (and recovery reads)."""


@dataclass(frozen=True)
class RecordingMeta:
    """What a recording belongs to; written into the container, the overlay and the manifest."""

    case_id: str
    case_number: str
    branch: str
    desk: str
    staff_no: str
    """The operator who started the recording (the journal's operator)."""
    recording_id: str = ""
    """The desk's journal entry for this recording ("" for files from before the journal)."""

    def as_metadata(self) -> dict[str, str]:
        return {METADATA_PREFIX + k: str(v) for k, v in asdict(self).items()}

    @classmethod
    def from_metadata(cls, tags: dict[str, str]) -> "RecordingMeta | None":
        fields = cls.__dataclass_fields__
        try:
            required = {k: tags[METADATA_PREFIX + k] for k in ("case_id", "case_number", "branch", "desk",
                                                                "staff_no")}
        except KeyError:
            return None
        optional = {k: tags[METADATA_PREFIX + k] for k in fields if k not in required and METADATA_PREFIX + k in tags}
        return cls(**required, **optional)


@dataclass(frozen=True)
class RecordingResult:
    """A finished (or recovered) recording with its signed manifest."""

    path: Path
    manifest_path: Path
    sha256: str
    duration_s: float
    frames: int
    dropped_frames: int
    audio_samples: int
    size_bytes: int
    recovered: bool
    stopped_reason: str
    manifest_sha256: str = ""
    """Hash of the manifest file: the ``previous_manifest_hash`` of the case's next recording."""
    message: str = ""
    """Why it stopped, in words, when that was not the operator's stop."""
    problem: str = ""
    """For a recovery that could not make a clean copy: its code (``disk_full``, ``remux_failed``,
    ``nothing_playable``); the original was then kept and signed as it stands."""

    def as_event(self) -> dict[str, Any]:
        """JSON-ready fields for a case event."""
        data = asdict(self)
        data["path"] = self.path.name
        data["manifest_path"] = self.manifest_path.name
        return data


@dataclass(frozen=True)
class DiskPolicy:
    """How much free space a recording needs to start and to go on."""

    start_minutes: float = 10.0
    """Refuse to start with room for fewer minutes than this (at the bitrate this desk's recordings
    really have, measured from its earlier recordings; the encoder's cap only for a desk's first)."""
    stop_reserve_s: float = 60.0
    """Stop cleanly when less than this much recording time is left (at the measured bitrate)..."""
    stop_reserve_bytes: int = 8 * 2**20
    """...or fewer bytes than this, whichever is more (the manifest's room is reserved apart)."""
    check_every_s: float = 1.0


@dataclass(frozen=True)
class RecorderStats:
    """A snapshot of a recording for the REC indicator, the counters and the level meter."""

    state: str
    """idle, recording, paused, finishing or finished."""
    elapsed_s: float
    """Recorded media time (pauses excluded)."""
    frames: int
    dropped_frames: int
    audio_samples: int
    audio_peak: float
    """0..1, with a short decay, for a level meter."""
    bytes_written: int
    bytes_per_s: float
    stopped_reason: str = ""


def minutes_left(free_bytes: int, bytes_per_s: float) -> float:
    """How many minutes of recording ``free_bytes`` hold at ``bytes_per_s``."""
    return free_bytes / max(1.0, bytes_per_s) / 60.0
