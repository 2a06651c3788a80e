"""Mentions: spans of a parsed text resolved to KB actors, or left unresolved with their surface text.

Sources of mentions, in order of trust: KB surface forms (one PhraseMatcher pass per document), a
person's surname after the first full mention, spaCy named entities (ORG, NORP, GPE, PERSON) that the
KB lacks, lone names NER missed as subjects of person verbs ("Booker was assigned"), definite
descriptions ("the group", "the Palestinian militant group") resolved to the last-named actor that fits
their noun and nationality, and unresolved actor nouns and pronouns ("300 ANG Airmen", "coalition
airstrikes", "we"). See docs/actors.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..kb.matcher import KBMatcher
from ..kb.model import ActorKB
from ..kb.sectors import Sector, sector_for_noun, sector_id
from .lexicon import Lexicon
from .pipeline import sentence_of

_NER_LABELS = {"ORG", "NORP", "GPE", "PERSON"}
_SPATIAL_PREPS = {"near", "in", "at", "outside", "inside", "around"}
_DETERMINERS = {"the", "this", "that"}
_HISTORY = 40
# Pronouns that resolve to the last-named person.
_PERSON_PRONOUNS = ("he", "she", "him", "her")
_COMPOSING = ("consist", "compose", "comprise")  # "it consists of three brigades": "it" is a body
_ORGANISATION_TIES = ("LEADS", "COMMANDS", "BACKS")  # ties of the verbs whose "it" subject is an organisation
# Verbs whose subject, when a lone name NER missed, is a person: "Booker was assigned to 2nd Battalion".
_PERSON_VERBS = frozenset({"assign", "serve", "enlist", "retire", "graduate", "die", "resign", "command"})
# Tokens that separate two names within one NER entity ("Land Component Command - Operation Inherent Resolve").
_NAME_BREAKS = frozenset({"-", "–", "—", ","})
_OFFICE_NOUNS = frozenset({"secretary", "minister", "ministry", "secretariat", "commissioner"})  # "... of State"
# Plural endings of capitalised nouns that spaCy leaves unlemmatised ("Airmen", "Marines"), longest first.
_PLURALS = (("men", "man"), ("ies", "y"), ("s", ""))


@dataclass
class Mention:
    """A span of a document naming an actor: character offsets into the document text."""

    start: int
    end: int
    text: str
    actor_id: str | None
    kind: str | None
    sentence_start: int
    sentence_end: int
    tok_start: int = -1
    tok_end: int = -1
    origin: str = "kb"  # kb, surname, ner, description
    form: str | None = None  # the KB form matched: name, alias, adjective, capital
    name: str | None = None

    @property
    def key(self) -> str:
        """What identifies the actor: its KB id, else its lowercased text."""
        return self.actor_id or self.text.lower()


@dataclass
class Discourse:
    """What earlier text of the same document tells later text: actors named, surnames, speakers."""

    history: list[tuple[str, str | None]] = field(default_factory=list)  # (actor id, kind)
    surnames: dict[str, Mention] = field(default_factory=dict)
    last_person: Mention | None = None
    last_speaker: Mention | None = None


def _new(doc: Doc, start: int, end: int, offset: int, actor_id: str | None, kind: str | None,
         origin: str, form: str | None = None, name: str | None = None) -> Mention:
    """A mention over tokens [start, end) of a parsed chunk whose text begins at `offset`."""
    span = doc[start:end]
    sent = sentence_of(doc, start)
    return Mention(
        start=span.start_char + offset, end=span.end_char + offset, text=span.text, actor_id=actor_id,
        kind=kind, sentence_start=sent.start_char + offset, sentence_end=sent.end_char + offset,
        tok_start=start, tok_end=end, origin=origin, form=form, name=name,
    )


def find_mentions(doc: Doc, matcher: KBMatcher, kb: ActorKB, lex: Lexicon, state: Discourse,
                  offset: int = 0) -> list[Mention]:
    """All mentions of a parsed chunk in text order; updates the discourse state."""
    taken = [False] * len(doc)
    mentions: list[Mention] = []
    for match in matcher(doc):
        actor = kb.get(match.actor_id)
        mentions.append(_new(doc, match.start, match.end, offset, match.actor_id,
                             actor.kind if actor else None, "kb", match.form, actor.name if actor else None))
        for i in range(match.start, match.end):
            taken[i] = True
    for ent in doc.ents:
        if ent.label_ not in _NER_LABELS:
            continue
        start, end = _untaken_part(ent, taken)
        if start >= end or _place_name(doc[start:end], lex, ent.label_) or \
                _portfolio(doc[start:end], ent.label_):
            continue
        mentions.append(_new(doc, start, end, offset, None, "person" if ent.label_ == "PERSON" else None,
                             "ner", ent.label_.lower()))
        for i in range(start, end):
            taken[i] = True
    mentions.extend(_lone_names(doc, taken, lex, offset))
    mentions.sort(key=lambda m: m.tok_start)
    mentions = _resolve_surnames(doc, mentions, taken, state, offset)
    mentions = _add_descriptions(doc, mentions, kb, lex, state, offset)
    for m in mentions:
        for i in range(m.tok_start, m.tok_end):
            taken[i] = True
    mentions.extend(_common_nouns(doc, taken, lex, state, offset))
    mentions.sort(key=lambda m: m.tok_start)
    mentions = _group_nouns(doc, mentions, kb, lex, offset)
    return _sector_mentions(doc, mentions, kb, offset)


def _common_nouns(doc: Doc, taken: list[bool], lex: Lexicon, state: Discourse, offset: int) -> list[Mention]:
    """Unresolved mentions for actor nouns ("the protesters") and personal pronouns ("we", "he")."""
    found: list[Mention] = []
    for token in doc:
        if taken[token.i]:
            continue
        if token.pos_ == "PRON" and (token.lower_ in lex.actor_pronouns or _organisation_it(token, lex)):
            found.append(_pronoun(doc, token, state, offset))
            taken[token.i] = True
            continue
        if token.pos_ not in ("NOUN", "PROPN") or not _is_actor_noun(token, lex) or _hyphen_tail(token):
            continue
        end = _name_after_title(token, taken)
        if token.dep_ == "compound" and token.head.i > token.i and end is None and not _body_modifier(token, lex):
            continue
        end = end or _portfolio_end(token, taken) or token.i + 1
        if end + 1 < len(doc) and _hyphen_tail(doc[end + 1]):
            end += 2  # "secretary-general": the word after the hyphen belongs to this one
        start = token.i
        if hyphenated(doc, token.i - 2) and doc[token.i - 2].head.i == token.i and not taken[token.i - 2]:
            start = token.i - 2  # "secretary-general" parsed the other way round: the word before belongs too
        while start > 0 and not taken[start - 1] and doc[start - 1].dep_ in (
                "amod", "compound", "det", "poss", "nummod", "quantmod") and doc[start - 1].head.i >= token.i \
                and not doc[start].is_sent_start and not (start > 1 and doc[start - 2].text in ("-", "–")):
            start -= 1
        while start < token.i and doc[start].lower_ in ("the", "a", "an"):
            start += 1
        found.append(_new(doc, start, end, offset, None, None, "noun", "noun"))
        for i in range(start, end):
            taken[i] = True
    return found


def _portfolio(span: Span, label: str) -> bool:
    """True for the portfolio of an office that NER took for an organisation: "State" in "Secretary of State"."""
    office = _of_head(span)
    return label == "ORG" and office is not None and office.lemma_.lower() in _OFFICE_NOUNS and \
        office.i == span.start - 2


def _of_head(span: Span) -> Token | None:
    """The noun a span is the `of` object of ("town" in "the town of Dabiq"), if it is one."""
    head = span.root
    return head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None


def _portfolio_end(token: Token, taken: list[bool]) -> int | None:
    """End of an office title with its portfolio ("Secretary of State", "Minister of Foreign Affairs"), if the
    portfolio names no actor."""
    doc = token.doc
    if token.lemma_.lower() not in _OFFICE_NOUNS or token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "of":
        return None
    portfolio = [t for t in doc[token.i + 1].children if t.dep_ == "pobj"]
    if not portfolio or not portfolio[0].text[:1].isupper():
        return None
    head = portfolio[0]
    parts = [head] + [t for c in head.children if c.dep_ not in ("cc", "conj", "punct", "appos")
                      for t in c.subtree]
    end = max(t.i for t in parts) + 1
    return end if not any(taken[token.i + 1:end]) else None


def made_up(verb: Token) -> bool:
    """True for "made up (of)", a verb naming what a group consists of."""
    return verb.lemma_.lower() == "make" and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)


def hyphenated(doc: Doc, first: int) -> bool:
    """True if tokens `first`, a hyphen and the next one are written as one word ("secretary-general")."""
    return first >= 0 and first + 2 < len(doc) and doc[first + 1].text == "-" and not doc[first].whitespace_ \
        and not doc[first + 1].whitespace_


def _hyphen_tail(token: Token) -> bool:
    """True for the word after a hyphen that modifies the word before it ("general" in "secretary-general")."""
    return hyphenated(token.doc, token.i - 2) and token.head.i == token.i - 2


def _organisation_it(token: Token, lex: Lexicon) -> bool:
    """True for an "it" that a standing tie makes an organisation: "It was founded by X", "it is run by Y",
    "it has 700 employees", "it consists of three brigades"."""
    if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    lemma = verb.lemma_.lower()
    if lemma == "have" and any(c.dep_ == "dobj" and c.lemma_.lower() in lex.people_nouns for c in verb.children):
        return True
    if lemma in _COMPOSING or made_up(verb):
        return True
    cue = lex.verbs.get(lemma)
    return cue is not None and cue.rel in _ORGANISATION_TIES


def _pronoun(doc: Doc, token: Token, state: Discourse, offset: int) -> Mention:
    """A pronoun mention; he/she/him/her resolve to the last-named person."""
    person = state.last_person if token.lower_ in _PERSON_PRONOUNS else None
    if person is not None and person.actor_id:
        return _new(doc, token.i, token.i + 1, offset, person.actor_id, "person", "pronoun", "pronoun", person.name)
    return _new(doc, token.i, token.i + 1, offset, None, None, "pronoun", "pronoun")


def _noun_lemmas(token: Token) -> list[str]:
    """The lemma of a noun, and for a capitalised plural spaCy leaves as it is ("Airmen") its singular."""
    lemma = token.lemma_.lower()
    if token.pos_ != "PROPN" or lemma != token.lower_:
        return [lemma]
    return [lemma] + [lemma[:-len(end)] + singular for end, singular in _PLURALS if lemma.endswith(end)][:1]


def _is_actor_noun(token: Token, lex: Lexicon) -> bool:
    """True for a noun naming an actor: lexicon actor nouns, sector nouns, and capitalised unit nouns."""
    for lemma in _noun_lemmas(token):
        if lemma in lex.actor_nouns or sector_for_noun(lemma) is not None:
            return True
        if lemma in lex.unit_nouns and token.text[:1].isupper() and not token.is_sent_start:
            return True
    return False


def _body_modifier(token: Token, lex: Lexicon) -> bool:
    """A body noun modifying a noun that is not an actor: "coalition airstrikes", "regime bombardment"."""
    head = token.head
    return token.lemma_.lower() in lex.body_nouns and head.pos_ == "NOUN" and not _is_actor_noun(head, lex)


def _name_after_title(token: Token, taken: list[bool]) -> int | None:
    """End of a name that a title noun modifies when NER missed it ("Special Advisor Thames"), else None."""
    head = token.head
    if token.dep_ != "compound" or head.i != token.i + 1 or head.pos_ != "PROPN" or taken[head.i]:
        return None
    if not head.text[:1].isupper() or head.text.isupper() or head.ent_type_ not in ("", "PERSON"):
        return None
    return head.i + 1


def _group_nouns(doc: Doc, mentions: list[Mention], kb: ActorKB, lex: Lexicon, offset: int) -> list[Mention]:
    """Join a name and the group noun it modifies into one mention: "the Al Bu Nimr tribe", "Hezbollah fighters".

    The noun tells what the name is (a group, not a person) and must not become a second actor. States and
    nationality adjectives are left to `_sector_mentions` ("Iraqi police" is not Iraq).
    """
    nouns = lex.description_nouns() | lex.member_nouns | lex.group_nouns
    out: list[Mention] = []
    for m in mentions:
        before = out[-1] if out else None
        head = doc[m.tok_end - 1]
        if before is not None and m.origin == "noun" and m.actor_id is None and before.tok_end == m.tok_start \
                and head.lemma_.lower() in nouns and doc[before.tok_end - 1].head.i == head.i \
                and doc[before.tok_end - 1].dep_ in ("compound", "amod", "nmod") and _names_a_group(before, kb):
            actor = kb.get(before.actor_id) if before.actor_id else None
            out[-1] = _new(doc, before.tok_start, m.tok_end, offset, before.actor_id, actor.kind if actor else None,
                           before.origin, before.form, before.name)
            continue
        out.append(m)
    return out


def _names_a_group(m: Mention, kb: ActorKB) -> bool:
    """True for a name that can head a group noun: a non-state KB actor, or an unresolved name from NER."""
    if m.actor_id is None:
        return m.origin == "ner"
    actor = kb.get(m.actor_id)
    return actor is not None and actor.kind not in ("state", "person") and m.form != "adjective"


def _sector_mentions(doc: Doc, mentions: list[Mention], kb: ActorKB, offset: int) -> list[Mention]:
    """Resolve "Palestinian youths" and "demonstrators in Baghdad" to the sector actor of the state named.

    An unresolved actor noun of a sector (kb.sectors) takes the state of a nationality adjective or state
    name right before it, or of a state or capital in its "in"/"from" phrase ("of" for civilians); the
    state's mention is merged into the sector mention, so that the place is not read as a second actor.
    """
    at = {i: m for m in mentions for i in range(m.tok_start, m.tok_end)}
    merged: dict[int, Mention] = {}
    dropped: set[int] = set()
    for m in mentions:
        head = doc[m.tok_end - 1]
        sector = _sector_of(doc, m) if m.origin == "noun" and m.actor_id is None else None
        if sector is None:
            continue
        before = at.get(m.tok_start - 1)
        modifies = before is not None and doc[before.tok_end - 1].head.i == head.i
        if modifies and before.actor_id is not None and not _state_of_place(before, kb):
            continue  # "Hezbollah officials in Beirut" are Hezbollah's, not Lebanon's
        place = before if modifies and _state_of_place(before, kb) else _place_phrase(head, at, kb, sector.place_preps)
        if place is None or id(place) in dropped:
            continue
        state_id = _state_of_place(place, kb)
        actor = kb.get(sector_id(state_id, sector)) if state_id else None
        if actor is None:
            continue
        start, end = min(m.tok_start, place.tok_start), max(m.tok_end, place.tok_end)
        merged[id(m)] = _new(doc, start, end, offset, actor.id, actor.kind, "sector", "sector", actor.name)
        dropped.add(id(place))
        for other in _conjunct_places(doc, place, head, at, kb):
            body = kb.get(sector_id(_state_of_place(other, kb) or "", sector))
            if body is not None:
                merged[id(other)] = _new(doc, other.tok_start, other.tok_end, offset, body.id, body.kind, "sector",
                                         "sector", body.name)
    return [merged.get(id(m), m) for m in mentions if id(m) not in dropped]


def _conjunct_places(doc: Doc, place: Mention, noun: Token, at: dict[int, Mention], kb: ActorKB) -> list[Mention]:
    """The state mentions coordinated with a sector's place, which share its noun: "lawmakers in X and Y".

    The parser often makes the second state a conjunct of the noun instead; a bare state name right after
    "<place> and" is read as a second place all the same.
    """
    tokens = list(doc[place.tok_end - 1].conjuncts)
    if place.tok_start > noun.i and place.tok_end + 1 < len(doc) and doc[place.tok_end].dep_ == "cc":
        tokens += [t for t in noun.conjuncts if t.i == place.tok_end + 1 or (
            t.i == place.tok_end + 2 and doc[place.tok_end + 1].lower_ == "the")]
    found = (at.get(t.i) for t in tokens)
    return [m for m in found if m is not None and m is not place and _state_of_place(m, kb)]


def _sector_of(doc: Doc, m: Mention) -> Sector | None:
    """The sector an actor noun names, by its head or else a modifier in it ("opposition forces")."""
    head = doc[m.tok_end - 1]
    modifiers = (t for t in doc[m.tok_start:m.tok_end - 1] if t.head.i == head.i and t.dep_ in ("compound", "amod"))
    return sector_for_noun(head.lemma_) or next(
        (s for t in modifiers if (s := sector_for_noun(t.lemma_)) is not None), None)


def _state_of_place(m: Mention, kb: ActorKB) -> str | None:
    """The state a mention names as a place or nationality (a state's name, adjective or capital)."""
    actor = kb.get(m.actor_id) if m.actor_id else None
    return actor.id if actor is not None and actor.kind == "state" else None


def _place_phrase(head: Token, at: dict[int, Mention], kb: ActorKB, preps: tuple[str, ...]) -> Mention | None:
    """The state mention that is the object of one of the noun's `preps` phrases, if any."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps or prep.i < head.i:
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        place = at.get(pobj.i) if pobj is not None else None
        between = head.doc[prep.i + 1:place.tok_start] if place is not None else None
        if place is not None and all(t.dep_ == "det" for t in between) and _state_of_place(place, kb):
            return place
    return None


def _place_name(span: Span, lex: Lexicon, label: str = "") -> bool:
    """True for a named place ("Hasaka Province") or a place phrase mis-tagged as a name ("Near Palmyra"), and
    for a name NER took for an organisation or person where the text calls it a place ("the town of Dabiq";
    tagged GPE or NORP it stays, a place that can locate an unattributed bombing)."""
    first, last = span[0], span[-1]
    if last.lower_ in lex.place_nouns or (len(span) > 1 and first.lower_ in _SPATIAL_PREPS):
        return True
    place = _of_head(span)
    return label in ("ORG", "PERSON") and place is not None and place.lemma_.lower() in lex.place_nouns


def _untaken_part(ent: Span, taken: list[bool]) -> tuple[int, int]:
    """An entity's bounds if the KB matched none of it, else an organisation's own name before or after a dash."""
    start, end = _trim(ent)
    if not any(taken[start:end]):
        return start, end
    if ent.label_ != "ORG":
        return start, start
    doc = ent.doc
    cut = next(i for i in range(start, end) if taken[i])
    if cut > start and doc[cut - 1].text in _NAME_BREAKS:
        return start, _strip_breaks(doc, start, cut - 1)
    last = max(i for i in range(start, end) if taken[i]) + 1
    if last < end and doc[last].text in _NAME_BREAKS and not any(taken[last:end]):
        return last + 1, end
    return start, start


def _strip_breaks(doc: Doc, start: int, end: int) -> int:
    """The end of tokens [start, end) without trailing dashes and commas."""
    while end > start and doc[end - 1].text in _NAME_BREAKS:
        end -= 1
    return end


def _lone_names(doc: Doc, taken: list[bool], lex: Lexicon, offset: int) -> list[Mention]:
    """Unresolved persons NER missed: a lone capitalised name as the subject of a speech or person verb."""
    found: list[Mention] = []
    for token in doc:
        if taken[token.i] or token.pos_ != "PROPN" or token.dep_ not in ("nsubj", "nsubjpass") or \
                token.ent_type_ not in ("", "PERSON") or token.text.isupper() or not token.text[:1].isupper():
            continue
        verb = token.head
        if verb.lemma_.lower() not in lex.speech_verbs and verb.lemma_.lower() not in _PERSON_VERBS:
            continue
        if any(c.dep_ in ("compound", "det", "amod", "nummod") for c in token.children) or token.i < verb.i - 3:
            continue
        found.append(_new(doc, token.i, token.i + 1, offset, None, "person", "ner", "person"))
        taken[token.i] = True
    return found


def _trim(ent: Span) -> tuple[int, int]:
    """Token bounds of an entity without a leading determiner or a trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].lower_ in ("'s", "'", "’s", "’"):
        end -= 1
    return start, end


