"""Qualifiers: negation, hedges, speakers across quotes, and event dates relative to the document."""

from __future__ import annotations

from datetime import date

import pytest

from axisgraph.nlp.qualifiers import parse_date, quote_regions
from nlp_support import extract, find


@pytest.mark.parametrize(("text", "expected"), [
    ("October 7", date(2023, 10, 7)),
    ("on Oct. 7", date(2023, 10, 7)),
    ("7 October 2021", date(2021, 10, 7)),
    ("December 25", date(2022, 12, 25)),
    ("last Tuesday", date(2023, 10, 31)),
    ("Wednesday", date(2023, 11, 1)),
    ("yesterday", date(2023, 10, 31)),
    ("2019", date(2019, 1, 1)),
    ("2023-09-30", date(2023, 9, 30)),
])
def test_parse_date_relative_to_document(text, expected):
    assert parse_date(text, date(2023, 11, 1)) == expected


def test_parse_date_without_document_date():
    assert parse_date("October 7", None) is None
    assert parse_date("October 7, 2023", None) == date(2023, 10, 7)


def test_event_date_attaches_to_the_trigger_only():
    found = extract("The Wagner Group attacked the Malian army on October 7.")
    assert find(found, "wagner", "ASSAULT", "mli.mil", event_date=date(2023, 10, 7))
    found = extract("Russia armed the RSF. Talks began on October 7.")
    assert find(found, "rus", "AID", "rsf", event_date=None)


@pytest.mark.parametrize(("text", "hedge"), [
    ("Russia reportedly funds the Wagner Group.", "reported"),
    ("According to officials, Russia funds the Wagner Group.", "reported"),
    ("Russia probably funds the Wagner Group.", "likely"),
    ("Russia may fund the Wagner Group.", "possible"),
    ("Russia allegedly funds the Wagner Group.", "possible"),
    ("Russia funds the Wagner Group.", "asserted"),
])
def test_hedges(text, hedge):
    found = find(extract(text), "rus", "AID", "wagner")
    assert found and found[0].hedge == hedge
    assert found[0].confidence <= find(extract("Russia funds the Wagner Group."), "rus", "AID", "wagner")[0].confidence


def test_negation_and_denial():
    assert find(extract("The UAE did not arm the RSF."), "are", "AID", "rsf", negated=True)
    denied = find(extract("The UAE denied arming the RSF."), "are", "AID", "rsf")
    assert denied and denied[0].negated and denied[0].hedge == "denied"
    assert find(extract("The UAE armed the RSF."), "are", "AID", "rsf", negated=False)


def test_reported_speech_keeps_the_speaker_apart_from_the_source():
    found = extract("Ukraine said Russia attacked Kyiv.")
    attack = find(found, "rus", "ASSAULT", "ukr")
    assert attack and attack[0].speaker.id == "ukr" and attack[0].hedge == "reported"


def test_quote_continues_with_he_added():
    text = ('Hassan Nasrallah spoke on Friday. "Iran supplies Hezbollah with rockets," Nasrallah said. '
            '"Russia also trains the Houthis," he added.')
    found = extract(text)
    arms = find(found, "irn", "AID", "hezbollah", mode="military")
    assert arms and arms[0].speaker.id == "person.hassan_nasrallah"
    trains = find(found, "rus", "AID", "houthis", mode="training")
    assert trains and trains[0].speaker.id == "person.hassan_nasrallah"


def test_quote_regions():
    assert quote_regions('a "b c" d “e” f') == [(2, 7), (10, 13)]


def test_first_person_of_direct_speech_is_the_speaker():
    after_colon = extract("Hassan Nasrallah said:\n\nI condemn the Israeli strikes on Lebanon.")
    condemn = find(after_colon, "person.hassan_nasrallah", "ACCUSE", "isr")
    assert condemn and condemn[0].source.text == "Hassan Nasrallah" and condemn[0].hedge == "asserted"
    assert "Hassan Nasrallah said:" in condemn[0].sentence
    quoted = extract('"I condemn the Israeli strikes," said Hassan Nasrallah.')
    assert find(quoted, "person.hassan_nasrallah", "ACCUSE", "isr")


def test_first_person_of_indirect_speech_or_after_a_heading_is_left_alone():
    indirect = extract("Hassan Nasrallah said that I had attacked Israel.")
    assert not find(indirect, "person.hassan_nasrallah", "ASSAULT", "isr")
    heading = extract("Background:\n\nI condemn the Israeli strikes on Lebanon.")
    assert [a.source.text for a in heading if a.relation == "ACCUSE"] == ["I"]

