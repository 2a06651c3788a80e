"""The flat layout of assertions (one row, one column per field) used by CSV and Parquet, both ways.

Nested record fields become prefixed columns: `source.id` is `source_id`, its span
`source_start`/`source_end`; actor names and kinds ride along for spreadsheets.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..records import ActorRef, Assertion, Trigger

FLAT_COLUMNS: tuple[str, ...] = (
    "date", "doc_id", "doc_date", "event_date", "sentence", "sentence_start", "sentence_end",
    "source_id", "source_name", "source_kind", "source_text", "source_start", "source_end",
    "relation", "mode",
    "target_id", "target_name", "target_kind", "target_text", "target_start", "target_end",
    "negated", "hedge", "confidence",
    "speaker_id", "speaker_name", "speaker_kind", "speaker_text", "speaker_start", "speaker_end",
    "trigger_text", "trigger_start", "trigger_end", "quad", "cameo", "origin",
)
_ACTORS = ("source", "target", "speaker")


def flatten(a: Assertion) -> dict[str, Any]:
    """One assertion as a flat dict with the columns of FLAT_COLUMNS."""
    row: dict[str, Any] = {
        "date": a.event_date or a.doc_date, "doc_id": a.doc_id, "doc_date": a.doc_date, "event_date": a.event_date,
        "sentence": a.sentence, "sentence_start": a.sentence_span[0], "sentence_end": a.sentence_span[1],
        "relation": a.relation, "mode": a.mode, "negated": a.negated, "hedge": a.hedge,
        "confidence": a.confidence, "quad": a.quad, "cameo": a.cameo, "origin": a.origin,
        "trigger_text": a.trigger.text if a.trigger else None,
        "trigger_start": a.trigger.span[0] if a.trigger else None,
        "trigger_end": a.trigger.span[1] if a.trigger else None,
    }
    for prefix in _ACTORS:
        ref: ActorRef | None = getattr(a, prefix)
        row[f"{prefix}_id"] = ref.id if ref else None
        row[f"{prefix}_name"] = ref.name if ref else None
        row[f"{prefix}_kind"] = ref.kind if ref else None
        row[f"{prefix}_text"] = ref.text if ref else None
        row[f"{prefix}_start"] = ref.span[0] if ref else None
        row[f"{prefix}_end"] = ref.span[1] if ref else None
    return {c: row[c] for c in FLAT_COLUMNS}


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN from pandas
        return True
    return isinstance(value, str) and value == ""


def _int(value: Any) -> int | None:
    return None if _blank(value) else int(float(value))


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value) if not _blank(value) else False


def _date(value: Any) -> date | str | None:
    if _blank(value):
        return None
    if hasattr(value, "date") and not isinstance(value, date):
        return value.date()
    return value if isinstance(value, date) else str(value)[:10]


def _ref(row: dict[str, Any], prefix: str) -> ActorRef | None:
    text, actor_id = row.get(f"{prefix}_text"), row.get(f"{prefix}_id")
    if _blank(text) and _blank(actor_id):
        return None
    name = None if _blank(row.get(f"{prefix}_name")) else str(row[f"{prefix}_name"])
    kind = None if _blank(row.get(f"{prefix}_kind")) else str(row[f"{prefix}_kind"])
    return ActorRef(id=None if _blank(actor_id) else str(actor_id), name=name, kind=kind,
                    text=str(text) if not _blank(text) else (name or str(actor_id)),
                    span=(_int(row.get(f"{prefix}_start")) or 0, _int(row.get(f"{prefix}_end")) or 0))


def unflatten(row: dict[str, Any]) -> Assertion:
    """Rebuild an assertion from a flat row (CSV strings or Parquet values); raises ValueError if invalid."""
    source = _ref(row, "source")
    if source is None:
        raise ValueError("no source actor")
    trigger = None
    if not _blank(row.get("trigger_text")):
        trigger = Trigger(text=str(row["trigger_text"]),
                          span=(_int(row.get("trigger_start")) or 0, _int(row.get("trigger_end")) or 0))
    sentence = "" if _blank(row.get("sentence")) else str(row["sentence"])
    return Assertion(
        doc_id=str(row.get("doc_id") or row.get("origin") or ""), doc_date=_date(row.get("doc_date")),
        event_date=_date(row.get("event_date")), sentence=sentence,
        sentence_span=(_int(row.get("sentence_start")) or 0, _int(row.get("sentence_end")) or 0),
        source=source, relation=str(row.get("relation") or "").strip().upper(),
        mode=None if _blank(row.get("mode")) else str(row["mode"]), target=_ref(row, "target"),
        negated=_bool(row.get("negated")), hedge=str(row.get("hedge") or "asserted"),
        confidence=float(row["confidence"]) if not _blank(row.get("confidence")) else 1.0,
        speaker=_ref(row, "speaker"), trigger=trigger, quad=_int(row.get("quad")),
        cameo=None if _blank(row.get("cameo")) else str(row["cameo"]), origin=str(row.get("origin") or "text"),
    )


__all__ = ["FLAT_COLUMNS", "flatten", "unflatten"]
