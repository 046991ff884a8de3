"""how phones and tablets order the themes: random per device by default

Revision ID: 0029_ballot_order
Revises: 0028_text_translations
Create Date: 2026-12-04 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0029_ballot_order'
down_revision = '0028_text_translations'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ballot_order', sa.String(length=20), server_default='random', nullable=False))


def downgrade():
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_column('ballot_order')
