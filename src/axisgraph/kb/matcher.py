"""Find the KB's surface forms in spaCy documents with one PhraseMatcher pass per document.

Forms written in capitals (IRGC, US) match on ORTH; every other form matches on LOWER but only where
the text starts with a capital letter (docs/actors.md). A form with a straight apostrophe ("Da'esh") also
matches with a typographic one ("Da’esh"). Ambiguous aliases need context: capitalised and not
sentence-initial, or coordinated with an unambiguous match of an actor of the same kind ("Jordan, Egypt
and Bahrain condemned Iran"). Hyphenated compounds ("Iran-backed") and possessives ("Iran's") need
nothing special because spaCy splits them into separate tokens.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .model import ActorKB, SurfaceForm

# Which form wins when one text names several actors.
_FORM_RANK = {"name": 0, "alias": 1, "generated": 1, "capital": 2, "adjective": 3}
# Typographic apostrophes that news text uses for the straight one of KB forms.
_APOSTROPHES = ("\u2019", "\u2018")
# Arabic articles that join a demonym into a name ("al-Masri", "el-Baghdadi").
_ARTICLES = {"al", "el", "al-", "el-"}
_TITLES = {"president", "prime", "minister", "general", "gen.", "gen", "colonel", "col.", "sheikh", "sheik", "king",
           "prince", "emir", "dr.", "dr", "mr.", "mr", "mrs.", "ms.", "sir", "lt.", "maj.", "commander", "ayatollah",
           "former", "supreme", "leader", "secretary", "chairman", "deputy"}


def _nisba(doc: Doc, start: int) -> bool:
    """True for a demonym that ends an Arabic name ("Abu Jandal al-Kuwaiti"): a name, not a nationality."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _ARTICLES


def _person_at(doc: Doc, start: int) -> Span | None:
    """The NER person name that token `start` is part of, if any."""
    if doc[start].ent_type_ != "PERSON":
        return None
    return next((e for e in doc.ents if e.start <= start < e.end), None)


def _variants(text: str) -> list[str]:
    """A form's text and its spellings with typographic apostrophes ("Da'esh", "Da’esh")."""
    return [text] + [text.replace("'", a) for a in _APOSTROPHES if "'" in text]


@dataclass(frozen=True)
class ActorMatch:
    """A token span of a document that names a KB actor."""

    start: int  # token index
    end: int  # token index, exclusive
    actor_id: str
    form: str
    ambiguous: bool


class KBMatcher:
    """Matches every surface form of an actor KB in a spaCy Doc."""

    def __init__(self, kb: ActorKB, nlp: Language) -> None:
        self.kb = kb
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._forms: dict[str, list[SurfaceForm]] = defaultdict(list)
        exact: dict[str, list[str]] = defaultdict(list)
        lower: dict[str, list[str]] = defaultdict(list)
        for form in kb.surface_forms():
            key = ("X|" if form.case_sensitive else "L|") + (form.text if form.case_sensitive
                                                               else form.text.lower())
            if key not in self._forms:
                (exact if form.case_sensitive else lower)[key].extend(_variants(form.text))
            self._forms[key].append(form)
        for key, texts in exact.items():
            self._exact.add(key, list(nlp.tokenizer.pipe(texts)))
        for key, texts in lower.items():
            self._lower.add(key, list(nlp.tokenizer.pipe(texts)))

    def __call__(self, doc: Doc) -> list[ActorMatch]:
        """Non-overlapping actor matches of a document, longest first, in text order."""
        candidates: list[ActorMatch] = []
        pending: list[ActorMatch] = []
        strings = doc.vocab.strings
        for matcher in (self._exact, self._lower):
            for match_id, start, end in matcher(doc):
                forms = self._forms[strings[match_id]]
                if not self._capitalised(doc, start, end, forms):
                    continue
                form = self._choose(forms)
                if form.form == "adjective" and _nisba(doc, start):
                    continue
                if form.ambiguous and self._in_person_name(doc, form.actor_id, start, end):
                    continue
                if self._kin_name(doc, form.actor_id, start):
                    continue
                match = ActorMatch(start, end, form.actor_id, form.form, form.ambiguous)
                (pending if form.ambiguous and not self._ambiguous_ok(doc, start) else candidates).append(match)
        candidates.extend(m for m in pending if self._coordinated(doc, m, candidates))
        candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken = bytearray(len(doc))
        chosen: list[ActorMatch] = []
        for match in candidates:
            if any(taken[match.start:match.end]):
                continue
            taken[match.start:match.end] = b"\x01" * (match.end - match.start)
            chosen.append(match)
        return sorted(chosen, key=lambda m: m.start)

    @staticmethod
    def _capitalised(doc: Doc, start: int, end: int, forms: list[SurfaceForm]) -> bool:
        """A match starts with a capital or a digit, or is written exactly as a form ("al-Qaida")."""
        first = doc[start].text[:1]
        return first.isupper() or first.isdigit() or any(
            doc[start:end].text in _variants(f.text) for f in forms)

    def _choose(self, forms: list[SurfaceForm]) -> SurfaceForm:
        """The form to use when one text names several actors: unambiguous, then by form rank."""
        return min(forms, key=lambda f: (f.ambiguous, _FORM_RANK.get(f.form, 1), f.actor_id))

    def _coordinated(self, doc: Doc, match: ActorMatch, others: list[ActorMatch]) -> bool:
        """True if an ambiguous match is a conjunct of an unambiguous match of an actor of the same kind."""
        actor = self.kb.get(match.actor_id)
        token = doc[match.end - 1]
        if actor is None or token.pos_ != "PROPN":
            return False
        conjuncts = {t.i for t in token.conjuncts}
        for other in others:
            peer = self.kb.get(other.actor_id)
            if not other.ambiguous and peer is not None and peer.kind == actor.kind and other.form != "adjective" \
                    and any(other.start <= i < other.end for i in conjuncts):
                return True
        return False

    def _in_person_name(self, doc: Doc, actor_id: str, start: int, end: int) -> bool:
        """True if a non-person's alias at [start, end) is part of a longer NER person name ("Michael Jordan")."""
        actor = self.kb.get(actor_id)
        if actor is None or actor.kind == "person":
            return False
        ent = _person_at(doc, start)
        return ent is not None and (ent.start < start or ent.end > end)

    def _kin_name(self, doc: Doc, actor_id: str, start: int) -> bool:
        """True if a person's family name follows another given name in one NER person: "Bassel al-Assad" is not
        Bashar al-Assad."""
        actor = self.kb.get(actor_id)
        if actor is None or actor.kind != "person":
            return False
        ent = _person_at(doc, start)
        if ent is None or ent.start >= start:
            return False
        given = doc[ent.start]
        words = {w.lower() for name in (actor.name, *actor.aliases) for w in name.split()}
        return given.text[:1].isupper() and given.lower_ not in words and given.lower_ not in _TITLES

    @staticmethod
    def _ambiguous_ok(doc: Doc, start: int) -> bool:
        """An ambiguous alias counts only when it is a proper noun and not sentence-initial."""
        token = doc[start]
        return not token.is_sent_start and token.pos_ in ("PROPN", "NOUN")
