"""The learned relation classifier: parse features, the bundled model, and the source-wise CV splitter."""

from __future__ import annotations

import pytest

from axisgraph.nlp import Extractor
from axisgraph.nlp.mentions import Discourse, find_mentions
from axisgraph.nlp.relation_cv import folds
from axisgraph.nlp.relation_features import lexicon_relation, pair_features, sentence_pairs
from axisgraph.nlp.relation_model import NONE, chunk_examples, learned_for_chunk, load_model
from axisgraph.records import Document

TALIBAN = "The Taliban carried out an attack on Afghan security forces in Helmand."


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(relation_model=False)


def _examples(extractor: Extractor, text: str):
    doc = extractor.nlp(text)
    mentions = find_mentions(doc, extractor.matcher, extractor.kb, extractor.lex, Discourse(), 0)
    return doc, mentions, chunk_examples(doc, mentions, "t", 0)


def test_pair_features_on_a_parsed_sentence(extractor):
    doc, mentions, _ = _examples(extractor, "Russia did not attack Ukraine last year.")
    sent = next(doc.sents)
    (first, second), = list(sentence_pairs(sent, mentions))
    assert (first.text, second.text) == ("Russia", "Ukraine")
    feats = pair_features(sent, first, second)
    assert "path=nsubj^|attack|dobjv" in feats
    assert {"onpath=attack", "onpathv=attack|state", "pathlem=attack", "btwv=attack", "dist=3-5"} <= set(feats)
    assert "negation" in feats and "k1=state" in feats and "k2=state" in feats


def test_lexicon_features_name_the_relation_of_the_linking_words(extractor):
    doc, mentions, _ = _examples(extractor, "Russia castigated Ukraine and pounded Georgia.")
    sent = next(doc.sents)
    pairs = {(a.text, b.text): (a, b) for a, b in sentence_pairs(sent, mentions)}
    castigated = pair_features(sent, *pairs[("Russia", "Ukraine")], lex=extractor.lex)
    assert "toprel=ACCUSE" in castigated  # a CAMEO fallback verb: no training pair needs to contain it
    assert not any(f.startswith(("toprel=", "onpathrel=")) for f in pair_features(sent, *pairs[("Russia", "Ukraine")]))
    pounded = pair_features(sent, *pairs[("Russia", "Georgia")], lex=extractor.lex)
    assert "onpathrel=ASSAULT" in pounded
    doc, mentions, _ = _examples(extractor, "Russia delivered attack helicopters to Mali.")
    sent = next(doc.sents)
    (first, second), = list(sentence_pairs(sent, mentions))
    assert not any("ASSAULT" in f for f in pair_features(sent, first, second, lex=extractor.lex))


def test_bundled_model_predicts_fighting_on_an_unseen_conflict(extractor):
    model = load_model()
    assert model is not None and "Wikipedia" not in model.meta["trained_on"]
    _, _, examples = _examples(extractor, TALIBAN)
    pair = next(ex for ex in examples if ex.second.text == "Afghan security forces")
    label, prob = model.predict(pair.features)
    assert pair.first.text == "Taliban" and label == "FightingAgainst>" and prob > model.threshold


def test_hook_adds_learned_assertions_for_pairs_rules_missed(extractor):
    doc = extractor.nlp(TALIBAN)
    mentions = find_mentions(doc, extractor.matcher, extractor.kb, extractor.lex, Discourse(), 0)
    document = Document(id="d", text=TALIBAN)
    learned = learned_for_chunk(load_model(), doc, mentions, document, 0, extractor.kb, [])
    hit = next(a for a in learned if a.target.text == "Afghan security forces")
    assert (hit.relation, hit.source.text, hit.trigger.text, hit.origin) == ("ASSAULT", "Taliban", "carried", "text")
    rules = extractor.extract(document)
    assert rules and extractor.relation_model is None
    assert all(a.relation != "ASSAULT" or a.trigger.text != "carried" for a in rules)
    assert learned_for_chunk(load_model(), doc, mentions, document, 0, extractor.kb, rules) == []


def test_cv_splitter_never_trains_on_the_held_out_source():
    folder = {"a1": "A", "a2": "A", "b1": "B", "c1": "C"}
    splits = folds(folder)
    assert [s for s, _, _ in splits] == ["A", "B", "C"]
    for source, train, test in splits:
        assert test and not train & test
        assert all(folder[d] != source for d in train) and all(folder[d] == source for d in test)


