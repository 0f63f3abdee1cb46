"""The central service's first schema: desks, enrolment codes, cases, events, audit heads.

Revision ID: c0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'c0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('case_counters',
    sa.Column('branch', sa.String(length=10), nullable=False),
    sa.Column('desk_code', sa.String(length=6), nullable=False),
    sa.Column('day', sa.String(length=8), nullable=False),
    sa.Column('highest_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('branch', 'desk_code', 'day', name=op.f('pk_case_counters'))
    )
    op.create_table('cases',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('branch', sa.String(length=10), nullable=False),
    sa.Column('desk_code', sa.String(length=6), nullable=False),
    sa.Column('desk_uuid', sa.String(length=36), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('owner', sa.String(length=10), nullable=False),
    sa.Column('handler', sa.String(length=50), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('receipt_date', sa.Date(), nullable=False),
    sa.Column('rules_version', sa.String(length=40), nullable=False),
    sa.Column('reference_version', sa.String(length=40), nullable=False),
    sa.Column('nominal_due', sa.Date(), nullable=False),
    sa.Column('legal_limit', sa.Date(), nullable=False),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('extension_level', sa.Integer(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('updated_cursor', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('number', name=op.f('uq_cases_number'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_branch_state', ['branch', 'state'], unique=False)
        batch_op.create_index('ix_cases_owner_state', ['owner', 'state'], unique=False)

    op.create_table('desks',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('desk_uuid', sa.String(length=36), nullable=False),
    sa.Column('branch', sa.String(length=10), nullable=False),
    sa.Column('desk_code', sa.String(length=6), nullable=False),
    sa.Column('head_office', sa.Boolean(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('recording_public_key', sa.String(length=64), nullable=False),
    sa.Column('receipt_key', sa.String(length=64), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_reason', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desks')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_desks_token_hash'))
    )
    with op.batch_alter_table('desks', schema=None) as batch_op:
        batch_op.create_index('ix_desks_branch_desk', ['branch', 'desk_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_desks_desk_uuid'), ['desk_uuid'], unique=False)

    op.create_table('audit_heads',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('desk_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('reported_at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['desk_id'], ['desks.id'], name=op.f('fk_audit_heads_desk_id_desks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_heads'))
    )
    with op.batch_alter_table('audit_heads', schema=None) as batch_op:
        batch_op.create_index('ix_audit_heads_desk', ['desk_id', 'id'], unique=False)

    op.create_table('enrolment_codes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('branch', sa.String(length=10), nullable=False),
    sa.Column('desk_code', sa.String(length=6), nullable=False),
    sa.Column('head_office', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.Column('used_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['used_by'], ['desks.id'], name=op.f('fk_enrolment_codes_used_by_desks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrolment_codes')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_enrolment_codes_code_hash'))
    )
    op.create_table('events',
    sa.Column('cursor', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('desk_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('stored_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_events_case_id_cases')),
    sa.ForeignKeyConstraint(['desk_id'], ['desks.id'], name=op.f('fk_events_desk_id_desks')),
    sa.PrimaryKeyConstraint('cursor', name=op.f('pk_events')),
    sa.UniqueConstraint('id', name=op.f('uq_events_id'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_case_cursor', ['case_id', 'cursor'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_case_cursor')

    op.drop_table('events')
    op.drop_table('enrolment_codes')
    with op.batch_alter_table('audit_heads', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_heads_desk')

    op.drop_table('audit_heads')
    with op.batch_alter_table('desks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desks_desk_uuid'))
        batch_op.drop_index('ix_desks_branch_desk')

    op.drop_table('desks')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_owner_state')
        batch_op.drop_index('ix_cases_branch_state')

    op.drop_table('cases')
    op.drop_table('case_counters')

