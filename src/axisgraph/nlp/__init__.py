"""Text to assertions: spaCy parse, KB mentions, relation rules and qualifiers."""

from .extractor import Extractor, extract_text
from .lexicon import Lexicon, default_lexicon, lexicon_with_petrarch_verbs, read_lexicon
from .mentions import Mention
from .pipeline import load_nlp

__all__ = ["Extractor", "Lexicon", "Mention", "default_lexicon", "extract_text", "lexicon_with_petrarch_verbs",
           "load_nlp", "read_lexicon"]
