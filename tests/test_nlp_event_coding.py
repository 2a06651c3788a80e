"""Event coding by the CAMEO codebook: unattributed attacks, passives, intents, complaints and new triggers."""

from __future__ import annotations

from nlp_support import extract, find


def _sources(found: list, relation: str) -> set:
    """Source ids (or texts) of the non-negated assertions of a relation."""
    return {a.source.id or a.source.text for a in found if a.relation == relation and not a.negated}


def test_bombing_without_perpetrator_is_coded_from_its_place():
    found = extract("A roadside bombing near the Iraqi town of Fallujah killed three American soldiers.")
    assert find(found, "irq", "ASSAULT", "usa.mil")


def test_passive_killing_by_a_device_is_coded_from_its_place():
    found = extract("Two Israeli soldiers were killed by an explosive device outside a Lebanese village.")
    assert find(found, "lbn", "ASSAULT", "isr.mil")


def test_agentless_passive_withdrawal_moves_the_subject():
    found = extract("Russian troops were withdrawn from Ukraine last week.")
    assert {a.target.id for a in found if a.relation == "RETREAT" and a.target} >= {"ukr"}


def test_conditional_sanction_with_modal_is_a_threat():
    found = extract("Israel may suspend talks with Hamas if the rocket fire continues.")
    assert find(found, "isr", "THREATEN", "hamas")
    assert not find(found, "isr", "SANCTION", "hamas")


def test_preparing_to_shell_is_military_posturing():
    found = extract("The Tatmadaw prepared to resume shelling Arakan Army positions.")
    assert find(found, "mmr.tatmadaw", "MOBILIZE", "aa")
    assert not find(found, "mmr.tatmadaw", "AGREE", "aa")


def test_a_decision_is_the_act_itself():
    found = extract("Sudan decided to allow the Rapid Support Forces to open an office in Khartoum.")
    assert find(found, "sdn", "CONCEDE", "rsf")


def test_lodged_protest_is_an_official_complaint():
    found = extract("Lebanon lodged an official protest with Israel on Monday.")
    assert find(found, "lbn", "ACCUSE", "isr")
    assert not find(found, "lbn", "PROTEST", None)


def test_engaged_in_ethnic_cleansing():
    found = extract("Wagner fighters were engaged in ethnic cleansing against Malian villagers.")
    assert find(found, "wagner", "ASSAULT", "mli.civilians")


def test_demand_noun_with_that_clause_names_who_must_act():
    found = extract("Iran reiterated its demand that the United States lift the sanctions.")
    assert "usa" in {a.target.id for a in found if a.relation == "REQUEST" and a.target}


def test_reduced_relative_subject_of_a_speech_verb():
    found = extract("Hezbollah fighters operating in Syria said Israel must stop the air strikes.")
    assert find(found, "hezbollah", "REQUEST", "isr")


def test_one_actor_named_twice_still_agrees():
    found = extract("The Rapid Support Forces (RSF) have agreed to open humanitarian corridors.")
    assert "rsf" in _sources(found, "AGREE")


def test_accepting_demands_is_a_concession():
    found = extract("The Sudanese Armed Forces accepted demands from the Rapid Support Forces.")
    assert find(found, "sdn.saf", "CONCEDE", "rsf")


def test_future_curfew_extension_is_a_threat():
    found = extract("Syria announced that it will extend the night curfew in Damascus.")
    assert "syr" in _sources(found, "THREATEN")


def test_returning_bodies_is_a_release():
    found = extract("Hezbollah returned the bodies of two soldiers to Israel.")
    assert find(found, "hezbollah", "RETREAT", "isr")


def test_establishing_ties_is_recognition():
    found = extract("The United Arab Emirates established diplomatic ties with Israel.")
    assert find(found, "are", "SUPPORT", "isr")


def test_forcing_residents_out_is_mass_expulsion():
    found = extract("Israeli forces forced out hundreds of Palestinian residents from their homes.")
    assert any(a.target and a.target.id and a.target.id.startswith("pse") for a in found
               if a.relation == "ASSAULT")


def test_lawsuit_is_an_accusation():
    assert find(extract("Iran is suing the United States for damages."), "irn", "ACCUSE", "usa")


def test_pressuring_to_act_is_a_demand():
    found = extract("Russia pressured Ukraine to cancel the vote.")
    assert find(found, "rus", "REQUEST", "ukr")
    assert not find(found, "rus", "COERCE", "ukr")


def test_statement_demanding_speaks_for_its_issuer():
    found = extract("Hamas issued a statement demanding that Israel release the prisoners.")
    assert find(found, "hamas", "REQUEST", "isr")


def test_activists_from_a_group_protest_for_it():
    found = extract("Angry activists from Hamas staged rallies in Gaza against Israel.")
    assert find(found, "hamas", "PROTEST", "isr")


def test_hunger_strike_in_protest_of_a_policy():
    found = extract("Hundreds of Hamas members continued a hunger strike in protest of Israel's detention policy.")
    assert find(found, "hamas", "PROTEST", "isr")


def test_refusal_noun_negates_the_act():
    found = extract("Iran criticised Israel's refusal to meet the Houthis.")
    assert not [a for a in find(found, "isr", "CONSULT", "houthis") if not a.negated]


def test_retaking_a_town_is_an_assault():
    found = extract("The Arakan Army has retaken a strategic town from the Tatmadaw.")
    assert "aa" in _sources(found, "ASSAULT")


def test_urging_others_to_support_rallies_support():
    found = extract("Iran urged Russia to support the Houthis.")
    assert find(found, "irn", "REQUEST", "rus")
    assert find(found, "irn", "SUPPORT", "houthis")
