"""the outcome's staff-typed texts in other languages: summary, reasons, goals and actions

Revision ID: 0028_text_translations
Revises: 0027_kiosk_devices
Create Date: 2026-12-04 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0028_text_translations'
down_revision = '0027_kiosk_devices'
branch_labels = None
depends_on = None

# outcome.summary, decision.rationale, goal.description, plan_action.what and .partner
TABLES = ('outcome', 'decision', 'goal', 'plan_action')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('translations', sa.JSON(), server_default='{}', nullable=False)
            )


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('translations')
