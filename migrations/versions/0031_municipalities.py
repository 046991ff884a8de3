"""municipalities own their data: a municipality table, municipality_id on every tenant table,
slugs unique per municipality, and staff memberships instead of one role per login

Revision ID: 0031_municipalities
Revises: 0030_settled_counts
Create Date: 2026-12-02 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0031_municipalities'
down_revision = '0030_settled_counts'
branch_labels = None
depends_on = None

# Every table that belongs to one municipality (all but the municipality and the login).
TENANT_TABLES = (
    'area', 'campaign', 'area_slug_alias', 'association', 'audit_event', 'campaign_area',
    'campaign_slug_alias', 'device_tally', 'follow_up', 'priority_session', 'settled_count',
    'stand', 'survey', 'theme', 'voting_code_batch', 'archived_count', 'association_view',
    'decision', 'indicator', 'kiosk_device', 'paper_tally', 'participant', 'plan_action',
    'public_release', 'remark', 'session_round', 'shortlist_item', 'survey_question',
    'survey_response', 'voting_code', 'action_update', 'association_theme', 'ballot_exclusion',
    'dot', 'goal', 'indicator_value', 'kiosk_pairing', 'outcome', 'paper_count', 'remark_theme',
    'survey_option', 'ballot', 'goal_update', 'survey_answer', 'ballot_choice',
)
# Short names unique per municipality now (two municipalities may both run "ivp-2027").
SLUG_TABLES = ('area', 'area_slug_alias', 'campaign', 'campaign_slug_alias', 'survey')


def _first_municipality_name() -> str:
    try:
        from flask import current_app

        return current_app.config.get('MUNICIPALITY_NAME') or 'Gemeente'
    except RuntimeError:  # alembic run without the app
        return 'Gemeente'


def upgrade():
    bind = op.get_bind()
    op.rename_table('municipality_settings', 'municipality')
    with op.batch_alter_table('municipality') as batch:
        batch.add_column(sa.Column('slug', sa.String(length=80), nullable=True))
        batch.add_column(sa.Column('hosts', sa.String(length=500), nullable=False, server_default=''))
        batch.add_column(sa.Column('public_url', sa.String(length=200), nullable=False, server_default=''))
        batch.add_column(sa.Column('population', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('mail_sender', sa.String(length=254), nullable=False, server_default=''))
        batch.add_column(sa.Column('retention_days', sa.Integer(), nullable=True))
    municipality = sa.table(
        'municipality', sa.column('id', sa.Integer), sa.column('name', sa.String),
        sa.column('slug', sa.String), sa.column('house_colour', sa.String),
        sa.column('contact_line', sa.String), sa.column('privacy_contact', sa.String),
        sa.column('version', sa.Integer), sa.column('updated_at', sa.DateTime),
    )
    first = bind.execute(sa.select(sa.func.min(municipality.c.id))).scalar()
    if first is None:
        # An install without a settings row: its look came from the defaults; keep them.
        import datetime

        bind.execute(municipality.insert().values(
            name=_first_municipality_name(), house_colour='#1f4e9c', contact_line='',
            privacy_contact='', version=0, updated_at=datetime.datetime.now(datetime.UTC).replace(tzinfo=None),
        ))
        first = bind.execute(sa.select(sa.func.min(municipality.c.id))).scalar()
    # Extra settings rows were never read (the first one was); they go.
    bind.execute(municipality.delete().where(municipality.c.id != first))
    bind.execute(municipality.update().values(slug='gemeente'))
    with op.batch_alter_table('municipality') as batch:
        batch.alter_column('slug', existing_type=sa.String(length=80), nullable=False)
        batch.create_unique_constraint(op.f('uq_municipality_slug'), ['slug'])

    for table in TENANT_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column(
                'municipality_id', sa.Integer(), nullable=False, server_default=str(first),
            ))
        with op.batch_alter_table(table) as batch:
            batch.alter_column('municipality_id', existing_type=sa.Integer(), server_default=None)
            batch.create_foreign_key(
                op.f(f'fk_{table}_municipality_id_municipality'), 'municipality',
                ['municipality_id'], ['id'], ondelete='RESTRICT',
            )
            batch.create_index(op.f(f'ix_{table}_municipality_id'), ['municipality_id'])

    for table in SLUG_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(op.f(f'uq_{table}_slug'), type_='unique')
            batch.create_unique_constraint(
                f'uq_{table}_municipality_id_slug', ['municipality_id', 'slug'],
            )

    op.create_table(
        'staff_membership',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=10), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['staff_user.id'], name=op.f('fk_staff_membership_user_id_staff_user'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_staff_membership_municipality_id_municipality'), ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_membership')),
        sa.UniqueConstraint('user_id', 'municipality_id', name=op.f('uq_staff_membership_user_id')),
    )
    op.create_index(op.f('ix_staff_membership_municipality_id'), 'staff_membership', ['municipality_id'])
    op.create_index(op.f('ix_staff_membership_user_id'), 'staff_membership', ['user_id'])
    bind.execute(sa.text(
        'INSERT INTO staff_membership (user_id, role, municipality_id) '
        'SELECT id, role, :first FROM staff_user'
    ), {'first': first})
    # The admins of a one-municipality install ran the install too: they may add municipalities.
    with op.batch_alter_table('staff_user') as batch:
        batch.add_column(sa.Column('operator', sa.Boolean(), nullable=False, server_default=sa.false()))
    bind.execute(sa.text("UPDATE staff_user SET operator = (role = 'admin')"))
    with op.batch_alter_table('staff_user') as batch:
        batch.drop_column('role')


def downgrade():
    raise NotImplementedError('municipalities cannot be merged back into one install')
