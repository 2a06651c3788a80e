"""Event-data exports: PLOVER JSON and an ICEWS-like TSV, for tools that read coded events.

Both formats know events only: standing ties (BACKS, COMMANDS, …), negated
assertions and undated ones are left out and counted. The record's origin goes
into the event id, so that importing the file back gives the same assertions.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from ..importers.cameo_codes import CAMEO_EVENTS
from ..importers.icews import COLUMNS as ICEWS_COLUMNS
from ..kb import bundled_kb
from ..ontology import EVENTS, relation_to_cameo
from ..records import ActorRef, Assertion
from ..store import Store, assertion_key


def event_id(a: Assertion) -> str:
    """The id written for an assertion: its origin, or for text assertions the document and key."""
    if a.origin != "text":
        return a.origin
    return f"text:{a.doc_id}:{assertion_key(a)[:12]}"


def skip_reason(a: Assertion) -> str | None:
    """Why an assertion cannot be written as a coded event, or None."""
    if a.relation not in EVENTS:
        return f"{a.relation} is a standing tie, not an event"
    if a.negated:
        return "negated (event formats have no negation)"
    if (a.event_date or a.doc_date) is None:
        return "no date"
    return None


def _cameo(a: Assertion) -> str:
    return a.cameo or relation_to_cameo(a.relation, a.mode) or ""


def _plover_actor(ref: ActorRef) -> dict[str, Any]:
    return {"actorText": ref.text, "name": ref.name, "code": ref.id, "kind": ref.kind}


def plover_record(a: Assertion) -> dict[str, Any]:
    """A PLOVER JSON event record of an assertion (with axisgraph's hedge and confidence)."""
    day = a.event_date or a.doc_date
    return {
        "id": event_id(a), "date": day.isoformat() if day else None, "event": a.relation, "mode": a.mode or "",
        "context": "", "source": [_plover_actor(a.source)],
        "target": [_plover_actor(a.target)] if a.target else [],
        "text": a.sentence, "eventText": a.trigger.text if a.trigger else "",
        "cameo": _cameo(a), "hedge": a.hedge, "confidence": a.confidence, "doc_id": a.doc_id,
    }


def write_plover(store: Store, out: Path, since: date | None = None, until: date | None = None) -> tuple[int, Counter]:
    """Write events as a PLOVER JSON array; returns (written, skipped by reason)."""
    written, skipped = 0, Counter()
    with out.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for a in store.iter_assertions(since, until):
            reason = skip_reason(a)
            if reason:
                skipped[reason] += 1
                continue
            handle.write(("\n" if written == 0 else ",\n") + json.dumps(plover_record(a), ensure_ascii=False))
            written += 1
        handle.write("\n]\n")
    return written, skipped


def _country_names() -> dict[str, str]:
    return {actor.country: actor.name for actor in bundled_kb() if actor.kind == "state" and actor.country}


def icews_row(a: Assertion, countries: dict[str, dict[str, Any]], country_names: dict[str, str]) -> dict[str, Any]:
    """An ICEWS-like TSV row of an assertion."""
    code = _cameo(a)
    name, intensity = CAMEO_EVENTS.get(code, CAMEO_EVENTS.get(code[:3], (a.relation, 0.0)))
    day = a.event_date or a.doc_date

    def actor(ref: ActorRef | None) -> tuple[str, str, str]:
        if ref is None:
            return "", "", ""
        iso = countries.get(ref.id or "", {}).get("country")
        return ref.name or ref.text, ref.kind or "", country_names.get(iso or "", iso or "")

    source, target = actor(a.source), actor(a.target)
    row = dict.fromkeys(ICEWS_COLUMNS, "")
    row.update({"Event ID": event_id(a), "Event Date": day.isoformat() if day else "",
                "Source Name": source[0], "Source Sectors": source[1], "Source Country": source[2],
                "Event Text": name, "CAMEO Code": code, "Intensity": intensity,
                "Target Name": target[0], "Target Sectors": target[1], "Target Country": target[2],
                "Story ID": a.doc_id if a.origin == "text" else ""})
    return row


def write_icews(store: Store, out: Path, since: date | None = None, until: date | None = None) -> tuple[int, Counter]:
    """Write events as an ICEWS-like tab-separated file; returns (written, skipped by reason)."""
    written, skipped = 0, Counter()
    actors = store.actor_names()
    country_names = _country_names()
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(ICEWS_COLUMNS) + "\n")
        for a in store.iter_assertions(since, until):
            reason = skip_reason(a)
            if reason:
                skipped[reason] += 1
                continue
            row = icews_row(a, actors, country_names)
            handle.write("\t".join(" ".join(str(row[c]).split()) for c in ICEWS_COLUMNS) + "\n")
            written += 1
    return written, skipped
