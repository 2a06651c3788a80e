"""PETRARCH verb dictionaries converted to fallback verb cues, and their use by the extractor."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from axisgraph.nlp import Extractor, lexicon_with_petrarch_verbs
from axisgraph.nlp.cameo_dictionary import convert, main, parse_verb_dictionary, verb_key
from axisgraph.nlp.lexicon import default_lexicon, hand_lexicon, read_verb_cues
from axisgraph.records import Document
from nlp_support import extract, find, fixture_kb

BUNDLED = Path(__file__).resolve().parents[1] / "src" / "axisgraph" / "nlp" / "data" / "cameo_verbs.yaml"

SMALL = """\
# A small dictionary in PETRARCH's verb format.
# Copyright (c) 2024 Test Authors
####### SYNONYM SETS #######
&ARMS
+WEAPON
+RIFLE

&PLACE_
+TOWN
+VILLAGE

####### VERB PATTERNS #######
---  CASTIGATE   [111]  ---
CASTIGATE
BERATE  # coder 01 Jan 2000
FLOG {FLOGS FLOGGING FLOGGED } [180]
+DRESS_DOWN {+DRESSES_DOWN +DRESSED_DOWN +DRESSING_DOWN}
+ANGERED_BY {}
- * SANCTIONS                                [163]   # CASTIGATE
- * &PLACE                                   [---]   # null code: skipped

---  DISPATCH   [---]  ---
DISPATCH
SEND {SENT SENDING SENDS }
- * &ARMS                                    [072]
- * {HUMANITARIAN AID}                       [073]
- * {MOCK ATTACK}                            [062]
- $ * POLICE                                 [153]
- * DELEGATION (TO +)                        [043]

---  STORM   [190]  ---
STORM
- * ATTACK                                   [190]

