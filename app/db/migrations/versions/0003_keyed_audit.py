"""keyed audit: every line carries the desk uuid and is sealed with HMAC-SHA256 under the audit key

Revision ID: 0003_keyed_audit
Revises: 0002_recording_journal
Create Date: 2026-12-01 20:45:00

The existing plain SHA-256 chain is checked first; a broken one stops the
upgrade (the whole migration rolls back and the store stays as it was).  An
intact one is re-sealed line by line under the desk's audit key (the desk
bound in :mod:`app.secrets` by :func:`app.desk.open_desk`), and a last line
``audit.resealed`` says so.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003_keyed_audit"
down_revision = "0002_recording_journal"
branch_labels = None
depends_on = None

_GUARD_UPDATE = ("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                 "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")


def _at(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def upgrade() -> None:
    from app import secrets
    from app.errors import DeskError
    from app.services.audit import GENESIS, keyed_hash, legacy_entry_hash

    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("desk_uuid", sa.String(length=36), nullable=False, server_default=""))
    # batch mode rebuilt the table: its guards went with the old one.
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")

    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT seq, at, operator_id, action, case_id, details, prev_hash, hash FROM audit_log ORDER BY seq"
    )).all()
    prev, expected_seq = GENESIS, 1
    for seq, at, operator_id, action, case_id, details, prev_hash, old_hash in rows:
        body = json.loads(details) if isinstance(details, str) else details
        if (seq != expected_seq or prev_hash != prev
                or legacy_entry_hash(seq, _at(at), operator_id, action, case_id, body, prev_hash) != old_hash):
            raise DeskError(f"the audit chain is broken at entry {seq}: the upgrade to the keyed audit chain "
                            "refuses to re-seal it; keep this store for investigation and run the previous "
                            "version's `audit verify`", code="audit_chain_broken", field="audit", seq=seq)
        prev, expected_seq = old_hash, seq + 1

    desk_uuid = secrets.bound_desk()
    key = secrets.load_key(secrets.AUDIT_KEY, may_create=True, what="audit key")
    new_prev = GENESIS
    update = sa.text("UPDATE audit_log SET desk_uuid = :d, prev_hash = :p, hash = :h WHERE seq = :s")
    for seq, at, operator_id, action, case_id, details, _prev, _old in rows:
        body = json.loads(details) if isinstance(details, str) else details
        sealed = keyed_hash(key, desk_uuid, seq, _at(at), operator_id, action, case_id, body, new_prev)
        conn.execute(update, {"d": desk_uuid, "p": new_prev, "h": sealed, "s": seq})
        new_prev = sealed
    if rows:
        seq = rows[-1][0] + 1
        now = datetime.now(timezone.utc)
        details = {"entries": len(rows), "old_head_hash": rows[-1][7], "scheme": "hmac-sha256"}
        sealed = keyed_hash(key, desk_uuid, seq, now, "system", "audit.resealed", "", details, new_prev)
        conn.execute(sa.text(
            "INSERT INTO audit_log (seq, at, operator_id, action, case_id, details, prev_hash, hash, desk_uuid) "
            "VALUES (:s, :at, 'system', 'audit.resealed', '', :det, :p, :h, :d)"),
            {"s": seq, "at": now.strftime("%Y-%m-%d %H:%M:%S.%f"), "det": json.dumps(details), "p": new_prev, "h": sealed,
             "d": desk_uuid})
    op.execute(_GUARD_UPDATE)
    op.execute("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
               "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")


def downgrade() -> None:
    from app.services.audit import GENESIS, legacy_entry_hash

    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("desk_uuid")
    # Back to the plain SHA-256 chain the older program verifies.
    conn = op.get_bind()
    prev = GENESIS
    for seq, at, operator_id, action, case_id, details in conn.execute(sa.text(
            "SELECT seq, at, operator_id, action, case_id, details FROM audit_log ORDER BY seq")).all():
        body = json.loads(details) if isinstance(details, str) else details
        plain = legacy_entry_hash(seq, _at(at), operator_id, action, case_id, body, prev)
        conn.execute(sa.text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE seq = :s"),
                     {"p": prev, "h": plain, "s": seq})
        prev = plain
    op.execute(_GUARD_UPDATE)
    op.execute("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
               "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
