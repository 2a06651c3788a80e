"""Score extraction against PETRARCH's unit-test records (fictional actors, syntax phenomena).

The records' actors are defined only in PETRARCH's validation actor dictionary, which
`petrarch_actors` converts into a KB file for the extractor. An expected coding (source code, target
code, CAMEO event) is found when a non-negated predicted assertion has the relation that
`ontology.cameo_to_relation` gives for the event and its source and target actors carry the expected
codes. Codes are compared at the root (first three letters: `ARNGOV` ~ `ARN`, the actor level) and
exactly (with PETRARCH's agent suffix). Codings that name no codable actor (`---GOV`, quoted new
actors), CAMEO root 01 (no relation of ours), and the parser-error records are left out and counted.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Group

from ..ontology import cameo_to_relation
from ..records import Assertion, Document
from .metrics import PRF, Accuracy
from .petrarch_actors import CodeBook, build_codebook, read_actor_dictionary
from .render import accuracy_table, errors_block, prf_table

_SENTENCE = re.compile(r"<Sentence\b(?P<attrs>[^>]*)>(?P<body>.*?)</Sentence>", re.S)
_ATTR = re.compile(r"(\w+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_CODING = re.compile(r"<EventCoding\b(?P<attrs>[^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CATEGORY_ALIASES = {"AGENTS": "AGENT"}
_ENVIRONMENT_FILE = r"<{0}>\s*([^<\s]+)\s*</{0}>"


def _attrs(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(text)}


@dataclass(frozen=True)
class Coding:
    """One expected event coding: source code, target code, CAMEO event code."""

    source: str
    target: str
    event: str

    @property
    def relation(self) -> str | None:
        """Our relation for the CAMEO code (None for root 01)."""
        mapped = cameo_to_relation(self.event)
        return mapped[0] if mapped else None

    @property
    def codable(self) -> bool:
        """False when either side is an uncoded or ad-hoc actor, or the event has no relation."""
        return all(re.fullmatch(r"[A-Z0-9]{3,}", c) and not c.startswith("---")
                   for c in (self.source, self.target)) and self.relation is not None


@dataclass(frozen=True)
class PetrarchRecord:
    """One unit-test sentence with its expected codings."""

    id: str
    category: str
    date: date | None
    text: str
    codings: tuple[Coding, ...]
    noevents: bool = False
    error: str | None = None

    def document(self) -> Document:
        """The sentence as a document for the extractor."""
        return Document(id=self.id, text=self.text, date=self.date, source="PETRARCH unit tests")


def _record_date(text: str | None) -> date | None:
    if not text or not re.fullmatch(r"\d{8}", text):
        return None
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_records(xml: str) -> list[PetrarchRecord]:
    """Parse the `<Sentence>` blocks of a PETRARCH validation file (tolerant of its comments)."""
    records = []
    for match in _SENTENCE.finditer(_COMMENT.sub("", xml)):
        attrs, body = _attrs(match.group("attrs")), match.group("body")
        text_match = _TEXT.search(body)
        if not text_match:
            continue
        codings, noevents, error = [], False, None
        for coding in _CODING.finditer(body):
            values = _attrs(coding.group("attrs"))
            if values.get("noevents", "").lower() == "true":
                noevents = True
            elif "error" in values:
                error = values["error"]
            elif "eventcode" in values:
                codings.append(Coding(values.get("sourcecode", "").strip('"').upper(),
                                      values.get("targetcode", "").strip('"').upper(), values["eventcode"]))
        records.append(PetrarchRecord(attrs.get("id", f"record-{len(records)}"), attrs.get("category", ""),
                                      _record_date(attrs.get("date")), " ".join(text_match.group(1).split()),
                                      tuple(codings), noevents, error))
    return records


def load_records(path: Path | str) -> list[PetrarchRecord]:
    """Read and parse a PETRARCH unit-test records file."""
    return parse_records(Path(path).read_text(encoding="utf-8", errors="replace"))


def _environment_file(records_path: Path | str, tag: str) -> Path | None:
    """The file a records file names in its `<Environment>` block under `tag`, resolved next to it."""
    path = Path(records_path)
    match = re.search(_ENVIRONMENT_FILE.format(tag), path.read_text(encoding="utf-8", errors="replace"))
    return path.parent / Path(match.group(1)).name if match else None


def actor_dictionary_for(records_path: Path | str) -> Path:
    """The actor dictionary a records file names in its `<Environment>` block (next to it)."""
    return _environment_file(records_path, "Actorfile") or Path(records_path).parent / "PETR.Validate.actors.txt"


def verb_dictionary_for(records_path: Path | str) -> Path | None:
    """The verb dictionary a records file names in its `<Environment>` block, if it is there next to it.

    PETRARCH codes its unit tests with that dictionary (`PETR.coder.py -v`); its event codes are the
    test's own, not always CAMEO's (WELCOME is 041 there, 051 in CAMEO).
    """
    found = _environment_file(records_path, "Verbfile")
    return found if found is not None and found.is_file() else None


def _codes_match(predicted: str | None, expected: str, exact: bool) -> bool:
    if not predicted:
        return False
    return predicted == expected if exact else predicted[:3] == expected[:3]


def coding_found(coding: Coding, assertions: Sequence[Assertion], book: CodeBook, on: date | None,
                 exact: bool = False, any_relation: bool = False) -> bool:
    """True if some non-negated assertion states the coding (codes at root or exact level)."""
    for a in assertions:
        if a.negated or a.target is None:
            continue
        if not any_relation and a.relation != coding.relation:
            continue
        if any(_codes_match(c, coding.source, exact) for c in book.codes_of(a.source.id, on)) and any(
                _codes_match(c, coding.target, exact) for c in book.codes_of(a.target.id, on)):
            return True
    return False


@dataclass
class PetrarchResult:
    """Share of expected codings found, by level and category, with precision and errors."""

    found: Accuracy
    found_exact: Accuracy
    pair_found: Accuracy
    per_category: dict[str, Accuracy]
    precision: PRF
    noevent_false_alarms: Accuracy
    excluded: dict[str, int]
    errors: list[dict[str, Any]] = field(default_factory=list)
    seconds: float | None = None
    lexicon: str = "bundled lexicon"
    bundled_found: Accuracy | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready result."""
        return {
            "seconds": None if self.seconds is None else round(self.seconds, 2),
            "lexicon": self.lexicon,
            "found_root_bundled_lexicon": None if self.bundled_found is None else self.bundled_found.to_dict(),
            "found_root": self.found.to_dict(), "found_exact": self.found_exact.to_dict(),
            "pair_found_any_relation": self.pair_found.to_dict(),
            "per_category": {k: v.to_dict() for k, v in self.per_category.items()},
            "assertion_precision": self.precision.to_dict(),
            "noevent_false_alarms": self.noevent_false_alarms.to_dict(),
            "excluded": self.excluded, "errors": self.errors,
        }

    def render(self, errors: bool = False) -> Group:
        """Rich tables of the result (with errors if asked)."""
        rows = dict(self.per_category)
        rows["all: codings found (root codes)"] = self.found
        rows["all: codings found (exact codes)"] = self.found_exact
        rows["all: actor pair found, any relation"] = self.pair_found
        if self.bundled_found is not None:
            rows["all: codings found (root codes), bundled lexicon alone"] = self.bundled_found
        rows["no-event records with a false alarm"] = self.noevent_false_alarms
        skipped = ", ".join(f"{k} {v}" for k, v in self.excluded.items())
        title = f"PETRARCH unit tests, {self.lexicon} (left out: {skipped})"
        parts: list[Any] = [accuracy_table(title, rows, label="category")]
        parts.append(prf_table("Predicted assertions that state an expected coding (root codes)",
                               {"assertions": self.precision}, label=""))
        if errors:
            parts.append(errors_block("Missed codings", [
                (f"{e['id']}: expected {e['expected']}; predicted {e['predicted'] or 'nothing'}", e["text"])
                for e in self.errors]))
        return Group(*parts)


