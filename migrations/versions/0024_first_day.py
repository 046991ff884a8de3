"""a municipality sets itself up: retired villages and their old short names, invited staff
with a display name, and the first-day checklist's test e-mail and backup

Revision ID: 0024_first_day
Revises: 0023_follow_up
Create Date: 2026-12-02 03:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0024_first_day'
down_revision = '0023_follow_up'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(), nullable=True))
    op.create_table(
        'area_slug_alias',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slug', sa.String(length=80), nullable=False),
        sa.Column('area_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_area_slug_alias_area_id_area'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_area_slug_alias')),
        sa.UniqueConstraint('slug', name=op.f('uq_area_slug_alias_slug')),
    )
    op.create_index(op.f('ix_area_slug_alias_area_id'), 'area_slug_alias', ['area_id'], unique=False)
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('display_name', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('invite_pending', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mail_tested_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('backup_made_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.drop_column('backup_made_at')
        batch_op.drop_column('mail_tested_at')
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_column('invite_pending')
        batch_op.drop_column('display_name')
    op.drop_index(op.f('ix_area_slug_alias_area_id'), table_name='area_slug_alias')
    op.drop_table('area_slug_alias')
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.drop_column('retired_at')
