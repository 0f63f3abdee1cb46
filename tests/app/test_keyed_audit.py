"""The keyed audit chain against someone who holds the store file but not the key; its head; the upgrade."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from app.cli import main
from app.db.engine import make_engine
from app.db.migrate import alembic_config
from app.db.models import AuditEntry
from app.desk import open_desk
from app.services.audit import GENESIS, _canonical, legacy_entry_hash

from .conftest import intake_dict

GUARDS = {
    "audit_log_no_update": "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                           "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "audit_log_no_delete": "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                           "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
}


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(tmp_path / "desk")
    assert main(["--data-dir", d, "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "W01",
                 "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    f = tmp_path / "case.json"
    f.write_text(json.dumps(intake_dict(), ensure_ascii=False), encoding="utf-8")
    for _ in range(2):
        assert main(["--data-dir", d, "case", "add", "--json", str(f)]) == 0
    capsys.readouterr()
    return d


def _verify(home: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(["--data-dir", home, "audit", "verify"])
    out = capsys.readouterr()
    return rc, out.out, out.err


def _rows(db: sqlite3.Connection) -> list[tuple[int, str, str, str, str, str, str]]:
    return db.execute("SELECT seq, at, operator_id, action, case_id, details, desk_uuid FROM audit_log "
                      "ORDER BY seq").fetchall()


def test_a_chain_rewritten_and_re_sealed_without_the_key_is_caught(
        home: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _verify(home, capsys)[0] == 0
    # The attacker drops the guards, rewrites who did it, re-seals every line with a key of their
    # own (the real one is not in the file) and puts the guards back.
    forged_key = b"\x00" * 32
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        for name in GUARDS:
            db.execute(f"DROP TRIGGER {name}")
        prev = GENESIS
        for seq, at, operator_id, action, case_id, details, desk_uuid in _rows(db):
            moment = datetime.fromisoformat(at).replace(tzinfo=timezone.utc)
            if action.startswith("case.") and seq == 3:
                operator_id = "someone-else"
            sealed = hmac.new(forged_key, _canonical(seq, moment, operator_id, action, case_id, json.loads(details),
                                                     prev, desk_uuid), hashlib.sha256).hexdigest()
            db.execute("UPDATE audit_log SET operator_id = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                       (operator_id, prev, sealed, seq))
            prev = sealed
        for create in GUARDS.values():
            db.execute(create)
    rc, out, err = _verify(home, capsys)
    assert rc == 1 and "FAILED" in out
    assert "entry 1: altered" in err and err.count("altered") == len(err.splitlines())


def test_a_dropped_guard_trigger_is_caught(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        db.execute("DROP TRIGGER case_events_no_update")
    rc, out, err = _verify(home, capsys)
    assert rc == 1
    assert err.strip() == ("TAMPERED guard_missing (trigger case_events_no_update was dropped: "
                           "the store no longer refuses edits)")


def test_a_case_event_without_its_audit_line_is_caught(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        case_id, operator_id = db.execute("SELECT case_id, operator_id FROM case_events LIMIT 1").fetchone()
        db.execute("INSERT INTO case_events (id, case_id, seq, kind, at, operator_id, state_before, state_after, "
                   "reason, data) VALUES ('forged-event', ?, 99, 'note', '2026-12-01 10:00:00.000000', ?, "
                   "'registered', 'registered', '', '{}')", (case_id, operator_id))
    rc, _out, err = _verify(home, capsys)
    assert rc == 1
    assert err.strip() == f"TAMPERED event_unaudited (case event note #99 of case {case_id} has no audit line)"


def test_audit_head_names_the_last_line_and_moves_with_the_chain(
        home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    desk_uuid = (Path(home) / "desk.id").read_text().strip()
    capsys.readouterr()
    assert main(["--data-dir", home, "audit", "head", "--json"]) == 0
    head = json.loads(capsys.readouterr().out)
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        last = db.execute("SELECT seq, hash, desk_uuid FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    assert head == {"desk_uuid": desk_uuid, "seq": last[0], "hash": last[1]} and last[2] == desk_uuid
    assert main(["--data-dir", home, "audit", "head"]) == 0
    assert capsys.readouterr().out == f"desk {desk_uuid} audit head: seq {last[0]} hash {last[1]}\n"
    f = tmp_path / "case.json"
    assert main(["--data-dir", home, "case", "add", "--json", str(f)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", home, "audit", "head", "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert after["seq"] > head["seq"] and after["hash"] != head["hash"]


def _downgrade_to_plain_chain(home: str) -> None:
    """The store as the previous version left it: schema 0002, plain SHA-256 chain."""
    engine = make_engine(Path(home) / "desk.sqlite3")
    try:
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002_recording_journal")
    finally:
        engine.dispose()


def test_the_upgrade_re_seals_an_intact_plain_chain_under_the_key_and_says_so(
        home: str, capsys: pytest.CaptureFixture[str]) -> None:
    _downgrade_to_plain_chain(home)
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        plain = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq").fetchall()
    rc, out, _ = _verify(home, capsys)  # opening upgrades
    assert rc == 0 and f"{len(plain) + 1} entries" in out
    desk = open_desk(home)
    try:
        with desk.read() as s:
            entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    finally:
        desk.close()
    last = entries[-1]
    assert last.action == "audit.resealed" and last.details["entries"] == len(plain)
    assert last.details["old_head_hash"] == plain[-1][1]
    assert {e.desk_uuid for e in entries} == {desk.desk_uuid}
    assert all(e.hash != h for e, (_, h) in zip(entries, plain))
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:  # the guards came back
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert set(GUARDS) <= names


def test_the_upgrade_refuses_a_broken_plain_chain_and_leaves_the_store_as_it_was(
        home: str, capsys: pytest.CaptureFixture[str]) -> None:
    _downgrade_to_plain_chain(home)
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        for name in GUARDS:
            db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute("UPDATE audit_log SET details = '{}' WHERE seq = 2")
        for create in GUARDS.values():
            db.execute(create)
        before = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq").fetchall()
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "list"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: audit: the audit chain is broken at entry 2") and "[audit_chain_broken]" in line
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0002_recording_journal"
        assert db.execute("SELECT seq, hash FROM audit_log ORDER BY seq").fetchall() == before
    # The plain chain really is what the previous version verified: intact lines still hash as before.
    with sqlite3.connect(Path(home) / "desk.sqlite3") as db:
        seq, at, op, action, case_id, details, prev, h = db.execute(
            "SELECT seq, at, operator_id, action, case_id, details, prev_hash, hash FROM audit_log "
            "WHERE seq = 1").fetchone()
    moment = datetime.fromisoformat(at).replace(tzinfo=timezone.utc)
    assert legacy_entry_hash(seq, moment, op, action, case_id, json.loads(details), prev) == h
