"""campaign and survey texts in other languages

Revision ID: 0017_translations
Revises: 0016_campaign_slug_aliases
Create Date: 2026-11-27 15:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_translations'
down_revision = '0016_campaign_slug_aliases'
branch_labels = None
depends_on = None

TABLES = ('campaign', 'theme', 'survey', 'survey_question', 'survey_option')


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
