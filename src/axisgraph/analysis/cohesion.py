"""Cohesion of a coalition over time: mutual cooperation density, coordination intensity, internal conflict.

For the members M of a coalition (from KB MEMBER_OF affiliations, stored
MEMBER_OF assertions, or a list) and each period:

- ``density``: share of the n·(n−1)/2 pairs of the n members present in the
  data (as source or target of any assertion in the window) whose net signed
  weight in the period is positive (the cohesion-as-density of Wasserman & Faust
  1994, ch. 4, on the signed graph);
- ``coordination``: weight of COOPERATE and CONSULT assertions among members
  (the "unity of fronts" talk is coordination talk);
- ``cooperation`` / ``conflict``: all cooperative / hostile weight among members;
- ``cohesion = density × cooperation / (cooperation + conflict)``, in [0, 1]:
  high when many member pairs cooperate and few quarrel.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ..graph import STRUCTURAL, period_start, prepare

COORDINATION: frozenset[str] = frozenset({"COOPERATE", "CONSULT"})
COHESION_COLUMNS = ["period", "members_active", "pairs_positive", "density", "coordination", "cooperation",
                    "conflict", "cohesion", "assertions"]


def coalition_members(coalition_id: str, kb: object | None = None, frame: pd.DataFrame | None = None,
                      on: date | None = None) -> list[str]:
    """Members of a coalition: KB actors with a MEMBER_OF affiliation to it (valid on `on`), plus
    sources of non-negated MEMBER_OF assertions toward it in `frame`. Sorted ids."""
    members: set[str] = set()
    if kb is not None:
        for actor in kb:
            if any(a.relation == "MEMBER_OF" and a.target == coalition_id and a.valid_on(on)
                   for a in actor.affiliations):
                members.add(actor.id)
    if frame is not None and len(frame):
        stated = frame[(frame["relation"] == "MEMBER_OF") & (frame["target_id"] == coalition_id)
                       & ~frame["negated"].astype(bool) & frame["source_id"].notna()]
        members.update(stated["source_id"])
    members.discard(coalition_id)
    return sorted(members)


@dataclass
class Cohesion:
    """A coalition's cohesion series and the members it was computed over."""

    members: list[str]
    table: pd.DataFrame
    label: str = ""

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        rows = []
        for row in self.table.to_dict(orient="records"):
            rows.append({k: (str(v.date()) if isinstance(v, pd.Timestamp) else round(float(v), 4)
                             if isinstance(v, float | np.floating) else int(v) if isinstance(v, np.integer) else v)
                         for k, v in row.items()})
        return {"label": self.label, "members": self.members, "periods": rows}


def coalition_cohesion(frame: pd.DataFrame, members: Sequence[str], freq: str = "M", since: date | str | None = None,
             until: date | str | None = None, label: str = "") -> Cohesion:
    """Cohesion of `members` per period ("W", "M", "Q", "Y"); columns ``COHESION_COLUMNS``.

    Only assertions between two members count; MEMBER_OF and LEADS are left out. Periods with
    no assertion among members are absent. Density counts pairs among the members present in
    `frame` in the window, so that members the data never mentions do not dilute it.
    """
    member_set = set(members)
    data = prepare(frame, since, until)
    seen = set(data["source_id"].dropna()) | set(data["target_id"].dropna())
    present = len(member_set & seen)
    data = data[data["source_id"].isin(member_set) & data["target_id"].isin(member_set)
                & (data["source_id"] != data["target_id"]) & ~data["relation"].isin(STRUCTURAL)]
    if data.empty:
        return Cohesion(sorted(member_set), pd.DataFrame(columns=COHESION_COLUMNS), label)
    src, tgt = data["source_id"].to_numpy(dtype=object), data["target_id"].to_numpy(dtype=object)
    data = data.assign(period=period_start(data["date"], freq), a=np.where(src < tgt, src, tgt),
                       b=np.where(src < tgt, tgt, src))
    signed = data["signed"]
    data = data.assign(cooperation=signed.clip(lower=0), conflict=(-signed).clip(lower=0),
                       coordination=np.where(data["relation"].isin(COORDINATION), data["weight"].clip(lower=0), 0.0))
    pair_net = data.groupby(["period", "a", "b"])["signed"].sum().reset_index()
    pairs_positive = pair_net[pair_net["signed"] > 0].groupby("period").size()
    grouped = data.groupby("period")
    table = grouped[["coordination", "cooperation", "conflict"]].sum()
    table["assertions"] = grouped.size()
    table["members_active"] = grouped.apply(lambda g: len(set(g["a"]) | set(g["b"])), include_groups=False)
    table["pairs_positive"] = pairs_positive.reindex(table.index).fillna(0).astype(int)
    possible = max(present * (present - 1) / 2, 1)
    table["density"] = table["pairs_positive"] / possible
    total = table["cooperation"] + table["conflict"]
    table["cohesion"] = table["density"] * (table["cooperation"] / total.where(total > 0)).fillna(0.0)
    table = table.reset_index()
    return Cohesion(sorted(member_set), table[COHESION_COLUMNS], label)


def resolve_members(names: Iterable[str], kb: object | None = None, frame: pd.DataFrame | None = None,
                    on: date | None = None) -> tuple[list[str], str]:
    """Members from CLI words: one coalition id (expanded through MEMBER_OF) or a list of actor ids."""
    names = list(names)
    if len(names) == 1:
        members = coalition_members(names[0], kb, frame, on)
        if members:
            return members, names[0]
    return sorted(set(names)), ", ".join(names)
