"""Dependency ordering on the graph the extractor builds from the example articles (sample article included)."""

from __future__ import annotations

from pathlib import Path

import pytest

from axisgraph.analysis.blocs import detect_blocs
from axisgraph.analysis.patronage import dependency_index, state_rollup
from axisgraph.documents import read_documents
from axisgraph.graph import assertions_to_frame
from axisgraph.kb import bundled_kb
from axisgraph.nlp import Extractor

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SAMPLE = "axis-of-resistance-2023-11-01.txt"

pytestmark = pytest.mark.slow  # loads the spaCy model and the KB matcher


@pytest.fixture(scope="module")
def extracted():
    """Assertions of every example article, as one frame, and of the sample article alone."""
    extractor = Extractor()
    frames = {}
    records = []
    for document in read_documents([EXAMPLES]):
        found = extractor.extract(document)
        records += found
        if document.path and Path(document.path).name == SAMPLE:
            frames["sample"] = assertions_to_frame(found)
    frames["all"] = assertions_to_frame(records)
    return frames


def _index(frame, actor):
    ids = set(frame["source_id"].dropna()) | set(frame["target_id"].dropna())
    return dependency_index(frame, actor, patron_id="irn", rollup=state_rollup(ids, bundled_kb()))


@pytest.mark.parametrize("corpus", ["sample", "all"])
def test_hezbollah_is_more_of_a_proxy_of_iran_than_hamas(extracted, corpus):
    frame = extracted[corpus]
    hezbollah, hamas = _index(frame, "hezbollah"), _index(frame, "hamas")
    assert hezbollah.index > hamas.index
    assert hezbollah.terms["command"] > 0
    assert any(e["role"] == "command" and e["negated"] for e in hamas.evidence)


def test_other_conflicts_have_their_patrons(extracted):
    frame = extracted["all"]
    ids = set(frame["source_id"].dropna()) | set(frame["target_id"].dropna())
    rollup = state_rollup(ids, bundled_kb())
    assert dependency_index(frame, "wagner", rollup=rollup).patron_id == "rus"
    assert dependency_index(frame, "rsf", rollup=rollup).patron_id == "are"


def test_israel_is_not_in_the_axis_bloc(extracted):
    result = detect_blocs(extracted["all"])
    assert result.membership["isr"] != result.membership["hezbollah"]
