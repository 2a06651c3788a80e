"""Initial schema: documents, actors, assertions, ingest runs.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _span_columns(prefix: str) -> list[sa.Column]:
    return [sa.Column(f"{prefix}_start", sa.Integer), sa.Column(f"{prefix}_end", sa.Integer)]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("date", sa.Date),
        sa.Column("title", sa.Text), sa.Column("url", sa.Text), sa.Column("source", sa.Text),
        sa.Column("path", sa.Text), sa.Column("text", sa.Text, nullable=False), sa.Column("meta", sa.JSON),
        sa.Column("n_assertions", sa.Integer, nullable=False),
        sa.Column("run_id", sa.Integer), sa.Column("ingested_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_documents_content_hash", "documents", ["content_hash"])
    op.create_index("ix_documents_date", "documents", ["date"])
    op.create_table(
        "actors",
        sa.Column("id", sa.String(200), primary_key=True), sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(40)), sa.Column("country", sa.String(3)), sa.Column("origin", sa.String(40)),
    )
    op.create_table(
        "assertions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(40), nullable=False, unique=True),
        sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id")),
        sa.Column("doc_date", sa.Date), sa.Column("event_date", sa.Date), sa.Column("date", sa.Date),
        sa.Column("sentence", sa.Text), *_span_columns("sentence"),
        sa.Column("source_id", sa.String(200)), sa.Column("source_text", sa.Text), *_span_columns("source"),
        sa.Column("relation", sa.String(20), nullable=False), sa.Column("mode", sa.String(40)),
        sa.Column("target_id", sa.String(200)), sa.Column("target_text", sa.Text), *_span_columns("target"),
        sa.Column("negated", sa.Boolean, nullable=False), sa.Column("hedge", sa.String(12), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("speaker_id", sa.String(200)), sa.Column("speaker_text", sa.Text), *_span_columns("speaker"),
        sa.Column("trigger_text", sa.Text), *_span_columns("trigger"),
        sa.Column("quad", sa.Integer), sa.Column("cameo", sa.String(8)),
        sa.Column("origin", sa.String(200), nullable=False),
    )
    op.create_index("ix_assertions_source_date", "assertions", ["source_id", "date"])
    op.create_index("ix_assertions_target_date", "assertions", ["target_id", "date"])
    op.create_index("ix_assertions_date", "assertions", ["date"])
    op.create_index("ix_assertions_doc", "assertions", ["doc_id"])
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("status", sa.String(20), nullable=False), sa.Column("command", sa.Text),
        sa.Column("documents_stored", sa.Integer), sa.Column("documents_skipped", sa.Integer),
        sa.Column("assertions_stored", sa.Integer), sa.Column("problems", sa.JSON),
    )


def downgrade() -> None:
    for table in ("ingest_runs", "assertions", "actors", "documents"):
        op.drop_table(table)
