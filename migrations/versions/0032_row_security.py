"""row-level security on every municipality-owned table (wall two, PostgreSQL only), and
the ballot's counting indexes cover the municipality the policies and counts ask for

Each table with a municipality_id shows and accepts only the rows of the municipality the
transaction names in the setting app.municipality (participation/row_security.py sets it).
FORCE makes the policies hold for the tables' owner too; only a superuser or a BYPASSRLS
role skips them, so the role that serves requests must be neither (README).
A login's own memberships are also readable when app.staff_user names it (the switch between
municipalities in the staff header), and every row is readable (never writable) when
app.install_read is 'on': set only for pg_dump by `flask backup`, which copies the whole install.

Revision ID: 0032_row_security
Revises: 0031_municipalities
Create Date: 2026-12-02 17:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0032_row_security'
down_revision = '0031_municipalities'
branch_labels = None
depends_on = None

# The municipality a transaction names; NULL (no row at all) when it names none.
CURRENT = "nullif(current_setting('app.municipality', true), '')::integer"
STAFF_USER = "nullif(current_setting('app.staff_user', true), '')::integer"
INSTALL_READ = "current_setting('app.install_read', true) = 'on'"


def tenant_tables(bind) -> list[str]:
    """Every table of this schema with a municipality_id column (all but the municipality
    and the logins)."""
    return list(bind.execute(sa.text(
        "SELECT table_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND column_name = 'municipality_id' "
        "ORDER BY table_name"
    )).scalars())


COUNTING = ['campaign_id', 'area_id', 'channel', 'trust_level', 'exclusion_id', 'created_at',
            'choice_mask']
SOURCES = ['campaign_id', 'exclusion_id', 'channel', 'source_tag']


def _ballot_indexes(with_municipality: bool) -> None:
    extra = ['municipality_id'] if with_municipality else []
    with op.batch_alter_table('ballot') as batch:
        batch.drop_index('ix_ballot_counting')
        batch.drop_index('ix_ballot_sources')
        batch.drop_index('ix_ballot_municipality_id')
        batch.create_index('ix_ballot_counting', COUNTING + extra)
        batch.create_index('ix_ballot_sources', SOURCES + extra)
        batch.create_index(
            'ix_ballot_municipality_id', ['municipality_id', 'id'] if with_municipality
            else ['municipality_id'])


def upgrade():
    _ballot_indexes(with_municipality=True)
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return  # SQLite has wall one only (the ORM rule); README says so
    for table in tenant_tables(bind):
        op.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        op.execute(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY municipality_rows ON "{table}" '
            f'USING (municipality_id = {CURRENT}) WITH CHECK (municipality_id = {CURRENT})'
        )
        op.execute(f'CREATE POLICY install_read ON "{table}" FOR SELECT USING ({INSTALL_READ})')
    op.execute(
        'CREATE POLICY own_memberships ON staff_membership FOR SELECT '
        f'USING (user_id = {STAFF_USER})'
    )


def downgrade():
    _ballot_indexes(with_municipality=False)
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    op.execute('DROP POLICY own_memberships ON staff_membership')
    for table in tenant_tables(bind):
        op.execute(f'DROP POLICY install_read ON "{table}"')
        op.execute(f'DROP POLICY municipality_rows ON "{table}"')
        op.execute(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')
        op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
