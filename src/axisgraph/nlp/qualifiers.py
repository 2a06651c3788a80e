"""Qualifiers of a relation candidate: negation, hedge, speaker and the date of the event."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon
from .mentions import Discourse, Mention
from .pipeline import sentence_of

_HEDGE_RANK = {"asserted": 0, "reported": 1, "likely": 2, "possible": 3, "denied": 4}
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MONTH_DAY = re.compile(_MONTH_RE + r"\s+(\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?", re.I)
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r"(?:,?\s+(\d{4}))?", re.I)
_MONTH_YEAR = re.compile(_MONTH_RE + r"\s+(\d{4})", re.I)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_SPEAKER_DEPS = ("nsubj", "nsubjpass", "dobj", "dative", "attr")
_REFUSAL_NOUNS = {"refusal", "failure", "reluctance", "unwillingness"}  # "X's refusal to accept Y"
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_NEGATORS = {"not", "n't", "never", "no"}
_CROSSING = ("ccomp", "xcomp", "pcomp", "prep", "pobj", "dobj", "conj", "advcl", "acl", "relcl", "parataxis",
             "attr", "acomp", "nsubj", "nsubjpass", "appos", "compound", "amod", "poss", "dative", "agent")


@dataclass
class Qualifiers:
    """What the text says about a relation besides its ends."""

    negated: bool = False
    hedge: str = "asserted"
    speaker: Mention | None = None
    event_date: date | None = None
    direct: bool = False  # the speaker's own words (quoted, or after "said:"): their "I" is the speaker


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted passages (straight or curly double quotes)."""
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for i, ch in enumerate(text):
        if ch == "“" or (ch == '"' and opened is None):
            opened = i
        elif (ch == "”" or ch == '"') and opened is not None:
            regions.append((opened, i + 1))
            opened = None
    return regions


def _colon_after(verb: Token, trigger: Token) -> bool:
    """True if a colon follows the verb of saying before the words it introduces ("X said: I welcome")."""
    return any(t.text == ":" for t in verb.doc[verb.i + 1:trigger.i] if t.head.i == verb.i)


