"""Build DESIGN's assertion records from relation candidates and their qualifiers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..kb.model import ActorKB
from ..ontology import quad_of, relation_to_cameo
from ..records import ActorRef, Assertion, Document, Trigger
from .mentions import Mention
from .qualifiers import Qualifiers
from .relations import Candidate

# Relations between organisations: a person named as their end stands for the body they lead.
ORGANISATIONAL = frozenset({"BACKS", "COMMANDS", "ALLY", "RIVAL", "AID", "COOPERATE", "ASSAULT", "COERCE",
                            "SANCTION", "MOBILIZE", "RETREAT"})
_HEDGE_FACTOR = {"asserted": 1.0, "reported": 0.85, "likely": 0.75, "possible": 0.5, "denied": 0.6}
_FIRST_PERSON = frozenset({"i", "me"})
_FIRST_PERSON_PLURAL = frozenset({"we", "us"})
_ORIGIN_FACTOR = {"kb": 1.0, "surname": 0.95, "description": 0.85, "ner": 0.85, "noun": 0.7, "pronoun": 0.6}


def actor_ref(m: Mention, kb: ActorKB, relation: str | None = None, on: date | None = None) -> ActorRef:
    """The record of a mention; a person in an organisational relation becomes the body they lead."""
    actor_id, name, kind = m.actor_id, m.name, m.kind
    if relation in ORGANISATIONAL and kind == "person" and actor_id:
        led = kb.led_by(actor_id, on)
        if led:
            body = kb.get(led[0])
            actor_id, name, kind = led[0], body.name if body else None, body.kind if body else None
    if actor_id and name is None:
        actor = kb.get(actor_id)
        name = actor.name if actor else None
    return ActorRef(id=actor_id, name=name, kind=kind, text=m.text, span=(m.start, m.end))


def _is_speaker(m: Mention | None, q: Qualifiers) -> bool:
    """In direct speech ("X said: I welcome ...", `q.direct`) "I" is X, and "we" is X when X is a body."""
    if m is None or m.actor_id is not None:
        return False
    word = m.text.lower()
    return word in _FIRST_PERSON or (word in _FIRST_PERSON_PLURAL and q.speaker.kind not in ("person", None))


def speaking_ends(c: Candidate, q: Qualifiers, sentence_span: tuple[int, int]) -> Candidate:
    """The candidate with a first-person end of direct speech replaced by the speaker: by the speaker's own
    mention when the sentence holds it, else by the pronoun resolved to the speaker's actor."""
    if q.speaker is None or not q.direct:
        return c

    def resolve(m: Mention | None) -> Mention | None:
        if not _is_speaker(m, q):
            return m
        s = q.speaker
        if sentence_span[0] <= s.start and s.end <= sentence_span[1]:
            return s
        return replace(m, actor_id=s.actor_id, kind=s.kind, name=s.name)

    return replace(c, source=resolve(c.source), target=resolve(c.target))


def confidence(c: Candidate, q: Qualifiers) -> float:
    """Confidence from the pattern's reliability, the hedge and how the ends were resolved."""
    value = c.score * _HEDGE_FACTOR.get(q.hedge, 1.0)
    value *= _ORIGIN_FACTOR.get(c.source.origin, 1.0)
    if c.target is not None:
        value *= _ORIGIN_FACTOR.get(c.target.origin, 1.0)
    return round(max(0.0, min(1.0, value)), 3)


def build(c: Candidate, q: Qualifiers, document: Document, kb: ActorKB, sentence_span: tuple[int, int],
          trigger_span: tuple[int, int]) -> Assertion | None:
    """One assertion record, or None when both ends turn out to be the same actor.

    A negated intent ("will not meet", "did not agree to") is CAMEO's rejection: REJECT, not negated.
    """
    on = document.date
    c = speaking_ends(c, q, sentence_span)
    source = actor_ref(c.source, kb, c.relation, on)
    target = actor_ref(c.target, kb, c.relation, on) if c.target is not None else None
    if target is not None and source.id is not None and source.id == target.id:
        return None
    text = document.text
    relation, mode = c.relation, c.mode
    if relation == "AGREE" and q.negated and q.hedge != "denied":
        relation, q = "REJECT", replace(q, negated=False)
    speaker = actor_ref(q.speaker, kb) if q.speaker is not None else None
    if speaker is not None and q.hedge == "asserted" and (speaker.id or speaker.text) != (
            c.source.actor_id or c.source.text):
        q = replace(q, hedge="reported")
    return Assertion(
        doc_id=document.id, doc_date=document.date, event_date=q.event_date,
        sentence=text[sentence_span[0]:sentence_span[1]], sentence_span=sentence_span,
        source=source, relation=relation, mode=mode, target=target,
        negated=q.negated, hedge=q.hedge, confidence=confidence(c, q),
        speaker=speaker,
        trigger=Trigger(text=text[trigger_span[0]:trigger_span[1]], span=trigger_span),
        quad=quad_of(relation), cameo=relation_to_cameo(relation, mode), origin="text",
    )


def deduplicate(assertions: list[Assertion]) -> list[Assertion]:
    """One assertion per sentence, ends, relation and mode (the most confident); drop mode-less repeats."""
    best: dict[tuple, Assertion] = {}
    for a in assertions:
        key = (a.sentence_span, a.source.id or a.source.text.lower(), a.relation, a.mode,
               (a.target.id or a.target.text.lower()) if a.target else None, a.negated)
        if key not in best or a.confidence > best[key].confidence:
            best[key] = a
    moded = {(k[0], k[1], k[2], k[4], k[5]) for k in best if k[3] is not None}
    out = [a for k, a in best.items() if k[3] is not None or (k[0], k[1], k[2], k[4], k[5]) not in moded]
    return sorted(out, key=lambda a: (a.sentence_span[0], a.trigger.span[0] if a.trigger else 0))
