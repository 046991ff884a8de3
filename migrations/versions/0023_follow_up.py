"""residents may ask to hear the outcome by e-mail (per campaign, off by default)

Revision ID: 0023_follow_up
Revises: 0022_previous_cycle
Create Date: 2026-11-27 20:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023_follow_up'
down_revision = '0022_previous_cycle'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('keep_informed', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        'follow_up',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('campaign_id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('confirm_token', sa.String(length=64), nullable=False),
        sa.Column('unsubscribe_token', sa.String(length=64), nullable=False),
        sa.Column('confirmed', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('asked_on', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_follow_up_campaign_id_campaign'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up')),
        sa.UniqueConstraint('campaign_id', 'email', name=op.f('uq_follow_up_campaign_id')),
        sa.UniqueConstraint('confirm_token', name=op.f('uq_follow_up_confirm_token')),
        sa.UniqueConstraint('unsubscribe_token', name=op.f('uq_follow_up_unsubscribe_token')),
    )
    op.create_index(op.f('ix_follow_up_campaign_id'), 'follow_up', ['campaign_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_follow_up_campaign_id'), table_name='follow_up')
    op.drop_table('follow_up')
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_column('keep_informed')