def _resolve_surnames(doc: Doc, mentions: list[Mention], taken: list[bool], state: Discourse,
                      offset: int) -> list[Mention]:
    """Link a lone surname to the person named in full earlier; register full names' surnames."""
    out: list[Mention] = []
    by_start = {m.tok_start: m for m in mentions}
    for i in range(len(doc)):
        m = by_start.get(i)
        if m is None:
            token = doc[i]
            known = state.surnames.get(token.text) if not taken[i] and _name_like(token) else None
            if known is not None:
                out.append(_new(doc, i, i + 1, offset, known.actor_id, "person", "surname", "surname",
                                known.name or known.text))
            continue
        known = state.surnames.get(m.text) if m.origin == "ner" and m.tok_end - m.tok_start == 1 else None
        if known is not None and (known.actor_id is not None or known.text != m.text):
            m.actor_id, m.name, m.kind, m.origin = known.actor_id, known.name or known.text, "person", "surname"
        if m.kind == "person":
            if m.tok_end - m.tok_start > 1:
                state.surnames[doc[m.tok_end - 1].text] = m
            elif m.actor_id is None:
                state.surnames.setdefault(m.text, m)
            state.last_person = m
        out.append(m)
    return out


def _name_like(token: Token) -> bool:
    """A capitalised token that can be a known surname: a proper noun, or any word inside a sentence."""
    return token.text[:1].isupper() and (token.pos_ == "PROPN" or not token.is_sent_start)


