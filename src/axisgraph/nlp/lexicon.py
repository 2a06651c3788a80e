"""The trigger lexicon (data/triggers.yaml) as typed lookup tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..ontology import RELATIONS


@dataclass(frozen=True)
class Cue:
    """One trigger word: the relation it states and how its arguments map to source and target."""

    lemma: str
    rel: str
    mode: str | None = None
    preps: tuple[str, ...] = ()
    inverse: bool = False
    symmetric: bool = False
    needs: str | None = None
    holder: str | None = None
    object: str | None = None
    passive_preps: tuple[str, ...] = ()
    objects: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    """All cue tables of the rule layer."""

    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    roles: dict[str, Cue]
    titles: dict[str, Cue]
    noun_compounds: dict[str, Cue]
    hyphen: dict[str, Cue]
    light_verbs: frozenset[str]
    object_modes: dict[str, str | None]
    agent_nouns: frozenset[str]
    clause_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    allegation_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    intent_adjectives: frozenset[str]
    refusal_verbs: frozenset[str]
    hedges: dict[str, frozenset[str]]
    copulas: frozenset[str]
    descriptions: dict[str, frozenset[str]] = field(default_factory=dict)
    member_nouns: frozenset[str] = frozenset()
    actor_nouns: frozenset[str] = frozenset()
    actor_pronouns: frozenset[str] = frozenset()

    def description_nouns(self) -> frozenset[str]:
        """Every noun that can head a description of an actor."""
        return frozenset(n for nouns in self.descriptions.values() for n in nouns)


def _word(value: object) -> str:
    """A word from YAML, undoing YAML 1.1's reading of `on`/`off`/`yes`/`no` as booleans."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value)


def _cues(table: dict | None) -> dict[str, Cue]:
    """Validate and convert one table of cue entries."""
    cues: dict[str, Cue] = {}
    for lemma, entry in (table or {}).items():
        entry = dict(entry)
        rel = entry.pop("rel")
        if rel not in RELATIONS:
            raise ValueError(f"triggers.yaml: {lemma}: unknown relation {rel}")
        for key in ("preps", "passive_preps"):
            if key in entry:
                entry[key] = tuple(_word(p) for p in entry[key])
        for target_rel in (entry.get("objects") or {}).values():
            if target_rel not in RELATIONS:
                raise ValueError(f"triggers.yaml: {lemma}: unknown relation {target_rel}")
        cues[str(lemma)] = Cue(lemma=str(lemma), rel=rel, **entry)
    return cues


def read_lexicon(path: Path | str) -> Lexicon:
    """Read a trigger lexicon file."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return Lexicon(
        verbs=_cues(data.get("verbs")),
        nouns=_cues(data.get("nouns")),
        roles=_cues(data.get("roles")),
        titles=_cues(data.get("titles")),
        noun_compounds=_cues(data.get("noun_compounds")),
        hyphen=_cues(data.get("hyphen")),
        light_verbs=frozenset(data.get("light_verbs", [])),
        object_modes=dict(data.get("object_modes", {})),
        agent_nouns=frozenset(data.get("agent_nouns", [])),
        clause_nouns=frozenset(data.get("clause_nouns", [])),
        speech_verbs=frozenset(data.get("speech_verbs", [])),
        denial_verbs=frozenset(data.get("denial_verbs", [])),
        allegation_verbs=frozenset(data.get("allegation_verbs", [])),
        intent_verbs=frozenset(data.get("intent_verbs", [])),
        intent_adjectives=frozenset(data.get("intent_adjectives", [])),
        refusal_verbs=frozenset(data.get("refusal_verbs", [])),
        hedges={k: frozenset(v) for k, v in data.get("hedges", {}).items()},
        copulas=frozenset(data.get("copulas", [])),
        descriptions={k: frozenset(v) for k, v in data.get("descriptions", {}).items()},
        member_nouns=frozenset(data.get("member_nouns", [])),
        actor_nouns=frozenset(data.get("actor_nouns", [])),
        actor_pronouns=frozenset(data.get("actor_pronouns", [])),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The bundled trigger lexicon, read once per process."""
    return read_lexicon(Path(str(resources.files("axisgraph.nlp") / "data" / "triggers.yaml")))
