"""Event phrases grown from the CAMEO codebook: property destruction, strikes and obstruction, reduced
relations, bans, investigations, force posture, withdrawals and calls for punitive measures."""

from __future__ import annotations

from nlp_support import extract, extract_rules, find


def of_country(found, country: str, relation: str, target: str | None = None) -> list:
    """Assertions of a relation from an actor of `country` (the state or one of its bodies, "irn.students")."""
    return [a for a in found if a.relation == relation and a.source.id and a.source.id.split(".")[0] == country
            and (target is None or a.target is not None and target in (a.target.id, a.target.text))]


def test_blowing_up_and_burning_property_is_coerce():
    assert find(extract("Houthi rebels blew up a pipeline near the Saudi border."), "houthis", "COERCE", None)
    assert find(extract("Wagner fighters torched the houses of Malian herders."), "wagner", "COERCE", "mli")
    assert find(extract("Hezbollah militants set fire to the offices of Hamas in Beirut."), "hezbollah",
                "COERCE", "hamas")
    assert find(extract("The Rapid Support Forces set ablaze several Sudanese villages."), "rsf", "COERCE", "sdn")


def test_blowing_up_a_target_that_is_not_property_stays_an_assault():
    found = extract("Hamas militants blew up an Israeli tank.")
    assert find(found, "hamas", "ASSAULT", "isr", mode="explosives")
    assert not find(found, "hamas", "COERCE", "isr")


def test_burning_a_flag_is_a_protest():
    assert of_country(extract("Iranian students burned an American flag."), "irn", "PROTEST", "usa")


def test_strikes_sit_ins_and_blocked_roads_are_protests():
    assert of_country(extract("Iraqi teachers went on strike against the Iraqi government."), "irq", "PROTEST",
                      "irq.gov")
    assert of_country(extract("Palestinian workers stopped work on Monday."), "pse", "PROTEST")
    assert of_country(extract("Lebanese students staged a sit-in outside the parliament."), "lbn", "PROTEST")
    found = extract("Hezbollah supporters blocked the highway to the airport.")
    assert find(found, "hezbollah", "PROTEST", None) and not find(found, "hezbollah", "COERCE", None)


def test_strike_as_a_protest_compound():
    found = extract("Palestinian unions called a nationwide strike against Israel.")
    assert of_country(found, "pse", "PROTEST", "isr") and not of_country(found, "pse", "ASSAULT", "isr")


def test_reduced_relations_and_closed_borders():
    assert find(extract("Ukraine announced the suspension of flights to Russia."), "ukr", "SANCTION", "rus")
    assert find(extract("Iraq closed its border with Syria."), "irq", "COERCE", "syr")
    assert find(extract("The United Arab Emirates cut off ties with Iran."), "are", "SANCTION", "irn")
    assert find(extract("Israel reimposed the blockade on Hamas."), "isr", "COERCE", "hamas")


def test_closing_an_embassy_is_a_sanction():
    assert find(extract("Ukraine closed its embassy in Russia."), "ukr", "SANCTION", None)


def test_bans_and_bars():
    assert find(extract("Mali barred Wagner from operating in the north."), "mli", "COERCE", "wagner",
                mode="restrict")
    assert find(extract("Israel banned Hamas from taking part in the elections."), "isr", "COERCE", "hamas")


def test_inspectors_and_investigations():
    found = extract("The United States dispatched investigators to Iraq.")
    assert find(found, "usa", "ACCUSE", "irq") and not find(found, "usa", "AID", "irq")
    assert find(extract("Iraq opened an investigation against the Popular Mobilisation Forces."), "irq",
                "ACCUSE", "pmf", mode="investigate")
    assert find(extract("Hamas was put under investigation by Israel."), "isr", "ACCUSE", "hamas")


def test_force_posture_is_mobilize():
    assert find(extract("Russia strengthened its forces in Ukraine."), "rus", "MOBILIZE", None)
    assert find(extract("Iran put its troops on alert against Israel."), "irn", "MOBILIZE", "isr")
    assert of_country(extract("Israeli soldiers remained on high alert."), "isr", "MOBILIZE")
    assert find(extract("Russia has massed troops against Ukraine."), "rus", "MOBILIZE", "ukr")


