"""Accounts: a session epoch per facilitator (logout and password change end every session)
and a disabled mark.

Columns added to existing tables have server defaults so that a database with data upgrades.

Revision ID: 0003_accounts
Revises: 0002
Create Date: 2026-11-23 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0003_accounts'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('facilitators', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('session_epoch', sa.Integer(), nullable=False, server_default='0')
        )
        batch_op.add_column(sa.Column('disabled_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('facilitators', schema=None) as batch_op:
        batch_op.drop_column('disabled_at')
        batch_op.drop_column('session_epoch')
