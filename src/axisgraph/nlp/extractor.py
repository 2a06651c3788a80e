"""The extractor: documents in, assertion records out (spaCy parse, KB mentions, rules, qualifiers).

Rule assertions get the shipped confidence calibration (`calibration.load_calibrator`) after
deduplication, so which duplicate is kept is decided on raw scores; learned assertions keep the
model's probability.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from spacy.tokens import Doc

from ..kb.loader import bundled_kb
from ..kb.matcher import KBMatcher
from ..kb.model import ActorKB
from ..records import Assertion, Document
from .assemble import build, deduplicate
from .calibration import Calibrator, load_calibrator
from .lexicon import Lexicon, default_lexicon
from .mentions import Discourse, Mention, find_mentions
from .pipeline import CHUNK_CHARS, MODEL, chunks, load_nlp, sentence_of, sentence_span
from .qualifiers import QualifierFinder
from .relation_model import learned_for_chunk
from .relation_model import load_model as load_relation_model
from .relations import find_candidates


class Extractor:
    """Turns documents into typed, qualified assertions between actors of a KB.

    With `calibrated` (the default) a rule assertion's confidence is the shipped calibration of its raw
    rule score (the share of such assertions found right on re3d); `calibrated=False` keeps raw scores.
    """

    def __init__(self, kb: ActorKB | None = None, lexicon: Lexicon | None = None, model: str = MODEL,
                 chunk_chars: int = CHUNK_CHARS, relation_model: bool = True, calibrated: bool = True) -> None:
        self.kb = kb if kb is not None else bundled_kb()
        self.nlp = load_nlp(model)
        self.lex = lexicon or default_lexicon()
        self.matcher = KBMatcher(self.kb, self.nlp)
        self.chunk_chars = chunk_chars
        self.relation_model = load_relation_model() if relation_model else None
        self.calibrator: Calibrator | None = load_calibrator() if calibrated else None

    def extract(self, document: Document) -> list[Assertion]:
        """All assertions stated by one document."""
        return next(self.extract_many([document]))[1]

    def mentions(self, document: Document) -> list[Mention]:
        """All actor mentions of one document, with character offsets into its text."""
        state = Discourse()
        found: list[Mention] = []
        for offset, piece in chunks(document.text, self.chunk_chars):
            found.extend(find_mentions(self.nlp(piece), self.matcher, self.kb, self.lex, state, offset))
        return found

    def extract_many(self, documents: Iterable[Document], n_process: int = 1, batch_size: int = 32
                     ) -> Iterator[tuple[Document, list[Assertion]]]:
        """Assertions of many documents, streamed in input order; parsing runs through `nlp.pipe`."""
        pending: dict[int, list] = {}

        def pieces() -> Iterator[tuple[str, tuple[int, int, bool]]]:
            for index, document in enumerate(documents):
                parts = list(chunks(document.text, self.chunk_chars))
                pending[index] = [document, Discourse(), [], set()]
                for n, (offset, piece) in enumerate(parts):
                    yield piece, (index, offset, n == len(parts) - 1)

        stream = self.nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process)
        for doc, (index, offset, last) in stream:
            document, state, found, rule_ids = pending[index]
            rules, learned = self._analyse_parts(doc, offset, document, state)
            rule_ids.update(id(a) for a in rules)
            found.extend(rules + learned)
            if last:
                del pending[index]
                yield document, self._calibrate(deduplicate(found), rule_ids)

    def _calibrate(self, assertions: list[Assertion], rule_ids: set[int]) -> list[Assertion]:
        """Rule assertions (by object id) with calibrated confidence; the rest as they are."""
        if self.calibrator is None:
            return assertions
        return [self.calibrator.apply(a) if id(a) in rule_ids else a for a in assertions]

    def _analyse(self, doc: Doc, offset: int, document: Document, state: Discourse) -> list[Assertion]:
        """Raw-scored assertions of one parsed chunk: the rules' then the learned model's."""
        rules, learned = self._analyse_parts(doc, offset, document, state)
        return rules + learned

    def _analyse_parts(self, doc: Doc, offset: int, document: Document, state: Discourse
                       ) -> tuple[list[Assertion], list[Assertion]]:
        """Rule assertions (raw scores) and learned assertions of one parsed chunk of a document."""
        mentions = find_mentions(doc, self.matcher, self.kb, self.lex, state, offset)
        if not mentions:
            return [], []
        tok2m: dict[int, Mention] = {}
        by_sentence: dict[int, dict[int, Mention]] = defaultdict(dict)
        for m in mentions:
            sentence = sentence_of(doc, m.tok_start).start
            for i in range(m.tok_start, m.tok_end):
                tok2m[i] = m
                by_sentence[sentence][i] = m
        qualify = QualifierFinder(doc, tok2m, self.lex, state, document.date, offset)
        out: list[Assertion] = []
        for sent in doc.sents:
            if sent.start not in by_sentence:
                continue
            candidates = find_candidates(sent, by_sentence[sent.start], self.lex)
            if not candidates:
                continue
            span = sentence_span(sent, offset)
            cache = {}
            for c in candidates:
                if c.trigger.i not in cache:
                    cache[c.trigger.i] = qualify(c.trigger)
                end_tok = doc[c.trigger_end - 1]
                trigger_span = (c.trigger.idx + offset, end_tok.idx + len(end_tok.text) + offset)
                record = build(c, cache[c.trigger.i], document, self.kb, span, trigger_span)
                if record is not None:
                    out.append(record)
        if self.relation_model is None:
            return out, []
        return out, learned_for_chunk(self.relation_model, doc, mentions, document, offset, self.kb, out, self.lex)


def extract_text(text: str, doc_id: str = "text", doc_date: date | None = None,
                 kb: ActorKB | None = None) -> list[Assertion]:
    """Assertions of a plain text (a convenience over `Extractor.extract`)."""
    return _extractor(kb).extract(Document(id=doc_id, text=text, date=doc_date))


_CACHE: dict[int, Extractor] = {}


def _extractor(kb: ActorKB | None) -> Extractor:
    """One extractor per KB object, reused across calls."""
    key = id(kb)
    if key not in _CACHE:
        _CACHE[key] = Extractor(kb)
    return _CACHE[key]
