"""arrival minute: ballot and survey-response times kept to the minute

Revision ID: 0015_arrival_minute
Revises: 0014_staff_sessions
Create Date: 2026-11-27 14:20:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0015_arrival_minute'
down_revision = '0014_staff_sessions'
branch_labels = None
depends_on = None


def upgrade():
    # Times to the microsecond could be matched with who stood at a stand when; the burst
    # signal needs minutes. No schema change: the stored times lose their seconds.
    if op.get_bind().dialect.name == "postgresql":
        for table in ("ballot", "survey_response"):
            op.execute(f"UPDATE {table} SET created_at = date_trunc('minute', created_at)")
    else:
        for table in ("ballot", "survey_response"):
            op.execute(
                f"UPDATE {table} SET created_at = strftime('%Y-%m-%d %H:%M:00.000000', created_at)"
            )


def downgrade():
    pass  # the seconds are gone for good, as intended