def test_gold_label_none_for_unrelated_pairs(extractor):
    _, _, examples = _examples(extractor, "Iran and Iraq met in Baghdad.")
    assert examples and all(ex.label == NONE for ex in examples)


def test_the_model_does_not_tie_an_accuser_to_the_victims_of_the_act_it_reports():
    for text in ("France has accused Wagner of abuses against civilians in Mali.",
                 "France has accused Wagner of abuses against civilians in Mali.\n\nMali denied it.\n"):
        found = Extractor().extract(Document(id="a", text=text))
        pairs = {(a.source.text, a.relation, a.target.text) for a in found if a.target is not None}
        assert ("France", "ACCUSE", "Wagner") in pairs
        assert not any(src == "France" and "civilians" in tgt for src, _, tgt in pairs)
        assert len({tuple(a.sentence_span) for a in found if "Wagner" in a.sentence}) == 1


def test_learned_membership_needs_kinds_that_can_hold_it():
    from axisgraph.nlp.relation_model import _plausible

    assert _plausible("MEMBER_OF", "armed_group", "coalition")
    assert not _plausible("MEMBER_OF", "coalition", "armed_group")
    assert not _plausible("MEMBER_OF", "state", "person")
    text = "The Houthis are part of the Axis of Resistance, and Hezbollah has trained Houthi fighters."
    found = Extractor().extract(Document(id="a", text=text))
    assert not [a for a in found if a.relation == "MEMBER_OF" and a.source.id == "axis_of_resistance"]



def test_a_capital_named_as_the_place_of_a_meeting_is_no_pair_for_the_model(extractor):
    doc, mentions, examples = _examples(extractor, "The Iranian envoy met Hezbollah officials in Beirut.")
    assert any(m.form == "capital" for m in mentions)
    assert examples and not any(m.form == "capital" for ex in examples for m in (ex.first, ex.second))


def test_the_whole_of_a_place_part_of_which_is_meant_is_no_pair_for_the_model(extractor):
    _, mentions, examples = _examples(extractor, "Hezbollah fighters operating in the southern part of Syria "
                                                 "attacked Israeli positions.")
    assert any(m.text == "Syria" for m in mentions)
    assert examples and not any(m.text == "Syria" for ex in examples for m in (ex.first, ex.second))


def test_no_learned_attack_by_a_speaker_or_by_the_one_attacked(extractor):
    from axisgraph.kb.loader import bundled_kb
    from axisgraph.nlp.relation_model import to_assertion

    document = Document(id="t", text="")
    _, _, examples = _examples(extractor, "US officials reported that Israel killed Hamas fighters.")
    said = {(ex.first.text, ex.second.text): ex for ex in examples}
    assert said[("US officials", "Israel")].reported and said[("US officials", "Hamas fighters")].reported
    assert not said[("Israel", "Hamas fighters")].reported
    assert to_assertion(said[("US officials", "Hamas fighters")], "FightingAgainst>", 0.9, document,
                        bundled_kb()) is None
    _, _, examples = _examples(extractor, "Airstrikes against Hamas operatives killed 20 militants in Gaza.")
    aimed = next(ex for ex in examples if ex.first.text == "Hamas")
    assert aimed.opposed == (True, False)
    assert to_assertion(aimed, "FightingAgainst>", 0.9, document, bundled_kb()) is None
    assert to_assertion(aimed, "FightingAgainst<", 0.9, document, bundled_kb()) is not None


def test_no_learned_tie_but_alliance_between_items_of_one_list(extractor):
    from axisgraph.kb.loader import bundled_kb
    from axisgraph.nlp.relation_model import to_assertion

    _, _, examples = _examples(extractor, "The Coalition and its partners have achieved a victory over ISIL.")
    listed = next(ex for ex in examples if ex.first.text == "Coalition" and ex.second.text == "its partners")
    assert listed.coordinated
    document = Document(id="t", text="")
    assert to_assertion(listed, "CommWith>", 0.9, document, bundled_kb()) is None
    assert to_assertion(listed, "AlliesOf>", 0.9, document, bundled_kb()) is not None


def test_a_verb_whose_relation_needs_its_object_gives_the_model_no_relation(extractor):
    doc = extractor.nlp("Serbian police launched an investigation into crimes by Croat forces and attacked them.")
    words = {t.lower_: t for t in doc}
    assert lexicon_relation(words["launched"], extractor.lex) is None
    assert lexicon_relation(words["attacked"], extractor.lex) == "ASSAULT"
