"""Patron–client structure and the dependency index ("how much of a proxy").

Sponsorship is evidence that a source sustains a target: BACKS, COMMANDS and
AID in the modes that keep an armed or political actor going (economic,
military, training, intelligence, or unspecified); humanitarian aid,
peacekeeping and asylum are not sponsorship. A patron of X is any source of
sponsorship toward X; a client of X is any target of X's sponsorship. A
sponsorship statement whose source is not a known actor ("it has other
backers") counts as an unnamed patron, so that it dilutes the top patron's
share.

Dependency index of client X on patron P (P defaults to X's top patron, the
one with the largest net sponsorship weight). With weights from
`axisgraph.graph.assertion_weights` (confidence × hedge weight × decay,
negated assertions subtracting):

- ``S_p``  sponsorship weight p→X: for each of AID, BACKS and COMMANDS the net
  weight (claims minus denials) floored at 0, summed; ``S = Σ_p S_p``. A denial
  of control ("X is not a proxy of P") thus cancels claims of control but not
  evidence of funding or arms
- share      ``s = S_P / S``: how much of X's sponsorship comes from P
- strength   ``e = S_P / (S_P + k)`` with ``k = 1``: evidence saturation, so
  that one passing mention cannot make a full proxy
- focus      ``f = C_P / C``: P's part of X's cooperative weight with anyone
  (non-negated cooperative relations in either direction; MEMBER_OF, LEADS
  excluded) — low when X has many independent partners
- command    ``κ = tanh(M)``, M the net COMMANDS weight P→X: positive for
  "X is an extension of P", negative for "X is not a proxy of P"
- rivalry    ``r = H / (H + C_P)``, H the non-negated hostile weight between
  X and P in either direction ("tensions between X and P")

``D = clip(0.4·s·e + 0.2·f + 0.4·κ − 0.4·r, 0, 1)``

The positive weights sum to 1, so D reaches 1 only for an actor sponsored by
one patron alone, on ample evidence, stated to be commanded by it and with no
partner or quarrel of its own. Without any COMMANDS evidence (event data has
none) D is at most 0.6. The terms follow the proxy-war literature's criteria
of sponsorship concentration, control and autonomy (Mumford 2013, "Proxy
Warfare"; Moghadam & Wyss 2020, "The Political Power of Proxies",
International Security 44(4)); the weights are a documented convention, not
an estimate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from ..graph import STRUCTURAL, apply_rollup, prepare, state_rollup

SPONSOR_RELATIONS: frozenset[str] = frozenset({"AID", "BACKS", "COMMANDS"})
SPONSOR_AID_MODES: frozenset[str | None] = frozenset({None, "economic", "military", "training", "intelligence"})
UNNAMED = "_unnamed"
EVIDENCE_HALF = 1.0
WEIGHTS: dict[str, float] = {"share": 0.4, "focus": 0.2, "command": 0.4, "rivalry": 0.4}

__all__ = ["Dependency", "Patronage", "apply_rollup", "dependency_index", "dependency_table", "patronage",
           "sponsorship", "state_rollup"]

DEPENDENCY_COLUMNS = ["actor_id", "name", "patron_id", "patron_name", "index", "share", "strength", "focus",
                      "command", "rivalry", "patrons", "sponsorship"]


def _sponsorship_rows(data: pd.DataFrame) -> pd.DataFrame:
    rel = data["relation"]
    aid_ok = (rel == "AID") & data["mode"].where(data["mode"].notna(), None).isin(SPONSOR_AID_MODES)
    keep = (rel.isin({"BACKS", "COMMANDS"}) | aid_ok) & data["target_id"].notna()
    rows = data[keep].copy()
    rows["patron_id"] = rows["source_id"].fillna(UNNAMED)
    rows["patron_name"] = np.where(rows["source_id"].isna(), "(unnamed backers)", rows["source_name"])
    return rows


def sponsorship(frame: pd.DataFrame, since: date | str | None = None, until: date | str | None = None,
                as_of: date | str | None = None, half_life: str | float | None = None,
                rollup: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Patron→client pairs: sponsorship weight, its net AID/BACKS/COMMANDS parts, count and dates.

    Columns: patron_id, patron_name, client_id, client_name, weight (``S_p`` of the module
    docstring), aid, backs, commands (net: negative when denials outweigh claims), count,
    first_seen, last_seen.
    """
    data = prepare(apply_rollup(frame, rollup), since, until, as_of, half_life)
    rows = _sponsorship_rows(data)
    columns = ["patron_id", "patron_name", "client_id", "client_name", "weight", "aid", "backs", "commands",
               "count", "first_seen", "last_seen"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    for rel in ("AID", "BACKS", "COMMANDS"):
        rows[rel.lower()] = np.where(rows["relation"] == rel, rows["weight"], 0.0)
    out = rows.groupby(["patron_id", "target_id"], sort=False).agg(
        patron_name=("patron_name", "first"), client_name=("target_name", "first"),
        aid=("aid", "sum"), backs=("backs", "sum"), commands=("commands", "sum"), count=("weight", "size"),
        first_seen=("date", "min"), last_seen=("date", "max")).reset_index()
    out["weight"] = out[["aid", "backs", "commands"]].clip(lower=0).sum(axis=1)
    out = out.rename(columns={"target_id": "client_id"})
    return out[columns].sort_values(["weight", "count"], ascending=False, ignore_index=True)


@dataclass
class Patronage:
    """An actor's patrons (who sponsors it) and clients (whom it sponsors)."""

    actor_id: str
    name: str
    patrons: pd.DataFrame
    clients: pd.DataFrame

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {"actor_id": self.actor_id, "name": self.name, "patrons": _json_rows(self.patrons),
                "clients": _json_rows(self.clients)}


def _json_rows(frame: pd.DataFrame) -> list[dict]:
    out = []
    for row in frame.to_dict(orient="records"):
        out.append({k: (str(v.date()) if isinstance(v, pd.Timestamp) else round(v, 4) if isinstance(v, float)
                        else v) for k, v in row.items()})
    return out


def patronage(frame: pd.DataFrame, actor_id: str, since: date | str | None = None,
              until: date | str | None = None, as_of: date | str | None = None,
              half_life: str | float | None = None, rollup: Mapping[str, str] | None = None) -> Patronage:
    """Patrons and clients of one actor from AID (sponsoring modes, training included), BACKS and COMMANDS."""
    pairs = sponsorship(frame, since, until, as_of, half_life, rollup)
    patrons = pairs[pairs["client_id"] == actor_id].drop(columns=["client_id", "client_name"])
    clients = pairs[pairs["patron_id"] == actor_id].drop(columns=["patron_id", "patron_name"])
    name = _name_of(frame, actor_id)
    return Patronage(actor_id, name, patrons.reset_index(drop=True), clients.reset_index(drop=True))


def _name_of(frame: pd.DataFrame, actor_id: str) -> str:
    for prefix in ("source", "target"):
        hit = frame.loc[frame[f"{prefix}_id"] == actor_id, f"{prefix}_name"]
        if len(hit):
            return str(hit.iloc[0])
    return actor_id


def _components(data: pd.DataFrame, pairs: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Focus, command and rivalry for (client_id, patron_id) rows of `chosen`, vectorised."""
    active = data[data["source_id"].notna() & data["target_id"].notna() & ~data["negated"]
                  & ~data["relation"].isin(STRUCTURAL)]
    coop = active[active["sign"] > 0]
    hostile = active[active["sign"] < 0]

    def by_pair(rows: pd.DataFrame) -> pd.Series:
        both = pd.concat([rows[["source_id", "target_id", "weight"]],
                          rows[["target_id", "source_id", "weight"]].set_axis(
                              ["source_id", "target_id", "weight"], axis=1)])
        return both.groupby(["source_id", "target_id"])["weight"].sum()

    coop_pair = by_pair(coop)
    coop_total = coop_pair.groupby(level=0).sum()
    hostile_pair = by_pair(hostile)
    command = data[data["relation"] == "COMMANDS"].groupby(["target_id", "source_id"])["weight"].sum()
    keys = list(zip(chosen["actor_id"], chosen["patron_id"], strict=True))
    c_p = coop_pair.reindex(keys).fillna(0.0).to_numpy()
    c_all = coop_total.reindex(chosen["actor_id"]).fillna(0.0).to_numpy()
    h = hostile_pair.reindex(keys).fillna(0.0).to_numpy()
    m = command.reindex(keys).fillna(0.0).to_numpy()
    out = chosen.copy()
    out["focus"] = np.divide(c_p, c_all, out=np.zeros_like(c_p), where=c_all > 0)
    out["command"] = np.tanh(m)
    out["rivalry"] = np.divide(h, h + c_p, out=np.zeros_like(h), where=(h + c_p) > 0)
    return out


def _index(table: pd.DataFrame) -> pd.Series:
    value = (WEIGHTS["share"] * table["share"] * table["strength"] + WEIGHTS["focus"] * table["focus"]
             + WEIGHTS["command"] * table["command"] - WEIGHTS["rivalry"] * table["rivalry"])
    return value.clip(0.0, 1.0)


def dependency_table(frame: pd.DataFrame, actors: Iterable[str] | None = None, since: date | str | None = None,
                     until: date | str | None = None, as_of: date | str | None = None,
                     half_life: str | float | None = None, rollup: Mapping[str, str] | None = None
                     ) -> pd.DataFrame:
    """Dependency index of every sponsored actor (or of `actors`) on its top patron, highest first.

    Output columns: ``DEPENDENCY_COLUMNS`` (index and its terms s, e, f, κ, r as named in the
    module docstring; `patrons` counts patrons with positive net weight; `sponsorship` is S).
    Actors without positive sponsorship are absent.
    """
    data = prepare(apply_rollup(frame, rollup), since, until, as_of, half_life)
    pairs = _pair_weights(data)
    if actors is not None:
        pairs = pairs[pairs["client_id"].isin(set(actors))]
    positive = pairs[pairs["weight"] > 0]
    if positive.empty:
        return pd.DataFrame(columns=DEPENDENCY_COLUMNS)
    ordered = positive.sort_values(["client_id", "weight", "patron_id"], ascending=[True, False, True])
    top = ordered.groupby("client_id", sort=False).head(1)
    totals = positive.groupby("client_id")["weight"].agg(["sum", "size"])
    chosen = pd.DataFrame({"actor_id": top["client_id"].to_numpy(), "name": top["client_name"].to_numpy(),
                           "patron_id": top["patron_id"].to_numpy(), "patron_name": top["patron_name"].to_numpy()})
    s_p = top["weight"].to_numpy()
    total = totals.loc[top["client_id"], "sum"].to_numpy()
    chosen["share"] = s_p / total
    chosen["strength"] = s_p / (s_p + EVIDENCE_HALF)
    chosen["patrons"] = totals.loc[top["client_id"], "size"].to_numpy()
    chosen["sponsorship"] = total
    table = _components(data, pairs, chosen)
    table["index"] = _index(table)
    return table[DEPENDENCY_COLUMNS].sort_values(["index", "actor_id"], ascending=[False, True],
                                                 ignore_index=True)


def _pair_weights(data: pd.DataFrame) -> pd.DataFrame:
    rows = _sponsorship_rows(data)
    if rows.empty:
        return pd.DataFrame(columns=["patron_id", "client_id", "weight", "patron_name", "client_name"])
    net = rows.groupby(["patron_id", "target_id", "relation"], sort=False)["weight"].sum().clip(lower=0)
    out = rows.groupby(["patron_id", "target_id"], sort=False).agg(
        patron_name=("patron_name", "first"), client_name=("target_name", "first"))
    out["weight"] = net.groupby(level=[0, 1]).sum().reindex(out.index).fillna(0.0)
    return out.reset_index().rename(columns={"target_id": "client_id"})


@dataclass
class Dependency:
    """The dependency index of one actor on one patron, its terms and the evidence behind them."""

    actor_id: str
    name: str
    patron_id: str | None
    patron_name: str | None
    index: float
    terms: dict[str, float]
    patrons: list[dict] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {"actor_id": self.actor_id, "name": self.name, "patron_id": self.patron_id,
                "patron_name": self.patron_name, "index": round(self.index, 4),
                "terms": {k: round(v, 4) for k, v in self.terms.items()}, "patrons": self.patrons,
                "evidence": self.evidence}


def dependency_index(frame: pd.DataFrame, actor_id: str, patron_id: str | None = None,
                     since: date | str | None = None, until: date | str | None = None,
                     as_of: date | str | None = None, half_life: str | float | None = None,
                     rollup: Mapping[str, str] | None = None, evidence_limit: int = 20) -> Dependency:
    """Dependency index of `actor_id` on `patron_id` (default: its top patron), with the evidence.

    Output: a `Dependency` whose `terms` are s (share), e (strength), f (focus), κ (command),
    r (rivalry) of the module docstring, whose `patrons` lists every patron's net weight and
    whose `evidence` lists the contributing assertions (role, date, relation, weight, sentence).
    An actor without any patron gets index 0 and no patron.
    """
    data = prepare(apply_rollup(frame, rollup), since, until, as_of, half_life)
    pairs = _pair_weights(data)
    mine = pairs[pairs["client_id"] == actor_id].sort_values(["weight", "patron_id"], ascending=[False, True])
    patron_list = [{"patron_id": r.patron_id, "patron_name": r.patron_name, "weight": round(float(r.weight), 4)}
                   for r in mine.itertuples()]
    name = _name_of(frame, actor_id)
    positive = mine[mine["weight"] > 0]
    if patron_id is None:
        if positive.empty:
            return Dependency(actor_id, name, None, None, 0.0, {}, patron_list, [])
        patron_id = str(positive.iloc[0]["patron_id"])
    s_p = float(mine.loc[mine["patron_id"] == patron_id, "weight"].clip(lower=0).sum())
    total = float(positive["weight"].sum())
    chosen = pd.DataFrame({"actor_id": [actor_id], "name": [name], "patron_id": [patron_id],
                           "patron_name": [_name_of(frame, patron_id)],
                           "share": [s_p / total if total else 0.0], "strength": [s_p / (s_p + EVIDENCE_HALF)]})
    row = _components(data, pairs, chosen).iloc[0]
    terms = {k: float(row[k]) for k in ("share", "strength", "focus", "command", "rivalry")}
    index = float(_index(pd.DataFrame([terms])).iloc[0])
    return Dependency(actor_id, name, patron_id, str(row["patron_name"]), index, terms, patron_list,
                      _evidence(data, actor_id, patron_id, evidence_limit))


def _evidence(data: pd.DataFrame, actor_id: str, patron_id: str, limit: int) -> list[dict]:
    """The assertions behind each term, strongest first: sponsorship, command, cooperation, rivalry."""
    rows = _sponsorship_rows(data)
    sponsor = rows[rows["target_id"] == actor_id].assign(role="sponsorship")
    sponsor.loc[sponsor["relation"] == "COMMANDS", "role"] = np.where(
        sponsor.loc[sponsor["relation"] == "COMMANDS", "patron_id"] == patron_id, "command", "sponsorship")
    between = ((data["source_id"] == actor_id) & (data["target_id"] == patron_id)) | (
        (data["source_id"] == patron_id) & (data["target_id"] == actor_id))
    pair = data[between & ~data["negated"] & ~data["relation"].isin(SPONSOR_RELATIONS | STRUCTURAL)]
    pair = pair.assign(role=np.where(pair["sign"] > 0, "cooperation", "rivalry"))
    out = []
    for _, part in pd.concat([sponsor, pair]).groupby("role", sort=False):
        part = part.reindex(part["weight"].abs().sort_values(ascending=False).index).head(limit)
        for r in part.itertuples():
            out.append({"role": r.role, "date": None if pd.isna(r.date) else str(pd.Timestamp(r.date).date()),
                        "source_id": r.source_id if isinstance(r.source_id, str) else None,
                        "relation": r.relation, "mode": r.mode if isinstance(r.mode, str) else None,
                        "target_id": r.target_id, "negated": bool(r.negated), "hedge": r.hedge,
                        "weight": round(float(r.weight), 4), "doc_id": r.doc_id if isinstance(r.doc_id, str) else None,
                        "sentence": r.sentence if isinstance(r.sentence, str) else None})
    return out
