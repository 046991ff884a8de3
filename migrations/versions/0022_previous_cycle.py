"""a campaign remembers the previous cycle it was started from, and each theme its original

Revision ID: 0022_previous_cycle
Revises: 0021_outcome_programme
Create Date: 2026-11-27 19:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022_previous_cycle'
down_revision = '0021_outcome_programme'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_campaign_previous_id_campaign'), 'campaign', ['previous_id'], ['id'],
            ondelete='SET NULL',
        )
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('copied_from_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_theme_copied_from_id_theme'), 'theme', ['copied_from_id'], ['id'],
            ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_theme_copied_from_id_theme'), type_='foreignkey')
        batch_op.drop_column('copied_from_id')
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_campaign_previous_id_campaign'), type_='foreignkey')
        batch_op.drop_column('previous_id')
