"""Find the KB's surface forms in spaCy documents with one PhraseMatcher pass per document.

Forms written in capitals (IRGC, US) match on ORTH; every other form matches on LOWER but only where
the text starts with a capital letter (docs/actors.md). Ambiguous aliases need context: capitalised, not
sentence-initial. Hyphenated compounds ("Iran-backed") and possessives ("Iran's") need nothing special
because spaCy splits them into separate tokens.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .model import ActorKB, SurfaceForm

# Which form wins when one text names several actors.
_FORM_RANK = {"name": 0, "alias": 1, "generated": 1, "capital": 2, "adjective": 3}


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
                (exact if form.case_sensitive else lower)[key].append(form.text)
            self._forms[key].append(form)
        for key, texts in exact.items():
            self._exact.add(key, list(nlp.tokenizer.pipe(texts)))
        for key, texts in lower.items():
            self._lower.add(key, list(nlp.tokenizer.pipe(texts)))

    def __call__(self, doc: Doc) -> list[ActorMatch]:
        """Non-overlapping actor matches of a document, longest first, in text order."""
        candidates: list[ActorMatch] = []
        strings = doc.vocab.strings
        for matcher in (self._exact, self._lower):
            for match_id, start, end in matcher(doc):
                forms = self._forms[strings[match_id]]
                if not doc[start].text[:1].isupper() and not doc[start].text[:1].isdigit():
                    continue
                form = self._choose(forms)
                if form.ambiguous and not self._ambiguous_ok(doc, start):
                    continue
                candidates.append(ActorMatch(start, end, form.actor_id, form.form, form.ambiguous))
        candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken = bytearray(len(doc))
        chosen: list[ActorMatch] = []
        for match in candidates:
            if any(taken[match.start:match.end]):
                continue
            taken[match.start:match.end] = b"\x01" * (match.end - match.start)
            chosen.append(match)
        return sorted(chosen, key=lambda m: m.start)

    def _choose(self, forms: list[SurfaceForm]) -> SurfaceForm:
        """The form to use when one text names several actors: unambiguous, then by form rank."""
        return min(forms, key=lambda f: (f.ambiguous, _FORM_RANK.get(f.form, 1), f.actor_id))

    @staticmethod
    def _ambiguous_ok(doc: Doc, start: int) -> bool:
        """An ambiguous alias counts only when it is a proper noun and not sentence-initial."""
        token = doc[start]
        return not token.is_sent_start and token.pos_ in ("PROPN", "NOUN")
