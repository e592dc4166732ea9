"""Documents: the workshop's time zone, the day it was held and the facilitator's closing
text; notes and questions a facilitator left out of the documents.

Revision ID: 0005_documents
Revises: 0004_duplicates
Create Date: 2026-11-30 05:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0005_documents'
down_revision = '0004_duplicates'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'time_zone', sa.String(length=64), nullable=False,
                server_default='Europe/Helsinki',
            )
        )
        batch_op.add_column(sa.Column('held_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('closing_text', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('steps', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('excluded_prompts', sa.JSON(), nullable=False, server_default='[]')
        )
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('excluded', sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_column('excluded')
    with op.batch_alter_table('steps', schema=None) as batch_op:
        batch_op.drop_column('excluded_prompts')
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('closing_text')
        batch_op.drop_column('held_on')
        batch_op.drop_column('time_zone')
