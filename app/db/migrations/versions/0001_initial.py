"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 17:50:40.769850
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('audit_log',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('operator_id', sa.String(length=36), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_log'))
    )
    op.create_table('case_counters',
    sa.Column('day', sa.String(length=8), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_case_counters'))
    )
    op.create_table('desk_identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('desk_uuid', sa.String(length=36), nullable=False),
    sa.Column('bank_name', sa.String(length=100), nullable=False),
    sa.Column('branch_code', sa.String(length=10), nullable=False),
    sa.Column('branch_name', sa.String(length=100), nullable=False),
    sa.Column('desk_code', sa.String(length=6), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_identity'))
    )
    op.create_table('operators',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('staff_no', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operators')),
    sa.UniqueConstraint('staff_no', name=op.f('uq_operators_staff_no'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('entity', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('op', sa.String(length=30), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_outbox_entry_id'))
    )
    op.create_table('cases',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_number', sa.String(length=40), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('receipt_date', sa.Date(), nullable=False),
    sa.Column('channel_code', sa.String(length=10), nullable=False),
    sa.Column('business_code', sa.String(length=10), nullable=False),
    sa.Column('reason_code', sa.String(length=10), nullable=False),
    sa.Column('demand_code', sa.String(length=10), nullable=False),
    sa.Column('reference_version', sa.String(length=40), nullable=False),
    sa.Column('request_text', sa.Text(), nullable=False),
    sa.Column('facts_text', sa.Text(), nullable=False),
    sa.Column('grounds_text', sa.Text(), nullable=False),
    sa.Column('complained_institution', sa.String(length=100), nullable=False),
    sa.Column('complained_staff', sa.String(length=50), nullable=False),
    sa.Column('card_number', sa.Text(), nullable=False),
    sa.Column('card_masked', sa.String(length=25), nullable=False),
    sa.Column('is_group', sa.Boolean(), nullable=False),
    sa.Column('first_responder_id', sa.String(length=36), nullable=False),
    sa.Column('owner_id', sa.String(length=36), nullable=False),
    sa.Column('rules_version', sa.String(length=40), nullable=False),
    sa.Column('nominal_due', sa.Date(), nullable=False),
    sa.Column('legal_limit', sa.Date(), nullable=False),
    sa.Column('deadline_paused', sa.Boolean(), nullable=False),
    sa.Column('extension_level', sa.Integer(), nullable=False),
    sa.Column('decision_verified', sa.Text(), nullable=False),
    sa.Column('decision_basis', sa.Text(), nullable=False),
    sa.Column('decision_outcome', sa.Text(), nullable=False),
    sa.Column('decision_remedies', sa.Text(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('review_outcome', sa.Text(), nullable=False),
    sa.Column('root_cause', sa.Text(), nullable=False),
    sa.Column('rectification', sa.Text(), nullable=False),
    sa.Column('satisfaction', sa.String(length=20), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('legal_hold', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['first_responder_id'], ['operators.id'], name=op.f('fk_cases_first_responder_id_operators')),
    sa.ForeignKeyConstraint(['owner_id'], ['operators.id'], name=op.f('fk_cases_owner_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('case_number', name=op.f('uq_cases_case_number'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_legal_limit', ['legal_limit'], unique=False)
        batch_op.create_index('ix_cases_received_at', ['received_at'], unique=False)
        batch_op.create_index('ix_cases_state_due', ['state', 'nominal_due'], unique=False)

    op.create_table('case_events',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('operator_id', sa.String(length=36), nullable=False),
    sa.Column('state_before', sa.String(length=20), nullable=False),
    sa.Column('state_after', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_events_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_case_events_operator_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events')),
    sa.UniqueConstraint('case_id', 'seq', name='uq_case_events_case_seq')
    )
    op.create_table('parties',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('id_type', sa.String(length=20), nullable=False),
    sa.Column('id_number', sa.Text(), nullable=False),
    sa.Column('id_masked', sa.String(length=40), nullable=False),
    sa.Column('id_tail', sa.String(length=4), nullable=False),
    sa.Column('id_digest', sa.String(length=32), nullable=False),
    sa.Column('phone', sa.Text(), nullable=False),
    sa.Column('phone_masked', sa.String(length=25), nullable=False),
    sa.Column('phone_tail', sa.String(length=4), nullable=False),
    sa.Column('phone_digest', sa.String(length=32), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('uscc', sa.String(length=18), nullable=False),
    sa.Column('legal_representative', sa.String(length=50), nullable=False),
    sa.Column('relation', sa.String(length=50), nullable=False),
    sa.Column('poa_signed_original', sa.Boolean(), nullable=False),
    sa.Column('poa_reference', sa.String(length=100), nullable=False),
    sa.Column('absence_reason', sa.Text(), nullable=False),
    sa.Column('inheritance_proof', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_parties_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parties'))
    )
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.create_index('ix_parties_case', ['case_id', 'role'], unique=False)
        batch_op.create_index('ix_parties_id_digest', ['id_digest'], unique=False)
        batch_op.create_index('ix_parties_id_tail', ['id_tail'], unique=False)
        batch_op.create_index('ix_parties_name', ['name'], unique=False)
        batch_op.create_index('ix_parties_phone_digest', ['phone_digest'], unique=False)
        batch_op.create_index('ix_parties_phone_tail', ['phone_tail'], unique=False)



    # The timeline and the audit log are append-only: the store itself refuses edits.
    op.execute(
        "CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events "
        "BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    op.execute("DROP TRIGGER IF EXISTS case_events_no_update")

    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.drop_index('ix_parties_phone_tail')
        batch_op.drop_index('ix_parties_phone_digest')
        batch_op.drop_index('ix_parties_name')
        batch_op.drop_index('ix_parties_id_tail')
        batch_op.drop_index('ix_parties_id_digest')
        batch_op.drop_index('ix_parties_case')

    op.drop_table('parties')
    op.drop_table('case_events')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_state_due')
        batch_op.drop_index('ix_cases_received_at')
        batch_op.drop_index('ix_cases_legal_limit')

    op.drop_table('cases')
    op.drop_table('outbox')
    op.drop_table('operators')
    op.drop_table('desk_identity')
    op.drop_table('case_counters')
    op.drop_table('audit_log')

