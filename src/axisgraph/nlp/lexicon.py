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
    particle: str | None = None
    object: str | None = None
    passive_preps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """All cue tables of the rule layer."""

    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    roles: dict[str, Cue]
    titles: dict[str, Cue]
    hyphen: dict[str, Cue]
    light_verbs: frozenset[str]
    object_modes: dict[str, str | None]
    agent_nouns: frozenset[str]
    clause_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    hedges: dict[str, frozenset[str]]
    copulas: frozenset[str]
    descriptions: dict[str, frozenset[str]] = field(default_factory=dict)

    def description_nouns(self) -> frozenset[str]:
        """Every noun that can head a description of an actor."""
        return frozenset(n for nouns in self.descriptions.values() for n in nouns)


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
                entry[key] = tuple(entry[key])
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
        hyphen=_cues(data.get("hyphen")),
        light_verbs=frozenset(data.get("light_verbs", [])),
        object_modes=dict(data.get("object_modes", {})),
        agent_nouns=frozenset(data.get("agent_nouns", [])),
        clause_nouns=frozenset(data.get("clause_nouns", [])),
        speech_verbs=frozenset(data.get("speech_verbs", [])),
        denial_verbs=frozenset(data.get("denial_verbs", [])),
        hedges={k: frozenset(v) for k, v in data.get("hedges", {}).items()},
        copulas=frozenset(data.get("copulas", [])),
        descriptions={k: frozenset(v) for k, v in data.get("descriptions", {}).items()},
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The bundled trigger lexicon, read once per process."""
    return read_lexicon(Path(str(resources.files("axisgraph.nlp") / "data" / "triggers.yaml")))
