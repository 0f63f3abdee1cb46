"""Recordings as evidence under attack: foreign files, rewritten manifests, a lost key, files no case knows."""

from __future__ import annotations

import base64
import json
import sqlite3
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from app.cli import main
from app.secrets import get_secret, set_secret
from recording.manifest import SIGNING_KEY_NAME, _canonical, load_signing_key, manifest_path_for
from recording.model import RecordingMeta

from .conftest import intake_dict

SMALL = ["--source", "demo", "--size", "320x240", "--fps", "15"]


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(tmp_path / "desk")
    assert main(["--data-dir", d, "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "W01",
                 "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    assert main(["--data-dir", d, "operator", "add", "--staff-no", "1025", "--name", "王敏"]) == 0
    for _ in range(2):
        f = tmp_path / "case.json"
        f.write_text(json.dumps(intake_dict(), ensure_ascii=False), encoding="utf-8")
        assert main(["--data-dir", d, "case", "add", "--json", str(f)]) == 0
    capsys.readouterr()
    return d


@pytest.fixture
def key_kept() -> object:
    """Whatever a test does to the keyring, the desk key of this test run comes back afterwards."""
    load_signing_key(create=True)
    saved = get_secret(SIGNING_KEY_NAME).value
    yield saved
    assert saved is not None
    set_secret(SIGNING_KEY_NAME, saved)


def _numbers(home: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    return [r["number"] for r in json.loads(capsys.readouterr().out)]


def _case_id(home: str, number: str) -> str:
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        return str(db.execute("SELECT id FROM cases WHERE case_number = ?", (number,)).fetchone()[0])


def _recording_events(home: str, number: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "show", number, "--json"]) == 0
    events = json.loads(capsys.readouterr().out)["events"]
    return [e for e in events if e["kind"] == "recording" and e["data"]["what"] in ("attached", "recovered")]


def _video_with_tags(path: Path, tags: dict[str, str], seconds: float = 2.0) -> None:
    """A small H.264 MP4 made outside the desk (as with ffmpeg), with container tags of our choosing."""
    with av.open(str(path), "w", format="mp4", container_options={"movflags": "use_metadata_tags"}) as out:
        out.metadata.update(tags)
        stream = out.add_stream("libx264", rate=Fraction(15))
        stream.width, stream.height, stream.pix_fmt = 160, 120, "yuv420p"
        for i in range(int(seconds * 15)):
            frame = av.VideoFrame.from_ndarray(np.full((120, 160, 3), i * 7 % 255, dtype=np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)


def test_a_dropped_in_mp4_naming_a_case_is_foreign_never_attached(home: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = _numbers(home, capsys)
    meta = RecordingMeta(case_id=_case_id(home, a), case_number=a, branch="0591", desk="W01", staff_no="1024")
    folder = Path(home) / "recordings"
    folder.mkdir(exist_ok=True)
    planted = folder / f"{a.replace('-', '_')}_20260201-100000.mp4"
    _video_with_tags(planted, meta.as_metadata())
    before = planted.read_bytes()

    assert main(["--data-dir", home, "recover"]) == 0
    out = capsys.readouterr().out
    (line,) = [x for x in out.splitlines() if planted.name in x]
    assert "foreign" in line and "recovered 0 recording(s)" in out
    assert planted.read_bytes() == before and not manifest_path_for(planted).exists()
    assert _recording_events(home, a, capsys) == []

    assert main(["--data-dir", home, "verify"]) == 1
    err = capsys.readouterr().err
    assert planted.name in err and "foreign" in err


def test_a_manifest_rewritten_and_re_signed_with_the_desk_key_fails_verify(
        home: str, capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = _numbers(home, capsys)
    assert main(["--data-dir", home, "record", a, "--seconds", "1.5", "--told", *SMALL]) == 0
    manifest = next((Path(home) / "recordings").glob("*.manifest.json"))
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["operator_staff_no"], data["stopped_reason"] = "1025", "device_lost"
    data["signature"] = base64.b64encode(load_signing_key().sign(_canonical(data))).decode("ascii")
    manifest.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", home, "verify", a]) == 1
    err = capsys.readouterr().err
    assert "[manifest_store_mismatch]" in err and a in err
    assert "signature" not in err  # the signature itself is valid: only the cross-check catches it


def test_recordings_swapped_on_the_timeline_break_the_chain_in_the_case_order(
        home: str, capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = _numbers(home, capsys)
    assert main(["--data-dir", home, "record", a, "--seconds", "1.2", "--told", *SMALL]) == 0
    assert main(["--data-dir", home, "record", a, "--seconds", "1.2", *SMALL]) == 0
    assert main(["--data-dir", home, "verify", a]) == 0
    first, second = _recording_events(home, a, capsys)
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:  # someone with the store reorders the recordings
        db.execute("DROP TRIGGER case_events_no_update")
        case_id = _case_id(home, a)
        for event, other in ((first, second), (second, first)):
            db.execute("UPDATE case_events SET data = ? WHERE case_id = ? AND seq = ?",
                       (json.dumps(other["data"]), case_id, event["seq"]))
    capsys.readouterr()
    assert main(["--data-dir", home, "verify", a]) == 1
    assert "[chain_broken]" in capsys.readouterr().err


def test_a_lost_signing_key_is_an_error_and_verify_never_makes_one(
        home: str, capsys: pytest.CaptureFixture[str], key_kept: object) -> None:
    from app.secrets import delete_secret

    a, _ = _numbers(home, capsys)
    assert main(["--data-dir", home, "record", a, "--seconds", "1.2", "--told", *SMALL]) == 0
    delete_secret(SIGNING_KEY_NAME)
    capsys.readouterr()
    assert main(["--data-dir", home, "verify"]) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith("error: keyring: ") and "[signing_key_missing]" in err
    assert "key_untrusted" not in out + err and "Traceback" not in err
    assert get_secret(SIGNING_KEY_NAME).value is None  # no new key was made
    # Recording on a desk that has recordings needs the lost key back too; nothing is journalled or written.
    files = sorted(p.name for p in (Path(home) / "recordings").iterdir())
    assert main(["--data-dir", home, "record", a, "--seconds", "1.2", *SMALL]) == 2
    assert "[signing_key_missing]" in capsys.readouterr().err
    assert sorted(p.name for p in (Path(home) / "recordings").iterdir()) == files
    assert get_secret(SIGNING_KEY_NAME).value is None
    set_secret(SIGNING_KEY_NAME, str(key_kept))
    assert main(["--data-dir", home, "verify"]) == 0


def test_a_desk_without_recordings_verifies_without_a_key_and_its_first_recording_makes_one(
        home: str, capsys: pytest.CaptureFixture[str], key_kept: object) -> None:
    from app.secrets import delete_secret

    a, _ = _numbers(home, capsys)
    delete_secret(SIGNING_KEY_NAME)
    assert main(["--data-dir", home, "verify"]) == 0
    assert get_secret(SIGNING_KEY_NAME).value is None
    assert main(["--data-dir", home, "record", a, "--seconds", "1.2", "--told", *SMALL]) == 0
    made = get_secret(SIGNING_KEY_NAME).value
    assert made is not None and made != key_kept
    assert main(["--data-dir", home, "verify"]) == 0


def test_verify_lists_files_no_case_knows_and_recover_attaches_a_crash_left_empty_file(
        home: str, capsys: pytest.CaptureFixture[str]) -> None:
    from app.desk import open_desk
    from app.services import recordings as recs
    from app.services.identity import get_actor

    a, _ = _numbers(home, capsys)
    desk = open_desk(home)
    try:
        with desk.write() as s:  # started (journalled), then the machine died in the first second
            started = recs.begin_recording(s, desk.rulebook, get_actor(s, staff_no="1024"), a,
                                           desk.paths.recordings, told=True, notice_text="notice")
    finally:
        desk.close()
    started.path.parent.mkdir(exist_ok=True)
    started.path.write_bytes(b"")
    stray = started.path.parent / "notes.txt"
    stray.write_text("not a recording", encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", home, "verify"]) == 1
    err = capsys.readouterr().err
    assert f"{started.path.name}" in err and "[recording_unfinished]" in err and a in err
    assert "notes.txt" in err and "foreign" in err
    assert main(["--data-dir", home, "verify", a]) == 1  # the case's own check lists it too
    assert "[recording_unfinished]" in capsys.readouterr().err

    assert main(["--data-dir", home, "recover"]) == 0
    out = capsys.readouterr().out
    assert f"{a} recovered 0.0 s" in out and "nothing_playable" in out and "foreign notes.txt" in out
    (event,) = _recording_events(home, a, capsys)
    assert event["data"]["recovery_problem"] == "nothing_playable"  # type: ignore[index]
    assert event["data"]["sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # type: ignore[index]
    stray.unlink()
    assert main(["--data-dir", home, "verify"]) == 0


def test_notice_is_enforced_by_the_start_service_and_nothing_is_journalled_without_it(
        home: str, capsys: pytest.CaptureFixture[str]) -> None:
    from app.desk import open_desk
    from app.errors import DeskError
    from app.services import recordings as recs
    from app.services.identity import get_actor

    a, _ = _numbers(home, capsys)
    desk = open_desk(home)
    try:
        with pytest.raises(DeskError) as refused:
            with desk.write() as s:
                recs.begin_recording(s, desk.rulebook, get_actor(s, staff_no="1024"), a, desk.paths.recordings)
        assert refused.value.code == "recording_notice_required" and refused.value.field == "notice"
        with sqlite3.connect(desk.paths.database) as db:
            assert db.execute("SELECT count(*) FROM recording_journal").fetchone()[0] == 0
    finally:
        desk.close()


def test_the_recording_operator_is_the_one_who_started_it(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    from app.desk import open_desk
    from app.services import recordings as recs
    from app.services.identity import get_actor
    from recording.api import record_for

    a, _ = _numbers(home, capsys)
    desk = open_desk(home)
    try:
        with desk.write() as s:
            starter = get_actor(s, staff_no="1024")
            started = recs.begin_recording(s, desk.rulebook, starter, a, desk.paths.recordings, told=True,
                                           notice_text="notice")
        result = record_for(1.2, "demo", desk.paths.recordings, started.meta, started.previous_manifest_hash,
                            width=320, height=240, fps=15, path=started.path, signing_key=started.signing_key)
        with desk.write() as s:  # the desk's operator was switched to 1025 before the stop
            recs.attach_recording(s, desk.rulebook, get_actor(s, staff_no="1025"), a, result)
        with sqlite3.connect(desk.paths.database) as db:
            (operator,) = db.execute(
                "SELECT o.staff_no FROM case_events e JOIN operators o ON o.id = e.operator_id "
                "WHERE e.kind = 'recording' AND json_extract(e.data, '$.what') = 'attached'").fetchone()
    finally:
        desk.close()
    manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    assert operator == manifest["operator_staff_no"] == "1024"


def test_upgrading_a_store_enters_its_attached_recordings_in_the_journal(
        home: str, capsys: pytest.CaptureFixture[str]) -> None:
    from alembic import command

    from app.db.engine import make_engine
    from app.db.migrate import alembic_config

    a, _ = _numbers(home, capsys)
    assert main(["--data-dir", home, "record", a, "--seconds", "1.2", "--told", *SMALL]) == 0
    (event,) = _recording_events(home, a, capsys)
    engine = make_engine(Path(home) / "desk.sqlite3")
    try:  # back to the schema before the journal, as a desk of the previous release has it
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
    finally:
        engine.dispose()
    assert main(["--data-dir", home, "recover"]) == 0  # opening the desk upgrades it
    out = capsys.readouterr().out
    assert "foreign" not in out and "recovered 0 recording(s)" in out
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        rows = db.execute("SELECT file_name, state, staff_no, size_bytes FROM recording_journal").fetchall()
    assert rows == [(event["data"]["file_name"], "attached", "1024", event["data"]["size_bytes"])]  # type: ignore[index]
    assert main(["--data-dir", home, "verify"]) == 0
