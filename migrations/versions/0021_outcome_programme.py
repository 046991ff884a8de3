"""the published outcome per campaign, and the programme: goals, actions and their updates

Revision ID: 0021_outcome_programme
Revises: 0020_ballot_sources_index
Create Date: 2026-11-27 18:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021_outcome_programme'
down_revision = '0020_ballot_sources_index'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'outcome',
        sa.Column('campaign_id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('shows_views', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('plan_first_year', sa.Integer(), nullable=True),
        sa.Column('plan_last_year', sa.Integer(), nullable=True),
        sa.Column('published_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_outcome_campaign_id_campaign'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['session_id'], ['priority_session.id'], name=op.f('fk_outcome_session_id_priority_session'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('campaign_id', name=op.f('pk_outcome')),
    )
    op.create_table(
        'goal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('campaign_id', sa.Integer(), nullable=False),
        sa.Column('theme_id', sa.Integer(), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('indicator_id', sa.Integer(), nullable=True),
        sa.Column('baseline_year', sa.Integer(), nullable=True),
        sa.Column('baseline_value', sa.Double(), nullable=True),
        sa.Column('target_year', sa.Integer(), nullable=True),
        sa.Column('target_value', sa.Double(), nullable=True),
        sa.Column('direction', sa.String(length=6), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_goal_campaign_id_campaign'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_goal_indicator_id_indicator'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_goal_theme_id_theme'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_goal')),
    )
    op.create_index(op.f('ix_goal_campaign_id'), 'goal', ['campaign_id'], unique=False)
    op.create_table(
        'goal_update',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('goal_id', sa.Integer(), nullable=False),
        sa.Column('on', sa.Date(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('note', sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_goal_update_goal_id_goal'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_update')),
    )
    op.create_index(op.f('ix_goal_update_goal_id'), 'goal_update', ['goal_id'], unique=False)
    op.create_table(
        'plan_action',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('campaign_id', sa.Integer(), nullable=False),
        sa.Column('theme_id', sa.Integer(), nullable=False),
        sa.Column('what', sa.String(length=300), nullable=False),
        sa.Column('partner', sa.String(length=120), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_plan_action_campaign_id_campaign'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_plan_action_theme_id_theme'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_action')),
    )
    op.create_index(op.f('ix_plan_action_campaign_id'), 'plan_action', ['campaign_id'], unique=False)
    op.create_table(
        'action_update',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('on', sa.Date(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('note', sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(['action_id'], ['plan_action.id'], name=op.f('fk_action_update_action_id_plan_action'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_action_update')),
    )
    op.create_index(op.f('ix_action_update_action_id'), 'action_update', ['action_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_action_update_action_id'), table_name='action_update')
    op.drop_table('action_update')
    op.drop_index(op.f('ix_plan_action_campaign_id'), table_name='plan_action')
    op.drop_table('plan_action')
    op.drop_index(op.f('ix_goal_update_goal_id'), table_name='goal_update')
    op.drop_table('goal_update')
    op.drop_index(op.f('ix_goal_campaign_id'), table_name='goal')
    op.drop_table('goal')
    op.drop_table('outcome')
