"""GDELT 2.0 event exports: 61 tab-separated columns, no header, CAMEO-coded.

Actors come as CAMEO codes (country, known group, type) plus a name; the event as a
CAMEO code with its root and quad class. Column order follows the GDELT 2.0 Event
Database codebook (GLOBALEVENTID … DATEADDED, SOURCEURL).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from .actors import ResolvedActor
from .base import ImportContext, Parsed, event_row, file_list, guarded, parse_date
from .cameo_codes import CAMEO_EVENTS
from .icews import cameo_relation

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS), *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS), "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61

# CAMEO actor type codes as ICEWS sector names, so that "IRN"+"COP" is "Police (Iran)" as in ICEWS.
TYPE_NAMES: dict[str, str] = {
    "COP": "Police", "CVL": "Citizen", "REB": "Armed Rebel", "OPP": "Opposition", "BUS": "Business",
    "MED": "Media", "EDU": "Education", "JUD": "Judiciary", "LAB": "Labor", "REF": "Refugee",
    "SPY": "Intelligence", "UAF": "Armed Band", "CRM": "Criminal", "HLH": "Health", "AGR": "Agriculture",
    "ELI": "Elite", "LEG": "Legislature", "MOD": "Moderate", "RAD": "Radical", "ENV": "Environment",
    "SET": "Settler", "INS": "Insurgent", "SEP": "Separatist", "HRI": "Human Rights Group", "DEV": "Development",
    "IGO": "Intergovernmental Organization", "NGO": "Nongovernmental Organization", "MNC": "Multinational Company",
    "RES": "Residents",
}
_INDEX = {name: i for i, name in enumerate(COLUMNS)}


def files(path: Path) -> list[Path]:
    """The GDELT export files of a path (a file, or the .csv/.tsv/.txt files of a folder)."""
    return file_list(path, (".export.csv", ".csv", ".tsv", ".txt"))


def parse(path: Path, ctx: ImportContext) -> Iterator[Parsed]:
    """Parse GDELT 2.0 event files into assertion rows."""
    for file in files(path):
        with file.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                yield guarded(file.name, number, len(line), partial(_parse_line, file.name, number, line, ctx))


def _field(fields: list[str], name: str) -> str:
    return fields[_INDEX[name]].strip()


def _actor(ctx: ImportContext, fields: list[str], n: int) -> ResolvedActor | None:
    """Resolve actor 1 or 2: known names first, then country plus type, then the name."""
    resolver = ctx.resolver
    name = _field(fields, f"Actor{n}Name")
    code = _field(fields, f"Actor{n}Code")
    country = _field(fields, f"Actor{n}CountryCode")
    role = _field(fields, f"Actor{n}Type1Code")
    if not name and not code:
        return None
    named = resolver.by_name(name) if name else None
    if named is not None and named.kind != "state":
        resolver.remember(named)
        return named
    if country and role in ("", "GOV", "MIL"):
        found = resolver.resolve_code(country, sector=role)
        if found is not None and not found.id.startswith("x."):
            return found
    state = resolver.state(country) if country else None
    if state is not None and role in TYPE_NAMES:
        return resolver.resolve(f"{TYPE_NAMES[role]} ({state.name})", country=country)
    return resolver.resolve(name or code, country=country or None)


def _parse_line(file: str, number: int, line: str, ctx: ImportContext) -> Parsed:
    size = len(line)
    fields = line.rstrip("\r\n").split("\t")
    if len(fields) != len(COLUMNS):
        return Parsed(file, number, bad=f"expected {len(COLUMNS)} tab-separated fields, found {len(fields)}",
                      size=size)
    code = _field(fields, "EventCode")
    mapped = cameo_relation(code)
    if isinstance(mapped, str):
        bad = mapped.startswith("bad:")
        return Parsed(file, number, bad=mapped[4:] if bad else None, skip=None if bad else mapped, size=size)
    try:
        day = parse_date(_field(fields, "SQLDATE"))
    except ValueError as exc:
        return Parsed(file, number, bad=str(exc), size=size)
    source = _actor(ctx, fields, 1)
    if source is None:
        return Parsed(file, number, skip="GDELT event without a source actor", size=size)
    target = _actor(ctx, fields, 2)
    url = _field(fields, "SOURCEURL")
    event_name = CAMEO_EVENTS.get(code, CAMEO_EVENTS.get(code[:3], ("", 0.0)))[0]
    sentence = f"{source.name} | {event_name} | {target.name if target else ''}".rstrip(" |")
    if url:
        sentence += f" ({url})"
    origin = f"{ctx.dataset}:{file}:{number}"
    return Parsed(file, number, rows=[event_row(origin, day, source, mapped[0], mapped[1], target, sentence,
                                                cameo=code)], size=size)
