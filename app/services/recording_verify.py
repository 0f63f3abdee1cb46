"""`verify`: the journal, the case events, the files and the signed manifests, checked against each other.

For every recording on a case: the media file and its manifest are there,
the media hashes to what the manifest says, the manifest's signature is the
desk's own key, the manifest file itself hashes to what the case event
recorded (so a manifest rewritten and re-signed with the desk key is caught),
and the manifests chain in the order of the case's events.  For the whole
desk it also lists every file in ``recordings/`` that no case knows: a
foreign file (the journal never started it), a recording left unfinished or
unattached by a crash (``recover`` finishes it), or a journal entry whose file
is gone.  It never creates a signing key: a missing key is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.db.models import Case, RecordingJournalEntry
from app.desk import Desk
from app.errors import DeskError, Problem
from app.services.cases import load_case
from app.services.recordings import JOURNAL_RECORDING, CaseRecording, case_recordings, media_name_of
from recording.api import load_signing_key, manifest_hash, public_key_text, read_manifest, verify_chain, verify_recording
from recording.manifest import MANIFEST_SUFFIX
from recording.storage import RESERVE_SUFFIX, being_written


@dataclass
class VerifyReport:
    """What `verify` found: recordings checked, problems (any fails it), and notes that do not."""

    checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """E.g. a recording being made right now (its file is still being written)."""


def verify_recordings(desk: Desk, case_ref: str | None = None) -> VerifyReport:
    """Check every recording (of one case, or of the desk with its folder); see the module text.

    Raises ``DeskError`` (``signing_key_missing``, ``signing_key_unavailable``)
    when there are recordings to check and the desk's key cannot be read.
    """
    report = VerifyReport()
    with desk.read() as s:
        if case_ref is not None:
            refs = [load_case(s, case_ref).id]
        else:
            refs = list(s.scalars(select(Case.id).order_by(Case.received_at)))
        listing = {ref: (load_case(s, ref).case_number, case_recordings(s, ref)) for ref in refs}
        journal_query = select(RecordingJournalEntry)
        if case_ref is not None:
            journal_query = journal_query.where(RecordingJournalEntry.case_id == refs[0])
        journal = {e.file_name: (e.state, e.case_id, e.started_at.isoformat(timespec="seconds"))
                   for e in s.scalars(journal_query)}
    total = sum(len(recs) for _n, recs in listing.values())
    try:
        trusted: set[str] | None = {public_key_text(load_signing_key())}
    except DeskError as exc:
        if total or exc.code != "signing_key_missing":
            raise
        trusted = None  # nothing signed to check yet, and verify never makes a key
    folder = desk.paths.recordings
    for number, recs in listing.values():
        report.checked += len(recs)
        _check_case(folder, number, recs, trusted or set(), report.problems)
    known = {name for _n, recs in listing.values() for r in recs for name in (r.file_name, r.manifest_name)}
    numbers = {ref: number for ref, (number, _r) in listing.items()}
    _check_folder(folder, known, journal, numbers, report, whole_desk=case_ref is None)
    return report


def _check_case(folder: Path, number: str, recs: list[CaseRecording], trusted: set[str],
                problems: list[Problem]) -> None:
    manifests: list[Path] = []
    for rec in recs:
        media, manifest = folder / rec.file_name, folder / rec.manifest_name
        if not media.exists():
            problems.append(Problem("recording_missing", number, f"{rec.file_name} is missing"))
        if not manifest.exists():
            problems.append(Problem("manifest_missing", number, f"{rec.manifest_name} is missing"))
            continue
        try:
            stated = read_manifest(manifest)
        except DeskError as exc:
            problems.append(Problem(exc.code, number, f"{rec.manifest_name}: {exc.message}"))
            continue
        if stated.get("sha256") != rec.sha256:
            problems.append(Problem("store_mismatch", number,
                                    f"{rec.file_name}: the manifest's hash differs from the one on the case"))
        if manifest_hash(manifest) != rec.manifest_sha256:
            problems.append(Problem("manifest_store_mismatch", number,
                                    f"{rec.manifest_name}: the manifest is not the one attached to the case "
                                    "(rewritten after the recording was attached)"))
        manifests.append(manifest)
    for path in manifests:
        for problem in verify_recording(path, trusted_keys=trusted):
            problems.append(Problem(problem.code, number, f"{problem.field}: {problem.message}", problem.params))
    # The chain in the order the recordings went on the case, not in the order the hashes suggest.
    for problem in verify_chain(manifests):
        problems.append(Problem(problem.code, number, f"{problem.field}: {problem.message} (in the case's order)",
                                problem.params))


def _check_folder(folder: Path, known: set[str], journal: dict[str, tuple[str, str, str]],
                  numbers: dict[str, str], report: VerifyReport, *, whole_desk: bool) -> None:
    present: set[str] = set()
    entries = sorted(folder.iterdir()) if folder.is_dir() else []
    for path in entries:
        if path.name in known:
            continue
        media = media_name_of(path)
        if path.name.endswith(RESERVE_SUFFIX) and media in journal:
            continue  # room kept for an unfinished recording's manifest
        if media in present and media in journal:
            continue  # one line per recording (its media file and manifest together)
        present.add(media)
        found = journal.get(media)
        if found is None:
            if whole_desk:
                report.problems.append(Problem("recording_foreign", "recordings",
                                               f"{path.name}: foreign file, not a recording this desk started"))
            continue
        state, case_id, started = found
        where = numbers.get(case_id, "recordings")
        if state == JOURNAL_RECORDING:
            if being_written(folder / media):
                report.notes.append(f"{where}: {media} is being recorded now")
            elif (folder / media).with_name(Path(media).stem + MANIFEST_SUFFIX).exists():
                report.problems.append(Problem("recording_unattached", where,
                                               f"{media}: signed but on no case; run `recover` to attach it"))
            else:
                report.problems.append(Problem("recording_unfinished", where,
                                               f"{path.name}: started {started} and never finished; "
                                               "run `recover` to sign and attach it"))
        else:
            report.problems.append(Problem("recording_unattached", where,
                                           f"{path.name}: on no case although the journal says {state}"))
    for name, (state, case_id, started) in journal.items():
        if state == JOURNAL_RECORDING and name not in present and name not in known:
            report.problems.append(Problem("recording_missing", numbers.get(case_id, "recordings"),
                                           f"{name}: the journal has it started {started}, but the file is gone"))
