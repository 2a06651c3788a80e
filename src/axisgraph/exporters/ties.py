"""Ties: assertions aggregated per (source, relation, target) over a window, read from the store.

count is the number of assertions, weight the sum of confidence times hedge weight,
documents the distinct documents (for imported event data, distinct source rows),
first_seen/last_seen the date range. Negated assertions and those without a
resolved source or target are left out: a tie needs two actors and a positive claim.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import and_, case, func, select

from ..ontology import HEDGE_WEIGHT, RELATIONS, tie_quad
from ..store import Store, assertions

TIE_COLUMNS: tuple[str, ...] = (
    "source_id", "source_name", "relation", "target_id", "target_name", "sign", "quad", "count", "weight",
    "first_seen", "last_seen", "documents",
)


def _conditions(since: date | None, until: date | None) -> list[Any]:
    a = assertions.c
    conds = [a.negated.is_(False), a.source_id.is_not(None), a.target_id.is_not(None)]
    if since is not None:
        conds.append(a.date >= since)
    if until is not None:
        conds.append(a.date <= until)
    return conds


def ties_frame(store: Store, since: date | None = None, until: date | None = None) -> pd.DataFrame:
    """All ties in a window, one row per (source, relation, target), heaviest first."""
    a = assertions.c
    weight = case(*((a.hedge == h, w) for h, w in HEDGE_WEIGHT.items()), else_=1.0) * a.confidence
    query = (select(a.source_id, a.relation, a.target_id, func.count().label("count"),
                    func.sum(weight).label("weight"), func.min(a.date).label("first_seen"),
                    func.max(a.date).label("last_seen"),
                    func.count(func.distinct(func.coalesce(a.doc_id, a.origin))).label("documents"))
             .where(and_(*_conditions(since, until)))
             .group_by(a.source_id, a.relation, a.target_id))
    with store.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(),
                             columns=["source_id", "relation", "target_id", "count", "weight", "first_seen",
                                      "last_seen", "documents"])
    names = store.actor_names()
    frame["source_name"] = [names.get(x, {}).get("name", x) for x in frame["source_id"]]
    frame["target_name"] = [names.get(x, {}).get("name", x) for x in frame["target_id"]]
    frame["sign"] = [RELATIONS[r].sign if r in RELATIONS else 0 for r in frame["relation"]]
    frame["quad"] = [tie_quad(r) if r in RELATIONS else None for r in frame["relation"]]
    frame["weight"] = frame["weight"].astype(float).round(3)
    frame = frame.sort_values(["weight", "count", "source_id", "relation", "target_id"],
                              ascending=[False, False, True, True, True], ignore_index=True)
    return frame[list(TIE_COLUMNS)]


def tie_dates(store: Store, since: date | None = None, until: date | None = None
              ) -> Iterator[tuple[str, str, str, date]]:
    """Distinct (source, relation, target, date) of the ties in a window, ordered."""
    a = assertions.c
    query = (select(a.source_id, a.relation, a.target_id, a.date).distinct()
             .where(and_(*_conditions(since, until), a.date.is_not(None)))
             .order_by(a.source_id, a.relation, a.target_id, a.date))
    with store.engine.connect() as conn:
        for row in conn.execution_options(stream_results=True).execute(query):
            yield row[0], row[1], row[2], row[3]


def spells(days: list[date], gap: int = 30) -> list[tuple[str, str]]:
    """Merge dates into active periods: days closer than `gap` days join one (start, end) spell."""
    out: list[tuple[date, date]] = []
    for day in sorted(days):
        if out and day - out[-1][1] <= timedelta(days=gap):
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return [(s.isoformat(), e.isoformat()) for s, e in out]
