"""Builders of real assertion records over real sentences, for store and graph tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from axisgraph.ontology import quad_of, relation_to_cameo
from axisgraph.records import ActorRef, Assertion, Document, Trigger

ACTORS = {
    "irn": ("Iran", "state"), "hamas": ("Hamas", "armed_group"), "hezbollah": ("Hezbollah", "armed_group"),
    "isr": ("Israel", "state"), "rus": ("Russia", "state"), "wagner": ("Wagner Group", "armed_group"),
}


def actor_rows() -> list[dict]:
    """Actors-table rows for the actors used here."""
    return [{"id": k, "name": v[0], "kind": v[1], "country": None, "origin": "test"} for k, v in ACTORS.items()]


def make(doc: Document, sentence: str, source: str, source_text: str, relation: str, target: str,
         target_text: str, trigger: str, negated: bool = False, mode: str | None = None,
         hedge: str = "asserted") -> Assertion:
    """An assertion whose spans are located in `doc.text` by searching the surface strings."""
    s0 = doc.text.index(sentence)

    def ref(actor_id: str, text: str) -> ActorRef:
        start = doc.text.index(text, s0)
        return ActorRef(id=actor_id, name=ACTORS[actor_id][0], kind=ACTORS[actor_id][1], text=text,
                        span=(start, start + len(text)))

    t0 = doc.text.index(trigger, s0)
    return Assertion(
        doc_id=doc.id, doc_date=doc.date, sentence=sentence, sentence_span=(s0, s0 + len(sentence)),
        source=ref(source, source_text), relation=relation, mode=mode, target=ref(target, target_text),
        negated=negated, hedge=hedge, confidence=0.8, trigger=Trigger(text=trigger, span=(t0, t0 + len(trigger))),
        quad=quad_of(relation), cameo=relation_to_cameo(relation, mode),
    )


def sample_batch() -> list[tuple[Document, list[Assertion]]]:
    """Two documents with five assertions between Iran, Hamas, Hezbollah and Israel."""
    text1 = "Iran funds Hamas. Hamas is not a proxy of Iran. Hezbollah attacked Israel."
    d1 = Document(id="d1", text=text1, date=date(2023, 11, 1), title="One")
    text2 = "Russia reportedly backs the Wagner Group. Iran arms Hezbollah."
    d2 = Document(id="d2", text=text2, date=date(2024, 2, 1), title="Two")
    return [
        (d1, [
            make(d1, "Iran funds Hamas.", "irn", "Iran", "AID", "hamas", "Hamas", "funds", mode="economic"),
            make(d1, "Hamas is not a proxy of Iran.", "irn", "Iran", "COMMANDS", "hamas", "Hamas", "proxy",
                 negated=True),
            make(d1, "Hezbollah attacked Israel.", "hezbollah", "Hezbollah", "ASSAULT", "isr", "Israel", "attacked"),
        ]),
        (d2, [
            make(d2, "Russia reportedly backs the Wagner Group.", "rus", "Russia", "BACKS", "wagner",
                 "the Wagner Group", "backs", hedge="reported"),
            make(d2, "Iran arms Hezbollah.", "irn", "Iran", "AID", "hezbollah", "Hezbollah", "arms", mode="military"),
        ]),
    ]


class FundsExtractor:
    """Finds "Iran funds Hamas." sentences; enough to exercise the ingest machinery."""

    def __init__(self, kb, fail_after: int | None = None) -> None:
        self.kb = kb
        self.fail_after = fail_after
        self.seen: list[str] = []

    def extract_many(self, documents: Iterable[Document], n_process: int = 1
                     ) -> Iterator[tuple[Document, list[Assertion]]]:
        for doc in documents:
            if self.fail_after is not None and len(self.seen) >= self.fail_after:
                raise KeyboardInterrupt
            self.seen.append(doc.id)
            found = []
            if "Iran funds Hamas." in doc.text:
                found.append(make(doc, "Iran funds Hamas.", "irn", "Iran", "AID", "hamas", "Hamas", "funds",
                                  mode="economic"))
            yield doc, found
