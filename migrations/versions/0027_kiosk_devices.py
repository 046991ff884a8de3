"""a stand's kiosk is a paired tablet, not a link: devices, pairings, ballots per tablet

Revision ID: 0027_kiosk_devices
Revises: 0026_public_release
Create Date: 2026-12-03 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0027_kiosk_devices'
down_revision = '0026_public_release'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'kiosk_device',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('stand_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('secret_hash', sa.String(length=64), nullable=True),
        sa.Column('paired_at', sa.DateTime(), nullable=False),
        sa.Column('paired_by_id', sa.Integer(), nullable=True),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.Column('revoked_by_id', sa.Integer(), nullable=True),
        sa.Column('last_contact_at', sa.DateTime(), nullable=True),
        sa.Column('queued_reported', sa.Integer(), server_default='0', nullable=False),
        sa.Column('pace_tokens', sa.Double(), nullable=False),
        sa.Column('pace_at', sa.DateTime(), nullable=False),
        sa.Column('held_at', sa.DateTime(), nullable=True),
        sa.Column('held_peak', sa.Integer(), server_default='0', nullable=False),
        sa.ForeignKeyConstraint(['stand_id'], ['stand.id'], name=op.f('fk_kiosk_device_stand_id_stand')),
        sa.ForeignKeyConstraint(['paired_by_id'], ['staff_user.id'], name=op.f('fk_kiosk_device_paired_by_id_staff_user')),
        sa.ForeignKeyConstraint(['revoked_by_id'], ['staff_user.id'], name=op.f('fk_kiosk_device_revoked_by_id_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kiosk_device')),
        sa.UniqueConstraint('secret_hash', name=op.f('uq_kiosk_device_secret_hash')),
    )
    op.create_index(op.f('ix_kiosk_device_stand_id'), 'kiosk_device', ['stand_id'], unique=False)
    op.create_table(
        'kiosk_pairing',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('stand_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=6), nullable=False),
        sa.Column('nonce_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('device_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['stand_id'], ['stand.id'], name=op.f('fk_kiosk_pairing_stand_id_stand')),
        sa.ForeignKeyConstraint(['device_id'], ['kiosk_device.id'], name=op.f('fk_kiosk_pairing_device_id_kiosk_device')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kiosk_pairing')),
        sa.UniqueConstraint('nonce_hash', name=op.f('uq_kiosk_pairing_nonce_hash')),
    )
    op.create_index(op.f('ix_kiosk_pairing_stand_id'), 'kiosk_pairing', ['stand_id'], unique=False)
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kiosk_device_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_ballot_kiosk_device_id_kiosk_device'), 'kiosk_device', ['kiosk_device_id'], ['id']
        )
    with op.batch_alter_table('ballot_exclusion', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stand_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('kiosk_device_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_ballot_exclusion_stand_id_stand'), 'stand', ['stand_id'], ['id']
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_ballot_exclusion_kiosk_device_id_kiosk_device'), 'kiosk_device', ['kiosk_device_id'], ['id']
        )


def downgrade():
    with op.batch_alter_table('ballot_exclusion', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_ballot_exclusion_kiosk_device_id_kiosk_device'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_ballot_exclusion_stand_id_stand'), type_='foreignkey')
        batch_op.drop_column('kiosk_device_id')
        batch_op.drop_column('stand_id')
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_ballot_kiosk_device_id_kiosk_device'), type_='foreignkey')
        batch_op.drop_column('kiosk_device_id')
    op.drop_index(op.f('ix_kiosk_pairing_stand_id'), table_name='kiosk_pairing')
    op.drop_table('kiosk_pairing')
    op.drop_index(op.f('ix_kiosk_device_stand_id'), table_name='kiosk_device')
    op.drop_table('kiosk_device')