---  CONFER   [040:040]  ---
CONFER
PARLEY
- * WITH +                                   [040]
"""


@lru_cache(maxsize=1)
def small():
    """The conversion of the small dictionary above."""
    return convert(parse_verb_dictionary(SMALL))


def test_parse_blocks_forms_and_synsets():
    parsed = parse_verb_dictionary(SMALL)
    assert [b.name for b in parsed.blocks] == ["CASTIGATE", "DISPATCH", "STORM", "CONFER"]
    assert parsed.synsets["&ARMS"] == ("weapon", "rifle")
    assert parsed.blocks[0].code == "111"
    flog = parsed.blocks[0].forms[2]
    assert (flog.word, flog.code, flog.irregular) == ("FLOG", "180", ("FLOGS", "FLOGGING", "FLOGGED"))
    assert parsed.blocks[0].forms[1].word == "BERATE"
    assert parsed.notices == ("Copyright (c) 2024 Test Authors",)


def test_default_code_gives_verb_cues():
    verbs = small().verbs
    assert verbs["castigate"]["rel"] == "ACCUSE" and verbs["berate"]["rel"] == "ACCUSE"
    assert verbs["flog"]["rel"] == "ASSAULT"
    assert verbs["dress down"]["rel"] == "ACCUSE"
    assert verbs["castigate"]["objects"] == {"sanction": "COERCE"}
    assert "flogged" not in verbs and "angered by" not in verbs


def test_null_code_block_needs_objects():
    send = small().verbs["send"]
    assert send["needs"] == "objects"
    assert send["objects"] == {"weapon": "AID", "rifle": "AID", "aid": "AID"}
    assert small().verbs["dispatch"]["objects"] == send["objects"]


def test_modifier_carried_relations_and_complex_patterns_are_skipped():
    conversion = small()
    assert "attack" not in conversion.verbs["send"]["objects"]
    assert conversion.skipped["object: relation carried by the modifier"] == 1
    assert conversion.skipped["pattern: words before the verb"] == 1
    assert conversion.skipped["pattern: not a simple object or preposition"] == 1
    assert conversion.skipped["pattern: code with no relation"] == 1
    assert conversion.counts()["cues"] == len(conversion.verbs)


def test_paired_code_and_target_preposition():
    assert small().verbs["confer"] == {"rel": "CONSULT", "symmetric": True, "preps": ["with"]}
    assert small().verbs["parley"] == small().verbs["confer"]


def test_verb_keys():
    assert verb_key("ATTACK") == "attack"
    assert verb_key("+BEEF_UP") == "beef up"
    assert verb_key("WIRE_+TAP") is None
    assert verb_key("+ASK_FOR") is None


def test_bundled_file_loads_with_attribution():
    header = BUNDLED.read_text(encoding="utf-8")[:2000]
    assert "CAMEO.2.0.txt" in header and "MIT License" in header and "Open Event Data Alliance" in header
    assert "python -m axisgraph.nlp.cameo_dictionary convert" in header
    cues = read_verb_cues(BUNDLED)
    assert len(cues) > 1000 and cues["castigate"].rel == "ACCUSE"


def test_hand_lexicon_wins_and_grammar_verbs_stay_out():
    lex, hand = default_lexicon(), hand_lexicon()
    assert lex.verbs == hand.verbs
    assert not set(lex.fallback_verbs) & set(hand.verbs)
    assert "say" not in lex.fallback_verbs and "launch" not in lex.fallback_verbs
    assert read_verb_cues(BUNDLED)["fund"].rel != "AID"
    assert "castigate" in lex.fallback_verbs


def test_cameo_only_verb_yields_assertion_at_lower_confidence():
    castigated = find(extract("The Arakan Army castigated the Tatmadaw over the village raids."),
                      "aa", "ACCUSE", "mmr.tatmadaw")
    condemned = find(extract("The Arakan Army condemned the Tatmadaw over the village raids."),
                     "aa", "ACCUSE", "mmr.tatmadaw")
    assert castigated and castigated[0].trigger.text == "castigated"
    assert condemned and castigated[0].confidence < condemned[0].confidence


def test_cameo_only_verbs_of_other_relations():
    assert find(extract("The Rapid Support Forces evicted the Sudanese Armed Forces from Omdurman."),
                "rsf", "COERCE", "sdn.saf")
    assert find(extract("Russian artillery pummelled Ukraine for a week."), "rus", "ASSAULT", "ukr")


def test_hand_verb_keeps_its_hand_cue():
    found = extract("Russia funds the Wagner Group.")
    assert find(found, "rus", "AID", "wagner", mode="economic")
    assert not find(found, "rus", "COOPERATE", "wagner")


def test_fallback_verb_needs_a_target():
    assert find(extract("The Arakan Army condemned the decision."), "aa", "ACCUSE", None)
    assert not find(extract("The Arakan Army castigated the decision."), "aa", "ACCUSE", None)


@pytest.fixture
def user_verbs(tmp_path) -> Path:
    path = tmp_path / "user.verbs.txt"
    path.write_text("---  HARANGUE   [111]  ---\nHARANGUE\n\n---  CASTIGATE   [120]  ---\nCASTIGATE\n"
                    "\n---  CONDEMN   [050]  ---\nCONDEMN\n", encoding="utf-8")
    return path


def test_user_verb_dictionary(user_verbs):
    lex = lexicon_with_petrarch_verbs(user_verbs)
    assert lex.fallback_verbs["harangue"].rel == "ACCUSE"
    assert lex.fallback_verbs["castigate"].rel == "REJECT"
    assert "condemn" not in lex.fallback_verbs and lex.verbs["condemn"].rel == "ACCUSE"
    extractor = Extractor(fixture_kb(), lexicon=lex, relation_model=False)
    found = extractor.extract(Document(id="u", text="The Arakan Army harangued the Tatmadaw."))
    assert find(found, "aa", "ACCUSE", "mmr.tatmadaw")


def test_convert_command_writes_a_loadable_table(user_verbs, tmp_path, capsys):
    out = tmp_path / "verbs.yaml"
    assert main(["convert", str(user_verbs), "-o", str(out)]) == 0
    assert read_verb_cues(out)["harangue"].rel == "ACCUSE"
    assert "cues: 3" in capsys.readouterr().err


def test_cli_refuses_a_verbs_file_without_verb_blocks(tmp_path):
    from typer.testing import CliRunner

    from axisgraph.cli import app

    article = tmp_path / "a.txt"
    article.write_text("Iran funds Hezbollah.\n", encoding="utf-8")
    junk = tmp_path / "junk.verbs"
    junk.write_bytes(b"\xff\xfe\x00 not a dictionary\n\x89PNG\r\n")
    out = CliRunner().invoke(app, ["extract", str(article), "--verbs", str(junk)])
    assert out.exit_code == 2 and "junk.verbs" in out.output and "no verb cue" in out.output


def test_winning_user_verbs_decide_the_relation_and_keep_the_hand_grammar(user_verbs):
    lex = lexicon_with_petrarch_verbs(user_verbs, win=True)
    hand = hand_lexicon().verbs["condemn"]
    assert lex.verbs["condemn"].rel == "SUPPORT" and lex.verbs["condemn"].preps == hand.preps
    assert "castigate" in lex.verbs and "castigate" not in lex.fallback_verbs
    extractor = Extractor(fixture_kb(), lexicon=lex, relation_model=False)
    found = extractor.extract(Document(id="w", text="The Arakan Army condemned the Tatmadaw."))
    assert find(found, "aa", "SUPPORT", "mmr.tatmadaw") and not find(found, "aa", "ACCUSE", "mmr.tatmadaw")


def test_cli_verbs_win_needs_a_verbs_file(tmp_path):
    from typer.testing import CliRunner

    from axisgraph.cli import app

    article = tmp_path / "a.txt"
    article.write_text("Iran funds Hezbollah.\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["extract", str(article), "--verbs-win"])
    assert out.exit_code == 2 and "--verbs-win needs a --verbs file" in out.output


def test_an_inflected_speech_verb_in_a_user_file_still_only_reports(tmp_path):
    path = tmp_path / "says.verbs.txt"
    path.write_text("---  SAYS  [023]  ---\nSAYS\nSAID\n", encoding="utf-8")
    lex = lexicon_with_petrarch_verbs(path, win=True)
    extractor = Extractor(fixture_kb(), lexicon=lex, relation_model=False)
    found = extractor.extract(Document(id="s", text="Iran armed Hezbollah, a senior Israeli official said."))
    assert find(found, "irn", "AID", "hezbollah")
    assert not [a for a in found if a.relation == "REQUEST"]


def test_object_nouns_before_a_target_preposition_and_two_word_objects():
    verbs = convert(parse_verb_dictionary(
        "--- CELEBRATE [181] ---\nCELEBRATE\n- * EID AT ^ WITH + [043]\n- * IFTAR IN ^ + [045]\n"
        "--- SIGN [081] ---\nSIGN\n- * TRADE PROTOCOL [085]\n- * NOT BE HELD [112]\n")).verbs
    assert verbs["celebrate"]["objects"] == {"eid": "CONSULT", "iftar": "CONSULT"}
    assert verbs["sign"]["objects"] == {"protocol": "RETREAT"}


@pytest.fixture
def petrarch_style_verbs(tmp_path) -> Path:
    path = tmp_path / "petrarch.verbs.txt"
    path.write_text("--- DEPART [032] ---\nDEPART\n\n--- BREAK [1717] ---\nBREAK { BROKE BROKEN }\n\n"
                    "--- WELCOME [041] ---\nWELCOME\n", encoding="utf-8")
    return path


def test_user_verbs_take_a_target_from_a_prepositional_phrase_as_petrarch_does(petrarch_style_verbs):
    extractor = Extractor(fixture_kb(), lexicon=lexicon_with_petrarch_verbs(petrarch_style_verbs, win=True),
                          relation_model=False)
    def coded(text: str) -> set[tuple[str, str, str]]:
        return {(a.source.id, a.relation, a.target.id) for a in extractor.extract(Document(id="p", text=text))
                if a.target is not None}
    assert ("irn", "AGREE", "irq") in coded("Iran departed from Iraq on Monday.")
    assert ("irn", "CONSULT", "irq") in coded("Iran welcomed memos from Iraq on its role in the talks.")
    assert coded("Iran has broken relations with Iraq.") == {("irn", "COERCE", "irq")}
    default = Extractor(fixture_kb(), relation_model=False)
    assert not [a for a in default.extract(Document(id="d", text="Iran departed from Iraq on Monday."))
                if a.target is not None and a.relation == "AGREE"]
