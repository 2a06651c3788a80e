"""Temporal knowledge-graph benchmark files (ICEWS14, ICEWS18 and the like).

A folder holds `entity2id.txt` and `relation2id.txt` (name TAB id) and
`train.txt`, `valid.txt`, `test.txt` of `subject relation object time` ids.
Relation names are CAMEO event names, mapped through the CAMEO codebook to a
code and then to our relation and mode. Times are day indexes (ICEWS14, from 1)
or hours in steps of 24 (ICEWS18); presets give each dataset its start date.

CAMEO root 01 ("make public statement") has no relation in the ontology: such
rows are counted as skipped by design, not as errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..ontology import cameo_to_relation
from .actors import ActorResolver, ResolvedActor
from .base import ImportContext, Parsed, event_row
from .cameo_codes import CAMEO_EVENTS

SPLITS: tuple[str, ...] = ("train.txt", "valid.txt", "test.txt")
SKIP_STATEMENT = "CAMEO 01 make public statement (no relation in the ontology)"


@dataclass(frozen=True)
class TimeScale:
    """How a dataset's time values become dates: start date, units per day and the first index."""

    start: date
    units_per_day: int = 1
    first: int = 0

    def to_date(self, value: int) -> date:
        """The date of a time value."""
        return self.start + timedelta(days=(value - self.first) // self.units_per_day)


PRESETS: dict[str, TimeScale] = {
    "icews14": TimeScale(date(2014, 1, 1), 1, 1),
    "icews18": TimeScale(date(2018, 1, 1), 24, 0),
    "icews05-15": TimeScale(date(2005, 1, 1), 1, 0),
    "icews0515": TimeScale(date(2005, 1, 1), 1, 0),
}


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def cameo_name_index() -> dict[str, str]:
    """CAMEO event names (normalised) to codes; a root and its "not specified" code share a name, the latter wins."""
    index: dict[str, str] = {}
    for code, (name, _goldstein) in sorted(CAMEO_EVENTS.items(), key=lambda kv: len(kv[0])):
        index[_norm(name)] = code
    return index


def dataset_name(folder: Path) -> str:
    """The dataset name of a folder, lowercased ("ICEWS18" -> "icews18")."""
    return folder.resolve().name.lower()


def time_scale(folder: Path, start: date | None = None, units_per_day: int | None = None,
               first: int | None = None) -> TimeScale:
    """The time scale of a dataset: a preset by folder name, overridden by explicit values."""
    preset = PRESETS.get(dataset_name(folder))
    if preset is None and start is None:
        raise ValueError(f"{folder}: unknown dataset; give the start date (and units per day) of its time index")
    base = preset or TimeScale(start or date(1970, 1, 1))
    return TimeScale(start or base.start, units_per_day or base.units_per_day,
                     base.first if first is None else first)


def files(path: Path) -> list[Path]:
    """The split files of a TKG folder that exist."""
    found = [path / name for name in SPLITS if (path / name).is_file()]
    if not found:
        raise FileNotFoundError(f"{path}: no {', '.join(SPLITS)} found")
    return found


def _read_ids(path: Path) -> dict[int, str]:
    out: dict[int, str] = {}
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            name, _, ident = line.rstrip("\n").rpartition("\t")
            if name and ident.strip().isdigit():
                out[int(ident)] = name
    return out


def parse(path: Path, ctx: ImportContext) -> Iterator[Parsed]:
    """Parse every split of a TKG folder into assertion rows."""
    scale = time_scale(path, ctx.options.get("start"), ctx.options.get("units_per_day"), ctx.options.get("first"))
    entity_names = _read_ids(path / "entity2id.txt")
    relation_names = _read_ids(path / "relation2id.txt")
    index = cameo_name_index()
    relations: dict[int, tuple[str, str | None, str, str] | str] = {}
    for rid, raw in relation_names.items():
        name = raw.replace("_", " ").strip()
        code = index.get(_norm(name))
        mapped = cameo_to_relation(code) if code else None
        if code is None:
            relations[rid] = f"relation name {name!r} is not in the CAMEO codebook"
        elif mapped is None:
            relations[rid] = SKIP_STATEMENT
        else:
            relations[rid] = (mapped[0], mapped[1], code, name)
    actors: dict[int, ResolvedActor | None] = {}
    for split in files(path):
        yield from _parse_split(split, ctx, scale, entity_names, relations, actors)


def _parse_split(split: Path, ctx: ImportContext, scale: TimeScale, entity_names: dict[int, str],
                 relations: dict[int, tuple[str, str | None, str, str] | str],
                 actors: dict[int, ResolvedActor | None]) -> Iterator[Parsed]:
    prefix = f"{ctx.dataset}:{split.name}:"
    resolver = ctx.resolver
    dates: dict[int, date] = {}
    with split.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            fields = line.split()
            if not fields:
                yield Parsed(split.name, number, skip="blank line", size=len(line))
                continue
            try:
                s, r, o, t = (int(x) for x in fields[:4])
            except ValueError:
                yield Parsed(split.name, number, bad=f"expected 4 integer ids, got {line.strip()[:80]!r}",
                             size=len(line))
                continue
            rel = relations.get(r)
            if isinstance(rel, str) or rel is None:
                reason = rel or f"unknown relation id {r}"
                if rel == SKIP_STATEMENT:
                    yield Parsed(split.name, number, skip=rel, size=len(line))
                else:
                    yield Parsed(split.name, number, bad=reason, size=len(line))
                continue
            source, target = _actor(s, entity_names, actors, resolver), _actor(o, entity_names, actors, resolver)
            if source is None or target is None:
                missing = s if source is None else o
                yield Parsed(split.name, number, bad=f"unknown entity id {missing}", size=len(line))
                continue
            day = dates.get(t)
            if day is None:
                day = dates[t] = scale.to_date(t)
            relation, mode, code, event_name = rel
            origin = f"{prefix}{number}"
            sentence = f"{source.name} | {event_name} | {target.name}"
            yield Parsed(split.name, number, rows=[event_row(origin, day, source, relation, mode, target, sentence,
                                                             cameo=code)], size=len(line))


def _actor(ident: int, names: dict[int, str], cache: dict[int, ResolvedActor | None],
           resolver: ActorResolver) -> ResolvedActor | None:
    if ident in cache:
        return cache[ident]
    name = names.get(ident)
    found = resolver.resolve(name) if name else None
    cache[ident] = found
    return found
