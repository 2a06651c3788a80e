"""Relation candidates of a sentence from verb, noun, role-noun and hyphen patterns over the parse.

Every pattern looks for a trigger of the lexicon and maps its syntactic arguments to actor mentions.
Arguments are found by dependency label first and by surface position second, so that one wrong parse
label (a verb read as a noun, a misattached preposition) does not lose the relation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import pairwise, permutations

from spacy.tokens import Span, Token

from ..ontology import RELATIONS, Family
from .cameo_dictionary import PREPOSITIONS
from .lexicon import Cue, Lexicon
from .mentions import Mention, hyphenated, made_up

_SUBJ = ("nsubj", "csubj", "expl")
_PASS_SUBJ = ("nsubjpass", "csubjpass")
_MODIFIERS = ("compound", "amod", "poss", "nmod", "npadvmod")
_REL_PRONOUNS = {"which", "who", "that", "whom", "whose"}
_VERB_TAGS = ("VBZ", "VBD", "VBP", "VB", "VBG", "VBN")
_TERRITORY = {"territory", "soil", "border", "land", "position", "base", "target", "facility"}
_QUANTITIES = {"all", "some", "most", "many", "each", "one", "thousand", "hundred", "dozen", "million", "score",
               "ten", "number", "majority", "handful", "part", "half", "third", "crowd", "group", "none",
               "several", "few", "both", "rest", "remnant"}
_NO_CUE = Cue(lemma="", rel="SUPPORT")
_GOVERNING = ("AGREE", "REQUEST", "THREATEN", "REJECT", "CONCEDE", "SUPPORT")
_FUTURE = {"will", "'ll", "would", "shall"}
_READYING = {"prepare", "ready", "gear", "poise"}
_POSSIBLE = {"may", "might", "could", "can"}
_OBLIGATION = {"must", "should", "ought"}
_PRONOUNS = {"it", "they", "he", "she", "we"}
_NOT_HOLDER = {"former", "ex", "then", "would-be", "deputy", "vice"}
_PHRASE_PREPS = {"with", "to", "against", "on", "by", "of", "between", "toward", "towards"}
# A PETRARCH verb takes its target from any prepositional phrase but an "of" or "by" one.
_ANY_PREP = tuple(sorted(PREPOSITIONS - {"of", "by"}))
_UNATTRIBUTED = 0.6  # a bombing with no named perpetrator, coded from where it happened
_FALLBACK_SCORE = 0.8  # CAMEO-table verb cues are less sure than hand cues
_OWN = {"its", "their", "his", "her", "our"}
_SINGULAR_OWN = {"its", "his", "her"}
_INCLUDED = Cue(lemma="including", rel="MEMBER_OF")
_PHRASE_DEPS = ("prt", "advmod", "acomp", "oprd", "dobj", "prep", "xcomp")  # words completing a verb key
_HOSTILE_EVENTS = ("SANCTION", "COERCE", "ASSAULT", "PROTEST", "THREATEN")
_REQUEST_VERBS = {"call", "appeal", "press", "ask", "push", "clamor", "clamour", "lobby"}
_ENGAGE = {"engage", "involve", "participate", "join", "persist", "take"}
_IN_UNIT = Cue(lemma=",", rel="MEMBER_OF")
_SINGLED = Cue(lemma="notably", rel="MEMBER_OF")
_COMPOSING = Cue(lemma="comprise", rel="MEMBER_OF")
_WITHIN = Cue(lemma="within", rel="MEMBER_OF")
_TOGETHER = Cue(lemma="together", rel="COOPERATE", symmetric=True)
_HEADING = Cue(lemma="his", rel="LEADS")
_THANKS = Cue(lemma="grateful", rel="SUPPORT")
_COMPANY = ("together", "along")  # "together with X", "along with X": in X's company
_HELPING = ("AID", "SUPPORT", "BACKS")  # relations of helping an actor, who may be helped to act
_AIMED = ("on", "against")  # "a war on X" is waged one way, "a war with X" both ways
_PLACE_PREPS = {"in", "near", "outside", "at", "inside", "around", "on"}
_MOVES = ("RETREAT", "MOBILIZE")  # "troops were withdrawn": the forces' side moves, no agent needed
_PROTESTED = ("of", "against", "at", "over")
_FILED = {"lodge", "file", "register", "submit", "deliver", "send", "voice"}


@dataclass
class Candidate:
    """One relation stated by a sentence, before qualifiers are attached."""

    source: Mention
    target: Mention | None
    relation: str
    mode: str | None
    trigger: Token
    trigger_end: int  # token index after the trigger words
    method: str  # verb, noun, role, hyphen, repair
    score: float


class SentenceRelations:
    """Finds relation candidates in one sentence given its mentions."""

    def __init__(self, sent: Span, tok2m: dict[int, Mention], lex: Lexicon) -> None:
        self.sent = sent
        self.doc = sent.doc
        self.tok2m = tok2m
        self.lex = lex
        self.grammar = lex.grammar_verbs  # "said" keyed by a user's verb file still only reports
        self.out: list[Candidate] = []
        self._companions: list[tuple[frozenset, list[Mention]]] = []  # actors acting together (`accompanied`)

    # ---------------------------------------------------------------- arguments
    def actors(self, tok: Token, depth: int = 0, conj: bool = True) -> list[Mention]:
        """Mentions an argument token stands for: itself, its actor modifiers, `of` objects, conjuncts."""
        if depth > 4:
            return []
        found: list[Mention] = []
        m = self.tok2m.get(tok.i)
        if m is not None and m.origin in ("noun", "pronoun"):
            named = self._named_inside(tok, depth)
            if all(n.form in ("adjective", "norp") for n in named):  # "the Iraqi minister, Ibrahim al-Jaafari"
                named = self._named_apposition(tok, m) or named
            found.extend(named or [m])
        elif m is not None:
            found.extend(self._named_apposition(tok, m) or [m])
            found.extend(self._sector_conjuncts(m))
        elif tok.lower_ in _REL_PRONOUNS and tok.head.dep_ == "relcl":
            antecedent = self._antecedent(tok)
            return self.actors(antecedent, depth + 1) or self._event_above_place(antecedent, depth)
        elif tok.lemma_.lower() in self.lex.clause_nouns and tok.dep_ == "appos":
            return self.clause_agents(tok, depth)
        elif tok.pos_ in ("NOUN", "PROPN", "ADJ", "PRON", "NUM"):
            found.extend(self._person_beside(tok))  # "his brother Bashar al-Assad" -> Bashar al-Assad
            modifiers = [c for c in tok.children if c.dep_ in _MODIFIERS and c.i < tok.i] if not found else []
            for child in modifiers:
                found.extend(self._in_subtree(child))
            lemma = tok.lemma_.lower()
            if not found and lemma in self.lex.nouns:
                found.extend(self._claimers(tok, depth))
            if not found and (lemma in self.lex.agent_nouns or tok.pos_ in ("PRON", "NUM", "ADJ")
                              or lemma in _QUANTITIES):
                for child in tok.children:
                    if child.dep_ == "prep" and self._belongs(tok, child):
                        for obj in child.children:
                            if obj.dep_ == "pobj":
                                found.extend(self.actors(obj, depth + 1))
        if conj:
            for other in tok.conjuncts:
                if other.i > tok.i:
                    found.extend(self.actors(other, depth + 1, conj=False))
            for listed in self._listed_apposition(tok):
                found.extend(self.actors(listed, depth + 1))
        if found and tok.dep_ not in _SUBJ + _PASS_SUBJ:  # "killed 11 people, including one hostage": done to them too
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "including"):
                found.extend(m for obj in prep.children if obj.dep_ == "pobj" for m in self.actors(obj, depth + 1))
        return _unique(found)

    def _antecedent(self, pronoun: Token) -> Token:
        """The noun a relative pronoun stands for. The parser hangs the clause on the nearest noun; "who" is no
        place, so in "forces operating in the north of the country who are leading" it climbs to "forces"."""
        noun = pronoun.head.head
        if pronoun.lower_ not in ("who", "whom"):
            return noun
        tok = noun
        for _ in range(4):
            if not self._place_word(tok) or tok.dep_ != "pobj":
                return tok
            tok = tok.head.head
            if tok.dep_ in ("acl", "relcl") and tok.pos_ == "VERB":
                tok = tok.head
            if tok.pos_ not in ("NOUN", "PROPN"):
                return noun
        return noun if self._place_word(tok) else tok

    def _place_word(self, tok: Token) -> bool:
        """A noun naming a place or a part of one ("city", "the north", "the country"), never a who."""
        lemma = tok.lemma_.lower()
        return lemma == "country" or lemma in self.lex.place_nouns or lemma in self.lex.region_nouns or \
            tok.ent_type_ in ("LOC", "FAC")

    def _sector_conjuncts(self, m: Mention) -> list[Mention]:
        """The other states' sectors that share a sector mention's noun: "ambassadors of X, Y and Z"."""
        if m.origin != "sector":
            return []
        found = (self.tok2m.get(c.i) for t in self.doc[m.tok_start:m.tok_end] for c in t.conjuncts
                 if c.i >= m.tok_end)
        return [o for o in found if o is not None and o.origin == "sector"]

    def _listed_apposition(self, tok: Token) -> list[Token]:
        """Items of a list the parser read as an apposition or a modifier, and members singled out of a group.

        "The UK, the Coalition and Iraq" (Coalition appos UK, Iraq conj Coalition); "X, the Y, and Z" (Y appos
        X, Z conj X); "X and the evil Y" (X a modifier of Y that holds the "and").
        """
        coordinated = any(c.dep_ == "cc" for c in tok.children) and any(c.dep_ == "conj" for c in tok.children)
        listed = []
        for c in tok.children:
            if c.dep_ == "appos" and c.i in self.tok2m and any(
                    g.dep_ == "advmod" and g.lower_ in self.lex.singling_adverbs for g in c.children):
                listed.append(c)  # "our partners, especially the Turks": what the partners do, the Turks do
            elif c.dep_ == "appos" and c.i in self.tok2m:
                items = (c, *c.conjuncts)
                if (coordinated and self._named(c)) or (any(self._named(g) for g in c.conjuncts) and any(
                        g.dep_ == "cc" for t in items for g in t.children)):
                    listed.append(c)
            elif c.dep_ in ("nmod", "compound") and c.i < tok.i and self._named(c) and self._named(tok) \
                    and any(g.dep_ == "cc" and g.i > c.i for t in (c, *c.conjuncts) for g in t.children):
                listed.append(c)
        return listed

    def _named(self, tok: Token) -> bool:
        """True for a token inside a named actor mention (not a common noun or pronoun)."""
        m = self.tok2m.get(tok.i)
        return m is not None and m.origin not in ("noun", "pronoun")

    def _named_inside(self, tok: Token, depth: int) -> list[Mention]:
        """Named actors behind a common noun: "Hamas officials", "members of Hezbollah"."""
        found: list[Mention] = []
        for child in tok.children:
            if child.dep_ in _MODIFIERS and child.i < tok.i:
                found.extend(m for m in self._in_subtree(child) if m.origin not in ("noun", "pronoun"))
        if not found and (tok.lemma_.lower() in self.lex.agent_nouns or tok.lemma_.lower() in _QUANTITIES):
            for child in tok.children:
                if child.dep_ == "prep" and self._belongs(tok, child):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            found.extend(m for m in self.actors(obj, depth + 1, conj=False)
                                         if m.origin != "pronoun")
        return _unique(found)

    def _claimers(self, event: Token, depth: int) -> list[Mention]:
        """Who claimed an act is its perpetrator: "attacks claimed by X", "X claimed two bombings which ..."."""
        claims = [c for c in event.children if c.dep_ == "acl" and c.lemma_.lower() == "claim"]
        if event.dep_ in ("nsubj", "nsubjpass") and event.head.lemma_.lower() == "claim":
            claims.append(event.head)  # "attacks, claimed by X, killed ...", parsed with "claimed" as the verb
        found = [m for c in claims for a in c.children if a.dep_ == "agent" for obj in a.children
                 if obj.dep_ == "pobj" for m in self.actors(obj, depth + 1)]
        if not found and event.dep_ == "dobj" and event.head.lemma_.lower() == "claim" and depth < 3:
            found = self.subjects(event.head, 3)[0]
        return found

    def _named_apposition(self, tok: Token, m: Mention) -> list[Mention]:
        """The person an actor noun is put beside: "the Iraqi Foreign Minister, Ibrahim al-Jaafari" -> the person."""
        if m.origin not in ("noun", "sector"):
            return []
        return [n for n in self._person_beside(tok) if n is not m]

    def _person_beside(self, noun: Token) -> list[Mention]:
        """The named person an apposition puts beside a noun that names no actor: "his brother Bashar al-Assad"."""
        return _unique([n for c in noun.children if c.dep_ == "appos" and (n := self.tok2m.get(c.i)) is not None
                        and n.kind == "person" and n.origin not in ("noun", "pronoun")])

    def _belongs(self, noun: Token, prep: Token) -> bool:
        """True for the preposition naming whose people a noun stands for: "members of X", "activists from X"."""
        return prep.lower_ == "of" or (prep.lower_ == "from" and noun.lemma_.lower() in self.lex.agent_nouns)

    def _in_subtree(self, tok: Token) -> list[Mention]:
        """Mentions inside a modifier's subtree ("US-Israeli", "Syria's")."""
        found = []
        for t in tok.subtree:
            m = self.tok2m.get(t.i)
            if m is not None:
                found.append(m)
        return _unique(found)

    def clause_agents(self, noun: Token, depth: int) -> list[Mention]:
        """For "a move that X condemned": the subject of the clause the event noun stands for."""
        if noun.dep_ != "appos":
            return []
        head = noun.head
        while head.dep_ not in ("ROOT", "conj", "ccomp") and head.head.i != head.i:
            head = head.head
        return self.subjects(head)[0] if depth < 3 else []

    def is_verbal(self, tok: Token) -> bool:
        """A verb, a present-tense verb form the parser read as a noun after an actor ("Iran funds"), or a word
        mistagged but parsed as a verb, with a subject and an object ("Qatar and Turkey also back[ADV] Hamas")."""
        if tok.pos_ in ("VERB", "AUX") or tok.tag_ in _VERB_TAGS:
            return True
        if any(c.dep_ == "nsubj" for c in tok.children) and any(c.dep_ == "dobj" for c in tok.children):
            return True
        return self.repaired_subject(tok) is not None

    def repaired_subject(self, tok: Token) -> list[Mention] | None:
        """Subject of a verb mis-tagged as a noun in "Iran funds and arms X": the actor just before it."""
        if tok.i == 0:
            return None
        if tok.tag_ in ("VBZ", "VBD", "VBP") and tok.dep_ in ("compound", "amod", "nmod"):
            prev = self.tok2m.get(tok.i - 1)
            return [prev] if prev is not None and tok.lemma_.lower() in self.lex.verbs else None
        if tok.tag_ not in ("NNS", "NN") or not tok.lower_.endswith("s"):
            return None
        between_actors = tok.dep_ == "compound" and tok.head.i == tok.i + 1 and tok.head.i in self.tok2m
        if tok.dep_ not in ("ROOT", "conj", "nsubj", "ccomp", "relcl", "advcl", "dep") and not between_actors:
            return None
        if tok.lemma_.lower() not in self.lex.verbs and tok.lower_[:-1] not in self.lex.verbs:
            return None
        if tok.dep_ == "conj" and tok.head.i < tok.i and tok.head.i != tok.i:
            first = self.repaired_subject(tok.head)
            if first is not None:
                return first
        prev = self.doc[tok.i - 1]
        m = self.tok2m.get(prev.i)
        if m is None or prev.dep_ not in ("compound", "nmod", "nsubj", "amod") or m.form == "adjective":
            return None
        if any(c.dep_ == "det" for c in tok.children):
            return None
        return [m]

    def subjects(self, verb: Token, seen: int = 0) -> tuple[list[Mention], bool]:
        """Actors of a verb's subject and whether they are a passive subject (the target)."""
        repaired = self.repaired_subject(verb)
        if repaired is not None:
            return repaired, False
        had_subject = False
        for child in _with_aux_children(verb):
            if child.dep_ in _SUBJ:
                found = self.actors(child) or self._reduced_relative(child)
                if child.lower_ in _PRONOUNS and all(m.origin == "pronoun" for m in found):
                    reporter = self._reporter(verb, seen)
                    if any(m.origin != "pronoun" for m in reporter):  # "he said he had ..." keeps its own "he"
                        found = reporter
                if found:
                    return found, False
                if child.lower_ in _REL_PRONOUNS:
                    return self.actors(self._antecedent(child) if verb.dep_ == "relcl" else verb.head), False
                had_subject = True  # a second subject is a list the parser split: "Old foes X and Y have ..."
            elif child.dep_ in _PASS_SUBJ and not had_subject:
                found = self.actors(child)
                if not found and child.lower_ in _REL_PRONOUNS:
                    found = self.actors(verb.head)
                return found, True
        if had_subject:
            return [], False
        if seen > 3:
            return [], False
        passive = verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "amod")
        if verb.dep_ in ("acl", "relcl", "amod") and verb.head.i != verb.i:
            return self._purpose_agents(verb, seen) or self._comma_antecedent(verb) or self.actors(verb.head) or \
                self._issuer(verb, seen), passive
        if verb.dep_ == "conj" and self.is_verbal(verb.head):
            found, was_passive = self.subjects(verb.head, seen + 1)
            return found, was_passive and (self._is_passive(verb) or self._shares_passive(verb))
        accused = self._accused(verb)
        if accused:
            return accused, False
        if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
            found, was_passive = self.subjects(verb.head.head, seen + 1)
            return (found, False) if not was_passive else ([], False)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
            holder = verb.head.head
            if holder.dep_ == "acomp" and holder.pos_ in ("ADJ", "VERB"):
                holder = holder.head
            if holder.pos_ in ("VERB", "AUX"):
                return self.subjects(holder, seen + 1)[0], False
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in self.lex.intent_verbs:
            controller = [c for c in verb.head.children if c.dep_ == "dobj"] or [
                g for c in verb.head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                and verb.head.lemma_.lower() in _REQUEST_VERBS for g in c.children if g.dep_ == "pobj"]
            found = self.actors(controller[0]) if controller else []
            if found or (controller and controller[0].pos_ == "PRON"):
                return found, False  # "urged Iran to stop"; a thing object ("used the name of Islam to ...") is no one
        effort = self._effort_before(verb)
        if effort is not None:
            return self._campaigners(effort, seen), False
        if verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.i < verb.head.i and self.is_verbal(verb.head) and \
                not any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children):
            found, was_passive = self.subjects(verb.head, seen + 1)  # "Founded by Iran, Hezbollah grew": its patient
            return (found, True) if not was_passive else ([], False)
        if verb.dep_ in ("xcomp", "advcl") and self.is_verbal(verb.head):
            found, was_passive = self.subjects(verb.head, seen + 1)
            return (found, False) if not was_passive else ([], False)
        return [], False

    def _comma_antecedent(self, verb: Token) -> list[Mention]:
        """The actor right before ", led by ...": the parser may hang the participle on an earlier noun."""
        if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.i < 2 or self.doc[verb.i - 1].text != "," \
                or verb.head.i in self.tok2m:
            return []
        m = self.tok2m.get(verb.i - 2)
        return [m] if m is not None and m.origin != "pronoun" else []

    def _issuer(self, verb: Token, seen: int) -> list[Mention]:
        """Who speaks through a statement: "X issued a declaration demanding ..." -> X."""
        noun = verb.head
        if verb.tag_ != "VBG" or noun.dep_ != "dobj" or not _known(noun.head, self.lex.light_verbs) or seen > 3:
            return []
        found, passive = self.subjects(noun.head, seen + 1)
        return [] if passive else found

    def _reduced_relative(self, tok: Token) -> list[Mention]:
        """Subject of a participle read as the subject: "The Red Cross operating in Iraq said" -> Red Cross."""
        if tok.tag_ not in ("VBG", "VBN"):
            return []
        return [m for c in tok.children if c.dep_ in _SUBJ and c.i < tok.i for m in self.actors(c)]

    def _unattributed(self, verb: Token) -> list[Mention]:
        """The place of a bombing whose subject, agent or `in` phrase names no perpetrator ("near Samarra")."""
        args = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        args += [obj for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in")
                 for obj in c.children if obj.dep_ == "pobj"]
        weapons = [a for a in args if not self.actors(a) and self._is_weapon(a)]
        if not weapons:
            return []
        phrases = [c for t in (*weapons, verb) for c in t.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS]
        places = [self.tok2m[t.i] for p in phrases for t in p.subtree if t.i in self.tok2m]
        places = [m for m in _unique(places) if m.kind != "person" and m.origin != "pronoun"]
        named = [m for m in places if m.actor_id]
        return (named or places)[:1]

    def _is_weapon(self, tok: Token) -> bool:
        """True for an explosive with no perpetrator named on it ("a car bomb explosion", "a roadside bombing")."""
        return tok.lemma_.lower() in self.lex.weapon_nouns and not self.agents(tok) and not any(
            m for c in tok.children if c.dep_ in _MODIFIERS for m in self._in_subtree(c))

    def _purpose_agents(self, verb: Token, seen: int) -> list[Mention]:
        """Who acts in "X's strategy to defeat Y", "X continued its efforts to defeat Y"."""
        noun = verb.head
        if noun.pos_ != "NOUN" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return []
        if noun.lemma_.lower() not in self.lex.effort_nouns:
            return self.actors(noun) or self._governing_subject(noun, seen)
        return self._campaigners(noun, seen)

    def _effort_before(self, verb: Token) -> Token | None:
        """The effort noun of "support X in their campaign to defeat Y" when the parser hung the purpose on the verb."""
        if verb.dep_ != "advcl" or verb.i < self.sent.start + 2 or self.doc[verb.i - 1].lower_ != "to":
            return None
        noun = self.doc[verb.i - 2]
        if noun.lemma_.lower() not in self.lex.effort_nouns or noun.dep_ != "pobj" or noun.head.head.i != verb.head.i:
            return None
        return noun

    def _campaigners(self, noun: Token, seen: int) -> list[Mention]:
        """Who wages an effort: its possessor, the one helped "in" it, its apposition, or the governing subject."""
        owners = [m for c in noun.children if c.dep_ in _MODIFIERS and c.i < noun.i
                  for m in self._in_subtree(c) if m.origin != "pronoun"]
        if owners:
            return _unique(owners)
        if noun.lemma_.lower() in self.lex.effort_nouns:
            helped = self._helped_in(noun, seen)
            if helped:
                return helped
            if noun.dep_ == "appos" and noun.head.i in self.tok2m:
                return [self.tok2m[noun.head.i]]
        return self._governing_subject(noun, seen) or self._possessor_antecedent(noun)

    def _possessor_antecedent(self, noun: Token) -> list[Mention]:
        """The actor an effort's "its"/"their" points back to when no clause subject names it: "the resolve of
        the international community in its determination to defeat X" -> the international community."""
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children):
            return []
        before = [m for i, m in self.tok2m.items() if self.sent.start <= i < noun.i and m.origin != "pronoun"
                  and m.kind != "person" and not (m.actor_id is None and m.form in ("gpe", "loc", "fac"))]
        return [max(before, key=lambda m: m.tok_start)] if before else []

    def _helped_in(self, noun: Token, seen: int) -> list[Mention]:
        """The fighter of "support X in their fight", "support for X in the fight": X."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "in" or seen > 3:
            return []
        head = noun.head.head
        if head.pos_ in ("VERB", "AUX"):
            return [m for c in head.children if c.dep_ == "dobj" for m in self._helped(c)]
        return self._helped(_first_conjunct(head))

    def _helped(self, tok: Token) -> list[Mention]:
        """The actors a helping phrase is about: "support for X" -> X, "the Iraqi people" -> Iraqi people."""
        cue = self.lex.nouns.get(tok.lemma_.lower())
        if cue is not None and cue.rel in ("SUPPORT", "AID", "BACKS"):
            return self.prep_objects(tok, ("for", "of", "to"))
        return [m for m in self.actors(tok) if m.origin != "pronoun"]

    def _governing_subject(self, noun: Token, seen: int) -> list[Mention]:
        """The subject of the verb an effort noun is the object of: "X continued its efforts", "Elsewhere in the
        campaign to defeat ISIL, X have begun ..." (the phrase hung on an adverb of the clause)."""
        holder = noun.head
        if noun.dep_ == "pobj" and holder.dep_ == "prep":
            holder = holder.head
            if holder.dep_ == "advmod" and holder.pos_ == "ADV":
                holder = holder.head
        if noun.dep_ not in ("dobj", "pobj", "attr") or holder.pos_ not in ("VERB", "AUX"):
            return []
        found, passive = self.subjects(holder, seen + 1)
        return [] if passive else found

    def _reporter(self, verb: Token, seen: int) -> list[Mention]:
        """For a pronoun subject in "X said it will ...": the subject of the verb of saying."""
        tok = verb
        while tok.dep_ in ("ccomp", "conj", "xcomp") and tok.head.i != tok.i:
            tok = tok.head
            if tok.lemma_.lower() in self.lex.speech_verbs and seen < 3:
                return self.subjects(tok, seen + 1)[0]
        return []

    def _accused(self, verb: Token) -> list[Mention]:
        """Who an accusation says did it: "X accused Y of arming Z" -> Y."""
        if verb.dep_ != "pcomp" or verb.head.lower_ not in ("of", "for"):
            return []
        accuser = verb.head.head
        if accuser.lemma_.lower() not in self.lex.allegation_verbs:
            return []
        found: list[Mention] = []
        for child in accuser.children:
            if child.dep_ == "dobj":
                found.extend(self.actors(child))
            if child.dep_ == "nsubjpass":
                found.extend(self.actors(child))
        return found

    @staticmethod
    def _shares_passive(verb: Token) -> bool:
        """True for a bare participle coordinated with a passive: "was targeted and killed"."""
        return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "nsubj", "dobj") for c in verb.children)

    @staticmethod
    def _is_passive(verb: Token) -> bool:
        return verb.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)

    def prep_objects(self, tok: Token, preps: tuple[str, ...]) -> list[Mention]:
        """Actors of prepositional objects with one of the given prepositions (or datives)."""
        found: list[Mention] = []
        for child in tok.children:
            if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found.extend(self.actors(obj))
            elif child.dep_ == "dative" and child.pos_ != "ADP":
                found.extend(self.actors(child))
            elif child.dep_ in ("prep", "prt", "advmod") and child.lower_ in ("out", "away"):
                found.extend(self.prep_objects(child, preps))  # compound prepositions: "out of", "away from"
            elif child.dep_ in ("advcl", "ccomp") and "for" in preps and any(
                    c.dep_ == "mark" and c.lower_ == "for" for c in child.children):
                found.extend(m for c in child.children if c.dep_ == "nsubj" for m in self.actors(c))  # "for X to go"
        return _unique(found)

    def agents(self, tok: Token) -> list[Mention]:
        """Actors of a `by` phrase, or of "at the hands of X"."""
        found: list[Mention] = []
        for child in tok.children:
            if child.dep_ in ("agent", "prep") and child.lower_ == "by":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found.extend(self.actors(obj))
        return found or self._hands_of(tok)

    def _noun_agents(self, noun: Token) -> list[Mention]:
        """Who did what a noun names: its `by` phrase, or that of its participle ("the support provided by X")."""
        return self.agents(noun) or [m for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
                                     for m in self.agents(c)]

    def _hands_of(self, tok: Token) -> list[Mention]:
        """Actors of "at the hands of X" under a verb: "killed at the hands of ISIL", "suffered at the hands of"."""
        return [m for at in tok.children if at.dep_ == "prep" and at.lower_ == "at"
                for hands in at.children if hands.dep_ == "pobj" and hands.lower_ == "hands"
                for of in hands.children if of.dep_ == "prep" and of.lower_ == "of"
                for obj in of.children if obj.dep_ == "pobj" for m in self.actors(obj)]

    # ---------------------------------------------------------------- emit
    def emit(self, sources: list[Mention], targets: list[Mention | None], cue: Cue, mode: str | None,
             trigger: Token, method: str, score: float, end: int | None = None) -> None:
        """Add one candidate per source/target pair (both ways for symmetric statements)."""
        for s in sources:
            for t in targets:
                if t is not None and (t is s or t.key == s.key):
                    continue
                self.out.append(Candidate(s, t, cue.rel, mode, trigger, end or trigger.i + 1, method, score))

    def emit_pairs(self, actors: list[Mention], cue: Cue, mode: str | None, trigger: Token, method: str,
                   score: float) -> None:
        """Both directions between every two of the actors ("A and B met")."""
        for a, b in permutations(_unique(actors), 2):
            if a.key != b.key:
                self.out.append(Candidate(a, b, cue.rel, mode, trigger, trigger.i + 1, method, score))

    # ---------------------------------------------------------------- patterns
    def run(self) -> list[Candidate]:
        """All candidates of the sentence."""
        for tok in self.sent:
            lemma = tok.lemma_.lower()
            lower = tok.lower_
            if lower in self.lex.hyphen and tok.i >= 2 and self.doc[tok.i - 1].text in ("-", "–"):
                self.hyphen(tok, self.lex.hyphen[lower])
                continue
            if lower == "including" and tok.dep_ == "prep":
                self.included(tok)
                continue
            if lower == "within" and tok.dep_ == "prep":
                self.within(tok)
                continue
            company = self._company_head(tok) if tok.dep_ == "prep" else None
            if company is not None:
                self.accompanied(tok, company)
                continue
            if tok.dep_ == "pobj" and tok.head.lower_ == "with" and lemma in self.lex.support_words and \
                    self._with_support(tok):
                continue
            if tok.dep_ == "appos" and any(c.dep_ == "advmod" and c.lower_ in self.lex.singling_adverbs
                                           for c in tok.children):
                self.singled_out(tok)
            if (lemma in self.lex.composition_verbs or made_up(tok)) and (
                    tok.dep_ == "acl" or (tok.pos_ in ("VERB", "AUX") and lemma not in self.lex.verbs)):
                self.composition(tok)
            if lemma in ("have", "boast") and tok.pos_ == "VERB":
                self.staff(tok)
            if lemma in self.lex.gratitude_adjectives and tok.pos_ == "ADJ":
                self.gratitude(tok)
            tagged_adjective = self._split_role(tok)[1] if tok.pos_ == "ADJ" else None
            if tagged_adjective is not None:
                self.role(tok, tagged_adjective)  # "Hezbollah's secretary-general", "general" tagged ADJ
            if tok.pos_ in ("NOUN", "PROPN", "VERB") and not self._verbal_use(tok):
                role = self._role(tok)
                if role is not None:
                    self.role(tok, role)
                cue = self._hyphen_noun(tok) or self.lex.nouns.get(lemma) or self.lex.nouns.get(lower)
                if cue is not None and tok.i > self.sent.start:
                    cue = self.lex.noun_compounds.get(f"{self.doc[tok.i - 1].lower_} {lemma}", cue)
                if cue is not None and tok.pos_ != "VERB" and not self._in_name(tok):
                    self.noun(tok, cue)
                    continue
            particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
            verb_cue = (self.lex.verbs.get(f"{lemma} {particle}") if particle else None) or \
                self._phrase_cue(tok) or self.lex.verbs.get(lemma) or \
                (self.lex.verbs.get(_known(tok, self.lex.verbs) or "") if tok.pos_ in ("VERB", "NOUN")
                 and lemma not in self.grammar else None)
            fallback = self._fallback_cue(lemma, particle, verb_cue)
            if fallback is not None and _finite(tok):
                start = len(self.out)
                self.verb(tok, fallback)
                self._fallback_only(start, tok, fallback)
            elif verb_cue is not None and self.is_verbal(tok):
                self.verb(tok, verb_cue)
            if lemma in self.lex.speech_verbs and tok.pos_ == "VERB":
                self.obligation(tok)
        self.unit_chains()
        self.pejoratives()
        self.co_belligerents()
        self.leader_and_body()
        self.out += self._companions_share()
        self.out = [self._military_support(c) for c in self.out]
        self.out += self._supported_fighters()
        self.out += self._helpers_in_act()
        return self.out

    def _helpers_in_act(self) -> list[Candidate]:
        """Who materially helps another to fight takes part in the fight: "the coalition is assisting the Iraqi
        government to destroy ISIL", "Iran helped the Houthis attack X" -> the helper ASSAULT the one attacked
        (less sure). Words of support ("backs X in its campaign") make no one a fighter."""
        hostile = [c for c in self.out if c.relation in ("ASSAULT", "COERCE") and c.target is not None]
        out = []
        for c in self.out:
            if c.relation != "AID" or c.target is None or c.trigger.pos_ != "VERB":
                continue
            acts = {t.i for clause in c.trigger.children if clause.dep_ in ("ccomp", "xcomp")
                    for t in (clause, *clause.conjuncts)}
            out += [Candidate(c.source, act.target, act.relation, act.mode, act.trigger, act.trigger_end, "helper",
                              act.score * 0.75) for act in hostile
                    if act.trigger.i in acts and act.source.key == c.target.key and act.target.key != c.source.key]
        return out

    @staticmethod
    def _company_head(prep: Token) -> Token | None:
        """What "together with", "along with" or "alongside" hangs on, if the preposition is one of them."""
        if prep.lower_ == "alongside":
            return prep.head
        if prep.lower_ != "with":
            return None
        if any(c.dep_ == "advmod" and c.lower_ in _COMPANY for c in prep.children):
            return prep.head
        if prep.head.lower_ in _COMPANY and prep.head.dep_ in ("prep", "advmod"):
            return prep.head.head
        return None

    def accompanied(self, prep: Token, head: Token) -> None:
        """Acting in company: "Hezbollah, together with Iranian advisers, attacked" -> each COOPERATE with the other
        ("along with" adds a doer, no cooperation), and the companions share the subject's acts
        (`_companions_share`). Hung on the object ("attacked X alongside Y"), it still tells who attacked."""
        if head.dep_ == "dobj":
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            party, passive = self.subjects(head)
        elif head.dep_ in _SUBJ:
            party, passive = self.actors(head), False
        else:
            return
        companions = [m for o in prep.children if o.dep_ == "pobj" for m in self.actors(o)]
        companions = [m for m in companions if all(m.key != p.key for p in party)]
        if passive or not party or not companions:
            return
        if prep.lower_ == "alongside" or "together" in {prep.head.lower_, *(c.lower_ for c in prep.children)}:
            self.emit(party, list(companions), _TOGETHER, None, prep, "coordination", 0.75)
            self.emit(companions, list(party), _TOGETHER, None, prep, "coordination", 0.75)
        self._companions.append((frozenset(p.key for p in party), companions))

    def _companions_share(self) -> list[Candidate]:
        """The companions of `accompanied` do what the party does in the sentence's events, and take the party's
        side of a two-way one ("X fought alongside Y against Z" -> Z fights Y too)."""
        out = []
        for party, companions in self._companions:
            acts = [c for c in self.out if c.method == "verb" and RELATIONS[c.relation].family is Family.EVENT]
            for c in acts:
                if c.source.key in party:
                    out += [replace(c, source=m, method="coordination", score=c.score * 0.8) for m in companions
                            if c.target is None or m.key != c.target.key]
                elif c.target is not None and c.target.key in party and any(
                        o.trigger.i == c.trigger.i and o.source.key == c.target.key and o.target is not None
                        and o.target.key == c.source.key for o in acts):
                    out += [replace(c, target=m, method="coordination", score=c.score * 0.8) for m in companions
                            if m.key != c.source.key]
        return out

    def _supported_fighters(self) -> list[Candidate]:
        """Whom an armed act supports fights its enemy: "X struck ISIL targets in support of the government of
        Iraq" -> the government ASSAULT ISIL (X's strikes are part of its fight)."""
        attacks = [c for c in self.out if c.relation == "ASSAULT" and c.target is not None]
        out = []
        for c in self.out:
            if c.relation != "AID" or c.mode != "military" or c.target is None or not self._armed_act(c.trigger):
                continue
            for attack in attacks:
                if attack.source.key == c.source.key and attack.target.key != c.target.key:
                    out.append(Candidate(c.target, attack.target, "ASSAULT", attack.mode, c.trigger, c.trigger_end,
                                         "role", attack.score * 0.75))
        return out

    def co_belligerents(self) -> None:
        """Coordinated subjects fighting one enemy fight together: "The UK, the Coalition and Iraq are committed
        to defeating ISIL" -> each pair COOPERATE (military)."""
        sides: dict[tuple[int, str], list[Mention]] = {}
        for c in self.out:
            if c.relation == "ASSAULT" and c.target is not None and c.method == "verb":
                sides.setdefault((c.trigger.i, c.target.key), []).append(c.source)
        for (trigger, _), sources in sides.items():
            joint = [m for m in _unique(sources) if self._coordinated(m, sources) and not self._own_body(m)
                     and self._subject_side(m)]
            if len({m.key for m in joint}) > 1:
                self.emit_pairs(joint, _TOGETHER, "military", self.doc[trigger], "coordination", 0.6)

    def _subject_side(self, mention: Mention) -> bool:
        """True for a mention in the subject of its clause ("X and Y attacked"), not in a passive's agent ("killed
        by X and Y", "at the hands of X and Y": two doers named together need not act together)."""
        tok = self._root(mention)
        for _ in range(6):
            if tok.dep_ not in ("conj", "appos") or tok.head.i == tok.i:
                break
            tok = tok.head
        return tok.dep_ in ("nsubj", "nsubjpass")  # "X and Y are committed to defeating Z"

    def _own_body(self, mention: Mention) -> bool:
        """True for "its army", "his government": a body of the actor beside it, not a partner of its own."""
        return any(c.dep_ == "poss" and c.lower_ in ("its", "his", "her", "their")
                   for c in self._root(mention).children)

    def _root(self, mention: Mention) -> Token:
        """The syntactic head of a mention's tokens."""
        return self.doc[mention.tok_start:mention.tok_end].root

    def _is_person(self, mention: Mention) -> bool:
        """True for a mention of a person: by the KB, or by NER when the KB does not know the name."""
        return mention.kind == "person" or self.doc[mention.tok_start].ent_type_ == "PERSON"

    def leader_and_body(self) -> None:
        """A person named with "his/her" body leads it: "Prime Minister Abadi and his government" -> LEADS."""
        for tok in self.sent:
            body = tok.head
            if tok.dep_ != "poss" or tok.lower_ not in ("his", "her") or body.dep_ != "conj" \
                    or body.lemma_.lower() not in self.lex.body_nouns or body.i not in self.tok2m:
                continue
            leader = self.tok2m.get(body.head.i)
            if leader is not None and self._is_person(leader):
                self.emit([leader], [self.tok2m[body.i]], _HEADING, None, body, "role", 0.75)

    def _coordinated(self, mention: Mention, others: list[Mention]) -> bool:
        """True if the mention's head and another mention's head are conjuncts ("X and Y", "X, Y and Z"; a list
        the parser took for an apposition, as both are sources of one statement)."""
        root = self._root(mention)
        for other in others:
            head = self._root(other)
            if other is not mention and any(t.dep_ in ("conj", "appos") and t.head.i == u.i
                                            for t, u in ((root, head), (head, root))):
                return True
        return False

    def pejoratives(self) -> None:
        """Condemning words: "the UK ... from Assad's inhumanity", "pressure on Assad's brutal regime".

        The actor a condemning word describes (its noun's possessor, apposition, compound or `by` agent)
        is disapproved of by the subject of the clause above it, or by the speaker; never by itself.
        """
        for tok in self.sent:
            if tok.lemma_.lower() not in self.lex.pejorative_words and tok.lower_ not in self.lex.pejorative_words:
                continue
            noun = tok.head if tok.dep_ in ("amod", "compound", "advmod") else tok
            described = self._described(noun)
            if not described:
                continue
            keys = {d.key for d in described}
            holders = [m for m in self._clause_holder(noun) if m.key not in keys]
            if holders:
                cue = Cue(tok.lemma_.lower(), "ACCUSE", "disapprove")
                self.emit(holders, described, cue, "disapprove", tok, "evaluative", 0.6)

    def _described(self, noun: Token) -> list[Mention]:
        """The actors a noun phrase describes: "Assad's regime", "the organisation ISIL", "attack by X", or the
        actor noun itself when it names no one ("these brutal terrorists")."""
        found = self._described_names(noun)
        m = self.tok2m.get(noun.i)
        return found or ([m] if m is not None and m.origin == "noun" else [])

    def _described_names(self, noun: Token) -> list[Mention]:
        """The named actors of `_described`."""
        m = self.tok2m.get(noun.i)
        if m is not None and m.origin not in ("noun", "pronoun"):
            return [m]
        named = self.tok2m.get(noun.head.i)
        if noun.dep_ in ("compound", "appos") and named is not None and named.origin not in ("noun", "pronoun"):
            return [named]  # "the vile organisation ISIL"
        found = [n for c in noun.children if c.dep_ in ("poss", "appos", "compound", "nmod")
                 for n in self.actors(c, conj=False) if n.origin != "pronoun"]
        if noun.i >= 2 and noun.nbor(-1).tag_ == "POS" and noun.nbor(-1).head.i != noun.i:
            found += [n for n in self.actors(noun.nbor(-2), conj=False) if n.origin != "pronoun"]  # misparsed
        found += [n for n in self.agents(noun) if n.origin != "pronoun"]
        found += [n for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for obj in c.children
                  if obj.dep_ == "pobj" for n in self.actors(obj, conj=False) if n.origin != "pronoun"]
        return _unique(found)

    def _clause_holder(self, noun: Token) -> list[Mention]:
        """Who speaks in the sentence a noun phrase sits in: the actor subject (a speaker's "we" too) of the
        outermost clause above it that has one ("The UK is working ... to defend them from Assad's
        inhumanity" -> the UK; "We are targeting businessmen supporting the brutal militias" -> we)."""
        holder: list[Mention] = []
        tok = noun
        for _ in range(12):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            if tok.pos_ in ("VERB", "AUX"):
                found, passive = self.subjects(tok)
                if found and not passive:
                    holder = found
        return holder

    def _military_support(self, c: Candidate) -> Candidate:
        """Support that armed forces give is military aid: "Coalition aircraft supported the SDF" -> AID:military.

        Only for aid of no stated kind and the words of support that leave it open; an army's praise stays
        praise.
        """
        if c.relation not in ("SUPPORT", "AID") or c.mode is not None or c.target is None or \
                (c.relation == "SUPPORT" and c.trigger.lemma_.lower() not in self.lex.support_words):
            return c
        last = self.doc[c.source.tok_end - 1]
        words = {t.lemma_.lower() for t in self.doc[c.source.tok_start:c.source.tok_end]}
        words |= {w.lower() for w in (c.source.name or "").split()}
        if last.dep_ in ("amod", "compound", "nmod", "poss"):
            words.add(last.head.lemma_.lower())  # "Russian aircraft", "Coalition warplanes"
        if not words & self.lex.military_nouns and not self._armed_act(c.trigger):
            return c
        return replace(c, relation="AID", mode="military")

    def _armed_act(self, support: Token) -> bool:
        """True for support given by an armed act: "strike ISIL targets in support of X", "strikes ... in support
        of X"."""
        anchor = _first_conjunct(support.head)
        if support.dep_ != "pobj" or support.head.lower_ != "in" or anchor.head.pos_ not in ("VERB", "NOUN"):
            return False
        act = anchor.head
        near = [act, *(c for c in act.children if c.dep_ == "dobj")]
        if act.dep_ == "acl":
            near.append(act.head)
        for t in near:
            lemma = t.lemma_.lower()
            cue = (self.lex.verbs if t.pos_ == "VERB" else self.lex.nouns).get(lemma)
            if (cue is not None and cue.rel == "ASSAULT") or lemma in self.lex.weapon_nouns:
                return True
        return False

    def singled_out(self, member: Token) -> None:
        """One of a group named: "its backers, notably Russia", "our partners, especially the Turks"."""
        group = self.tok2m.get(member.head.i)
        if group is None or group.kind in ("state", "person", "state_org"):
            return
        self.emit([m for m in self.actors(member) if m is not group], [group], _SINGLED, None, member, "role", 0.7)

    def composition(self, verb: Token) -> None:
        """Members a group is made of: "the SDF, made up of Kurdish and Arab militias", "an alliance comprising X",
        "the alliance consists of X and Y", "it is made up of three brigades"."""
        if verb.dep_ == "acl":
            head = self.tok2m.get(verb.head.i)
            groups = [head] if head is not None and head.origin != "pronoun" else []
        elif self._thing_subject(verb):
            return
        else:
            groups = self.subjects(verb)[0]
        groups = [g for g in groups if g.kind not in ("state", "person")]
        if len(groups) != 1:
            return
        group = groups[0]
        parts = [c for c in verb.children if c.dep_ == "dobj"]
        parts += [o for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ in ("of", "by")
                  for o in c.children if o.dep_ == "pobj"]
        members = [m for p in parts for m in self.actors(p) if m is not group]
        self.emit(members, [group], _COMPOSING, None, verb, "role", 0.75)

    def _thing_subject(self, verb: Token) -> bool:
        """True when the subject is a thing an actor only modifies: "ISIL targets, which include three units" are
        made of them, ISIL is not."""
        subject = next((c for c in verb.children if c.dep_ in _SUBJ), None)
        if subject is not None and subject.lower_ in _REL_PRONOUNS and verb.dep_ == "relcl":
            subject = self._antecedent(subject)
        return subject is not None and subject.pos_ == "NOUN" and subject.i not in self.tok2m

    def _with_support(self, noun: Token) -> bool:
        """Help that comes with an act: "With the support of the Coalition, the SDF retook ...", "with Iranian
        help, the Houthis built ..." -> the helpers SUPPORT (or AID) the doer. True if it named both."""
        verb = noun.head.head
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        helpers = [m for c in noun.children if c.dep_ in ("poss", "amod", "compound") for m in self._in_subtree(c)]
        helpers += [m for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                    for o in c.children if o.dep_ == "pobj" for m in self.actors(o)]
        helped, passive = self.subjects(verb)
        if passive:
            helped = self.agents(verb)  # "captured by X with the aid of Y": Y helps X
        if not helpers or not helped:
            return False
        cue = self.lex.nouns.get(noun.lemma_.lower()) or self.lex.nouns["support"]
        self.emit([h for h in _unique(helpers) if h not in helped], helped, cue, cue.mode, noun, "noun", 0.75)
        return True

    def gratitude(self, adjective: Token) -> None:
        """Thanks stated by a copula: "Israel is grateful to the US", "we are grateful for the support provided by
        our partners" -> SUPPORT from the grateful to whom the thanks go (the giver of what they are grateful for)."""
        if adjective.dep_ != "acomp" or adjective.head.lemma_.lower() not in self.lex.copulas:
            return
        grateful, passive = self.subjects(adjective.head)
        if passive or not grateful:
            return
        owed = self.prep_objects(adjective, ("to",))
        for thing in (o for c in adjective.children if c.dep_ == "prep" and c.lower_ == "for"
                      for o in c.children if o.dep_ == "pobj"):
            if not owed:
                owed = self._noun_agents(thing)
            if not owed:
                owed = [m for c in thing.children if c.dep_ == "poss" for m in self._in_subtree(c)
                        if m.origin != "pronoun"]
        self.emit(grateful, owed, _THANKS, None, adjective, "noun", 0.8)

    def staff(self, verb: Token) -> None:
        """People a group has: "Hezbollah has 100,000 fighters", "it has 700 employees" -> MEMBER_OF the group."""
        groups = [m for m in self.subjects(verb)[0] if m.kind != "person"]
        people = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in self.lex.people_nouns]
        members = [m for p in people for m in self.actors(p) if m.tok_start <= p.i < m.tok_end]
        self.emit(members, groups, _COMPOSING, None, verb, "role", 0.7)

    def within(self, prep: Token) -> None:
        """Acting inside a body: "worked with Turkey within NATO", "Germany argued within the EU" -> MEMBER_OF."""
        bodies = [m for c in prep.children if c.dep_ == "pobj" for m in self.actors(c)
                  if m.kind not in ("person", "state") and m.origin != "pronoun"]
        if not bodies:
            return
        head = prep.head
        members = [self.tok2m[head.i]] if head.i in self.tok2m else []
        if not members and head.pos_ in ("VERB", "AUX"):
            members = self.prep_objects(head, ("with",)) or self.subjects(head)[0]
        members = [m for m in members if m.origin not in ("pronoun", "noun") and m.kind != "person"]
        self.emit(members, bodies, _WITHIN, None, prep, "role", 0.7)

    def unit_chains(self) -> None:
        """A unit named with the unit it belongs to: "2nd Battalion, 5th Special Forces Group" -> MEMBER_OF."""
        mentions = sorted(_unique(self.tok2m.values()), key=lambda m: m.tok_start)
        for part, whole in pairwise(mentions):
            if whole.tok_start != part.tok_end + 1 or self.doc[part.tok_end].text != "," or \
                    not (self._unit(part) and self._unit(whole)):
                continue
            if self._listed(self.doc[part.tok_end - 1], self.doc[whole.tok_end - 1]):
                continue
            self.emit([part], [whole], _IN_UNIT, None, self.doc[part.tok_end], "role", 0.75)

    @staticmethod
    def _listed(first: Token, second: Token) -> bool:
        """True for two items of one list ("A, B and C"), as opposed to a chain without "and"/"or"."""
        items = (first, *first.conjuncts)
        return second in first.conjuncts and any(c.dep_ == "cc" for t in items for c in t.children)

    def _unit(self, m: Mention) -> bool:
        """True for the name of a military or civil unit ("3rd Battalion", "Abel Battery")."""
        return m.kind not in ("person", "state") and m.origin != "pronoun" and \
            self.doc[m.tok_end - 1].lemma_.lower() in self.lex.subunit_nouns

    def included(self, prep: Token) -> None:
        """Members named by "including": "the coalition, including the UK and France" -> UK, France MEMBER_OF it."""
        group = self.tok2m.get(prep.head.i)
        if group is None or group.kind in ("state", "person", "state_org") or group.origin == "pronoun" or \
                prep.head.lemma_.lower() in self.lex.population_nouns:
            return
        members = [m for c in prep.children if c.dep_ == "pobj" for m in self.actors(c) if m is not group]
        self.emit(members, [group], _INCLUDED, None, prep, "role", 0.75)

    def _phrase_cue(self, verb: Token) -> Cue | None:
        """The cue of a verb with the word or phrase that completes it: "set ablaze", "pull out", "go on strike"."""
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        lemma = verb.lemma_.lower()
        for child in verb.children:
            if child.dep_ in _PHRASE_DEPS:
                for word in (child.lower_, child.lemma_.lower()):
                    if f"{lemma} {word}" in self.lex.verbs:
                        return self.lex.verbs[f"{lemma} {word}"]
            if child.dep_ == "prep":
                for obj in child.children:
                    key = f"{lemma} {child.lower_} {obj.lemma_.lower()}"
                    if obj.dep_ == "pobj" and key in self.lex.verbs:
                        return self.lex.verbs[key]
        return None

    def _own_forces(self, mention: Mention, direct: Token | None, cue: Cue, subjects: list[Mention]) -> bool:
        """True for an actor's own people as object: "put its troops on alert", "demobilized their fighters";
        for moving forces ("deployed 1,500 fighters", "withdrew troops") also without the possessive. A
        singular "its" is no list's own: in "Qatar and Turkey host its leaders" it points elsewhere."""
        if mention.actor_id is not None or direct is None or direct.lemma_.lower() not in self.lex.agent_nouns:
            return False
        several = len({s.key for s in subjects}) > 1
        return cue.rel in ("MOBILIZE", "RETREAT") or any(
            c.dep_ == "poss" and c.lower_ in _OWN and not (several and c.lower_ in _SINGULAR_OWN)
            for c in direct.children)

    def _phrase_noun(self, verb: Token, cue: Cue) -> Token | None:
        """The noun ending a verb-phrase key ("went on strike against X" -> strike), whose phrases hold the target."""
        words = cue.lemma.split()
        if len(words) < 3:
            return None
        return next((obj for child in verb.children if child.dep_ == "prep" and child.lower_ == words[1]
                     for obj in child.children if obj.dep_ == "pobj" and obj.lemma_.lower() == words[2]), None)

    def _in_name(self, tok: Token) -> bool:
        """True for a word inside a KB actor's name ("Popular Mobilization Forces"): it names, it does not state."""
        m = self.tok2m.get(tok.i)
        return m is not None and m.origin == "kb" and m.tok_end - m.tok_start > 1

    def _hyphen_noun(self, tok: Token) -> Cue | None:
        """The cue of a hyphenated noun the tokenizer split ("sit-in", "walk-out")."""
        if tok.i < self.sent.start + 2 or self.doc[tok.i - 1].text != "-":
            return None
        return self.lex.nouns.get(f"{self.doc[tok.i - 2].lower_}-{tok.lower_}")

    def _split_role(self, tok: Token) -> tuple[bool, Cue | None]:
        """Whether the token is part of a hyphenated role the tokenizer split ("secretary-general"), and the
        role's cue if it is the part the parser made the head (the other part is no role of its own)."""
        doc = self.doc
        for first in (tok.i, tok.i - 2):
            if not hyphenated(doc, first):
                continue
            joined = f"{doc[first].lower_}-{doc[first + 2].lower_}"
            cue = self.lex.roles.get(joined) or self.lex.titles.get(joined.replace("-", " "))
            if cue is not None:
                head = first + 2 if doc[first].head.i == first + 2 else first
                return True, cue if tok.i == head else None
        return False, None

    def _fallback_cue(self, lemma: str, particle: str | None, hand: Cue | None) -> Cue | None:
        """A CAMEO-table cue for a key the hand lexicon lacks: "lemma particle" first, the lemma if no hand cue."""
        if particle and f"{lemma} {particle}" not in self.lex.verbs:
            found = self.lex.fallback_verbs.get(f"{lemma} {particle}")
            if found is not None:
                return found
        return self.lex.fallback_verbs.get(lemma) if hand is None else None

    def _fallback_only(self, start: int, verb: Token, cue: Cue) -> None:
        """Keep a fallback cue's candidates from `start` only with a target of the verb itself, at a lower score.

        As PETRARCH codes, the target must be the verb's object, passive subject or the object of one of the
        cue's prepositions (not one inferred from a coordinated or governed verb); a cue that `needs: objects`
        states a relation only with one of its object nouns, never with an actor object.
        """
        things = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"]
        stated = cue.needs != "objects" or any(self._object_relation(t, cue) is not None for t in things)
        args = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass") and c.pos_ != "ADP"]
        own = {id(m) for c in args for m in self.actors(c)} | {
            id(m) for m in self.prep_objects(verb, _ANY_PREP if cue.any_prep else cue.preps)}
        self.out[start:] = [replace(c, score=c.score * _FALLBACK_SCORE) for c in self.out[start:]
                            if stated and c.target is not None and (id(c.target) in own or cue.symmetric)]

    def _verbal_use(self, tok: Token) -> bool:
        return tok.pos_ in ("NOUN", "PROPN") and self.repaired_subject(tok) is not None

    def _role(self, tok: Token) -> Cue | None:
        lemma = tok.lemma_.lower()
        split, cue = self._split_role(tok)
        if split:
            return cue
        if tok.i > 0:
            title = self.lex.titles.get(f"{self.doc[tok.i - 1].lower_} {lemma}")
            if title is not None:
                return title
        if tok.pos_ == "VERB" or (tok.tag_ == "NNS" and lemma in self.lex.object_modes):
            return None
        word = _known(tok, self.lex.roles) if tok.text[:1].isupper() else lemma
        return self.lex.roles.get(word or lemma) or self._member_group(tok)

    def _member_group(self, tok: Token) -> Cue | None:
        """A group noun made a membership by its modifier: "one of its constituent groups", "member states"."""
        if tok.lemma_.lower() not in self.lex.group_nouns or tok.i == 0:
            return None
        before = self.doc[tok.i - 1]
        cue = self.lex.roles.get(before.lemma_.lower()) if before.head.i == tok.i else None
        return cue if cue is not None and cue.rel == "MEMBER_OF" else None

    def verb(self, verb: Token, cue: Cue) -> None:
        """Subject-verb-object patterns, passives, coordination, relative and participle clauses."""
        subjects, passive = self.subjects(verb)
        passive = passive or self._is_passive(verb)
        objects: list[Mention] = []
        thing: Token | None = None
        direct: Token | None = None
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and child.pos_ != "ADP":
                direct = direct or child
                found = self.actors(child)
                if found and cue.object != "thing":
                    objects.extend(found)
                else:
                    thing = child
        if direct is not None and _known(direct, self.lex.empathy_nouns):
            return  # "offered condolences to X": an empathetic comment (CAMEO 018), no event between actors
        if cue.rel == "MEMBER_OF" and self._joined_an_act(verb, direct):
            return
        own = [o for o in objects
               if any(o.key == s.key for s in subjects) or self._own_forces(o, direct, cue, subjects)]
        if own and len(own) == len(objects) and direct is not None:
            objects, thing = [], direct  # "Israel strengthened its forces": the actor's own forces are a thing
        if thing is None and objects:
            thing = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                          for g in c.children if g.dep_ == "pobj"), None)
        if cue.objects:
            chosen = self._object_relation(thing or direct, cue)
            if chosen is None or (direct is None and cue.needs == "objects" and not self.prep_objects(verb, cue.preps)):
                return
            if chosen is not cue and direct is not None and thing is None:
                # "sent inspectors to X": the object noun that sets the relation is the thing, not a target
                objects = [o for o in objects if o.actor_id is not None or not o.tok_start <= direct.i < o.tok_end]
                thing = thing if objects else direct
            cue = chosen
        cue = self._intended(verb, cue)
        cue = self._protest_demand(verb, cue)
        mode = cue.mode or (self._object_mode(thing) if cue.rel in ("AID", "COOPERATE") else None)
        via_prep = (self.prep_objects(verb, cue.preps) if cue.preps else []) or self._protested(verb, cue)
        if thing is not None and cue.preps and not via_prep:
            via_prep = self.prep_objects(thing, cue.preps) or self._deep_recipients(verb, thing, cue)
        phrase = self._phrase_noun(verb, cue)
        if phrase is not None and cue.preps and not via_prep:
            via_prep = self.prep_objects(phrase, cue.preps)
        if via_prep and direct is not None and cue.rel == "AID" and direct.i not in self.tok2m:
            objects, thing = [], direct  # "delivered the US message to X": whose the thing is, is no recipient
            mode = mode or self._object_mode(thing)
        if cue.needs == "object" and (mode is None and thing is None and not via_prep
                                      or thing is not None and self._object_mode(thing, strict=True) == ""):
            return
        if cue.needs == "target-prep" and not via_prep and not (
                cue.symmetric and len({m.key for m in subjects}) > 1 and any(
                    c.dep_ == "advmod" and c.lower_ in ("together", "jointly") for c in verb.children)):
            return  # "X and Y worked together" states the tie without a target phrase
        score = 0.9 if not self.repaired_subject(verb) else 0.7
        purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if (verb.dep_ == "advcl" and (verb.tag_ == "VBG" or purpose)) or (
                purpose and verb.dep_ in ("acl", "xcomp") and verb.head.lemma_.lower() not in self.lex.intent_verbs
                and verb.head.pos_ != "ADJ"):
            score *= 0.75
        if passive:
            agents = self.agents(verb)
            if cue.inverse:
                holders = self.prep_objects(verb, cue.passive_preps or ("from",))
                self.emit(subjects, list(holders), cue, mode, verb, "verb", score)
                return
            sources, targets = agents, list(subjects)
            if not agents:
                sources, targets, factor = self._agentless(verb, cue, subjects)
                score *= factor
            if sources and targets:
                self.emit(sources, list(targets), cue, mode, verb, "verb", score)
                if cue.symmetric:
                    self.emit(list(targets), sources, cue, mode, verb, "verb", score)
            elif sources and RELATIONS[cue.rel].family is Family.EVENT:
                self.emit(sources, [None], cue, mode, verb, "verb", score * 0.7)
            return
        if cue.inverse:
            givers = self.prep_objects(verb, ("from", "by")) or self._hands_of(verb)
            given = thing if thing is not None else phrase  # "received fire from X", "came under fire from X"
            if not givers and given is not None:
                givers = [m for t in given.subtree if t.dep_ == "pobj" and t.head.lower_ in ("from", "by")
                          for m in self.actors(t)]
            if givers and subjects:
                self.emit(givers, list(subjects), cue, mode, verb, "verb", score)
            elif objects and subjects and cue.rel == "MEMBER_OF" and not self._thing_subject(verb):
                self.emit(objects, list(subjects), cue, mode, verb, "verb", score)
            return
        targets = objects + [m for m in via_prep if m not in objects]
        if not targets and not subjects:
            return
        if not targets and thing is None and cue.any_prep:
            targets = self.prep_objects(verb, _ANY_PREP)
        if not targets and thing is None and cue.rel in _HELPING:
            targets = self._helped_doers(verb)
        if not targets and thing is None:
            targets = self._borrowed_objects(verb, cue)
        if not targets and self.repaired_subject(verb) is not None:
            targets = self._next_actor(verb)
        if not targets:
            targets = self._stolen_object(verb)
        if not targets and cue.rel == "REQUEST" and verb.lemma_.lower() in self.lex.intent_verbs and any(
                c.dep_ == "xcomp" for c in verb.children):
            return  # "seeks to destroy X" states an intent (read on the act), no request
        if not targets and cue.rel in _GOVERNING + ("ACCUSE",):
            targets = self._embedded_objects(verb)
        if not targets and thing is not None and cue.rel in _GOVERNING + ("ACCUSE", "CONSULT"):
            backed = self._fighters_backed(thing, cue)
            targets = self._event_agents(thing) or (backed if backed is not None else
                                                    self._object_phrase_actors(thing))
        if not targets and cue.rel in ("COERCE", "ASSAULT"):
            targets = self._owners(verb, thing, cue)
        if not targets and thing is not None and cue.any_prep:  # "welcomed memos from Bree"
            targets = self.prep_objects(verb, _ANY_PREP) or self.prep_objects(thing, _ANY_PREP)
        if not subjects and cue.rel == "ASSAULT" and targets:
            self.emit(self._unattributed(verb), list(targets), cue, mode, verb, "verb", score * _UNATTRIBUTED)
            return
        if not subjects:
            return
        if cue.symmetric:
            if targets:
                self.emit(subjects, list(targets), cue, mode, verb, "verb", score)
                self.emit(list(targets), list(subjects), cue, mode, verb, "verb", score)
            elif len({s.key for s in subjects}) > 1:
                self.emit_pairs(subjects, cue, mode, verb, "verb", score * 0.95)
            elif RELATIONS[cue.rel].family is Family.EVENT:
                self.emit(subjects, [None], cue, mode, verb, "verb", score * 0.7)
            return
        if targets and cue.rel == "MEMBER_OF":
            people = [t for t in targets if t.kind in ("person", "state")]
            self.emit(subjects, [t for t in targets if t not in people], cue, mode, verb, "verb", score)
            self.emit(subjects, people, replace(cue, rel="COOPERATE"), mode, verb, "verb", score * 0.8)
        elif targets:
            self.emit(subjects, list(targets), cue, mode, verb, "verb", score)
            self._rallied(verb, subjects, cue, score)
        elif len({s.key for s in subjects}) > 1 and self._reciprocal(thing):
            self.emit_pairs(subjects, cue, mode, verb, "verb", score * 0.9)
        elif RELATIONS[cue.rel].family is Family.EVENT and cue.needs != "target-prep":
            self.emit(subjects, [None], cue, mode, verb, "verb", score * 0.7)

    def _rallied(self, verb: Token, subjects: list[Mention], cue: Cue, score: float) -> None:
        """"X urged Y to support Z": X rallies support for Z (CAMEO 053), besides its request of Y."""
        if cue.rel != "REQUEST":
            return
        for child in verb.children:
            other = self.lex.verbs.get(child.lemma_.lower())
            if child.dep_ != "xcomp" or other is None or other.rel not in ("SUPPORT", "BACKS"):
                continue
            backed = [m for c in child.children if c.dep_ == "dobj" for m in self.actors(c)]
            self.emit(subjects, list(backed), replace(other, rel="SUPPORT"), None, child, "verb", score * 0.9)

    def _agentless(self, verb: Token, cue: Cue, subjects: list[Mention]
                   ) -> tuple[list[Mention], list[Mention | None], float]:
        """Source, targets and score factor of a passive without `by`: movers, stative objects, bombings."""
        if cue.rel in _MOVES:
            return subjects, self.prep_objects(verb, cue.preps) or [None], 1.0
        stative = self.prep_objects(verb, cue.preps) if cue.preps and cue.rel != "AID" else []
        if stative:  # "X is allied with Y"; but what "was transferred to Y" is the thing given, not a giver
            return list(subjects), list(stative), 1.0
        if cue.rel == "ASSAULT":
            return self._unattributed(verb), list(subjects), _UNATTRIBUTED
        return [], list(subjects), 1.0

    def obligation(self, speech: Token) -> None:
        """"X said Y must do Z": X makes a demand of Y (CAMEO 10)."""
        for child in speech.children:
            if child.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in _OBLIGATION
                                                for c in child.children):
                continue
            targets = []
            for grand in child.children:
                if grand.dep_ in ("nsubj", "nsubjpass"):
                    targets = self.actors(grand)
            sources = self.subjects(speech)[0]
            cue = Cue(lemma=child.lemma_.lower(), rel="REQUEST")
            self.emit(sources, list(targets), cue, None, child, "verb", 0.75)

    def _intended(self, verb: Token, cue: Cue) -> Cue:
        """CAMEO's reading of stated intent: "will provide aid", "ready to withdraw" -> AGREE; hostile -> THREATEN."""
        relation = RELATIONS[cue.rel]
        if relation.family is not Family.EVENT or cue.rel in ("AGREE", "THREATEN", "REQUEST", "REJECT"):
            return cue
        future = any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.children)
        governed = self._intent_governed(verb)
        if relation.sign < 0 and _conditional(verb, ("unless", "if")) and _modal(verb):
            return replace(cue, rel="THREATEN", mode=None)
        if not (future or governed) or self._performed(verb):
            return cue
        if cue.rel == "ASSAULT" and self._prepared(verb):
            return replace(cue, rel="MOBILIZE", mode=None)
        if _conditional(verb):
            return replace(cue, rel="THREATEN", mode=_intent_mode(cue))
        return replace(cue, rel="AGREE" if relation.sign > 0 else "THREATEN", mode=_intent_mode(cue))

    def _performed(self, verb: Token) -> bool:
        """A speech act done by announcing it: "I want to thank X", "we would like to congratulate X"."""
        head = verb.head
        return verb.dep_ == "xcomp" and verb.lemma_.lower() in self.lex.performative_verbs and \
            head.lemma_.lower() in ("want", "wish", "like") and \
            any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in head.children)

    def _prepared(self, verb: Token) -> bool:
        """True for force readied, not yet used: "prepared to resume shelling" is military posturing (CAMEO 150)."""
        tok = verb
        for _ in range(3):
            if tok.dep_ != "xcomp" or tok.head.i == tok.i:
                return False
            tok = tok.head
            if tok.lemma_.lower() in _READYING:
                return True
        return False

    def _intent_governed(self, verb: Token) -> bool:
        """True for an infinitive under a verb of intent, directly or through a chain ("willing to help defend X")."""
        tok = verb
        for _ in range(3):
            infinitive = tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))
            if not infinitive or tok.head.i == tok.i:
                return False
            head = tok.head
            lemma = head.lemma_.lower()
            if lemma in self.lex.intent_verbs or (head.pos_ == "ADJ" and lemma in self.lex.intent_adjectives):
                return True
            tok = head
        return False

    def _protest_demand(self, verb: Token, cue: Cue) -> Cue:
        """CAMEO 141x: "went on strike to demand X", "rallied to call for X" is a protest, its demand the aim."""
        if cue.rel != "REQUEST" or verb.dep_ not in ("advcl", "xcomp", "acl") or not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return cue
        head = verb.head
        protest = self._protest_cue(head)
        if protest is None and _known(head, self.lex.light_verbs):
            protest = next((p for c in head.children if c.dep_ == "dobj" and (p := self._protest_cue(c))), None)
        return cue if protest is None else replace(cue, rel="PROTEST", mode=protest.mode)

    def _protest_cue(self, tok: Token) -> Cue | None:
        """The protest cue of a verb or event noun ("demonstrated", "a hunger strike"), if it is one."""
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN") and tok.i > 0:
            cue = self.lex.noun_compounds.get(f"{self.doc[tok.i - 1].lower_} {lemma}") or self.lex.nouns.get(lemma)
        else:
            cue = self.lex.verbs.get(lemma)
        return cue if cue is not None and cue.rel == "PROTEST" else None

    def _embedded_objects(self, verb: Token) -> list[Mention]:
        """Targets of the clause a verb governs: "threatened to shell Iraqi towns" -> Iraqi."""
        found: list[Mention] = []
        for child in verb.children:
            if child.dep_ not in ("xcomp", "ccomp") or child.pos_ not in ("VERB", "AUX"):
                continue
            other = self.lex.verbs.get(child.lemma_.lower())
            for grand in child.children:
                if grand.dep_ in ("dobj", "dative") and grand.pos_ != "ADP":
                    found.extend(self.actors(grand))
                if grand.dep_ == "nsubj" and child.dep_ == "ccomp" and self.sent.root is not child:
                    found.extend(self.actors(grand))
            found.extend(self.prep_objects(child, (other.preps if other else ()) + ("with", "to")))
        return _unique(found)

    def _event_agents(self, thing: Token) -> list[Mention]:
        """Who did the act an object names: "condemned the attack by Israel on Gaza" -> Israel, not Gaza."""
        if thing.lemma_.lower() not in self.lex.nouns:
            return []
        found = [m for m in self.agents(thing) if m.origin != "pronoun"]
        found += [m for c in thing.children if c.dep_ == "poss" for m in self.actors(c) if m.origin != "pronoun"]
        return _unique(found)

    def _fighters_backed(self, thing: Token, cue: Cue) -> list[Mention] | None:
        """Backing a fight backs the fighter: "support their fight against Daesh" -> their (the enemy is not
        the one supported; None leaves the choice to the object phrase when the act is no fight)."""
        if cue.rel != "SUPPORT" or self.lex.nouns.get(thing.lemma_.lower(), _NO_CUE).rel not in _HOSTILE_EVENTS:
            return None
        return [m for c in thing.children if c.dep_ == "poss" for m in self.actors(c)]

    def _object_phrase_actors(self, thing: Token, depth: int = 0) -> list[Mention]:
        """Actors inside the object phrase: "welcomed the resumption of ties with X", "condemned an attack by X"."""
        found: list[Mention] = []
        for child in thing.children:
            if child.dep_ != "prep" or child.lower_ not in _PHRASE_PREPS:
                continue
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                named = self.actors(obj)
                found.extend(named)
                if not named and depth < 2 and obj.pos_ in ("NOUN", "PROPN"):
                    found.extend(self._object_phrase_actors(obj, depth + 1))
        return _unique(found)

    def _owners(self, verb: Token, thing: Token | None, cue: Cue) -> list[Mention]:
        """Whose property an act hits: "torched the offices of X", "set fire to the homes of X" -> X. A place noun's
        `of` names the place ("liberate the city of Mosul"), no owner."""
        holders = [thing] if thing is not None else []
        holders += [obj for t in (verb, *holders) for c in t.children if c.dep_ == "prep" and c.lower_ in cue.preps
                    for obj in c.children if obj.dep_ == "pobj"]
        holders = [t for t in holders if t.lemma_.lower() not in self.lex.place_nouns]
        return _unique([m for t in holders for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                        for obj in c.children if obj.dep_ == "pobj" for m in self.actors(obj)])

    def _joined_an_act(self, verb: Token, direct: Token | None) -> bool:
        """Joining an act is no membership: "join the SDF's fight against ISIL", "joined Kerry ... for talks" (the
        talks are read by the noun)."""
        if direct is not None and direct.lemma_.lower() in self.lex.effort_nouns:
            return True
        heads = [verb] + ([direct, *direct.conjuncts] if direct is not None else [])  # "joined X and Y for talks"
        return any(c.dep_ == "prep" and c.lower_ == "for" and g.dep_ == "pobj"
                   and self.lex.nouns.get(g.lemma_.lower(), _NO_CUE).symmetric
                   for h in heads for c in h.children for g in c.children)

    def _reciprocal(self, thing: Token | None) -> bool:
        """An object that coordinated subjects share with each other: "X and Y postponed their meeting",
        "X and Y renewed diplomatic ties" (a reciprocal noun, or the noun of a symmetric cue)."""
        if thing is None:
            return False
        lemma = thing.lemma_.lower()
        noun = self.lex.nouns.get(lemma)
        return lemma in self.lex.reciprocal_nouns or (noun is not None and noun.symmetric)

    def _borrowed_objects(self, verb: Token, cue: Cue) -> list[Mention]:
        """Objects shared by coordinated verbs: "funds and provides weapons to X".

        Only a later verb lends its objects (right-node raising): in "join the SDF and fight", the SDF is
        not what they fight.
        """
        found: list[Mention] = []
        for other in list(verb.conjuncts):
            if other.i < verb.i or not self.is_verbal(other):
                continue
            other_cue = self.lex.verbs.get(other.lemma_.lower())
            preps = tuple(set(cue.preps) | set(other_cue.preps if other_cue else ()) | {"to"})
            for child in other.children:
                if child.dep_ == "dobj":
                    found.extend(self.actors(child))
            found.extend(self.prep_objects(other, preps))
        return _unique(found)

    def _helped_doers(self, verb: Token) -> list[Mention]:
        """Whom one helps to act, parsed as the subject of the act: "Iran is helping the Houthis fight X" ->
        the Houthis (no "that" clause: "helped ensure that X ..." names no one helped)."""
        return _unique([m for clause in verb.children if clause.dep_ in ("ccomp", "xcomp") and clause.pos_ == "VERB"
                        and not any(c.dep_ == "mark" for c in clause.children)
                        for c in clause.children if c.dep_ == "nsubj" and verb.i < c.i < clause.i
                        for m in self.actors(c)])

    def _object_relation(self, thing: Token | None, cue: Cue) -> Cue | None:
        """The relation a verb states with this kind of object ("expelled diplomats" -> SANCTION)."""
        if thing is None:
            return cue
        near = [c for c in thing.children if c.dep_ in ("compound", "prep", "pobj")]
        near += [g for c in near if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for t in (thing, *near):
            word = next((w for w in (t.lemma_.lower(), t.lower_) if w in cue.objects), None)
            if word is not None:
                return replace(cue, rel=cue.objects[word], mode=cue.mode if cue.objects[word] == cue.rel else None,
                               needs=None)
        return None if cue.needs == "objects" else cue

    def _stolen_object(self, verb: Token) -> list[Mention]:
        """The object the parser made the subject of the next verb: "strategy to defeat ISIL is succeeding" parsed
        as "[strategy to defeat] [ISIL] is succeeding" (a second subject), "defeating ISIL will take time" as
        "defeating [ISIL will take time]" (the subject of the gerund's own clause)."""
        m = self.tok2m.get(verb.i + 1)
        if m is None or m.tok_start != verb.i + 1:
            return []
        head = self.doc[m.tok_end - 1]
        clause = head.head
        if head.dep_ != "nsubj" or clause.i <= verb.i:
            return []
        second = sum(c.dep_ == "nsubj" for c in clause.children) >= 2
        gerund = verb.tag_ == "VBG" and clause.dep_ == "ccomp" and clause.head.i == verb.i
        return [m] if second or gerund else []

    def _next_actor(self, verb: Token) -> list[Mention]:
        """The first actor after a verb the parser missed, within its clause ("Iran funds and arms X")."""
        for j in range(verb.i + 1, min(self.sent.end, verb.i + 8)):
            tok = self.doc[j]
            if j in self.tok2m:
                return [self.tok2m[j]]
            if tok.text in (",", ";", ":") or tok.lower_ in _REL_PRONOUNS or (
                    tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() not in self.lex.verbs):
                break
        return []

    def _object_mode(self, thing: Token | None, strict: bool = False) -> str | None:
        """AID mode from the noun of the thing given (a sum of money is economic); '' under `strict` when the
        noun is unknown."""
        if thing is None:
            return None
        if thing.ent_type_ == "MONEY":
            return "economic"
        for t in thing.subtree:
            lemma = t.lemma_.lower()
            if lemma in self.lex.object_modes:
                return self.lex.object_modes[lemma]
            if lemma.rstrip("s") in self.lex.object_modes:
                return self.lex.object_modes[lemma.rstrip("s")]
        return "" if strict else None

    def noun(self, noun: Token, cue: Cue) -> None:
        """Nominal triggers: "Hamas' attack on X", "the bombing of X by Y", "tensions between A and B"."""
        if cue.rel in _MOVES and _part_of(noun):
            return  # "part of this Iranian proxy force deployment" describes a standing posture, not an event
        if cue.symmetric and self._gathered_for(noun, cue):
            return
        sources: list[Mention] = []
        for child in noun.children:
            if child.dep_ in _MODIFIERS and child.i < noun.i:
                sources.extend(self._in_subtree(child))
        by = self._noun_agents(noun)
        if not by and noun.lemma_.lower() in self.lex.effort_nouns and all(s.origin == "pronoun" for s in sources):
            sources = self._helped_in(noun, 0) or sources
        cue = self._verbal_protest(noun, cue)
        carrier = self._carrier(noun)
        targets = self.prep_objects(noun, tuple(p for p in cue.preps))
        if not targets and carrier is not noun:
            targets = self.prep_objects(carrier, cue.preps)
        if not targets:
            targets = self._light_verb_preps(carrier, cue) or self._clause_subjects(noun, cue) or \
                self._protested(carrier, cue)
        if cue.objects:
            thing = next((obj for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                          for obj in c.children if obj.dep_ == "pobj"), None)
            chosen = self._object_relation(thing, cue) if thing is not None or cue.needs != "objects" else None
            if chosen is None:
                return
            cue = chosen
            if thing is not None:
                targets += [m for m in self.prep_objects(thing, cue.preps) if m not in targets]
        targets += [m for m in self._territory_targets(noun) if m not in targets]
        between = self._between(noun) or (self._between(carrier) if carrier is not noun else [])
        if by:
            if not targets and sources:
                targets = sources
            targets = self._passive_victims(noun) + targets
            sources = by
        light = False
        if not sources and not by:
            requested = self._requested(noun, cue)
            if requested is not None:
                sources, cue = requested
                light = bool(sources)
        if not sources:
            sources = self._light_verb_agents(carrier)
            light = bool(sources)
            if light:
                cue = self._intended(noun.head, cue)
        relative = self._relative_light_verb(noun) if not sources and not by else None
        if relative is not None:  # "the attacks that Hamas launched against Israel"
            sources = self.subjects(relative)[0]
            targets = targets or self.prep_objects(relative, cue.preps)
            light = bool(sources)
        if not sources and not by and cue.rel in ("RETREAT", "MOBILIZE"):
            sources = self._movers(noun)
        if not sources and not by and targets:
            sources = self._manner_agents(noun) or self._united_in(noun, cue)
        if light and not targets and cue.rel == "ASSAULT":
            targets = self._clause_against(carrier.head)
        sources = [s for s in sources if s not in targets]
        score = 0.8
        if cue.symmetric or cue.rel in ("RIVAL", "ALLY"):
            if len(between) > 1:
                self.emit_pairs(between, cue, cue.mode, noun, "noun", score)
                return
            if sources and targets:
                aimed = self.prep_objects(noun, _AIMED) + self.prep_objects(carrier, _AIMED)
                self.emit(sources, list(targets), cue, cue.mode, noun, "noun", score)
                self.emit([t for t in targets if t not in aimed], sources, cue, cue.mode, noun, "noun", score)
                return
            if len(sources) > 1 and self._hyphenated(noun):
                self.emit_pairs(sources, cue, cue.mode, noun, "noun", score * 0.9)
            return
        if sources and targets:
            self.emit(sources, list(targets), cue, cue.mode, noun, "noun", score)
        elif sources and (light or cue.rel in ("PROTEST", "MOBILIZE")) and \
                RELATIONS[cue.rel].family is Family.EVENT:
            self.emit(sources, [None], cue, cue.mode, noun, "noun", score * 0.7)

    def _united_in(self, noun: Token, cue: Cue) -> list[Mention]:
        """Whose act "its" marks in a manner phrase: "X is united in its condemnation of Y" -> X (not "in its war
        with Y", a standing state, nor "the statement showed its support", whose "its" is no actor)."""
        if cue.symmetric or noun.dep_ != "pobj" or noun.head.lower_ != "in":
            return []
        return self._possessor_antecedent(noun)

    def _event_above_place(self, noun: Token, depth: int) -> list[Mention]:
        """The doers of the event a place phrase belongs to, for a relative clause the parser hung on the place:
        "ISIL's attacks in the town of Tel Tamer in Hasaka Province, which killed scores of civilians"."""
        tok = noun
        for _ in range(4):
            if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
                return []
            tok = tok.head.head
            if self.lex.nouns.get(tok.lemma_.lower(), _NO_CUE).rel in _HOSTILE_EVENTS:
                return self.actors(tok, depth + 1)
        return []

    def _relative_light_verb(self, noun: Token) -> Token | None:
        """The light verb of a relative clause whose object is the event noun: "the attacks that Hamas launched",
        "the atrocities ISIL has perpetrated" (not "the attacks that killed": there the noun is the subject)."""
        for clause in noun.children:
            if clause.dep_ != "relcl" or not _known(clause, self.lex.light_verbs):
                continue
            subjects = [c for c in clause.children if c.dep_ == "nsubj"]
            if subjects and all(c.tag_ not in ("WDT", "WP") for c in subjects):
                return clause
        return None

    def _clause_against(self, verb: Token) -> list[Mention]:
        """The target of an armed act named further on in its clause: "conducted 11 strikes ... using aircraft as
        well as artillery against ISIL targets" (not in a clause of its own subject)."""
        found: list[Mention] = []
        for t in verb.subtree:
            if t.dep_ == "pobj" and t.head.lower_ == "against" and not self._in_other_clause(t, verb):
                found.extend(m for m in self.actors(t) if m.origin != "pronoun")
        return _unique(found)

    def _in_other_clause(self, tok: Token, verb: Token) -> bool:
        """True if a verb with its own subject stands between a token and `verb`."""
        while tok.i != verb.i and tok.head.i != tok.i:
            tok = tok.head
            if tok.i != verb.i and tok.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJ for c in tok.children):
                return True
        return False

    def _deep_recipients(self, verb: Token, thing: Token, cue: Cue) -> list[Mention]:
        """Recipients named on the aid noun of a phrase: "provide $100 million in new assistance to X"."""
        phrases = [thing, *(c for c in verb.children if c.dep_ == "prep" and c.lower_ not in cue.preps)]
        return _unique([m for p in phrases for t in p.subtree if t.dep_ == "pobj" and t.head.lower_ in cue.preps
                        and t.head.head.lemma_.lower() in self.lex.object_modes for m in self.actors(t)])

    def _manner_agents(self, noun: Token) -> list[Mention]:
        """Who acts "in support of X" or "in coordination with X": the doer of the act it qualifies."""
        prep = noun.head
        anchor = _first_conjunct(prep)  # "coordinated with and in support of"
        if noun.dep_ != "pobj" or prep.lower_ != "in" or anchor.head.pos_ not in ("VERB", "AUX") or \
                noun.lemma_.lower() not in self.lex.manner_nouns:
            return []
        verb = anchor.head
        found = self.subjects(verb)[0] if verb.dep_ not in ("acl", "relcl") else []
        if not found and verb.dep_ == "acl" and verb.head.dep_ == "dobj":  # "conducted strikes [coordinated ..]"
            found = self.subjects(verb.head.head)[0]
        return found

    def _gathered_for(self, noun: Token, cue: Cue) -> bool:
        """Who joins whom for a mutual act: "X joined Y for talks", "X hosted Y for consultations"."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "for":
            return False
        holder = _first_conjunct(prep.head)
        verb = holder.head if holder.dep_ == "dobj" else holder  # "joined [X and partners for talks]"
        if verb.pos_ != "VERB":
            return False
        partners = [m for c in verb.children if c.dep_ == "dobj" for m in self.actors(c)]
        subjects = self.subjects(verb)[0]
        if not partners or not subjects:
            return False
        self.emit(subjects, partners, cue, cue.mode, noun, "noun", 0.8)
        self.emit(partners, subjects, cue, cue.mode, noun, "noun", 0.8)
        return True

    def _carrier(self, noun: Token) -> Token:
        """The head noun carrying an event noun's phrase: "a mediation effort between A and B" -> effort."""
        head = noun.head
        if noun.dep_ == "compound" and head.pos_ == "NOUN" and head.i not in self.tok2m:
            return head
        return noun

    def _light_verb_preps(self, noun: Token, cue: Cue) -> list[Mention]:
        """Targets the parser hung on the light verb: "opened investigations [against X]" -> X."""
        head = noun.head
        if noun.dep_ != "dobj" or head.i == noun.i or not _known(head, self.lex.light_verbs):
            return []
        return self.prep_objects(head, cue.preps)

    def _protested(self, tok: Token, cue: Cue) -> list[Mention]:
        """Target of a protest "in protest of/against/at Y" ("a hunger strike in protest of X's refusal") -> X."""
        if cue.rel != "PROTEST":
            return []
        return _unique([m for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"
                        for obj in c.children if obj.dep_ == "pobj" and obj.lemma_.lower() == "protest"
                        for m in self.prep_objects(obj, _PROTESTED)])

    def _clause_subjects(self, noun: Token, cue: Cue) -> list[Mention]:
        """Who is asked to act in "its demand that Israel ease restrictions" -> Israel (CAMEO 10)."""
        if cue.rel != "REQUEST":
            return []
        return _unique([m for c in noun.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")
                        for g in c.children if g.dep_ in ("nsubj", "nsubjpass") for m in self.actors(g)])

    def _verbal_protest(self, noun: Token, cue: Cue) -> Cue:
        """A protest lodged or filed is an official complaint (CAMEO 114): ACCUSE, its target `with` or `to`."""
        if cue.rel != "PROTEST" or noun.dep_ != "dobj" or noun.head.lemma_.lower() not in _FILED:
            return cue
        return replace(cue, rel="ACCUSE", mode=None, preps=tuple(cue.preps) + ("with", "to"))

    def _passive_victims(self, noun: Token) -> list[Mention]:
        """Who suffered the act in "Y was killed in a raid by X": the passive subject of the verb the noun is in."""
        head = noun.head
        if noun.dep_ != "pobj" or head.lower_ not in ("in", "during") or head.head.i == head.i:
            return []
        verb = head.head
        cue = self.lex.verbs.get(verb.lemma_.lower())
        if cue is None or cue.rel not in _HOSTILE_EVENTS:
            return []
        found, passive = self.subjects(verb)
        return found if passive else []

    def _movers(self, noun: Token) -> list[Mention]:
        """Whose forces move in "the withdrawal of Russian troops", "the deployment of Iranian forces"."""
        return _unique([m for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                        for obj in c.children if obj.dep_ == "pobj" for m in self.actors(obj) if m.actor_id])

    def _requested(self, noun: Token, cue: Cue) -> tuple[list[Mention], Cue] | None:
        """"X called for sanctions against Y": a call for hostile acts disapproves of Y, for others requests them."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.i == prep.i:
            return None
        verb = prep.head
        if verb.lemma_.lower() not in _REQUEST_VERBS or verb.pos_ not in ("VERB", "AUX"):
            return None
        sources, passive = self.subjects(verb)
        if passive or RELATIONS[cue.rel].family is not Family.EVENT:
            return None
        hostile = cue.rel in _HOSTILE_EVENTS or cue.rel == "ACCUSE"
        return sources, replace(cue, rel="ACCUSE" if hostile else "REQUEST", mode=None, symmetric=False)

    def _hyphenated(self, noun: Token) -> bool:
        """True for "Israel-Hamas war" or "Israel and Hamas war": the modifiers are joined."""
        left = [t for t in self.doc[max(noun.left_edge.i, noun.i - 6):noun.i]]
        return any(t.text in ("-", "–", "and", "/") for t in left)

    def _between(self, noun: Token) -> list[Mention]:
        """Actors of a `between A and B` phrase on the noun, its participle, or the verb it is subject of."""
        found: list[Mention] = []
        holders = [noun, *(c for c in noun.children if c.dep_ == "acl")]  # "the agreement reached between"
        if noun.dep_ in ("nsubj", "nsubjpass", "attr"):
            holders.append(noun.head)
            holders.extend(c for c in noun.head.children if c.dep_ in ("acomp", "attr") and c is not noun)
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ in ("between", "among"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            found.extend(self.actors(obj))
        return _unique(found)

    def _territory_targets(self, noun: Token) -> list[Mention]:
        """Target of an attack "within Israeli territory", "on Hamas positions"."""
        found: list[Mention] = []
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "within", "inside", "into", "on", "against"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.lemma_.lower() in _TERRITORY:
                        found.extend(self.actors(obj))
        return found

    def _light_verb_agents(self, noun: Token) -> list[Mention]:
        """Agent of "X carried out an attack" / "an attack was carried out by X"."""
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ in ("in", "during") and head.head.pos_ in ("VERB", "AUX"):
            found, passive = self.subjects(head.head)
            engaged = head.lower_ == "in" and head.head.lemma_.lower() in _ENGAGE and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in head.head.children)
            protest = self.lex.nouns.get(noun.lemma_.lower(), _NO_CUE).rel == "PROTEST"
            return found if engaged or (protest and not passive) else []
        if head.i == noun.i or not _known(head, self.lex.light_verbs):
            return []
        if noun.dep_ in ("dobj", "attr"):
            found, passive = self.subjects(head)
            return [] if passive else found
        if noun.dep_ in ("nsubjpass",):
            return self.agents(head)
        return []

    def role(self, noun: Token, cue: Cue) -> None:
        """Role nouns of standing ties: "Hezbollah leader Nasrallah", "Hamas is not a proxy of Iran"."""
        if any(c.lower_ in _NOT_HOLDER for c in noun.children if c.dep_ in ("amod", "compound")):
            return
        if noun.i > 0 and self.doc[noun.i - 1].lower_ in _NOT_HOLDER:
            return
        bearers = self._bearers(noun)
        if not bearers and cue.rel == "MEMBER_OF":
            self._member_of_phrase(noun, cue)
            return
        if not bearers:
            return
        named = self.prep_objects(noun, ("of", "for", "to", "in", "from") if cue.rel == "MEMBER_OF" else
                                  ("of", "for", "to"))
        holders: list[Mention] = []
        for child in noun.children:  # "the Iraqi commander of X": with a named holder, the adjective is not one
            if child.dep_ in _MODIFIERS and child.i < noun.i and not (named and child.dep_ == "amod"):
                holders.extend(self._in_subtree(child))
        holders.extend(named)
        if not holders:
            holders = self._unit_after_title(noun)
        if not holders and noun.dep_ == "compound":
            for sibling in noun.head.children:
                if sibling.dep_ in _MODIFIERS and sibling.i < noun.i:
                    holders.extend(self._in_subtree(sibling))
        holders = [h for h in _unique(holders) if h not in bearers and not h.tok_start <= noun.i < h.tok_end]
        if not holders and cue.rel == "LEADS":  # "a commander in Hezbollah" is one of its members, not its head
            holders = [h for h in self.prep_objects(noun, ("in", "within")) if h not in bearers and h.kind != "state"]
            cue = replace(cue, rel="MEMBER_OF", mode=None) if holders else cue
        if not holders:
            return
        if cue.rel == "LEADS":
            bearers = [b for b in bearers if b.kind in ("person", None)] or []
            cue = self._subunit_leader(noun, cue)
        score = 0.85
        if cue.symmetric:
            self.emit(bearers, list(holders), cue, cue.mode, noun, "role", score)
            self.emit(holders, list(bearers), cue, cue.mode, noun, "role", score)
        elif cue.holder == "source":
            self.emit(holders, list(bearers), cue, cue.mode, noun, "role", score)
        else:
            self.emit(bearers, list(holders), cue, cue.mode, noun, "role", score)

    def _unit_after_title(self, noun: Token) -> list[Mention]:
        """The body a bare title is of when a comma sets it after the title, as in sign-offs: "Gen. Joseph Votel,
        commander, U.S. Central Command" (parsed as an apposition of the title or of the person)."""
        if noun.dep_ != "appos" or noun.i + 2 >= self.sent.end or self.doc[noun.i + 1].text != ",":
            return []
        unit = next((t for t in (*noun.children, *noun.head.children) if t.dep_ == "appos" and t.i > noun.i
                     and t.left_edge.i == noun.i + 2), None)
        if unit is None:
            return []
        end = next((t.i for t in self.doc[noun.i + 2:unit.right_edge.i + 1] if t.is_punct), unit.right_edge.i + 1)
        named = [self.tok2m[i] for i in range(noun.i + 2, end) if i in self.tok2m]
        m = max(named, key=lambda n: n.tok_end, default=None)  # its last name heads it ("U.S. Central Command")
        return [] if m is None or self._is_person(m) or m.origin == "pronoun" else [m]

    def _subunit_leader(self, noun: Token, cue: Cue) -> Cue:
        """A leader of a unit within the group is its member: "an ISIL cell leader" -> MEMBER_OF ISIL."""
        own = self.tok2m.get(noun.i)
        if any(c.dep_ == "compound" and c.lemma_.lower() in self.lex.subunit_nouns
               and self.tok2m.get(c.i) in (None, own) for c in noun.children):
            return replace(cue, rel="MEMBER_OF", mode=None)
        return cue

    def _member_of_phrase(self, noun: Token, cue: Cue) -> None:
        """A member noun that is itself the actor: "70 members of the tribe", "officials from X", "students of X",
        "Airmen, deployed from the 158th Fighter Wing", "Soldiers visiting from 3rd Battalion"."""
        m = self.tok2m.get(noun.i)
        if m is None or m.origin != "noun" or m.actor_id is not None:
            return
        found = self.prep_objects(noun, ("of", "from"))
        found += [h for c in noun.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")
                  for h in self.prep_objects(c, ("from",))]
        groups = [h for h in _unique(found) if h is not m and h.kind != "person"]
        self.emit([m], groups, cue, cue.mode, noun, "role", 0.8)

    def _bearers(self, noun: Token) -> list[Mention]:
        """Who holds the role: the named head it modifies, its apposition, or a copula's subject."""
        head = noun.head
        if noun.dep_ == "compound" and self.tok2m.get(head.i) is not None:
            return [self.tok2m[head.i]]
        if noun.dep_ == "appos":
            first = _first_conjunct(head)
            last = max((t for t in first.subtree if t.dep_ == "conj" and t.head.i == first.i and t.i < noun.i),
                       key=lambda t: t.i, default=None)
            if last is not None and noun.tag_ in ("NN", "NNP"):  # "X and Y, director of Z": Y is the director
                return self.actors(last, conj=False)
            return self.actors(first)
        for child in noun.children:
            if child.dep_ == "appos":
                found = self.actors(child)
                if found:
                    return found
        named = self._person_after_holder(noun)
        if named:
            return named
        if noun.dep_ == "attr" and head.lemma_.lower() in self.lex.copulas:
            return self.subjects(head)[0]
        if noun.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in self.lex.copulas:
            return self.subjects(head.head)[0]
        if noun.dep_ == "pobj" and head.lower_ == "as" and noun.lemma_.lower() == "part" and \
                head.head.pos_ in ("VERB", "AUX"):
            return self.subjects(head.head)[0]
        if noun.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ == "VERB":
            return self._designated(head.head)
        if noun.dep_ == "oprd" and head.pos_ == "VERB":
            return self._designated(head)
        if noun.dep_ == "pobj" and head.lower_ == "of" and noun.lemma_.lower() == "part":
            return []
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "one":
            return self._bearers(head.head)  # "X is one of its members", "X was named as one of its leaders"
        if noun.dep_ == "pobj" and head.lower_ == "among" and head.head.lemma_.lower() in self.lex.copulas:
            return self.subjects(head.head)[0]  # "X is among the leaders of Y"
        if noun.dep_ in ("nsubj",) and head.lemma_.lower() in self.lex.copulas:
            for child in head.children:
                if child.dep_ == "attr":
                    return self.actors(child)
        return []

    def _person_after_holder(self, noun: Token) -> list[Mention]:
        """The person the parser hung on the role's holder: "the commander of the Quds Force, Esmail Qaani,"."""
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "for")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                people = [m for c in obj.children if c.dep_ == "appos" for m in self.actors(c) if self._is_person(m)]
                if people:
                    return people
        return []

    def _designated(self, verb: Token) -> list[Mention]:
        """Who a verb gives a role ("appointed X as commander", "X was described as a leader", "X served as
        its head"): the object of an active verb, else its subject."""
        found, passive = self.subjects(verb)
        if passive or self._is_passive(verb):
            return found
        objects = [m for c in verb.children if c.dep_ == "dobj" for m in self.actors(c)]
        return objects or found

    def hyphen(self, tok: Token, cue: Cue) -> None:
        """"Iran-backed PMF": the actor before the hyphen relates to the noun the compound modifies."""
        left = self.tok2m.get(tok.i - 2)
        if left is None:
            return
        targets: list[Mention] = []
        head = tok.head
        hops = 0
        while head.i != tok.i and hops < 3:
            targets = [m for m in self.actors(head, conj=False) if m is not left]
            if targets or head.pos_ in ("NOUN", "PROPN"):
                break
            head, hops = head.head, hops + 1
        if not targets:
            for j in range(tok.i + 1, min(len(self.doc), tok.i + 5)):
                t = self.doc[j]
                if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP"):
                    break
                if j in self.tok2m:
                    targets = [self.tok2m[j]]
                    break
        if not targets:
            return
        if cue.inverse:
            self.emit(targets, [left], cue, cue.mode, tok, "hyphen", 0.85)
        elif cue.symmetric:
            self.emit([left], list(targets), cue, cue.mode, tok, "hyphen", 0.85)
            self.emit(targets, [left], cue, cue.mode, tok, "hyphen", 0.85)
        else:
            self.emit([left], list(targets), cue, cue.mode, tok, "hyphen", 0.85)


