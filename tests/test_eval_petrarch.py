"""PETRARCH actor-dictionary converter and unit-test record scorer."""

from __future__ import annotations

from datetime import date

import pytest

from axisgraph.evaluation.petrarch import Coding, load_records, parse_records, petrarch_codebook, score_petrarch
from axisgraph.evaluation.petrarch_actors import (
    build_codebook,
    parse_actor_dictionary,
    parse_code,
    phrase_to_alias,
)
from axisgraph.kb import load_kb
from axisgraph.records import ActorRef, Assertion

DICTIONARY = """<!-- TEST DICTIONARY
# block comment -->
ARNOR_  [ARN]
+ARNORIAN # demonym
GONDOR [GON]
+MINAS_TIRITH
GONDOR_ARMY [GONMIL]
BOROMIR  [---]
THE_DARK_TOWER [MORTOR]
MORDOR [MOR]
U.S.S.R
+USSR
\t[USR <911226]
GOLLUM
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
EUROPEAN_UNION [IGOEEU]
"""

XML = """<Sentences>
<!-- a # comment with <Sentence> inside -->
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore full diplomatic ties with
Gondor.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Sentence date="19950102" id="AGENT-01" category="AGENT" sentence="true">
<EventCoding sourcecode="GONMIL" targetcode="MOR" eventcode="190"></EventCoding>
<EventCoding sourcecode="---GOV" targetcode="---" eventcode="023"></EventCoding>
<EventCoding sourcecode="GON" targetcode="MOR" eventcode="010"></EventCoding>
<Text>The Gondor army attacked Mordor.</Text>
</Sentence>
<Sentence date="19950103" id="NULL-01" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened in Gondor.</Text>
</Sentence>
<Sentence date="19950103" id="ERR-01" category="ERROR" sentence="true">
<EventCoding error="storydiscard"></EventCoding>
<Text>Discard me.</Text>
</Sentence>
</Sentences>"""


def test_parse_code_dates_and_nulls():
    assert parse_code("HOB < 950601").until == date(1995, 6, 1)
    assert parse_code("HOBREB > 990816").since == date(1999, 8, 16)
    spell = parse_code("ORCHOB 20100109-20100112")
    assert (spell.code, spell.since, spell.until) == ("ORCHOB", date(2010, 1, 9), date(2010, 1, 12))
    assert parse_code("---") is None and parse_code("pse").code == "PSE"
    assert parse_code("ELR/GAL").code == "ELR"


def test_phrase_to_alias():
    assert phrase_to_alias("ARNOR_") == "Arnor"
    assert phrase_to_alias("THE_DARK_TOWER") == "Dark Tower"
    assert phrase_to_alias("U.N.") == "U.N."
    assert phrase_to_alias("GROUP OF 77") == "Group of 77"
    assert phrase_to_alias("BARAD-DUR") == "Barad-Dur"


def test_dictionary_parse_and_codebook():
    entries = parse_actor_dictionary(DICTIONARY)
    assert [e.phrases[0] for e in entries][:3] == ["ARNOR_", "GONDOR", "GONDOR_ARMY"]
    assert entries[0].phrases == ["ARNOR_", "ARNORIAN"]
    book = build_codebook(entries)
    assert book.actors["arn"] == {"id": "arn", "name": "Arnor", "kind": "state", "country": "ARN",
                                  "aliases": ["Arnorian"]}
    assert book.actors["gon.mil"]["parent"] == "gon" and book.actors["gon.mil"]["kind"] == "state_org"
    assert "boromir" not in book.actors
    assert book.actors["mor.tor"]["name"] == "Dark Tower"
    assert book.actors["igoeeu"]["kind"] == "igo"
    assert book.code_of("gollum", date(1994, 1, 1)) == "HOB"
    assert book.code_of("gollum", date(1997, 1, 1)) == "HOBGOV"
    assert book.code_of("gon.gov") == "GONGOV"
    assert (book.code_of("gon.police"), book.code_of("gon.protesters")) == ("GONCOP", "GONOPP")
    assert book.code_of("nobody") is None


