"""The trigger lexicon (data/triggers.yaml) as typed lookup tables, with CAMEO-derived verb cues as fallback.

By default the hand lexicon wins: the verb cues converted from PETRARCH's CAMEO verb dictionary
(data/cameo_verbs.yaml, see `cameo_dictionary`) and from a user's PETRARCH verb file only fill verb
keys the hand lexicon lacks, in `Lexicon.fallback_verbs`. A user's file can instead be made to win
(`with_winning_verbs`): its codes decide what its verbs state, the hand entries keep their grammar.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..ontology import RELATIONS
from .cameo_dictionary import convert_file


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
    any_prep: bool = False  # with no other target, the object of any preposition is one (PETRARCH-2's reading)


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
    place_nouns: frozenset[str] = frozenset()
    region_nouns: frozenset[str] = frozenset()
    subunit_nouns: frozenset[str] = frozenset()
    military_nouns: frozenset[str] = frozenset()
    support_words: frozenset[str] = frozenset()
    empathy_nouns: frozenset[str] = frozenset()
    performative_verbs: frozenset[str] = frozenset()
    gratitude_adjectives: frozenset[str] = frozenset()
    manner_nouns: frozenset[str] = frozenset()
    singling_adverbs: frozenset[str] = frozenset()
    population_nouns: frozenset[str] = frozenset()
    composition_verbs: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    unit_nouns: frozenset[str] = frozenset()
    body_nouns: frozenset[str] = frozenset()
    effort_nouns: frozenset[str] = frozenset()
    weapon_nouns: frozenset[str] = frozenset()
    reciprocal_nouns: frozenset[str] = frozenset()
    pejorative_words: frozenset[str] = frozenset()
    fallback_verbs: dict[str, Cue] = field(default_factory=dict)

    def description_nouns(self) -> frozenset[str]:
        """Every noun that can head a description of an actor."""
        return frozenset(n for nouns in self.descriptions.values() for n in nouns)

    @cached_property
    def people_nouns(self) -> frozenset[str]:
        """Nouns for the people a group is made of: member nouns and the MEMBER_OF roles ("fighter", "employee")."""
        return self.member_nouns | {noun for noun, cue in self.roles.items() if cue.rel == "MEMBER_OF"}

    @cached_property
    def grammar_verbs(self) -> frozenset[str]:
        """Verbs with a grammatical job (saying, intent, refusal, denial, copula, light verb): they govern other
        triggers rather than state one. Computed once per lexicon (every sentence asks)."""
        return (self.speech_verbs | self.intent_verbs | self.refusal_verbs | self.denial_verbs
                | self.allegation_verbs | self.copulas | self.light_verbs)


def _word(value: object) -> str:
    """A word from YAML, undoing YAML 1.1's reading of `on`/`off`/`yes`/`no` as booleans."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value)


def _cues(table: dict | None, source: str = "triggers.yaml") -> dict[str, Cue]:
    """Validate and convert one table of cue entries."""
    cues: dict[str, Cue] = {}
    for lemma, entry in (table or {}).items():
        entry = dict(entry)
        rel = entry.pop("rel")
        if rel not in RELATIONS:
            raise ValueError(f"{source}: {lemma}: unknown relation {rel}")
        for key in ("preps", "passive_preps"):
            if key in entry:
                entry[key] = tuple(_word(p) for p in entry[key])
        for target_rel in (entry.get("objects") or {}).values():
            if target_rel not in RELATIONS:
                raise ValueError(f"{source}: {lemma}: unknown relation {target_rel}")
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
        object_modes={**dict.fromkeys(data.get("currency_nouns", []), "economic"), **data.get("object_modes", {})},
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
        place_nouns=frozenset(data.get("place_nouns", [])),
        region_nouns=frozenset(data.get("region_nouns", [])),
        subunit_nouns=frozenset(data.get("subunit_nouns", [])),
        military_nouns=frozenset(data.get("military_nouns", [])),
        support_words=frozenset(data.get("support_words", [])),
        empathy_nouns=frozenset(data.get("empathy_nouns", [])),
        performative_verbs=frozenset(data.get("performative_verbs", [])),
        gratitude_adjectives=frozenset(data.get("gratitude_adjectives", [])),
        manner_nouns=frozenset(data.get("manner_nouns", [])),
        singling_adverbs=frozenset(data.get("singling_adverbs", [])),
        population_nouns=frozenset(data.get("population_nouns", [])),
        composition_verbs=frozenset(data.get("composition_verbs", [])),
        group_nouns=frozenset(data.get("group_nouns", [])),
        unit_nouns=frozenset(data.get("unit_nouns", [])),
        body_nouns=frozenset(data.get("body_nouns", [])),
        effort_nouns=frozenset(data.get("effort_nouns", [])),
        weapon_nouns=frozenset(data.get("weapon_nouns", [])),
        reciprocal_nouns=frozenset(data.get("reciprocal_nouns", [])),
        pejorative_words=frozenset(data.get("pejorative_words", [])),
    )


