"""regional plan: the region's session and its decisions (common or one municipality's),
the regional outcome, the common programme (goals, actions, their updates), and a regional
campaign's previous cycle

Every new table is region-owned: wall two shows and accepts only the rows of the region a
transaction names in app.region (as 0033 does for the regional campaign).

Revision ID: 0034_regional_plan
Revises: 0033_regions
Create Date: 2026-12-03 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0034_regional_plan'
down_revision = '0033_regions'
branch_labels = None
depends_on = None

REGION = "nullif(current_setting('app.region', true), '')::integer"
INSTALL_READ = "current_setting('app.install_read', true) = 'on'"
TABLES = (
    'regional_session', 'regional_decision', 'regional_outcome', 'regional_goal',
    'regional_goal_update', 'regional_action', 'regional_action_update',
)


def _region_id() -> sa.Column:
    return sa.Column('region_id', sa.Integer(), sa.ForeignKey('region.id', ondelete='RESTRICT'),
                     nullable=False, index=True)


def _parent(column: str, table: str, ondelete: str = 'CASCADE', nullable: bool = False,
            index: bool = True, primary_key: bool = False) -> sa.Column:
    return sa.Column(column, sa.Integer(), sa.ForeignKey(f'{table}.id', ondelete=ondelete),
                     nullable=nullable, index=index, primary_key=primary_key)


def upgrade():
    op.create_table(
        'regional_session',
        sa.Column('id', sa.Integer(), primary_key=True),
        _region_id(),
        _parent('regional_campaign_id', 'regional_campaign'),
        sa.Column('title', sa.String(200), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=True),
        sa.Column('place', sa.String(200), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_table(
        'regional_decision',
        sa.Column('id', sa.Integer(), primary_key=True),
        _region_id(),
        _parent('regional_session_id', 'regional_session'),
        sa.Column('kind', sa.String(8), nullable=False),
        _parent('for_municipality_id', 'municipality', nullable=True, index=False),
        _parent('regional_theme_id', 'regional_theme', nullable=True, index=False),
        _parent('local_theme_id', 'theme', nullable=True, index=False),
        sa.Column('chosen', sa.Boolean(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('rationale', sa.Text(), nullable=False),
        sa.Column('safety_field', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('common', 'local')", name='ck_regional_decision_kind'),
        sa.CheckConstraint(
            "(kind = 'common' AND for_municipality_id IS NULL AND regional_theme_id IS NOT NULL"
            " AND local_theme_id IS NULL) OR (kind = 'local' AND for_municipality_id IS NOT NULL"
            " AND (regional_theme_id IS NULL) <> (local_theme_id IS NULL))",
            name='ck_regional_decision_shape',
        ),
    )
    op.create_table(
        'regional_outcome',
        _parent('regional_campaign_id', 'regional_campaign', index=False, primary_key=True),
        _region_id(),
        _parent('regional_session_id', 'regional_session', ondelete='SET NULL', nullable=True,
                index=False),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('plan_first_year', sa.Integer(), nullable=True),
        sa.Column('plan_last_year', sa.Integer(), nullable=True),
        sa.Column('published_at', sa.DateTime(), nullable=True),
    )
    op.create_table(
        'regional_goal',
        sa.Column('id', sa.Integer(), primary_key=True),
        _region_id(),
        _parent('regional_campaign_id', 'regional_campaign'),
        _parent('regional_theme_id', 'regional_theme', index=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('kind', sa.String(12), nullable=False),
        _parent('regional_indicator_id', 'regional_indicator', ondelete='SET NULL',
                nullable=True, index=False),
        sa.Column('baseline_year', sa.Integer(), nullable=True),
        sa.Column('baseline_value', sa.Double(), nullable=True),
        sa.Column('target_year', sa.Integer(), nullable=True),
        sa.Column('target_value', sa.Double(), nullable=True),
        sa.Column('direction', sa.String(6), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_table(
        'regional_goal_update',
        sa.Column('id', sa.Integer(), primary_key=True),
        _region_id(),
        _parent('regional_goal_id', 'regional_goal'),
        sa.Column('on', sa.Date(), nullable=False),
        sa.Column('status', sa.String(12), nullable=False),
        sa.Column('note', sa.String(500), nullable=False),
    )
    op.create_table(
        'regional_action',
        sa.Column('id', sa.Integer(), primary_key=True),
        _region_id(),
        _parent('regional_campaign_id', 'regional_campaign'),
        _parent('regional_theme_id', 'regional_theme', index=False),
        sa.Column('what', sa.String(300), nullable=False),
        sa.Column('partner', sa.String(120), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_table(
        'regional_action_update',
        sa.Column('id', sa.Integer(), primary_key=True),
        _region_id(),
        _parent('regional_action_id', 'regional_action'),
        sa.Column('on', sa.Date(), nullable=False),
        sa.Column('status', sa.String(12), nullable=False),
        sa.Column('note', sa.String(500), nullable=False),
    )
    with op.batch_alter_table('regional_campaign') as batch:
        batch.add_column(sa.Column('previous_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_regional_campaign_previous_id_regional_campaign',
                                 'regional_campaign', ['previous_id'], ['id'],
                                 ondelete='SET NULL')

    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in TABLES:
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY region_rows ON "{table}" '
            f'USING (region_id = {REGION}) WITH CHECK (region_id = {REGION})'
        )
        op.execute(f'CREATE POLICY install_read ON "{table}" FOR SELECT USING ({INSTALL_READ})')


def downgrade():
    with op.batch_alter_table('regional_campaign') as batch:
        batch.drop_constraint('fk_regional_campaign_previous_id_regional_campaign',
                              type_='foreignkey')
        batch.drop_column('previous_id')
    for table in reversed(TABLES):
        op.drop_table(table)
