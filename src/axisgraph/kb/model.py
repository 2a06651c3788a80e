"""Actor knowledge-base records: actors, their affiliations, and the KB that holds them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

ACTOR_KINDS: tuple[str, ...] = (
    "state", "state_org", "armed_group", "party", "igo", "ngo", "person", "coalition", "media", "other",
)
AFFILIATION_RELATIONS: tuple[str, ...] = ("MEMBER_OF", "LEADS", "BACKS", "COMMANDS", "ALLY", "RIVAL")


def within(day: date | None, since: date | None, until: date | None) -> bool:
    """True if `day` lies in the closed interval [since, until] (open ends allowed; a None day always does)."""
    if day is None:
        return True
    return (since is None or since <= day) and (until is None or day <= until)


@dataclass(frozen=True)
class Affiliation:
    """A dated standing tie from one actor to another ("leads hezbollah from 1992 to 2024")."""

    relation: str
    target: str
    since: date | None = None
    until: date | None = None

    def valid_on(self, day: date | None) -> bool:
        """True if the affiliation holds on `day` (always true when `day` is None)."""
        return within(day, self.since, self.until)


@dataclass
class Actor:
    """One entry of the actor KB."""

    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    capital: str | None = None
    parent: str | None = None
    description: list[str] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    ambiguous_aliases: list[str] = field(default_factory=list)
    origin: str = ""

    def to_dict(self) -> dict:
        """A JSON-ready dict of the actor."""
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
            "aliases": list(self.aliases), "adjectives": list(self.adjectives), "capital": self.capital,
            "parent": self.parent, "description": list(self.description),
            "affiliations": [
                {"relation": a.relation, "target": a.target,
                 "since": a.since.isoformat() if a.since else None,
                 "until": a.until.isoformat() if a.until else None}
                for a in self.affiliations
            ],
        }


@dataclass(frozen=True)
class SurfaceForm:
    """A string by which an actor is named in text, and how to match it."""

    text: str
    actor_id: str
    form: str  # name, alias, adjective, capital, generated
    case_sensitive: bool
    ambiguous: bool = False


@dataclass(frozen=True)
class KBIssue:
    """A problem found while loading the KB: file, entry and reason."""

    file: str
    entry: str
    reason: str
    severity: str = "warning"  # "error" rejects the entry

    def __str__(self) -> str:
        return f"{self.file}: entry {self.entry}: {self.reason}"


@dataclass
class ActorKB:
    """All actors by id, with lookups for matching and for dated affiliations."""

    actors: dict[str, Actor] = field(default_factory=dict)
    issues: list[KBIssue] = field(default_factory=list)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def get(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        return self.actors.get(actor_id) if actor_id else None

    def affiliations_of(self, actor_id: str, on: date | None = None, relation: str | None = None
                        ) -> list[Affiliation]:
        """Affiliations of an actor valid on a date (all if `on` is None), optionally of one relation."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return []
        return [a for a in actor.affiliations
                if a.valid_on(on) and (relation is None or a.relation == relation)]

    def led_by(self, person_id: str, on: date | None = None) -> list[str]:
        """Ids of the organisations or states a person leads on a date."""
        return [a.target for a in self.affiliations_of(person_id, on, "LEADS")]

    def ancestors(self, actor_id: str) -> list[str]:
        """The chain of organisational parents of an actor, nearest first."""
        chain: list[str] = []
        current = self.actors.get(actor_id)
        while current is not None and current.parent and current.parent not in chain:
            chain.append(current.parent)
            current = self.actors.get(current.parent)
        return chain

    def state_of(self, actor_id: str) -> str | None:
        """The state id an actor belongs to (itself for a state), by parent chain or country code."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return None
        if actor.kind == "state":
            return actor.id
        for parent in self.ancestors(actor_id):
            if self.actors[parent].kind == "state" if parent in self.actors else False:
                return parent
        if actor.country and actor.country.lower() in self.actors:
            return actor.country.lower()
        return None

    def surface_forms(self) -> Iterator[SurfaceForm]:
        """Every name, alias, adjective and capital of every actor, with its matching rule."""
        for actor in self.actors.values():
            ambiguous = {a.lower() for a in actor.ambiguous_aliases}
            seen: set[str] = set()
            forms = [(actor.name, "name")] + [(a, "alias") for a in actor.aliases]
            forms += [(a, "adjective") for a in actor.adjectives]
            if actor.capital:
                forms.append((actor.capital, "capital"))
            forms += [(a, "alias") for a in actor.ambiguous_aliases]
            for text, form in forms:
                text = " ".join(str(text).split())
                if not text or text.lower() in seen:
                    continue
                seen.add(text.lower())
                yield SurfaceForm(text, actor.id, form, _is_case_sensitive(text), text.lower() in ambiguous)


def _is_case_sensitive(text: str) -> bool:
    """Aliases written in capitals (IRGC, U.S.) match only in capitals."""
    return text.isupper()
