"""Effort and campaign nouns, passive agents inside event nouns, and membership from noun-phrase structure."""

from __future__ import annotations

from nlp_support import extract, extract_rules, find


def test_possessor_of_a_strategy_wages_its_purpose():
    assert find(extract("Ukraine's strategy to defeat Russia is working."), "ukr", "ASSAULT", "rus")


def test_the_one_supported_in_their_campaign_is_the_fighter():
    found = extract_rules("The United States supports the Sudanese Armed Forces in their campaign to defeat the "
                          "Rapid Support Forces.")
    assert find(found, "sdn.saf", "ASSAULT", "rsf")
    assert not find(found, "usa", "ASSAULT", "rsf")


def test_support_for_an_actor_in_the_fight_against_another():
    found = extract_rules("Russia reiterated its support for the Tatmadaw in the fight against the Arakan Army.")
    assert find(found, "mmr.tatmadaw", "ASSAULT", "aa")
    assert not find(found, "rus", "ASSAULT", "aa")
    found = extract_rules("Ukraine welcomed Russia support for the Tatmadaw in the fight against the Arakan Army.")
    assert find(found, "mmr.tatmadaw", "ASSAULT", "aa")
    assert not find(found, "rus", "ASSAULT", "aa")


def test_raid_by_an_agent_hits_the_passive_subject():
    found = extract("Yevgeny Prigozhin was killed in a raid by Ukrainian forces.")
    assert find(found, "ukr.mil", "ASSAULT", "person.yevgeny_prigozhin")


def test_coordinated_passive_participle_keeps_the_victim_as_target():
    found = extract("Hassan Nasrallah was targeted and killed in an airstrike conducted by Israel.")
    assert [a for a in found if a.relation == "ASSAULT" and a.source.id == "isr"]
    assert not [a for a in found if a.relation == "ASSAULT" and a.source.id == "person.hassan_nasrallah"]


def test_members_of_a_group_belong_to_it():
    found = extract("Israel killed 30 members of Hamas in Gaza.")
    assert find(found, "30 members", "MEMBER_OF", "hamas")
    assert find(found, "isr", "ASSAULT", "hamas")


def test_officials_from_a_group_belong_to_it():
    assert find(extract("Officials from the Wagner Group visited Bamako."), "Officials", "MEMBER_OF", "wagner")


def test_acting_as_part_of_a_coalition_is_membership():
    found = extract("Hezbollah fights as part of the Axis of Resistance.")
    assert find(found, "hezbollah", "MEMBER_OF", "axis_of_resistance")


def test_receiving_fire_from_an_actor_is_being_attacked():
    found = extract("Sudanese troops received heavy artillery fire from the Rapid Support Forces.")
    assert find(found, "rsf", "ASSAULT", "sdn.mil")
    assert not [a for a in found if a.relation == "AID"]
    assert find(extract("Ukraine received weapons from the United States."), "usa", "AID", "ukr")


def test_members_named_by_including():
    found = extract_rules("The Axis of Resistance, including Hezbollah and the Houthis, condemned Israel.")
    assert find(found, "hezbollah", "MEMBER_OF", "axis_of_resistance")
    assert find(found, "houthis", "MEMBER_OF", "axis_of_resistance")
    struck = extract_rules("Israel struck several targets, including Hezbollah.")
    assert not [a for a in struck if a.relation == "MEMBER_OF"]