def test_a_compound_code_makes_a_coalition_that_states_each_part(tmp_path):
    entries = parse_actor_dictionary("LORIEN  [ELR/GAL]\nGONDOR [GON]\nELROND [ELR]\n")
    assert entries[0].compound and [c.code for c in entries[0].codes] == ["ELR", "GAL"]
    book = build_codebook(entries)
    assert book.actors["lorien"]["kind"] == "coalition" and book.codes_of("lorien") == ["ELR", "GAL"]
    kb = load_kb([book.write(tmp_path / "actors.yaml")], include_bundled=False, strict=True)
    assert [a.target for a in kb.get("elr").affiliations] == ["lorien"]
    records = parse_records('<Sentence date="19950101" id="C-1" category="COMPOUND" sentence="true">'
                            '<EventCoding sourcecode="GAL" targetcode="GON" eventcode="064"></EventCoding>'
                            '<Text>Lorien restored ties with Gondor.</Text></Sentence>')
    result = score_petrarch(records, {"C-1": [_assertion("C-1", "COOPERATE", "lorien", "gon")]}, book)
    assert result.found.correct == 1


def test_codebook_yaml_loads_as_kb(tmp_path):
    book = build_codebook(parse_actor_dictionary(DICTIONARY))
    kb = load_kb([book.write(tmp_path / "actors.yaml")], include_bundled=False, strict=True)
    assert kb.get("gon").aliases == ["Minas Tirith"]
    assert kb.state_of("gon.mil") == "gon"
    assert [a.target for a in kb.get("gollum").affiliations] == ["hob", "hob.gov", "hob.reb"]
    assert kb.get("usr") is not None


def test_records_parse_codings_flags_and_text():
    records = parse_records(XML)
    assert [r.id for r in records] == ["DEMO-00", "AGENT-01", "NULL-01", "ERR-01"]
    assert records[0].text == "Arnor is about to restore full diplomatic ties with Gondor."
    assert records[0].codings == (Coding("ARN", "GON", "064"),)
    assert records[0].codings[0].relation == "COOPERATE"
    assert [c.codable for c in records[1].codings] == [True, False, False]
    assert records[2].noevents and records[3].error == "storydiscard"


def _assertion(doc_id, relation, source_id, target_id, negated=False):
    return Assertion(doc_id=doc_id, sentence="s", sentence_span=(0, 1), relation=relation, negated=negated,
                     source=ActorRef(id=source_id, text=source_id, span=(0, 1)),
                     target=ActorRef(id=target_id, text=target_id, span=(2, 3)))


def test_score_root_and_exact_levels():
    records = parse_records(XML)
    book = build_codebook(parse_actor_dictionary(DICTIONARY))
    predictions = {
        "DEMO-00": [_assertion("DEMO-00", "COOPERATE", "arn", "gon")],
        "AGENT-01": [_assertion("AGENT-01", "ASSAULT", "gon", "mor")],       # right root, no agent
        "NULL-01": [_assertion("NULL-01", "CONSULT", "gon", "arn")],         # false alarm
        "ERR-01": [],
    }
    result = score_petrarch(records, predictions, book)
    assert (result.found.correct, result.found.total) == (2, 2)
    assert (result.found_exact.correct, result.found_exact.total) == (1, 2)
    assert result.noevent_false_alarms.correct == 1
    assert result.excluded == {"error records": 1, "uncodable codings": 2}
    assert result.precision.precision == pytest.approx(2 / 3)


def test_score_counts_wrong_relation_and_negation_as_missed():
    records = parse_records(XML)[:1]
    book = build_codebook(parse_actor_dictionary(DICTIONARY))
    predictions = {"DEMO-00": [_assertion("DEMO-00", "CONSULT", "arn", "gon"),
                               _assertion("DEMO-00", "COOPERATE", "arn", "gon", negated=True)]}
    result = score_petrarch(records, predictions, book)
    assert result.found.correct == 0 and result.pair_found.correct == 1
    assert result.errors[0]["expected"] == "ARN COOPERATE GON (064)"


def test_real_unit_test_files_parse(shared_data):
    path = shared_data / "anchors" / "petrarch2" / "PETR.UnitTest.records.xml"
    records = load_records(path)
    assert len(records) == 284
    assert sum(len(r.codings) for r in records) == 359
    book = petrarch_codebook(path)
    for code in ("ARN", "GON", "OSG", "MOR", "ETH"):
        assert code.lower() in book.actors
    assert "Minas Tirith" in book.actors["gon"]["aliases"]



class _FakeExtractor:
    """Stands in for the extractor: Arnor cooperates with Gondor in every record."""

    def extract_many(self, docs, n_process=1):
        for doc in docs:
            yield doc, [_assertion(doc.id, "COOPERATE", "arn", "gon")]


