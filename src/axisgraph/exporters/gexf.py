"""A streaming GEXF 1.2 writer for the tie graph, so that Gephi's timeline works on large stores.

Written element by element (no document tree in memory): a dynamic graph with
timeformat "date"; nodes carry their first and last day as start/end, edges
their active periods as spells. Attribute columns: node kind and country; edge
relation, sign, quad, count, documents, first_seen, last_seen; the edge weight
is the tie's weight. Reference: GEXF 1.2 draft primer, gexf.net.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import quoteattr

from ..store import Store
from .ties import spells, tie_dates, ties_frame

_NODE_ATTRS = (("kind", "string"), ("country", "string"))
_EDGE_ATTRS = (("relation", "string"), ("sign", "integer"), ("quad", "integer"), ("count", "integer"),
               ("documents", "integer"), ("first_seen", "string"), ("last_seen", "string"))
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _q(value: Any) -> str:
    return quoteattr(_BAD_XML.sub("", str(value)))


def _attvalues(values: dict[str, Any]) -> str:
    items = "".join(f"<attvalue for={_q(k)} value={_q(v)}/>" for k, v in values.items() if v is not None)
    return f"<attvalues>{items}</attvalues>" if items else ""


def _header(handle: IO[str]) -> None:
    handle.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
                 f'  <meta lastmodifieddate="{date.today().isoformat()}"><creator>axisgraph</creator>'
                 "<description>ties between actors</description></meta>\n"
                 '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">\n')
    for cls, attrs in (("node", _NODE_ATTRS), ("edge", _EDGE_ATTRS)):
        handle.write(f'    <attributes class="{cls}" mode="static">\n')
        for name, kind in attrs:
            handle.write(f'      <attribute id="{name}" title="{name}" type="{kind}"/>\n')
        handle.write("    </attributes>\n")


def _spells(store: Store, since: date | None, until: date | None, gap: int) -> dict[tuple[str, str, str], list]:
    days: dict[tuple[str, str, str], list[date]] = defaultdict(list)
    for source, relation, target, day in tie_dates(store, since, until):
        days[(source, relation, target)].append(day if isinstance(day, date) else date.fromisoformat(str(day)[:10]))
    return {key: spells(values, gap) for key, values in days.items()}


def write_gexf(store: Store, out: Path, since: date | None = None, until: date | None = None, gap: int = 30) -> int:
    """Write the ties in a window as dynamic GEXF; returns the number of edges."""
    frame = ties_frame(store, since, until)
    names = store.actor_names()
    periods = _spells(store, since, until, gap)
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    for column in ("source_id", "target_id"):
        for actor, start, end in zip(frame[column], frame.first_seen, frame.last_seen, strict=True):
            if start is not None and (actor not in first or str(start) < first[actor]):
                first[actor] = str(start)
            if end is not None and (actor not in last or str(end) > last[actor]):
                last[actor] = str(end)
    actors = dict.fromkeys(list(frame.source_id) + list(frame.target_id))
    with out.open("w", encoding="utf-8") as handle:
        _header(handle)
        handle.write("    <nodes>\n")
        for actor in actors:
            info = names.get(actor, {})
            times = "".join(f" {k}={_q(v)}" for k, v in (("start", first.get(actor)), ("end", last.get(actor))) if v)
            handle.write(f"      <node id={_q(actor)} label={_q(info.get('name') or actor)}{times}>"
                         f"{_attvalues({'kind': info.get('kind'), 'country': info.get('country')})}</node>\n")
        handle.write("    </nodes>\n    <edges>\n")
        for number, row in enumerate(frame.itertuples(index=False)):
            values = {"relation": row.relation, "sign": row.sign, "quad": row.quad, "count": row.count,
                      "documents": row.documents, "first_seen": row.first_seen, "last_seen": row.last_seen}
            spell = periods.get((row.source_id, row.relation, row.target_id), [])
            spell_xml = "".join(f"<spell start={_q(s)} end={_q(e)}/>" for s, e in spell)
            handle.write(f"      <edge id=\"{number}\" source={_q(row.source_id)} target={_q(row.target_id)} "
                         f"label={_q(row.relation)} weight=\"{float(row.weight)}\">{_attvalues(values)}"
                         f"{f'<spells>{spell_xml}</spells>' if spell_xml else ''}</edge>\n")
        handle.write("    </edges>\n  </graph>\n</gexf>\n")
    return len(frame)
