"""the public gets releases (snapshots) of results and survey results, not a live feed

Revision ID: 0026_public_release
Revises: 0025_answer_release
Create Date: 2026-12-02 06:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0026_public_release'
down_revision = '0025_answer_release'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'public_release',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('campaign_id', sa.Integer(), nullable=True),
        sa.Column('survey_id', sa.Integer(), nullable=True),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('released_at', sa.DateTime(), nullable=False),
        sa.Column('released_by_id', sa.Integer(), nullable=True),
        sa.Column('sizes', sa.JSON(), nullable=False),
        sa.Column('blocks', sa.JSON(), nullable=False),
        sa.Column('counts', sa.JSON(), nullable=False),
        sa.Column('villages', sa.JSON(), nullable=False),
        sa.Column('excluded', sa.Integer(), nullable=False),
        sa.Column('upto_response_id', sa.Integer(), nullable=True),
        sa.Column('upto_ballot_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_public_release_campaign_id_campaign'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['survey_id'], ['survey.id'], name=op.f('fk_public_release_survey_id_survey'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['released_by_id'], ['staff_user.id'], name=op.f('fk_public_release_released_by_id_staff_user'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_public_release')),
    )
    op.create_index(op.f('ix_public_release_campaign_id'), 'public_release', ['campaign_id'], unique=False)
    op.create_index(op.f('ix_public_release_survey_id'), 'public_release', ['survey_id'], unique=False)
    with op.batch_alter_table('outcome', schema=None) as batch_op:
        batch_op.add_column(sa.Column('release_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_outcome_release_id_public_release'), 'public_release', ['release_id'], ['id'], ondelete='SET NULL'
        )


def downgrade():
    with op.batch_alter_table('outcome', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outcome_release_id_public_release'), type_='foreignkey')
        batch_op.drop_column('release_id')
    op.drop_index(op.f('ix_public_release_survey_id'), table_name='public_release')
    op.drop_index(op.f('ix_public_release_campaign_id'), table_name='public_release')
    op.drop_table('public_release')