class QualifierFinder:
    """Computes qualifiers for triggers of one parsed chunk."""

    def __init__(self, doc: Doc, tok2m: dict[int, Mention], lex: Lexicon, state: Discourse,
                 doc_date: date | None, offset: int = 0) -> None:
        self.doc = doc
        self.offset = offset
        self.tok2m = tok2m
        self.lex = lex
        self.state = state
        self.doc_date = doc_date
        self.quotes = quote_regions(doc.text)
        self._quote_starts = [start for start, _ in self.quotes]
        self._attribution: dict[int, Mention | None] = {}
        self.sents = list(doc.sents)
        self._starts = [sent.start_char for sent in self.sents]
        self._dates: dict[int, list[Span]] = {}
        for ent in doc.ents:
            if ent.label_ == "DATE":
                self._dates.setdefault(sentence_of(doc, ent.root.i).start, []).append(ent)

    def __call__(self, trigger: Token) -> Qualifiers:
        """Qualifiers of the relation stated by `trigger`."""
        chain = self._chain(trigger)
        q = Qualifiers()
        q.negated, denied = self._negation(trigger, chain)
        q.hedge = "denied" if denied else self._hedge(trigger, chain)
        q.speaker, q.direct = self._speaker(trigger, chain)
        q.event_date = self._event_date(trigger)
        return q

    def _chain(self, trigger: Token) -> list[Token]:
        """The trigger and its governors up to the sentence root."""
        chain = [trigger]
        tok = trigger
        while tok.head.i != tok.i and tok.dep_ in _CROSSING and len(chain) < 8:
            tok = tok.head
            chain.append(tok)
        return chain

    def _negation(self, trigger: Token, chain: list[Token]) -> tuple[bool, bool]:
        """(negated, denied): a negator on the trigger or its copula/light verb, or a denial verb above it."""
        def negated(tok: Token) -> bool:
            return any((c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") or
                        (c.dep_ == "advmod" and c.lower_ == "never")) for c in tok.children)

        if negated(trigger):
            return True, False
        tok = trigger
        for head in chain[1:]:
            if tok.dep_ in ("xcomp", "attr", "acomp", "dobj") or (
                    tok.dep_ == "pobj" and head.lower_ == "as"):
                if negated(head) and (tok.dep_ != "dobj" or head.lemma_.lower() in self.lex.light_verbs
                                      or tok.dep_ == "xcomp"):
                    return True, False
            elif tok.dep_ == "conj" and trigger.pos_ in ("VERB", "AUX") and negated(head) and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                return True, False
            if tok.dep_ in ("prep", "pobj") and head.lower_ == "as":
                tok = head
                continue
            if head.lemma_.lower() in self.lex.refusal_verbs and tok.dep_ == "xcomp":
                return True, False
            if head.lemma_.lower() in _REFUSAL_NOUNS and tok.dep_ == "acl":
                return True, False
            if head.lemma_.lower() in self.lex.denial_verbs and tok.dep_ in (
                    "ccomp", "xcomp", "dobj", "pcomp", "prep", "pobj", "acl", "relcl"):
                return True, True
            tok = head
        return False, False

    def _hedge(self, trigger: Token, chain: list[Token]) -> str:
        """The most uncertain hedge cue on the trigger, its governors or their modifiers."""
        best = "asserted"
        words: list[Token] = []
        for tok in chain:
            words.append(tok)
            words.extend(c for c in tok.children if c.dep_ in ("aux", "advmod", "amod", "acomp", "prep",
                                                               "auxpass", "npadvmod"))
        for tok in words:
            word = tok.lower_
            for hedge, cues in self.lex.hedges.items():
                if word in cues and _HEDGE_RANK[hedge] > _HEDGE_RANK[best] and (
                        word == "according" or hedge != "reported" or tok.pos_ != "VERB"):
                    best = hedge
        for below, tok in pairwise(chain):
            if tok.lemma_.lower() in self.lex.allegation_verbs or self._requested_act(below, tok):
                best = "possible"
            if tok.lemma_.lower() in ("say", "believe", "think", "report") and tok.tag_ == "VBN" and any(
                    c.dep_ == "auxpass" for c in tok.children):
                rank = "likely" if tok.lemma_.lower() in ("believe", "think") else "reported"
                if _HEDGE_RANK[rank] > _HEDGE_RANK[best]:
                    best = rank
        sent = sentence_of(self.doc, trigger.i)
        if best == "asserted" and any(t.lower_ == "according" and t.i + 1 < sent.end and
                                      self.doc[t.i + 1].lower_ == "to" for t in sent):
            best = "reported"
        return best

    def _requested_act(self, act: Token, verb: Token) -> bool:
        """True for an act someone is urged, asked or called on to do ("urged Hamas to attack Israel",
        "called for Israel to withdraw"): the sentence asserts the request, not the act."""
        cue = self.lex.verbs.get(verb.lemma_.lower())
        if cue is None or cue.rel != "REQUEST" or verb.pos_ != "VERB" or verb.lemma_.lower() in self.lex.intent_verbs:
            return False
        return act.dep_ in ("xcomp", "ccomp") or (act.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "for" for c in act.children))

    def _speaker(self, trigger: Token, chain: list[Token]) -> tuple[Mention | None, bool]:
        """Who says it: subject of a verb of saying above the trigger, `according to X`, or the quote's
        author; and whether these are the speaker's own words (quoted, or after "X said:")."""
        prev = trigger
        for tok in chain[1:]:
            lemma = tok.lemma_.lower()
            if (lemma in self.lex.speech_verbs or lemma in self.lex.allegation_verbs) and prev.dep_ not in (
                    "nsubj", "nsubjpass", "dobj"):
                found = self._subject_of(tok)
                if found is not None:
                    return found, self._quoted(trigger.idx) or _colon_after(tok, trigger)
            prev = tok
        sent = sentence_of(self.doc, trigger.i)
        according = self._according(sent)
        if according is not None:
            return according, False
        at = trigger.idx
        index = bisect_right(self._quote_starts, at) - 1
        if index >= 0 and at < self.quotes[index][1]:
            author = self._quote_author(*self.quotes[index], sent)
            return author, author is not None
        return None, False

    def _subject_of(self, verb: Token) -> Mention | None:
        """The mention of a speech verb's subject, resolving he/she to the last speaker or person."""
        for child in verb.children:
            if child.dep_ in ("nsubj",):
                m = self.tok2m.get(child.i)
                if m is None:
                    for t in child.subtree:
                        if t.i in self.tok2m:
                            m = self.tok2m[t.i]
                            break
                if m is None and child.lower_ in _PERSON_PRONOUNS:
                    m = self.state.last_speaker or self.state.last_person
                if m is None and child.pos_ in ("NOUN", "PROPN"):
                    m = self._unresolved(child)
                if m is not None:
                    if m.kind == "person" or m.actor_id is None:
                        self.state.last_speaker = m
                    return m
        if verb.dep_ == "conj" and verb.head.lemma_.lower() in self.lex.speech_verbs:
            return self._subject_of(verb.head)
        return None

    def _unresolved(self, noun: Token) -> Mention:
        """An unresolved speaker named by a noun phrase ("a diplomat", "officials")."""
        start = noun.left_edge.i
        while start < noun.i and self.doc[start].pos_ in ("DET", "PUNCT"):
            start += 1
        span = self.doc[start:noun.i + 1]
        sent = sentence_of(self.doc, noun.i)
        return Mention(span.start_char + self.offset, span.end_char + self.offset, span.text, None, None,
                       sent.start_char + self.offset, sent.end_char + self.offset, start, noun.i + 1, "ner")

    def _according(self, sent: Span) -> Mention | None:
        """X of an `according to X` phrase in the sentence."""
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and self.doc[tok.i + 1].lower_ == "to":
                for t in self.doc[tok.i + 2:min(sent.end, tok.i + 10)]:
                    if t.i in self.tok2m:
                        return self.tok2m[t.i]
        return None

    def _attribution_of(self, sent: Span) -> Mention | None:
        """The speaker named by a verb of saying outside quotes in a sentence, if any."""
        if sent.start in self._attribution:
            return self._attribution[sent.start]
        found = None
        for tok in sent:
            if tok.lemma_.lower() in self.lex.speech_verbs and tok.pos_ == "VERB" and not self._quoted(tok.idx):
                found = self._subject_of(tok)
                if found is not None:
                    break
        self._attribution[sent.start] = found
        return found

    def _quoted(self, at: int) -> bool:
        index = bisect_right(self._quote_starts, at) - 1
        return index >= 0 and at < self.quotes[index][1]

    def _quote_author(self, start: int, end: int, sent: Span) -> Mention | None:
        """Author of a quote: attribution in its sentence, the sentences it spans, or the next one."""
        found = self._attribution_of(sent)
        if found is not None:
            return found
        first = max(0, bisect_right(self._starts, start) - 1)
        for i in range(first, len(self.sents)):
            other = self.sents[i]
            if other.start_char >= end + 2:
                break
            if other.end_char > start:
                found = self._attribution_of(other)
                if found is not None:
                    return found
                if other.end_char >= end and i + 1 < len(self.sents):
                    return self._attribution_of(self.sents[i + 1]) if self.sents[i + 1].start_char - end < 3 \
                        else None
        return None

    def _event_date(self, trigger: Token) -> date | None:
        """Date of the event when a date expression attaches to the trigger (or its light verb)."""
        sent = sentence_of(self.doc, trigger.i)
        heads = {trigger.i}
        if trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.lemma_.lower() in self.lex.light_verbs:
            heads.add(trigger.head.i)
        for ent in self._dates.get(sent.start, ()):
            tok = ent.root
            for _ in range(3):
                if tok.head.i == tok.i:
                    break
                tok = tok.head
                if tok.i in heads:
                    return parse_date(ent.text, self.doc_date)
                if tok.pos_ in ("VERB", "NOUN", "AUX") and tok.i not in heads:
                    break
        return None


