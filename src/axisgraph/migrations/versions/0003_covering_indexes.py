"""Covering indexes for an actor's ties and a window's graph; they replace the narrower date indexes.

Imported rows each carry their own origin, so ties count documents as distinct documents plus
document-less rows, and the indexes need no origin column.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_COVER = {
    "ix_assertions_source_cover": ["source_id", "date", "target_id", "relation", "mode", "negated", "confidence",
                                   "doc_id"],
    "ix_assertions_target_cover": ["target_id", "date", "source_id", "relation", "mode", "negated", "confidence",
                                   "doc_id"],
    "ix_assertions_date_cover": ["date", "source_id", "target_id", "relation", "mode", "negated", "hedge",
                                 "confidence", "quad"],
}
_NARROW = {
    "ix_assertions_source_date": ["source_id", "date"],
    "ix_assertions_target_date": ["target_id", "date"],
    "ix_assertions_date": ["date"],
}


def upgrade() -> None:
    for name, columns in _COVER.items():
        op.create_index(name, "assertions", columns)
    for name in _NARROW:
        op.drop_index(name, "assertions")


def downgrade() -> None:
    for name, columns in _NARROW.items():
        op.create_index(name, "assertions", columns)
    for name in _COVER:
        op.drop_index(name, "assertions")
