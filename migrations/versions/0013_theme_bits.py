"""theme bits: each theme's choice-mask bit is fixed when it is created

Revision ID: 0013_theme_bits
Revises: 0012_archived_counts
Create Date: 2026-11-27 13:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_theme_bits'
down_revision = '0012_archived_counts'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bit', sa.Integer(), nullable=True))
    # Until now the bit was position - 1. Themes placed past 63 (whose ballots could not be
    # stored) get the lowest bits no other theme of their campaign holds.
    op.execute("UPDATE theme SET bit = position - 1 WHERE position BETWEEN 1 AND 63")
    connection = op.get_bind()
    loose = connection.execute(
        sa.text("SELECT id, campaign_id FROM theme WHERE bit IS NULL ORDER BY position")
    ).all()
    for theme_id, campaign_id in loose:
        taken = set(
            connection.execute(
                sa.text("SELECT bit FROM theme WHERE campaign_id = :c AND bit IS NOT NULL"),
                {"c": campaign_id},
            ).scalars()
        )
        bit = next(b for b in range(63) if b not in taken)
        connection.execute(
            sa.text("UPDATE theme SET bit = :b WHERE id = :t"), {"b": bit, "t": theme_id}
        )
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.alter_column('bit', existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint('uq_theme_campaign_id_bit', ['campaign_id', 'bit'])
    # Positions may have moved after ballots were cast: rebuild every mask from the
    # BallotChoice rows, the record of each pick, so masks and rows agree from here on.
    op.execute(
        "UPDATE ballot SET choice_mask = ("
        " SELECT COALESCE(SUM(CAST(1 AS BIGINT) << theme.bit), 0)"
        " FROM ballot_choice JOIN theme ON theme.id = ballot_choice.theme_id"
        " WHERE ballot_choice.ballot_id = ballot.id)"
    )


def downgrade():
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_constraint('uq_theme_campaign_id_bit', type_='unique')
        batch_op.drop_column('bit')
