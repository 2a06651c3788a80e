"""Load the bundled actor KB and users' override files, validating every entry.

A malformed entry is rejected with its file, entry and reason; softer problems
(alias collisions, unknown affiliation targets, overlapping intervals) are kept
as `ActorKB.issues` so that the CLI can report them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .model import ACTOR_KINDS, AFFILIATION_RELATIONS, Actor, ActorKB, Affiliation, KBIssue
from .sectors import add_sector_actors

_ID = re.compile(r"^[a-z0-9_][a-z0-9_.\-]*$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BUNDLED_ORDER = ("states", "state_orgs", "igos", "armed_groups", "coalitions", "persons")


class KBError(ValueError):
    """A KB file that cannot be used at all (unreadable, not YAML, no actor list)."""


class _AffiliationEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    relation: str
    target: str
    since: date | None = None
    until: date | None = None

    @field_validator("relation")
    @classmethod
    def _relation(cls, value: str) -> str:
        value = value.strip().upper()
        if value not in AFFILIATION_RELATIONS:
            raise ValueError(f"relation must be one of {', '.join(AFFILIATION_RELATIONS)}")
        return value


def _string_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise ValueError("must be a list of strings")
    return [str(v) for v in value]


class _ActorEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    aliases: list[str] | None = None
    adjectives: list[str] | None = None
    capital: str | None = None
    parent: str | None = None
    description: list[str] | None = None
    affiliations: list[_AffiliationEntry] | None = None
    ambiguous_aliases: list[str] | None = None
    extra: dict[str, Any] = Field(default_factory=dict)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("id must be lowercase letters, digits, '_', '.', '-'")
        return value

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str | None) -> str | None:
        if value is not None and value not in ACTOR_KINDS:
            raise ValueError(f"kind must be one of {', '.join(ACTOR_KINDS)}")
        return value

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z]{3}", value):
            raise ValueError("country must be an ISO 3166 alpha-3 code")
        return value.upper() if value else None

    @field_validator("aliases", "adjectives", "description", "ambiguous_aliases", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> list[str]:
        return _string_list(value)


def bundled_paths() -> list[Path]:
    """The KB files shipped with the package, in load order."""
    folder = Path(str(resources.files("axisgraph.kb") / "data"))
    files = sorted(folder.glob("*.yaml"))
    rank = {name: i for i, name in enumerate(_BUNDLED_ORDER)}
    return sorted(files, key=lambda p: (rank.get(p.stem, len(rank)), p.name))


def read_kb_file(path: Path | str) -> tuple[list[_ActorEntry], list[KBIssue]]:
    """Parse one KB file into validated entries, collecting rejected entries as issues."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KBError(f"{path}: cannot read actor file: {exc}") from exc
    try:
        data = yaml.load(raw, Loader=_LOADER)  # noqa: S506  (safe loader)
    except yaml.YAMLError as exc:
        raise KBError(f"{path}: not valid YAML: {exc}") from exc
    if isinstance(data, list):
        data = {"actors": data}
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise KBError(f"{path}: expected a mapping with an 'actors' list")
    entries: list[_ActorEntry] = []
    issues: list[KBIssue] = []
    seen: set[str] = set()
    for index, item in enumerate(data["actors"]):
        label = f"#{index + 1}"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label = f"#{index + 1} ({item['id']})"
        try:
            if not isinstance(item, dict):
                raise ValueError("entry must be a mapping")
            entry = _ActorEntry.model_validate(item)
        except (ValidationError, ValueError) as exc:
            issues.append(KBIssue(str(path), label, _reason(exc), "error"))
            continue
        if entry.id in seen:
            issues.append(KBIssue(str(path), label, f"duplicate id {entry.id!r} in the same file", "error"))
            continue
        seen.add(entry.id)
        entries.append(entry)
    return entries, issues


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            parts.append(f"{where}: {err['msg']}" if where else err["msg"])
        return "; ".join(parts)
    return str(exc)


def _merge(actors: dict[str, Actor], entry: _ActorEntry, origin: str, issues: list[KBIssue]) -> None:
    """Add an entry, or override an existing actor field by field."""
    existing = actors.get(entry.id)
    affiliations = [Affiliation(a.relation, a.target, a.since, a.until) for a in entry.affiliations or []]
    if existing is None:
        if not entry.name or not entry.kind:
            issues.append(KBIssue(origin, entry.id, "a new actor needs 'name' and 'kind'", "error"))
            return
        actors[entry.id] = Actor(
            id=entry.id, name=entry.name, kind=entry.kind, country=entry.country,
            aliases=list(entry.aliases or []), adjectives=list(entry.adjectives or []),
            capital=entry.capital, parent=entry.parent, description=list(entry.description or []),
            affiliations=affiliations, ambiguous_aliases=list(entry.ambiguous_aliases or []), origin=origin,
        )
        return
    for name in ("name", "kind", "country", "capital", "parent"):
        value = getattr(entry, name)
        if value is not None:
            setattr(existing, name, value)
    for name in ("aliases", "adjectives", "description", "ambiguous_aliases"):
        extra = getattr(entry, name) or []
        current = getattr(existing, name)
        current.extend(v for v in extra if v not in current)
    existing.affiliations.extend(a for a in affiliations if a not in existing.affiliations)


