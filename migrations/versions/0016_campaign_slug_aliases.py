"""campaign slug aliases: earlier short names redirect to the campaign

Revision ID: 0016_campaign_slug_aliases
Revises: 0015_arrival_minute
Create Date: 2026-11-27 14:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_campaign_slug_aliases'
down_revision = '0015_arrival_minute'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('campaign_slug_alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_campaign_slug_alias_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_slug_alias')),
    sa.UniqueConstraint('slug', name=op.f('uq_campaign_slug_alias_slug'))
    )
    with op.batch_alter_table('campaign_slug_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_slug_alias_campaign_id'), ['campaign_id'], unique=False)


def downgrade():
    with op.batch_alter_table('campaign_slug_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_slug_alias_campaign_id'))
    op.drop_table('campaign_slug_alias')
