"""Duplicates: where each new participant joined from, as keyed hashes of the network address
and of the browser's random id, so that a facilitator can see one browser or network making
many participants.

Both columns are nullable: participants from before this revision are simply not grouped.

Revision ID: 0004_duplicates
Revises: 0003_accounts
Create Date: 2026-11-24 09:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0004_duplicates'
down_revision = '0003_accounts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('browser_hash', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('browser_hash')
        batch_op.drop_column('address_hash')