def read_verb_cues(path: Path | str) -> dict[str, Cue]:
    """Read a generated verb-cue file (the `verbs:` table of data/cameo_verbs.yaml), with libyaml when present."""
    text = Path(path).read_text(encoding="utf-8")
    data = (yaml.load(text, Loader=yaml.CSafeLoader) if hasattr(yaml, "CSafeLoader") else yaml.safe_load(text)) or {}
    return _cues(data.get("verbs"), source=Path(path).name)


def _stating(lex: Lexicon, cues: dict[str, Cue]) -> dict[str, Cue]:
    """The cues whose verb has no grammatical job in `lex` ("say", "plan", "launch" govern other triggers)."""
    grammar = lex.grammar_verbs
    return {key: cue for key, cue in cues.items() if key.split()[0] not in grammar}


def with_fallback_verbs(lex: Lexicon, cues: dict[str, Cue]) -> Lexicon:
    """The lexicon with `cues` added as fallback verbs, over its earlier ones.

    Keys of the hand verb table are left out (the hand lexicon always wins), and so are verbs with a
    grammatical job there: they govern other triggers rather than state one.
    """
    added = {key: cue for key, cue in _stating(lex, cues).items() if key not in lex.verbs}
    return replace(lex, fallback_verbs={**lex.fallback_verbs, **added})


def _over_hand(hand: Cue | None, cue: Cue) -> Cue:
    """A user cue over a hand cue: the user's relation, mode, object nouns and whether the verb needs one
    (the hand's would overrule the user's reading of the verb); the hand cue's grammar."""
    if hand is None:
        return cue
    return replace(hand, rel=cue.rel, mode=cue.mode, preps=tuple(dict.fromkeys(hand.preps + cue.preps)),
                   objects=cue.objects, needs=cue.needs, symmetric=hand.symmetric or cue.symmetric,
                   any_prep=hand.any_prep or cue.any_prep)


def with_winning_verbs(lex: Lexicon, cues: dict[str, Cue]) -> Lexicon:
    """The lexicon with `cues` deciding what their verbs state, over the hand lexicon and the fallback.

    A verb the hand lexicon has keeps its prepositions, direction and passive handling (the user's file
    says what the verb means, not how English marks its target); grammatical verbs stay as they are.
    """
    chosen = {key: _over_hand(lex.verbs.get(key), cue) for key, cue in _stating(lex, cues).items()}
    fallback = {key: cue for key, cue in lex.fallback_verbs.items() if key not in chosen}
    return replace(lex, verbs={**lex.verbs, **chosen}, fallback_verbs=fallback)


def _data_file(name: str) -> Path:
    """A file of the package's nlp/data folder."""
    return Path(str(resources.files("axisgraph.nlp") / "data" / name))


@lru_cache(maxsize=1)
def hand_lexicon() -> Lexicon:
    """The hand-written trigger lexicon alone (data/triggers.yaml), read once per process."""
    return read_lexicon(_data_file("triggers.yaml"))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The bundled lexicon: the hand lexicon with the CAMEO verb cues (data/cameo_verbs.yaml) as fallback."""
    return with_fallback_verbs(hand_lexicon(), read_verb_cues(_data_file("cameo_verbs.yaml")))


def lexicon_with_petrarch_verbs(path: Path | str, base: Lexicon | None = None, win: bool = False) -> Lexicon:
    """The bundled lexicon (or `base`) with the verbs of a user's PETRARCH verb dictionary.

    The user's verbs take precedence over the bundled CAMEO cues; over the hand lexicon only with `win`
    (`with_winning_verbs`). They are read as PETRARCH-2 reads a verb phrase: a verb with no object takes
    its target from a prepositional phrase ("Ethiopia acted against Libya"). A file from which no verb cue
    can be read (not a PETRARCH verb dictionary) raises ValueError naming it.
    """
    cues = {key: replace(cue, any_prep=True)
            for key, cue in _cues(convert_file(path).verbs, source=Path(path).name).items()}
    if not cues:
        raise ValueError(f"{path}: no verb cue could be read from it "
                         "(a PETRARCH verb dictionary has blocks like `--- ATTACK [190] ---`)")
    if win:
        return with_winning_verbs(base or default_lexicon(), cues)
    return with_fallback_verbs(base or default_lexicon(), cues)
