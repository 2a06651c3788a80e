"""Shared helpers of the extraction tests: the fixture KB, one extractor per process, lookups."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from axisgraph.kb import ActorKB, load_kb
from axisgraph.nlp import Extractor
from axisgraph.records import Assertion, Document

FIXTURE = Path(__file__).parent / "data" / "kb_fixture.yaml"


@lru_cache(maxsize=1)
def fixture_kb() -> ActorKB:
    """The small test KB (not the bundled one, whose content changes)."""
    return load_kb([FIXTURE], include_bundled=False)


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    """One extractor over the fixture KB for all extraction tests."""
    return Extractor(fixture_kb())


def extract(text: str, on: date | None = date(2023, 11, 1)) -> list[Assertion]:
    """Assertions of a text dated `on`."""
    return extractor().extract(Document(id="t", text=text, date=on))


@lru_cache(maxsize=1)
def rules_extractor() -> Extractor:
    """The rule layer alone (no learned pair model), for tests of what the rules say."""
    return Extractor(fixture_kb(), relation_model=False)


def extract_rules(text: str, on: date | None = date(2023, 11, 1)) -> list[Assertion]:
    """The rule layer's assertions of a text dated `on`."""
    return rules_extractor().extract(Document(id="t", text=text, date=on))


def find(assertions: list[Assertion], source: str | None, relation: str, target: str | None,
         **fields) -> list[Assertion]:
    """Assertions with these ends (KB ids, or surface text for unresolved ends) and field values."""
    def end(ref, wanted: str | None) -> bool:
        if wanted is None:
            return ref is None
        return ref is not None and wanted in (ref.id, ref.text)

    return [a for a in assertions
            if a.relation == relation and end(a.source, source) and end(a.target, target)
            and all(getattr(a, k) == v for k, v in fields.items())]
