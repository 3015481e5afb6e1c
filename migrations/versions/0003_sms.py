"""sms: opt-outs, Twilio message parts, delivery reports, segments on the outbox

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa
import intake.db


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sms_opt_out_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('opted_out', sa.Boolean(), nullable=False),
    sa.Column('message_sid', sa.String(length=64), nullable=False),
    sa.Column('created_at', intake.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_opt_out_events')),
    sa.UniqueConstraint('message_sid', name=op.f('uq_sms_opt_out_events_message_sid'))
    )
    with op.batch_alter_table('sms_opt_out_events', schema=None) as batch_op:
        batch_op.create_index('ix_sms_opt_out_events_channel_address', ['channel', 'address'], unique=False)

    op.create_table('sms_parts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('outbox_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.Integer(), nullable=False),
    sa.Column('message_sid', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('encoding', sa.String(length=10), nullable=False),
    sa.Column('segments', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('error_code', sa.String(length=20), nullable=True),
    sa.Column('created_at', intake.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', intake.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['outbox_id'], ['outbox.id'], name=op.f('fk_sms_parts_outbox_id_outbox')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_parts')),
    sa.UniqueConstraint('message_sid', name=op.f('uq_sms_parts_message_sid')),
    sa.UniqueConstraint('outbox_id', 'part', name='uq_sms_parts_outbox_id_part')
    )
    with op.batch_alter_table('sms_parts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sms_parts_outbox_id'), ['outbox_id'], unique=False)

    op.create_table('sms_status_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_sid', sa.String(length=64), nullable=False),
    sa.Column('outbox_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('error_code', sa.String(length=20), nullable=True),
    sa.Column('created_at', intake.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['outbox_id'], ['outbox.id'], name=op.f('fk_sms_status_events_outbox_id_outbox')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_status_events')),
    sa.UniqueConstraint('message_sid', 'status', name='uq_sms_status_events_message_sid_status')
    )
    with op.batch_alter_table('sms_status_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sms_status_events_outbox_id'), ['outbox_id'], unique=False)

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('segments', sa.Integer(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('segments')

    with op.batch_alter_table('sms_status_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sms_status_events_outbox_id'))

    op.drop_table('sms_status_events')
    with op.batch_alter_table('sms_parts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sms_parts_outbox_id'))

    op.drop_table('sms_parts')
    with op.batch_alter_table('sms_opt_out_events', schema=None) as batch_op:
        batch_op.drop_index('ix_sms_opt_out_events_channel_address')

    op.drop_table('sms_opt_out_events')
