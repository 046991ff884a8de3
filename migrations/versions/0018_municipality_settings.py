"""the municipality's own look: name, logo, house colour, contact lines

Revision ID: 0018_municipality_settings
Revises: 0017_translations
Create Date: 2026-11-27 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_municipality_settings'
down_revision = '0017_translations'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('municipality_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('house_colour', sa.String(length=7), nullable=False),
    sa.Column('contact_line', sa.String(length=200), nullable=False),
    sa.Column('privacy_contact', sa.String(length=200), nullable=False),
    sa.Column('logo', sa.LargeBinary(), nullable=True),
    sa.Column('logo_type', sa.String(length=20), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipality_settings'))
    )


def downgrade():
    op.drop_table('municipality_settings')
