"""settled counts shared by every worker and server: a fresh worker counts only new ballots

Revision ID: 0030_settled_counts
Revises: 0029_ballot_order
Create Date: 2026-12-05 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0030_settled_counts'
down_revision = '0029_ballot_order'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'settled_count',
        sa.Column('campaign_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('fixed', sa.String(length=64), nullable=False),
        sa.Column('settled_id', sa.BigInteger(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('saved_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_settled_count_campaign_id_campaign'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('campaign_id', 'kind', name=op.f('pk_settled_count')),
    )


def downgrade():
    op.drop_table('settled_count')