def test_strengthening_ties_stays_cooperation():
    assert find(extract("Iran strengthened its ties with Syria."), "irn", "COOPERATE", "syr")


def test_withdrawals_and_demobilisation_are_retreats():
    assert find(extract("Wagner pulled out of Mali."), "wagner", "RETREAT", "mli")
    assert find(extract("Russia completed the withdrawal of its troops from Syria."), "rus", "RETREAT", "syr")
    assert of_country(extract("The pullout of Russian troops from Ukraine began."), "rus", "RETREAT", "ukr")
    assert find(extract("The Arakan Army disbanded its units."), "aa", "RETREAT", None)


def test_a_name_is_not_an_event():
    found = extract("The Popular Mobilisation Forces met Iranian officials.")
    assert not [a for a in found if a.relation == "MOBILIZE"]


def test_calls_for_punitive_measures_accuse_their_target():
    found = extract("The United States called for sanctions against Iran.")
    assert find(found, "usa", "ACCUSE", "irn")
    assert find(extract("Israel called for an investigation into Hezbollah."), "isr", "ACCUSE", "hezbollah")


def test_calls_for_talks_request_them():
    assert find(extract("Ukraine called for talks with Russia."), "ukr", "REQUEST", "rus")


def test_forces_an_actor_moves_are_not_its_target():
    found = extract("The Wagner Group has deployed about 1,500 fighters in Mali.")
    assert find(found, "wagner", "MOBILIZE", None)
    assert not [a for a in found if a.relation == "MOBILIZE" and a.target is not None and a.target.id is None]
    assert find(extract("Iran deployed troops against Iraq."), "irn", "MOBILIZE", "irq")


def test_support_received_from_an_actor_is_that_actors_support():
    found = extract("Hamas received support from Hezbollah during the war.")
    assert find(found, "hezbollah", "SUPPORT", "hamas")
    assert not find(found, "hamas", "SUPPORT", "hezbollah")


def test_being_part_of_a_deployment_is_no_deployment_event():
    found = extract("All of them are part of this Iranian proxy force deployment in Lebanon.")
    assert not [a for a in found if a.relation == "MOBILIZE"]
    assert find(extract("The deployment of Iranian forces in Syria alarmed Israel."), "irn.mil", "MOBILIZE", None)


def test_defeats_blows_and_use_of_weapons_against_an_actor_are_assaults():
    found = extract_rules("Hezbollah's defeat of Israel in 2006 shocked the region.")
    assert find(found, "hezbollah", "ASSAULT", "isr")
    assert find(extract_rules("Israel delivered a heavy blow to Hezbollah."), "isr", "ASSAULT", "hezbollah")
    found = extract_rules("The militia was involved in the use of chemical weapons against the Houthis.")
    assert [a for a in found if a.relation == "ASSAULT" and a.target is not None and a.target.id == "houthis"]
    assert not extract_rules("Hamas's defeat is near.")


def test_standing_with_an_actor_is_support():
    assert find(extract_rules("Iran stands with Hezbollah."), "irn", "SUPPORT", "hezbollah")
    assert not extract_rules("Hamas fighters stood with their weapons.")


def test_the_recipient_can_be_named_on_the_aid_noun():
    found = extract_rules("Iran provided 100 million dollars in new assistance to the Houthis.")
    assert find(found, "irn", "AID", "houthis")


def test_being_in_contact_is_consultation():
    assert find(extract_rules("Israel remains in contact with Hamas through Egypt."), "isr", "CONSULT", "hamas")
    found = extract_rules("Putin raised these concerns in a phone call with Iran on Monday.")
    assert [a for a in found if a.relation == "CONSULT" and a.mode == "phone" and a.target is not None
            and a.target.id == "irn"]
    assert not [a for a in extract_rules("Iran agreed to mediation in the talks with Hamas.")
                if a.relation == "CONSULT" and a.source.id == "irn"]