def _add_descriptions(doc: Doc, mentions: list[Mention], kb: ActorKB, lex: Lexicon, state: Discourse,
                      offset: int) -> list[Mention]:
    """Resolve definite descriptions to the last-named fitting actor; keep the history up to date."""
    nouns = lex.description_nouns()
    by_token: dict[int, Mention] = {}
    for m in mentions:
        for i in range(m.tok_start, m.tok_end):
            by_token[i] = m
    chunks = [c for c in doc.noun_chunks
              if c[0].lower_ in _DETERMINERS and c.root.lemma_.lower() in nouns and _singular_reference(c, lex)]
    out: list[Mention] = []
    chunk_at = {c.start: c for c in chunks}
    i = 0
    ordered = {m.tok_start: m for m in mentions}
    while i < len(doc):
        chunk = chunk_at.get(i)
        if chunk is not None:
            inside = {id(by_token[t]): by_token[t] for t in range(chunk.start, chunk.end) if t in by_token}
            adjectives = [m for m in inside.values() if m.form in ("adjective", "norp")]
            if len(adjectives) == len(inside):
                actor_id = _fit(chunk, adjectives, kb, lex, state, _clause_subjects(chunk, by_token))
                if actor_id is not None:
                    actor = kb.get(actor_id)
                    m = _new(doc, chunk.start, chunk.end, offset, actor_id, actor.kind if actor else None,
                             "description", "description", actor.name if actor else None)
                    out.append(m)
                    state.history.append((actor_id, m.kind))
                    i = chunk.end
                    continue
        m = ordered.get(i)
        if m is not None:
            out.append(m)
            if m.actor_id and m.form != "adjective":
                state.history.append((m.actor_id, m.kind))
            i = m.tok_end
            continue
        i += 1
    if len(state.history) > _HISTORY:
        del state.history[:-_HISTORY]
    return out


