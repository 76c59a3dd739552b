"""claim matches: earlier reviewed claims found for a new claim, and the decisions on them

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 11:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('claim_match',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('earlier_claim_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('found_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reuse_revision_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_claim_match_claim_id_claim'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['earlier_claim_id'], ['claim.id'], name=op.f('fk_claim_match_earlier_claim_id_claim'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_claim_match_decided_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reuse_revision_id'], ['claim_revision.id'], name=op.f('fk_claim_match_reuse_revision_id_claim_revision'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_match')),
    sa.UniqueConstraint('claim_id', 'earlier_claim_id', name=op.f('uq_claim_match_claim_id'))
    )
    with op.batch_alter_table('claim_match', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_match_earlier_claim_id'), ['earlier_claim_id'], unique=False)


def downgrade():
    with op.batch_alter_table('claim_match', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_match_earlier_claim_id'))

    op.drop_table('claim_match')