def _shown(book: CodeBook, ref: Any, on: date | None) -> str:
    """An assertion end as its code(s), or its text when it has none."""
    return "/".join(book.codes_of(ref.id, on)) or ref.text


def score_petrarch(records: Sequence[PetrarchRecord], predictions: Mapping[str, Sequence[Assertion]],
                   book: CodeBook, n_errors: int = 20) -> PetrarchResult:
    """Score predicted assertions (by record id) against the expected codings."""
    found, exact, pair = Accuracy(), Accuracy(), Accuracy()
    per_category: dict[str, Accuracy] = {}
    precision = PRF()
    false_alarms = Accuracy()
    excluded = {"error records": 0, "uncodable codings": 0}
    errors: list[dict[str, Any]] = []
    for record in records:
        if record.id not in predictions:
            continue
        if record.error:
            excluded["error records"] += 1
            continue
        assertions = [a for a in predictions[record.id] if not a.negated and a.target is not None]
        if record.noevents:
            false_alarms.total += 1
            false_alarms.correct += bool(assertions)
            precision.n_pred += len(assertions)
            continue
        codings = [c for c in record.codings if c.codable]
        excluded["uncodable codings"] += len(record.codings) - len(codings)
        if not codings:
            continue
        for coding in codings:
            ok = coding_found(coding, assertions, book, record.date)
            found.total += 1
            found.correct += ok
            exact.total += 1
            exact.correct += coding_found(coding, assertions, book, record.date, exact=True)
            pair.total += 1
            pair.correct += coding_found(coding, assertions, book, record.date, any_relation=True)
            row = per_category.setdefault(_CATEGORY_ALIASES.get(record.category, record.category), Accuracy())
            row.total += 1
            row.correct += ok
            if not ok:
                errors.append({
                    "id": record.id, "text": record.text,
                    "expected": f"{coding.source} {coding.relation} {coding.target} ({coding.event})",
                    "predicted": "; ".join(
                        f"{_shown(book, a.source, record.date)} {a.relation} {_shown(book, a.target, record.date)}"
                        for a in assertions) or None,
                })
        for a in assertions:
            precision.n_pred += 1
            precision.tp_pred += any(coding_found(c, [a], book, record.date) for c in codings)
    precision.n_gold, precision.tp_gold = found.total, found.correct
    return PetrarchResult(found, exact, pair, dict(sorted(per_category.items())), precision, false_alarms,
                          excluded, errors[:n_errors])


