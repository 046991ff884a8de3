"""open survey answers reach the public only once staff release them

Revision ID: 0025_answer_release
Revises: 0024_first_day
Create Date: 2026-12-02 04:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0025_answer_release'
down_revision = '0024_first_day'
branch_labels = None
depends_on = None


def upgrade():
    # Every answer so far starts unreleased: a resident's own words are never public by
    # default any more, also those that were.
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('released', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.drop_column('released')
