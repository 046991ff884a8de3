"""the regional outcome's typed texts in other languages: summary, reasons, common goals and
actions (region-owned tables: their row security from 0034 covers the new column)

Revision ID: 0036_regional_texts
Revises: 0035_one_adoption
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0036_regional_texts"
down_revision = "0035_one_adoption"
branch_labels = None
depends_on = None

# regional_outcome.summary, regional_decision.rationale, regional_goal.description,
# regional_action.what and .partner
TABLES = ("regional_outcome", "regional_decision", "regional_goal", "regional_action")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("translations", sa.JSON(), server_default="{}", nullable=False)
            )


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("translations")