def petrarch_codebook(records_path: Path | str, actors_path: Path | str | None = None) -> CodeBook:
    """The code book converted from the records file's actor dictionary (or the one given)."""
    return build_codebook(read_actor_dictionary(actors_path or actor_dictionary_for(records_path)))


def _extractor_for(book: CodeBook, lexicon: Any) -> Any:
    """An extractor whose KB is the converted actor dictionary alone (no bundled actors)."""
    from ..kb import load_kb
    from ..nlp import Extractor

    with tempfile.TemporaryDirectory() as folder:
        kb_file = book.write(Path(folder) / "petrarch_actors.yaml")
        return Extractor(kb=load_kb([kb_file], include_bundled=False), lexicon=lexicon)


def _predict(extractor: Any, records: Sequence[PetrarchRecord], n_process: int) -> dict[str, list[Assertion]]:
    docs = [r.document() for r in records]
    return {doc.id: list(found) for doc, found in extractor.extract_many(docs, n_process=n_process)}


def evaluate_petrarch(path: Path | str, extractor: Any = None, actors: Path | str | None = None,
                      n_process: int = 1, n_errors: int = 20, write_kb: Path | str | None = None,
                      lexicon: Any = None, lexicon_name: str = "bundled lexicon",
                      bundled_baseline: bool = False) -> PetrarchResult:
    """Convert the actor dictionary to a KB, run the extractor on the records and score it.

    With `write_kb` the converted KB file is kept at that path (a PETRARCH dictionary importer). `lexicon`:
    a trigger lexicon instead of the bundled one, e.g. `nlp.lexicon_with_petrarch_verbs` of the records'
    own verb dictionary (`verb_dictionary_for`), described by `lexicon_name`; `bundled_baseline` also
    scores the bundled lexicon alone, so both numbers are reported side by side.
    """
    records = load_records(path)
    book = petrarch_codebook(path, actors)
    if write_kb is not None:
        book.write(write_kb)
    started = time.perf_counter()
    predictions = _predict(extractor or _extractor_for(book, lexicon), records, n_process)
    result = score_petrarch(records, predictions, book, n_errors)
    result.lexicon = lexicon_name
    if bundled_baseline and extractor is None and lexicon is not None:
        result.bundled_found = score_petrarch(records, _predict(_extractor_for(book, None), records, n_process),
                                              book, 0).found
    result.seconds = time.perf_counter() - started
    return result
