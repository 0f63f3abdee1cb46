"""recording journal: every recording the desk starts, written before capture

Revision ID: 0002_recording_journal
Revises: 0001
Create Date: 2026-12-01 19:50:00

Recordings already attached to cases are entered as finished, so recovery
and verify treat them as the desk's own after the upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_recording_journal"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recording_journal",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("operator_id", sa.String(length=36), nullable=False),
        sa.Column("staff_no", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_recording_journal_case_id_cases"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["operator_id"], ["operators.id"],
                                name=op.f("fk_recording_journal_operator_id_operators")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recording_journal")),
        sa.UniqueConstraint("file_name", name=op.f("uq_recording_journal_file_name")),
    )
    op.create_index("ix_recording_journal_case", "recording_journal", ["case_id", "started_at"], unique=False)
    # Recordings attached before the journal existed are the desk's own.
    op.execute(
        """
        INSERT OR IGNORE INTO recording_journal
            (id, file_name, case_id, operator_id, staff_no, started_at, state, finished_at, size_bytes,
             duration_s)
        SELECT e.id, json_extract(e.data, '$.file_name'), e.case_id, e.operator_id, o.staff_no, e.at,
               json_extract(e.data, '$.what'), e.at, coalesce(json_extract(e.data, '$.size_bytes'), 0),
               coalesce(json_extract(e.data, '$.duration_s'), 0.0)
        FROM case_events AS e JOIN operators AS o ON o.id = e.operator_id
        WHERE e.kind = 'recording' AND json_extract(e.data, '$.what') IN ('attached', 'recovered')
              AND coalesce(json_extract(e.data, '$.file_name'), '') != ''
        """
    )


def downgrade() -> None:
    op.drop_index("ix_recording_journal_case", table_name="recording_journal")
    op.drop_table("recording_journal")