def _generated_bodies(state: Actor) -> dict[str, tuple[str, str, list[str]]]:
    """Aliases of a state's government and military, made from its names and adjectives."""
    adjectives = [a for a in state.adjectives if not a.endswith("s") or a.endswith("ese")][:3]
    names = [state.name] + [a for a in state.aliases if len(a) > 3 and not a.isupper()][:2]
    gov = [f"{adj} government" for adj in adjectives] + [f"{adj} regime" for adj in adjectives]
    gov += [f"{adj} authorities" for adj in adjectives] + [f"{adj} cabinet" for adj in adjectives]
    gov += [f"government of {n}" for n in names] + [f"{n}'s government" for n in names]
    gov += [f"{n} government" for n in names]
    mil = [f"{adj} {noun}" for adj in adjectives for noun in (
        "military", "army", "armed forces", "forces", "troops", "soldiers", "air force", "navy",
        "warplanes", "jets")]
    mil += [f"{n}'s military" for n in names] + [f"{n}'s army" for n in names]
    return {
        f"{state.id}.gov": (f"Government of {state.name}", "state_org", gov),
        f"{state.id}.mil": (f"Military of {state.name}", "state_org", mil),
    }


def _add_state_bodies(actors: dict[str, Actor]) -> None:
    """Give every state a government and a military actor (or add aliases to defined ones)."""
    for state in [a for a in actors.values() if a.kind == "state"]:
        for body_id, (name, kind, aliases) in _generated_bodies(state).items():
            body = actors.get(body_id)
            if body is None:
                actors[body_id] = Actor(body_id, name, kind, state.country, aliases=aliases,
                                        parent=state.id, origin="generated")
            else:
                body.aliases.extend(a for a in aliases if a not in body.aliases)
                body.parent = body.parent or state.id


def _check(kb: ActorKB) -> None:
    """Record alias collisions, dangling references and overlapping intervals as issues."""
    owners: dict[str, set[str]] = defaultdict(set)
    for form in kb.surface_forms():
        if not form.ambiguous and form.form != "adjective":
            owners[form.text.lower()].add(form.actor_id)
    for alias, ids in sorted(owners.items()):
        if len(ids) > 1:
            origin = kb.actors[sorted(ids)[0]].origin
            kb.issues.append(KBIssue(origin, ", ".join(sorted(ids)),
                                     f"alias {alias!r} names {len(ids)} actors; left ambiguous"))
    for actor in kb.actors.values():
        if actor.parent and actor.parent not in kb.actors:
            kb.issues.append(KBIssue(actor.origin, actor.id, f"parent {actor.parent!r} is not a known id"))
        by_key: dict[tuple[str, str], list[Affiliation]] = defaultdict(list)
        for aff in actor.affiliations:
            if aff.target not in kb.actors:
                kb.issues.append(KBIssue(actor.origin, actor.id,
                                         f"{aff.relation} target {aff.target!r} is not a known id"))
            if aff.since and aff.until and aff.since > aff.until:
                kb.issues.append(KBIssue(actor.origin, actor.id,
                                         f"{aff.relation} {aff.target}: since {aff.since} is after {aff.until}"))
            by_key[(aff.relation, aff.target)].append(aff)
        for (relation, target), group in by_key.items():
            if _overlapping(group):
                kb.issues.append(KBIssue(actor.origin, actor.id,
                                         f"overlapping {relation} intervals for {target}"))


def _overlapping(group: Sequence[Affiliation]) -> bool:
    spans = sorted((a.since or date.min, a.until or date.max) for a in group)
    return any(later[0] <= earlier[1] for earlier, later in zip(spans, spans[1:], strict=False))


def load_kb(paths: Iterable[Path | str] = (), include_bundled: bool = True, strict: bool = False) -> ActorKB:
    """Load the bundled KB (unless excluded) and the given user files, later files overriding earlier.

    With `strict`, any rejected entry raises KBError naming the file, entry and reason.
    """
    files = (bundled_paths() if include_bundled else []) + [Path(p) for p in paths]
    actors: dict[str, Actor] = {}
    issues: list[KBIssue] = []
    for path in files:
        entries, file_issues = read_kb_file(path)
        issues.extend(file_issues)
        for entry in entries:
            _merge(actors, entry, str(path), issues)
    _add_state_bodies(actors)
    add_sector_actors(actors)
    kb = ActorKB(actors, issues)
    _check(kb)
    errors = [i for i in kb.issues if i.severity == "error"]
    if strict and errors:
        raise KBError("; ".join(str(e) for e in errors))
    return kb


@lru_cache(maxsize=1)
def bundled_kb() -> ActorKB:
    """The bundled KB, loaded once per process."""
    return load_kb()