def parse_date(text: str, doc_date: date | None) -> date | None:
    """Date of a time expression ("October 7", "last Tuesday", "in 2019") relative to the document date."""
    low = text.lower().strip()
    m = _ISO.search(low)
    if m:
        return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for pattern, order in ((_MONTH_DAY, "md"), (_DAY_MONTH, "dm")):
        m = pattern.search(low)
        if m:
            month_word, day = (m.group(1), m.group(2)) if order == "md" else (m.group(2), m.group(1))
            month = _MONTHS.get(month_word[:3])
            year = int(m.group(3)) if m.group(3) else None
            if month is None:
                continue
            if year is None:
                if doc_date is None:
                    return None
                year = doc_date.year
                guess = _safe(year, month, int(day))
                if guess is not None and guess > doc_date:
                    year -= 1
            return _safe(year, month, int(day))
    m = _MONTH_YEAR.search(low)
    if m:
        return _safe(int(m.group(2)), _MONTHS.get(m.group(1)[:3], 1), 1)
    if doc_date is not None:
        if "yesterday" in low:
            return doc_date - timedelta(days=1)
        if low in ("today", "this morning", "tonight", "this evening"):
            return doc_date
        for name, wd in _WEEKDAYS.items():
            if name in low:
                back = (doc_date.weekday() - wd) % 7
                if back == 0 and ("last" in low or "previous" in low):
                    back = 7
                return doc_date - timedelta(days=back)
    m = _YEAR.search(low)
    if m and len(low) <= 12:
        return date(int(m.group(1)), 1, 1)
    return None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
