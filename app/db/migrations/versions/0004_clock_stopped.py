"""clock stopped: the list shows a paused or decided case's dates as ``case show`` does

Revision ID: 0004_clock_stopped
Revises: 0003_keyed_audit
Create Date: 2026-12-01 21:40:00

Adds two date columns to ``cases``, kept up to date by the case services:

* ``pause_counted_to`` -- for a paused case, the day up to which the stored
  target date and legal limit already count the open pause (the day they were
  last recomputed); the list projects them to today from it.
* ``clock_stopped_on`` -- the decision, withdrawal or decline day: days left
  count to it, and the case ended late when it is after the legal limit.

Back-filled from each case: a paused case's dates were last recomputed with its
last change (``updated_at``, a Beijing day); the clock-stop day is the ``on`` day
of the case's first decide/withdraw/decline event, as the deadline clock reads it.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004_clock_stopped"
down_revision = "0003_keyed_audit"
branch_labels = None
depends_on = None

_STOPPING = ("decide", "withdraw", "decline")


def _day(at: Any, data: Any) -> date:
    from app.clock import beijing_date

    payload = data if isinstance(data, dict) else json.loads(data or "{}")
    if "on" in payload:
        return date.fromisoformat(str(payload["on"]))
    moment = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
    return beijing_date(moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc))


def upgrade() -> None:
    # Plain ALTER TABLE: a batch copy of ``cases`` would cascade-delete every case's events and parties.
    op.add_column("cases", sa.Column("pause_counted_to", sa.Date(), nullable=True))
    op.add_column("cases", sa.Column("clock_stopped_on", sa.Date(), nullable=True))
    bind = op.get_bind()
    paused = bind.execute(sa.text("SELECT id, updated_at FROM cases WHERE deadline_paused = 1")).all()
    if paused:
        bind.execute(sa.text("UPDATE cases SET pause_counted_to = :d WHERE id = :id"),
                     [{"id": cid, "d": _day(at, {}).isoformat()} for cid, at in paused])
    stopped: dict[str, date] = {}
    rows = bind.execute(sa.text(
        "SELECT case_id, at, data FROM case_events WHERE kind IN ('decide', 'withdraw', 'decline') "
        "ORDER BY case_id, seq"))
    for case_id, at, data in rows:
        stopped.setdefault(case_id, _day(at, data))  # the first stop (the decision day), as the clock reads it
    if stopped:
        bind.execute(sa.text("UPDATE cases SET clock_stopped_on = :d WHERE id = :id"),
                     [{"id": cid, "d": d.isoformat()} for cid, d in stopped.items()])


def downgrade() -> None:
    # SQLite >= 3.35 drops a column in place (no table copy, so no ON DELETE CASCADE on the events).
    op.execute("ALTER TABLE cases DROP COLUMN clock_stopped_on")
    op.execute("ALTER TABLE cases DROP COLUMN pause_counted_to")
