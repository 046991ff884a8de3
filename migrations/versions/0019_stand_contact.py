"""stands remember the tablet's last contact and the votes it still had queued

Revision ID: 0019_stand_contact
Revises: 0018_municipality_settings
Create Date: 2026-11-27 17:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_stand_contact'
down_revision = '0018_municipality_settings'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('stand', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_contact_at', sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column('queued_reported', sa.Integer(), server_default='0', nullable=False)
        )


def downgrade():
    with op.batch_alter_table('stand', schema=None) as batch_op:
        batch_op.drop_column('queued_reported')
        batch_op.drop_column('last_contact_at')