def _singular_reference(chunk: Span, lex: Lexicon) -> bool:
    """A description naming one actor: singular, or a plural that names a group's members ("the militants")."""
    if chunk.root.tag_ not in ("NNS", "NNPS"):
        return True
    return chunk[0].lower_ == "the" and chunk.root.lemma_.lower() in lex.member_nouns


def _clause_subjects(chunk: Span, by_token: dict[int, Mention]) -> set[str]:
    """Actors that are the subject of the clause whose object a description is: never its antecedent."""
    if chunk.root.dep_ not in ("dobj", "pobj", "dative"):
        return set()
    verb = chunk.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    while verb.dep_ in ("pcomp", "xcomp", "prep") and verb.head.i != verb.i:
        verb = verb.head
    heads = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    subjects = [t for h in heads for c in h.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    return {by_token[t.i].actor_id for t in subjects if t.i in by_token and by_token[t.i].actor_id}


def _fit(chunk: Span, adjectives: list[Mention], kb: ActorKB, lex: Lexicon, state: Discourse,
         excluded: set[str] = frozenset()) -> str | None:
    """The most recent actor whose kind or description fits the chunk's noun and nationality."""
    noun = chunk.root.lemma_.lower()
    required = {kb.state_of(m.actor_id) or m.actor_id for m in adjectives if m.actor_id}
    for actor_id, kind in reversed(state.history):
        actor = kb.get(actor_id)
        if actor is None or kind == "person" or actor_id in excluded:
            continue
        if required and not _same_country(kb, actor_id, required):
            continue
        described = any(d.lower().split()[-1].rstrip("s") == noun.rstrip("s") for d in actor.description)
        if described or noun in lex.descriptions.get(kind or "", ()):
            return actor_id
    return None


def _same_country(kb: ActorKB, actor_id: str, required: set[str]) -> bool:
    """True if the actor is, or belongs to, one of the states named by a description's adjectives."""
    actor = kb.get(actor_id)
    if (kb.state_of(actor_id) or actor_id) in required or actor_id in required:
        return True
    return bool(actor and actor.country and any(r and r.upper() == actor.country for r in required))