def test_runner_uses_the_named_dictionary_and_writes_the_kb(tmp_path):
    from axisgraph.evaluation.petrarch import evaluate_petrarch

    (tmp_path / "records.xml").write_text(
        "<Environment><Actorfile>mini.actors.txt</Actorfile></Environment>" + XML, encoding="utf-8")
    (tmp_path / "mini.actors.txt").write_text(DICTIONARY, encoding="utf-8")
    result = evaluate_petrarch(tmp_path / "records.xml", extractor=_FakeExtractor(),
                               write_kb=tmp_path / "kb.yaml")
    assert (result.found.correct, result.found.total) == (1, 2)
    assert result.noevent_false_alarms.correct == 1
    assert load_kb([tmp_path / "kb.yaml"], include_bundled=False).get("gon").name == "Gondor"


@pytest.mark.slow
def test_end_to_end_with_the_extractor(shared_data):
    from axisgraph.evaluation.petrarch import evaluate_petrarch

    result = evaluate_petrarch(shared_data / "anchors" / "petrarch2" / "PETR.UnitTest.records.xml")
    assert result.found.total == 281
    assert 0 < result.found.correct <= result.pair_found.correct <= result.found.total
    assert result.found_exact.correct <= result.found.correct


def test_the_first_dated_code_that_holds_wins_over_later_overlapping_ones():
    entries = parse_actor_dictionary("SAM_GAMGEE [HOB]\n\t[ORCHOB 20100109-20100112]\n\t[HOBMIL 20080120-20121109]\n")
    book = build_codebook(entries)
    assert book.code_of("sam_gamgee", date(2010, 1, 10)) == "ORCHOB"
    assert book.code_of("sam_gamgee", date(2011, 1, 10)) == "HOBMIL"
    assert book.code_of("sam_gamgee", date(2001, 1, 10)) == "HOB"


ENVIRONMENT_XML = """<Environment>
    <Verbfile>mini.verbs.txt</Verbfile>
    <Actorfile>mini.actors.txt</Actorfile>
</Environment>
<Sentences>
<Sentence date="19950101" id="VERB-01" category="VERB" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="041"></EventCoding>
<Text>Arnor welcomed Gondor.</Text>
</Sentence>
</Sentences>
"""


def _environment(tmp_path, verbs: bool = True):
    (tmp_path / "records.xml").write_text(ENVIRONMENT_XML, encoding="utf-8")
    (tmp_path / "mini.actors.txt").write_text(DICTIONARY, encoding="utf-8")
    if verbs:
        (tmp_path / "mini.verbs.txt").write_text("--- WELCOME  [041] ---\nWELCOME\n", encoding="utf-8")
    return tmp_path / "records.xml"


def test_the_verb_dictionary_the_records_name_is_found_next_to_them(tmp_path):
    from axisgraph.evaluation.petrarch import actor_dictionary_for, verb_dictionary_for

    path = _environment(tmp_path)
    assert verb_dictionary_for(path) == tmp_path / "mini.verbs.txt"
    assert actor_dictionary_for(path) == tmp_path / "mini.actors.txt"
    (tmp_path / "bare").mkdir()
    assert verb_dictionary_for(_environment(tmp_path / "bare", verbs=False)) is None


def test_the_cli_codes_in_the_records_environment_and_reports_the_bundled_lexicon_beside_it(tmp_path):
    import json

    from typer.testing import CliRunner

    from axisgraph.cli import app

    path = _environment(tmp_path)
    data = json.loads(CliRunner().invoke(app, ["eval", "petrarch", str(path), "--json"]).stdout)
    # the test's WELCOME is 041 (a consultation); CAMEO and the bundled lexicon make welcoming praise (051)
    assert data["lexicon"] == "verb dictionary mini.verbs.txt over the bundled lexicon"
    assert data["found_root"]["correct"] == 1
    assert data["found_root_bundled_lexicon"]["correct"] == 0
    bundled = json.loads(CliRunner().invoke(app, ["eval", "petrarch", str(path), "--json", "--bundled"]).stdout)
    assert bundled["lexicon"] == "bundled lexicon" and bundled["found_root"]["correct"] == 0
    assert bundled["found_root_bundled_lexicon"] is None


def test_the_cli_names_a_missing_actor_dictionary_instead_of_a_traceback(tmp_path):
    from typer.testing import CliRunner

    from axisgraph.cli import app

    (tmp_path / "records.xml").write_text("<Environment><Actorfile>gone.txt</Actorfile></Environment>" + XML,
                                          encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "petrarch", str(tmp_path / "records.xml")])
    assert result.exit_code == 2 and "gone.txt" in result.output and "Traceback" not in result.output
