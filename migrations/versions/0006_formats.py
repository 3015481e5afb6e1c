"""formats: documents in alternative formats (private links, letters to post) and resume codes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa
import intake.db


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('resume_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('salt', sa.String(length=32), nullable=False),
    sa.Column('code_hash', sa.String(length=128), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', intake.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('created_at', intake.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_resume_codes_conversation_id_conversations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resume_codes')),
    sa.UniqueConstraint('reference', name=op.f('uq_resume_codes_reference'))
    )
    with op.batch_alter_table('resume_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resume_codes_conversation_id'), ['conversation_id'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('resident_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('recipient_name', sa.String(length=200), nullable=True),
    sa.Column('postal_address', sa.String(length=500), nullable=True),
    sa.Column('expires_at', intake.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('to_post', sa.Boolean(), nullable=False),
    sa.Column('posted_at', intake.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('posted_by', sa.String(length=200), nullable=True),
    sa.Column('created_at', intake.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_documents_case_id_cases')),
    sa.ForeignKeyConstraint(['resident_id'], ['residents.id'], name=op.f('fk_documents_resident_id_residents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_documents_token_hash'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_resident_id'), ['resident_id'], unique=False)
        batch_op.create_index('ix_documents_to_post_posted_at', ['to_post', 'posted_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index('ix_documents_to_post_posted_at')
        batch_op.drop_index(batch_op.f('ix_documents_resident_id'))
        batch_op.drop_index(batch_op.f('ix_documents_case_id'))

    op.drop_table('documents')
    with op.batch_alter_table('resume_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resume_codes_conversation_id'))

    op.drop_table('resume_codes')
