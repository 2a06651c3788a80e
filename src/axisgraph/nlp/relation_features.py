"""Parse features of a pair of actor mentions in one sentence, for the learned relation classifier."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Span, Token

from .lexicon import Lexicon
from .mentions import Mention

NEGATIONS = frozenset({"not", "no", "never", "n't", "deny", "denied", "without"})
HEDGES = frozenset({"may", "might", "could", "reportedly", "allegedly", "likely", "probably"})
MAX_TOKENS_BETWEEN = 40


def head_of(sent: Span, mention: Mention) -> Token:
    """Syntactic head of a mention: the token of its span whose head lies outside it."""
    doc = sent.doc
    tokens = [doc[i] for i in range(mention.tok_start, mention.tok_end)]
    for tok in tokens:
        if not (mention.tok_start <= tok.head.i < mention.tok_end) or tok.head.i == tok.i:
            return tok
    return tokens[-1]


def _ancestors(tok: Token) -> list[Token]:
    """The token and its ancestors up to the sentence root."""
    chain = [tok]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def dependency_path(a: Token, b: Token, chain: Callable[[Token], list[Token]] = _ancestors
                    ) -> tuple[list[str], list[Token], Token | None]:
    """Path a -> lowest common ancestor -> b as labelled steps, the tokens strictly inside it, and the ancestor."""
    up_a, up_b = chain(a), chain(b)
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, tok in enumerate(up_a):
        if tok.i in index_b:
            left, right = up_a[:n + 1], up_b[:index_b[tok.i]]
            break
    else:
        return ["<nopath>"], [], None
    steps = [f"{t.dep_}^" for t in left[:-1]] + [left[-1].lemma_.lower()] + [f"{t.dep_}v" for t in reversed(right)]
    inner = left[1:] + list(reversed(right))[:-1] if right else left[1:-1]
    return steps, [t for t in inner if t.i not in (a.i, b.i)], left[-1]


class SentenceContext:
    """One sentence's words, mention heads and ancestor chains, computed once for all of its pairs."""

    def __init__(self, sent: Span) -> None:
        self.sent = sent
        self.words = frozenset(t.lower_ for t in sent)
        self._heads: dict[tuple[int, int], Token] = {}
        self._chains: dict[int, list[Token]] = {}

    def head(self, mention: Mention) -> Token:
        """The mention's syntactic head (`head_of`), cached."""
        key = (mention.tok_start, mention.tok_end)
        if key not in self._heads:
            self._heads[key] = head_of(self.sent, mention)
        return self._heads[key]

    def chain(self, tok: Token) -> list[Token]:
        """The token's ancestors (`_ancestors`), cached."""
        if tok.i not in self._chains:
            self._chains[tok.i] = _ancestors(tok)
        return self._chains[tok.i]


def path_top(sent: Span, first: Mention, second: Mention, context: SentenceContext | None = None) -> Token:
    """The lowest common ancestor of the two mention heads (the word that links them), else the first head."""
    ctx = context or SentenceContext(sent)
    ha, hb = ctx.head(first), ctx.head(second)
    above_b = {t.i for t in ctx.chain(hb)}
    return next((t for t in ctx.chain(ha) if t.i in above_b), ha)


def _kind(mention: Mention) -> str:
    """KB actor kind, else the NER/origin label."""
    return mention.kind or mention.origin or "unk"


def _distance_bucket(n: int) -> str:
    """Coarse token distance."""
    return next(label for limit, label in ((2, "0-2"), (5, "3-5"), (10, "6-10"), (20, "11-20"))
                if n <= limit) if n <= 20 else "20+"


def lexicon_relation(tok: Token, lex: Lexicon) -> str | None:
    """The relation the trigger lexicon gives a word (hand verbs and nouns, roles, CAMEO verb cues), if any.

    A modifier of a noun the lexicon does not know ("attack helicopters") states nothing and gets none, nor
    does a verb whose relation needs its object ("launched").
    """
    if tok.dep_ in ("compound", "amod") and tok.head is not tok and lexicon_relation(tok.head, lex) is None:
        return None
    lemma = tok.lemma_.lower()
    tables = (lex.verbs, lex.fallback_verbs) if tok.pos_ in ("VERB", "AUX") else (lex.nouns, lex.roles, lex.verbs)
    cue = next((t[lemma] for t in tables if lemma in t), None)
    if cue is None or cue.needs == "objects":
        return None  # "launched", "used": what they state depends on the object ("rockets", not "an inquiry")
    return cue.rel


def _lexicon_features(top: Token, inner: list[Token], between: list[Token], lex: Lexicon) -> list[str]:
    """What the lexicon says of the linking words: lets the model generalise beyond words seen in training."""
    feats = [f"onpathrel={rel}" for rel in (lexicon_relation(t, lex) for t in inner) if rel]
    feats += [f"btwrel={rel}" for rel in (lexicon_relation(t, lex) for t in between) if rel]
    rel = lexicon_relation(top, lex)
    return feats + ([f"toprel={rel}"] if rel else [])


def pair_features(sent: Span, first: Mention, second: Mention, lex: Lexicon | None = None,
                  context: SentenceContext | None = None) -> list[str]:
    """Binary feature names for the ordered pair (first precedes second in the sentence).

    With `lex`, also the relations the trigger lexicon gives the words on the path and between the two.
    `context` shares the sentence's heads and chains between its pairs.
    """
    doc = sent.doc
    ctx = context or SentenceContext(sent)
    ha, hb = ctx.head(first), ctx.head(second)
    steps, inner, top = dependency_path(ha, hb, ctx.chain)
    between = [doc[i] for i in range(first.tok_end, second.tok_start)][:MAX_TOKENS_BETWEEN]
    k1, k2 = _kind(first), _kind(second)
    feats = [f"path={'|'.join(steps)}", f"plen={min(len(steps), 8)}", f"k1={k1}", f"k2={k2}",
             f"kk={k1}|{k2}", f"dist={_distance_bucket(len(between))}",
             f"dep1={ha.dep_}", f"dep2={hb.dep_}", f"d12={ha.dep_}|{hb.dep_}"]
    if len(steps) <= 7:
        feats.append(f"pathlem={'|'.join(s for s in steps if not s.endswith(('^', 'v')))}")
    feats += [f"onpath={t.lemma_.lower()}" for t in inner if t.pos_ in ("VERB", "NOUN", "ADP", "AUX", "ADJ")]
    feats += [f"onpathv={t.lemma_.lower()}|{k1}" for t in inner if t.pos_ == "VERB"]
    feats += [f"btw={t.lemma_.lower()}" for t in between if t.is_alpha and not t.is_stop]
    feats += [f"btwv={t.lemma_.lower()}" for t in between if t.pos_ == "VERB"]
    if not between:
        feats.append("adjacent")
    words = ctx.words
    if words & NEGATIONS:
        feats.append("negation")
    if words & HEDGES:
        feats.append("hedge")
    if any(t.lower_ in ("and", ",") for t in between) and len(between) <= 2:
        feats.append("coordinated")
    if lex is not None:
        feats += _lexicon_features(top or ha, inner, between, lex)
    return sorted(set(feats))


def sentence_pairs(sent: Span, mentions: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Ordered pairs of mentions of distinct actors in one sentence, first before second."""
    ordered = sorted(mentions, key=lambda m: m.tok_start)
    for i, first in enumerate(ordered):
        for second in ordered[i + 1:]:
            if first.key != second.key and second.tok_start >= first.tok_end:
                yield first, second
