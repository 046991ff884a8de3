"""one adoption per municipality: a municipality adopts a regional campaign once (two staff
adopting at the same moment would otherwise make two campaigns for one regional campaign)

Revision ID: 0035_one_adoption
Revises: 0034_regional_plan
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0035_one_adoption"
down_revision = "0034_regional_plan"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ux_campaign_adoption",
        "campaign",
        ["municipality_id", "regional_campaign_id"],
        unique=True,
    )


def downgrade():
    op.drop_index("ux_campaign_adoption", table_name="campaign")
