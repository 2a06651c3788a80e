"""Index assertions by dyad, so that the evidence behind a pair is found without scanning either actor.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_assertions_dyad", "assertions", ["source_id", "target_id", "date"])


def downgrade() -> None:
    op.drop_index("ix_assertions_dyad", "assertions")
