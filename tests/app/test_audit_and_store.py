"""Audit chain tamper detection, schema guard, store pragmas and crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from app.db.models import AuditEntry, Case
from app.desk import Desk, open_desk
from app.errors import SchemaTooNew
from app.services.audit import verify_audit_log
from app.services.cases import register_case
from app.services.identity import Actor
from app.services.intake import parse_intake

from .conftest import intake_dict


def _fill(desk: Desk, actor: Actor, n: int = 3) -> None:
    for _ in range(n):
        intake = parse_intake(intake_dict(), desk.rules, desk.reference, desk.clock())
        with desk.write() as s:
            register_case(s, desk.rulebook, actor, intake)


GUARDS = {
    "audit_log_no_update": "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                           "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "audit_log_no_delete": "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                           "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
}


def _raw(desk: Desk, sql: str, *, restore_guards: bool = True, **params: object) -> None:
    """Tamper as an attacker with the sqlite3 tool would: drop the guard triggers first (and put them back)."""
    eng = create_engine(f"sqlite:///{desk.paths.database}")
    with eng.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_update")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_delete")
        conn.execute(text(sql), params)
        if restore_guards:
            for create in GUARDS.values():
                conn.exec_driver_sql(create)
    eng.dispose()


def test_intact_chain_verifies(desk: Desk, actors: dict[str, Actor]) -> None:
    _fill(desk, actors["1024"])
    with desk.read() as s:
        report = verify_audit_log(s)
    assert report.ok and report.entries >= 7


def test_store_refuses_edits_to_the_audit_log(desk: Desk, actors: dict[str, Actor]) -> None:
    _fill(desk, actors["1024"], 1)
    with pytest.raises(Exception, match="append-only"), desk.write() as s:
        s.execute(text("UPDATE audit_log SET action = 'x' WHERE seq = 1"))


def test_edited_entry_is_reported(desk: Desk, actors: dict[str, Actor]) -> None:
    _fill(desk, actors["1024"])
    _raw(desk, "UPDATE audit_log SET operator_id = 'someone-else' WHERE seq = 5")
    with desk.read() as s:
        report = verify_audit_log(s)
    assert [(p.kind, p.seq) for p in report.problems] == [("altered", 5)]


def test_deleted_entry_is_reported(desk: Desk, actors: dict[str, Actor]) -> None:
    _fill(desk, actors["1024"])
    _raw(desk, "DELETE FROM audit_log WHERE seq = 4")
    with desk.read() as s:
        report = verify_audit_log(s)
    assert [(p.kind, p.seq) for p in report.problems] == [("deleted", 5)]


def test_inserted_entry_is_reported(desk: Desk, actors: dict[str, Actor]) -> None:
    from app.services.audit import entry_hash

    _fill(desk, actors["1024"])
    with desk.read() as s:
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    last = entries[-1]
    # A forged line appended with a self-consistent hash but no link to the chain.
    forged = AuditEntry(seq=last.seq + 1, at=last.at, operator_id=last.operator_id, action="case.note",
                        case_id=last.case_id, details={"forged": True}, prev_hash="f" * 64, hash="",
                        desk_uuid=desk.desk_uuid)
    forged.hash = entry_hash(forged, desk.audit_key)  # even with the key, an unlinked line shows
    _raw(desk, "INSERT INTO audit_log (seq, at, operator_id, action, case_id, details, prev_hash, hash, "
         "desk_uuid) VALUES (:seq, :at, :op, :action, :case, :details, :prev, :hash, :desk_uuid)",
         desk_uuid=desk.desk_uuid,
         seq=forged.seq, at=last.at.replace(tzinfo=None), op=forged.operator_id, action=forged.action,
         case=forged.case_id, details='{"forged": true}', prev=forged.prev_hash, hash=forged.hash)
    with desk.read() as s:
        report = verify_audit_log(s)
    assert [(p.kind, p.seq) for p in report.problems] == [("inserted", last.seq + 1)]


def test_cli_audit_verify_exits_non_zero_on_tampering(desk: Desk, actors: dict[str, Actor]) -> None:
    _fill(desk, actors["1024"], 1)
    cmd = [sys.executable, "-m", "app.cli", "--data-dir", str(desk.paths.data), "audit", "verify"]
    ok = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "chain intact" in ok.stdout
    _raw(desk, "UPDATE audit_log SET details = '{}' WHERE seq = 2")
    bad = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert "entry 2: altered" in bad.stderr


def test_pragmas_for_safety(desk: Desk) -> None:
    with desk.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_newer_schema_is_refused_with_a_clear_message(desk_home: Path) -> None:
    d = open_desk(desk_home)
    d.close()
    eng = create_engine(f"sqlite:///{desk_home / 'desk.sqlite3'}")
    with eng.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    eng.dispose()
    with pytest.raises(SchemaTooNew, match="newer Complaint Desk"):
        open_desk(desk_home)


CHILD = textwrap.dedent(
    """
    import sys
    from app.desk import open_desk
    from app.services.cases import register_case
    from app.services.identity import get_actor
    from app.services.intake import parse_intake
    import json
    desk = open_desk(sys.argv[1])
    data = json.loads(sys.argv[2])
    with desk.read() as s:
        actor = get_actor(s, staff_no="1024")
    while True:
        intake = parse_intake(data, desk.rules, desk.reference, desk.clock())
        with desk.write() as s:
            number = register_case(s, desk.rulebook, actor, intake).case_number
        print(number, flush=True)
    """
)


@pytest.mark.slow
def test_killed_writer_loses_nothing_it_reported(desk: Desk, tmp_path: Path) -> None:
    import json

    script = tmp_path / "writer.py"
    script.write_text(CHILD)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.Popen([sys.executable, str(script), str(desk.paths.data), json.dumps(intake_dict())],
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    reported = []
    for line in proc.stdout:
        reported.append(line.strip())
        if len(reported) == 40:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait()
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    with desk.read() as s:
        stored = list(s.scalars(select(Case.case_number)))
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    assert set(reported) <= set(stored)
    assert len(stored) == len(set(stored))
    by_day: dict[str, list[int]] = {}
    for number in stored:
        prefix, seq = number.rsplit("-", 1)
        by_day.setdefault(prefix, []).append(int(seq))
    for seqs in by_day.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), "case numbers must be gap-free"
    last = max(int(n.rsplit("-", 1)[1]) for n in reported)
    assert len(stored) >= last


def test_head_revision_constant_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from app.db.migrate import HEAD_REVISION, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION
