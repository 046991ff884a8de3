"""regions: municipalities that write one safety plan together, the regional campaign each
adopts, one phone once across the region, figures per village core, municipality and region,
and wall two for region-owned rows and for reading across a region

Region-owned tables (regional_campaign, regional_theme, regional_device_tally,
regional_indicator, regional_indicator_value) show and accept only the rows of the region a
transaction names in app.region. Every municipality-owned table also shows (never accepts) the
rows of the municipalities listed in app.readable: the region's pages, its coordinators and
partners read across the region (participation/row_security.py sets both).

Revision ID: 0033_regions
Revises: 0032_row_security
Create Date: 2026-12-02 22:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0033_regions'
down_revision = '0032_row_security'
branch_labels = None
depends_on = None

REGION = "nullif(current_setting('app.region', true), '')::integer"
READABLE = (
    "municipality_id = ANY (string_to_array("
    "nullif(current_setting('app.readable', true), ''), ',')::integer[])"
)
STAFF_USER = "nullif(current_setting('app.staff_user', true), '')::integer"
INSTALL_READ = "current_setting('app.install_read', true) = 'on'"
REGION_TABLES = (
    'regional_campaign', 'regional_theme', 'regional_device_tally', 'regional_indicator',
    'regional_indicator_value', 'region_audit_event',
)


def _region_id(nullable: bool = False) -> sa.Column:
    return sa.Column('region_id', sa.Integer(), sa.ForeignKey(
        'region.id', name=None, ondelete='RESTRICT'), nullable=nullable, index=True)


def tenant_tables(bind) -> list[str]:
    return list(bind.execute(sa.text(
        "SELECT table_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND column_name = 'municipality_id' "
        "ORDER BY table_name"
    )).scalars())


def upgrade():
    op.create_table(
        'region',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(120), nullable=False),
        sa.Column('slug', sa.String(80), nullable=False, unique=True),
        sa.Column('police_team', sa.String(120), nullable=False, server_default=''),
        sa.Column('public_url', sa.String(200), nullable=False, server_default=''),
        sa.Column('hosts', sa.String(500), nullable=False, server_default=''),
        sa.Column('house_colour', sa.String(7), nullable=False),
        sa.Column('cbs_code', sa.String(12), nullable=False, server_default=''),
    )
    op.create_table(
        'region_membership',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('staff_user.id', ondelete='CASCADE'),
                  nullable=False, index=True),
        sa.Column('region_id', sa.Integer(), sa.ForeignKey('region.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('scope', sa.String(12), nullable=False),
        sa.UniqueConstraint('user_id', 'region_id'),
    )
    op.create_table(
        'regional_campaign',
        sa.Column('id', sa.Integer(), primary_key=True),
        _region_id(),
        sa.Column('slug', sa.String(80), nullable=False),
        sa.Column('title', sa.String(200), nullable=False),
        sa.Column('intro', sa.Text(), nullable=False),
        sa.Column('status', sa.String(10), nullable=False),
        sa.Column('min_picks', sa.Integer(), nullable=False),
        sa.Column('max_picks', sa.Integer(), nullable=False),
        sa.Column('period_starts', sa.DateTime(), nullable=False),
        sa.Column('period_ends', sa.DateTime(), nullable=False),
        sa.Column('results_published_at', sa.DateTime(), nullable=True),
        sa.Column('translations', sa.JSON(), nullable=False, server_default='{}'),
        sa.UniqueConstraint('region_id', 'slug'),
    )
    op.create_table(
        'regional_theme',
        sa.Column('id', sa.Integer(), primary_key=True),
        _region_id(),
        sa.Column('regional_campaign_id', sa.Integer(),
                  sa.ForeignKey('regional_campaign.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('title', sa.String(120), nullable=False),
        sa.Column('explanation', sa.String(300), nullable=False),
        sa.Column('safety_field', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('translations', sa.JSON(), nullable=False, server_default='{}'),
        sa.UniqueConstraint('regional_campaign_id', 'position'),
    )
    op.create_table(
        'regional_device_tally',
        _region_id(),
        sa.Column('regional_campaign_id', sa.Integer(),
                  sa.ForeignKey('regional_campaign.id', ondelete='CASCADE'), primary_key=True),
        sa.Column('device_hash', sa.String(32), primary_key=True),
        sa.Column('ballots', sa.Integer(), nullable=False),
    )
    op.create_table(
        'regional_indicator',
        sa.Column('id', sa.Integer(), primary_key=True),
        _region_id(),
        sa.Column('regional_campaign_id', sa.Integer(),
                  sa.ForeignKey('regional_campaign.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('regional_theme_id', sa.Integer(),
                  sa.ForeignKey('regional_theme.id', ondelete='CASCADE'), nullable=False),
        sa.Column('name', sa.String(200), nullable=False),
        sa.Column('source', sa.String(200), nullable=False),
        sa.Column('trend', sa.String(10), nullable=False),
    )
    op.create_table(
        'regional_indicator_value',
        sa.Column('id', sa.Integer(), primary_key=True),
        _region_id(),
        sa.Column('regional_indicator_id', sa.Integer(),
                  sa.ForeignKey('regional_indicator.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('for_municipality_id', sa.Integer(),
                  sa.ForeignKey('municipality.id', ondelete='CASCADE'), nullable=True),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('value', sa.Double(), nullable=False),
    )
    op.create_table(
        'region_audit_event',
        sa.Column('id', sa.Integer(), primary_key=True),
        _region_id(),
        sa.Column('at', sa.DateTime(), nullable=False, index=True),
        sa.Column('actor_id', sa.Integer(), sa.ForeignKey('staff_user.id'), nullable=True),
        sa.Column('action', sa.String(60), nullable=False),
        sa.Column('target', sa.String(120), nullable=False),
        sa.Column('details', sa.Text(), nullable=False),
    )
    with op.batch_alter_table('municipality') as batch:
        batch.add_column(sa.Column('region_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('cbs_code', sa.String(12), nullable=False, server_default=''))
        batch.create_foreign_key('fk_municipality_region_id_region', 'region', ['region_id'],
                                 ['id'], ondelete='SET NULL')
        batch.create_index('ix_municipality_region_id', ['region_id'])
    with op.batch_alter_table('area') as batch:
        batch.add_column(sa.Column('cbs_code', sa.String(12), nullable=False, server_default=''))
    with op.batch_alter_table('campaign') as batch:
        batch.add_column(sa.Column('regional_campaign_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_campaign_regional_campaign_id_regional_campaign',
                                 'regional_campaign', ['regional_campaign_id'], ['id'],
                                 ondelete='RESTRICT')
        batch.create_index('ix_campaign_regional_campaign_id', ['regional_campaign_id'])
    with op.batch_alter_table('theme') as batch:
        batch.add_column(sa.Column('regional_theme_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_theme_regional_theme_id_regional_theme', 'regional_theme',
                                 ['regional_theme_id'], ['id'], ondelete='RESTRICT')
        batch.create_index('ix_theme_regional_theme_id', ['regional_theme_id'])
    with op.batch_alter_table('indicator_value') as batch:
        batch.add_column(sa.Column('area_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_indicator_value_area_id_area', 'area', ['area_id'], ['id'],
                                 ondelete='CASCADE')
        batch.drop_constraint('uq_indicator_value_indicator_id', type_='unique')
        batch.create_unique_constraint('uq_indicator_value_area_year',
                                       ['indicator_id', 'area_id', 'year'])

    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    for table in tenant_tables(bind):
        op.execute(f'CREATE POLICY region_read ON "{table}" FOR SELECT USING ({READABLE})')
    for table in REGION_TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY region_rows ON "{table}" '
            f'USING (region_id = {REGION}) WITH CHECK (region_id = {REGION})'
        )
        op.execute(f'CREATE POLICY install_read ON "{table}" FOR SELECT USING ({INSTALL_READ})')
    op.execute('ALTER TABLE region_membership ENABLE ROW LEVEL SECURITY')
    op.execute('ALTER TABLE region_membership FORCE ROW LEVEL SECURITY')
    op.execute(
        f'CREATE POLICY region_rows ON region_membership '
        f'USING (region_id = {REGION}) WITH CHECK (region_id = {REGION})'
    )
    op.execute(
        'CREATE POLICY own_memberships ON region_membership FOR SELECT '
        f'USING (user_id = {STAFF_USER})'
    )
    op.execute(f'CREATE POLICY install_read ON region_membership FOR SELECT USING ({INSTALL_READ})')


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        for table in tenant_tables(bind):
            op.execute(f'DROP POLICY IF EXISTS region_read ON "{table}"')
    with op.batch_alter_table('indicator_value') as batch:
        batch.drop_constraint('uq_indicator_value_area_year', type_='unique')
        batch.drop_constraint('fk_indicator_value_area_id_area', type_='foreignkey')
        batch.drop_column('area_id')
        batch.create_unique_constraint('uq_indicator_value_indicator_id', ['indicator_id', 'year'])
    with op.batch_alter_table('theme') as batch:
        batch.drop_index('ix_theme_regional_theme_id')
        batch.drop_constraint('fk_theme_regional_theme_id_regional_theme', type_='foreignkey')
        batch.drop_column('regional_theme_id')
    with op.batch_alter_table('campaign') as batch:
        batch.drop_index('ix_campaign_regional_campaign_id')
        batch.drop_constraint('fk_campaign_regional_campaign_id_regional_campaign',
                              type_='foreignkey')
        batch.drop_column('regional_campaign_id')
    with op.batch_alter_table('area') as batch:
        batch.drop_column('cbs_code')
    with op.batch_alter_table('municipality') as batch:
        batch.drop_index('ix_municipality_region_id')
        batch.drop_constraint('fk_municipality_region_id_region', type_='foreignkey')
        batch.drop_column('cbs_code')
        batch.drop_column('region_id')
    for table in ('region_audit_event', 'regional_indicator_value', 'regional_indicator', 'regional_device_tally',
                  'regional_theme', 'regional_campaign', 'region_membership', 'region'):
        op.drop_table(table)