def _first_conjunct(tok: Token) -> Token:
    """The first item of the coordination a token is part of ("B" in "A, B and C" -> "A")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _with_aux_children(verb: Token) -> Iterator[Token]:
    """A verb's children, then those the parser hung on its auxiliary ("Russia are committed": Russia <- are)."""
    yield from verb.children
    yield from (g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children)


def _intent_mode(cue: Cue) -> str | None:
    """The mode of an intent that names the act: to meet (CAMEO 036), to use force (CAMEO 138)."""
    if cue.rel == "CONSULT" and cue.mode in (None, "visit", "phone"):
        return "meet"
    return "violence" if cue.rel == "ASSAULT" else None


def _known(tok: Token, words: frozenset[str] | dict) -> str | None:
    """The word of `words` a token is a form of, by lemma or, when the lemmatiser slips, by suffix."""
    lemma = tok.lemma_.lower()
    if lemma in words:
        return lemma
    for cut in _stems(tok.lower_):
        if cut in words:
            return cut
    return None


def _stems(lower: str) -> list[str]:
    """Candidate base forms of a word by its inflectional ending only ("began" is not "beg" + "an")."""
    cuts = [lower]
    if lower.endswith(("s", "d")):
        cuts.append(lower[:-1])
    if lower.endswith(("ed", "es")):
        cuts.append(lower[:-2])
    if lower.endswith("ed"):
        cuts.append(lower[:-2] + "e")
    if lower.endswith("ing"):
        cuts.extend((lower[:-3], lower[:-3] + "e"))
    if lower.endswith("men"):
        cuts.append(lower[:-3] + "man")
    return [c for c in cuts if c]


