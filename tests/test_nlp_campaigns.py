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


def test_the_leader_of_a_unit_within_a_group_is_its_member():
    found = extract_rules("Abu Talha al-Kuwaiti, a Hamas cell leader in Jenin, was arrested by Israeli police.")
    assert find(found, "Abu Talha al-Kuwaiti", "MEMBER_OF", "hamas")
    assert not find(found, "Abu Talha al-Kuwaiti", "LEADS", "hamas")
    assert find(extract_rules("Hezbollah leader Hassan Nasrallah spoke on Friday."),
                "person.hassan_nasrallah", "LEADS", "hezbollah")


def test_a_unit_named_with_its_parent_unit_belongs_to_it():
    found = extract_rules("Sergeant Miller was assigned to 1st Battalion, 75th Ranger Regiment, Fort Benning.")
    assert find(found, "1st Battalion", "MEMBER_OF", "75th Ranger Regiment")
    found = extract_rules("The Islamic State group, the Nusra Front group and the Khorasan Group were hit.")
    assert not [a for a in found if a.relation == "MEMBER_OF"]


def test_personnel_from_a_unit_belong_to_it():
    found = extract_rules("Two hundred Airmen from the 48th Fighter Wing arrived in Estonia.")
    assert [a for a in found if a.relation == "MEMBER_OF" and a.source.text.endswith("Airmen")
            and a.target.text == "48th Fighter Wing"]
    assert find(extract_rules("Officers of the IRGC were killed in Damascus."), "Officers", "MEMBER_OF", "irn.irgc")


def test_acting_within_a_body_is_membership():
    assert find(extract_rules("Washington keeps working with Turkey within NATO."), "tur", "MEMBER_OF", "nato")
    assert not [a for a in extract_rules("Divisions within Hamas grew.") if a.relation == "MEMBER_OF"]


def test_a_rank_in_a_force_is_membership():
    assert find(extract_rules("He was a colonel in the IRGC until 2019."), "He", "MEMBER_OF", "irn.irgc")
    assert not [a for a in extract_rules("The general public opposed Hamas.") if a.relation == "MEMBER_OF"]


def test_taking_orders_from_someone_is_being_commanded():
    found = extract_rules("After 2020 the Houthis took orders from the Quds Force.")
    assert find(found, "irn.irgc.quds", "COMMANDS", "houthis")


def test_one_of_a_group_singled_out_belongs_to_it():
    found = extract_rules("The junta and its backers, notably Russia, ignored the ruling.")
    assert [a for a in found if a.relation == "MEMBER_OF" and a.source.id == "rus" and a.target.text == "its backers"]
    assert not [a for a in extract_rules("Russia, especially Putin, condemned the move.") if a.relation == "MEMBER_OF"]


def test_what_a_group_is_made_of_belongs_to_it():
    found = extract_rules("The Axis of Resistance, comprising Hezbollah and the Houthis, grew stronger.")
    assert find(found, "hezbollah", "MEMBER_OF", "axis_of_resistance")
    assert find(found, "houthis", "MEMBER_OF", "axis_of_resistance")
    found = extract_rules("The PMF, made up of Hezbollah and Hamas units, advanced.")
    assert find(found, "hezbollah", "MEMBER_OF", "pmf")
