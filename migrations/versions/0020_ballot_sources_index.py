"""an index that covers ballots per channel and source tag

Revision ID: 0020_ballot_sources_index
Revises: 0019_stand_contact
Create Date: 2026-11-27 17:30:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0020_ballot_sources_index'
down_revision = '0019_stand_contact'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.create_index(
            'ix_ballot_sources', ['campaign_id', 'exclusion_id', 'channel', 'source_tag'],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.drop_index('ix_ballot_sources')
