"""Facilitation: step state (hidden, locked, open until, timer, voting, vision statement),
themes, votes, small groups, done marks, co-facilitators, the organiser share link.

Columns added to existing tables have server defaults so that a database with data upgrades.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 08:43:38.837485
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('co_facilitators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['facilitator_id'], ['facilitators.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workshop_id', 'facilitator_id')
    )
    op.create_table('groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=True),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('timer', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['chair_id'], ['participants.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['step_id'], ['steps.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_groups_step_id'), ['step_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_groups_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('step_done',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['steps.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('step_id', 'participant_id')
    )
    with op.batch_alter_table('step_done', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_step_done_step_id'), ['step_id'], unique=False)

    op.create_table('group_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['steps.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('step_id', 'participant_id')
    )
    with op.batch_alter_table('group_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_members_group_id'), ['group_id'], unique=False)

    op.create_table('themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['steps.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_themes_step_id'), ['step_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_themes_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['note_id'], ['notes.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['steps.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_votes_note_id'), ['note_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_step_id'), ['step_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_workshop_id'), ['workshop_id'], unique=False)

    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('theme_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('group_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('group_label', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('moderated', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_foreign_key('fk_notes_theme_id', 'themes', ['theme_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key('fk_notes_group_id', 'groups', ['group_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('series', schema=None) as batch_op:
        batch_op.add_column(sa.Column('share_token_hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint('uq_series_share_token_hash', ['share_token_hash'])

    with op.batch_alter_table('steps', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hidden', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('locked', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('open_until', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('timer', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('voting', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('participants_may_cluster', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('vision_text', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('vision_version', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('vision_edited_by', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('vision_edited_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('follow_me', sa.Boolean(), nullable=False, server_default=sa.false()))



def downgrade() -> None:
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('follow_me')

    with op.batch_alter_table('steps', schema=None) as batch_op:
        batch_op.drop_column('vision_edited_at')
        batch_op.drop_column('vision_edited_by')
        batch_op.drop_column('vision_version')
        batch_op.drop_column('vision_text')
        batch_op.drop_column('participants_may_cluster')
        batch_op.drop_column('voting')
        batch_op.drop_column('timer')
        batch_op.drop_column('open_until')
        batch_op.drop_column('locked')
        batch_op.drop_column('hidden')

    with op.batch_alter_table('series', schema=None) as batch_op:
        batch_op.drop_constraint('uq_series_share_token_hash', type_='unique')
        batch_op.drop_column('share_token_hash')

    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_constraint('fk_notes_group_id', type_='foreignkey')
        batch_op.drop_constraint('fk_notes_theme_id', type_='foreignkey')
        batch_op.drop_column('moderated')
        batch_op.drop_column('group_label')
        batch_op.drop_column('group_id')
        batch_op.drop_column('theme_id')

    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_votes_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_votes_step_id'))
        batch_op.drop_index(batch_op.f('ix_votes_note_id'))

    op.drop_table('votes')
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_themes_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_themes_step_id'))

    op.drop_table('themes')
    with op.batch_alter_table('group_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_members_group_id'))

    op.drop_table('group_members')
    with op.batch_alter_table('step_done', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_step_done_step_id'))

    op.drop_table('step_done')
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_groups_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_groups_step_id'))

    op.drop_table('groups')
    op.drop_table('co_facilitators')
