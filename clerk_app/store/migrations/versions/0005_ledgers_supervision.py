"""supervision and counter ledgers: bad-review follow-ups, complaint workflow, 催办, consultations,
帮办代办, emergency register, pauses, extended service and comp time

Revision ID: 0005_ledgers
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_ledgers"
down_revision = "0002"
branch_labels = ("ledgers",)
depends_on = None

TABLES = ("comp_time", "extended_services", "pauses", "emergency_persons", "emergencies", "assistance_records",
          "consultations", "case_urges", "complaint_steps", "complaint_tracks", "rating_followups")


def upgrade() -> None:
    op.create_table(
        'rating_followups',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('rating_id', sa.String(36), nullable=False),
        sa.Column('owner_id', sa.String(36), nullable=False),
        sa.Column('opened_at', sa.DateTime(), nullable=False),
        sa.Column('contact_due', sa.Date(), nullable=False),
        sa.Column('rectify_due', sa.Date(), nullable=False),
        sa.Column('provisional', sa.Boolean(), nullable=False),
        sa.Column('contacted_at', sa.DateTime(), nullable=True),
        sa.Column('verification', sa.String(8), nullable=True),
        sa.Column('contact_note', sa.Text(), nullable=False),
        sa.Column('rectified_at', sa.DateTime(), nullable=True),
        sa.Column('rectify_note', sa.Text(), nullable=False),
        sa.Column('feedback_at', sa.DateTime(), nullable=True),
        sa.Column('evaluator_view', sa.Text(), nullable=False),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.Column('closed_by', sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(['rating_id'], ['ratings.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('rating_id'),
    )
    op.create_table(
        'complaint_tracks',
        sa.Column('complaint_id', sa.String(36), nullable=False),
        sa.Column('handling', sa.String(12), nullable=False),
        sa.Column('step', sa.String(12), nullable=False),
        sa.Column('source', sa.String(16), nullable=False),
        sa.Column('ticket_no', sa.String(40), nullable=False),
        sa.Column('complainant_name', sa.String(100), nullable=False),
        sa.Column('complainant_phone', sa.String(20), nullable=False),
        sa.Column('answer', sa.Text(), nullable=False),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.Column('transfer_due', sa.Date(), nullable=True),
        sa.Column('resolve_due', sa.Date(), nullable=True),
        sa.Column('provisional', sa.Boolean(), nullable=False),
        sa.Column('department', sa.String(100), nullable=False),
        sa.Column('person', sa.String(64), nullable=False),
        sa.Column('transferred_on', sa.Date(), nullable=True),
        sa.Column('resolved_on', sa.Date(), nullable=True),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id']),
        sa.PrimaryKeyConstraint('complaint_id'),
    )
    op.create_table(
        'complaint_steps',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('complaint_id', sa.String(36), nullable=False),
        sa.Column('step', sa.String(12), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('actor', sa.String(64), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_complaint_steps_complaint_id', 'complaint_steps', ['complaint_id'])
    op.create_table(
        'case_urges',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('case_id', sa.String(36), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('actor', sa.String(64), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_case_urges_case_id', 'case_urges', ['case_id'])
    op.create_table(
        'consultations',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('clerk_id', sa.String(36), nullable=False),
        sa.Column('channel', sa.String(8), nullable=False),
        sa.Column('question', sa.Text(), nullable=False),
        sa.Column('answer', sa.Text(), nullable=False),
        sa.Column('matter_code', sa.String(64), nullable=False),
        sa.Column('contact_name', sa.String(100), nullable=False),
        sa.Column('contact_phone', sa.String(20), nullable=False),
        sa.Column('callback_needed', sa.Boolean(), nullable=False),
        sa.Column('callback_due', sa.Date(), nullable=True),
        sa.Column('callback_done_at', sa.DateTime(), nullable=True),
        sa.Column('callback_note', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_consultations_at', 'consultations', ['at'])
    op.create_table(
        'assistance_records',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('clerk_id', sa.String(36), nullable=False),
        sa.Column('kind', sa.String(8), nullable=False),
        sa.Column('group', sa.String(8), nullable=False),
        sa.Column('person_name', sa.String(100), nullable=False),
        sa.Column('matter', sa.String(200), nullable=False),
        sa.Column('case_number', sa.String(40), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_assistance_records_at', 'assistance_records', ['at'])
    op.create_table(
        'emergencies',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('clerk_id', sa.String(36), nullable=False),
        sa.Column('kind', sa.String(8), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_emergencies_at', 'emergencies', ['at'])
    op.create_table(
        'emergency_persons',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('emergency_id', sa.String(36), nullable=False),
        sa.Column('name', sa.String(100), nullable=False),
        sa.Column('phone', sa.String(20), nullable=False),
        sa.Column('matter', sa.String(200), nullable=False),
        sa.Column('served_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['emergency_id'], ['emergencies.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_emergency_persons_emergency_id', 'emergency_persons', ['emergency_id'])
    op.create_index('ix_emergency_persons_name', 'emergency_persons', ['name'])
    op.create_index('ix_emergency_persons_phone', 'emergency_persons', ['phone'])
    op.create_table(
        'pauses',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('clerk_id', sa.String(36), nullable=False),
        sa.Column('window', sa.String(8), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('flagged', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_pauses_clerk_id', 'pauses', ['clerk_id'])
    op.create_index('ix_pauses_started_at', 'pauses', ['started_at'])
    op.create_table(
        'extended_services',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('clerk_id', sa.String(36), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.Column('minutes', sa.Integer(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_extended_services_clerk_id', 'extended_services', ['clerk_id'])
    op.create_table(
        'comp_time',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('clerk_id', sa.String(36), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('minutes', sa.Integer(), nullable=False),
        sa.Column('approved_by', sa.String(64), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_comp_time_clerk_id', 'comp_time', ['clerk_id'])


def downgrade() -> None:
    for name in TABLES:
        op.drop_table(name)