def _finite(verb: Token) -> bool:
    """True for a verb heading a finite clause (tensed, or with its own auxiliary), or coordinated with one."""
    if verb.pos_ != "VERB":
        return False
    if verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to"
                                                  for c in verb.children):
        return True
    return verb.dep_ == "conj" and verb.head.i != verb.i and _finite(verb.head)


def _conditional(verb: Token, marks: tuple[str, ...] = ("unless",)) -> bool:
    """True for an act made to depend on the other side's conduct: "will withdraw unless X ..." (CAMEO 13)."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
               for c in verb.children)


def _part_of(noun: Token) -> bool:
    """True for a noun (or the noun it modifies) that is the object of "part of"."""
    head = noun.head if noun.dep_ == "compound" else noun
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() == "part"


def _modal(verb: Token) -> bool:
    """True for a verb with a future or possibility auxiliary ("will", "may", "could")."""
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE | _POSSIBLE for c in verb.children)


def _unique(mentions: list[Mention]) -> list[Mention]:
    """Mentions without repeats, in first-seen order."""
    seen: set[int] = set()
    out = []
    for m in mentions:
        if id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out


def find_candidates(sent: Span, tok2m: dict[int, Mention], lex: Lexicon) -> list[Candidate]:
    """Relation candidates of one sentence."""
    if len(tok2m) == 0:
        return []
    return SentenceRelations(sent, tok2m, lex).run()
