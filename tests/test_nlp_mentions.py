"""KB matching and mention resolution: case rules, compounds, descriptions, surnames, unknown names."""

from __future__ import annotations

from axisgraph.kb import load_kb
from axisgraph.kb.matcher import KBMatcher
from axisgraph.nlp import load_nlp
from axisgraph.records import Document
from nlp_support import extract, extractor, find, fixture_kb


def _mentions(text: str):
    return extractor().mentions(Document(id="m", text=text))


def _ids(text: str) -> list[str | None]:
    return [m.actor_id for m in _mentions(text) if m.origin == "kb"]


def test_case_sensitive_forms_match_only_in_capitals():
    nlp = load_nlp()
    matcher = KBMatcher(fixture_kb(), nlp)
    found = matcher(nlp("The US said the IRGC let us in."))
    assert [m.actor_id for m in found] == ["usa", "irn.irgc"]


def test_lowercase_forms_need_a_capital_in_text():
    assert "irn" in _ids("Iran and iran")
    assert _ids("the hamas of the story").count("hamas") == 0


def test_compounds_possessives_and_adjectives():
    assert _ids("Iran-backed militias") == ["irn"]
    assert _ids("US-Israeli talks") == ["usa", "isr"]
    assert _ids("Iran's proxies") == ["irn"]
    assert _ids("Tehran's envoy met Iraqi leaders") == ["irn", "irq"]


def test_longest_form_wins():
    found = _mentions("the Iranian Revolutionary Guards Quds Force")
    assert [(m.text, m.actor_id) for m in found] == [("Iranian Revolutionary Guards Quds Force", "irn.irgc.quds")]


def test_description_resolves_to_last_fitting_actor():
    found = _mentions("Iran hosted Hamas. The Palestinian militant group thanked the country.")
    resolved = {m.text: m.actor_id for m in found}
    assert resolved["The Palestinian militant group"] == "hamas"
    assert resolved["the country"] == "irn"


def test_plural_descriptions_of_several_actors_stay_unresolved():
    found = _mentions("Hamas and Hezbollah met. These groups share goals.")
    assert [(m.text, m.actor_id) for m in found if "groups" in m.text] == [("These groups", None)]


def test_surname_after_first_mention_and_unknown_names():
    found = _mentions("Rima Ghattas met Hassan Nasrallah. Later Nasrallah and Ghattas spoke.")
    by_text = [(m.text, m.actor_id, m.kind) for m in found]
    assert ("Nasrallah", "person.hassan_nasrallah", "person") in by_text
    assert ("Ghattas", None, "person") in by_text


def test_offsets_are_document_characters():
    text = "Beirut.\n\nHamas met Hezbollah."
    for m in _mentions(text):
        assert text[m.start:m.end] == m.text
        assert m.sentence_start <= m.start < m.end <= m.sentence_end


def _resolved(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.actor_id) for m in _mentions(text) if m.actor_id]


def test_nationality_and_sector_noun_name_one_sector_actor():
    assert _resolved("Palestinian youths threw stones at Israeli police.") == [
        ("Palestinian youths", "pse.civilians"), ("Israeli police", "isr.police")]
    assert ("Sudanese rebels", "sdn.rebels") in _resolved("Sudanese rebels seized the town.")


def test_place_phrase_of_a_sector_noun_gives_the_state_and_is_not_a_second_actor():
    found = _resolved("Demonstrators in Baghdad burned an American flag.")
    assert found == [("Demonstrators in Baghdad", "irq.protesters"), ("American", "usa")]
    assert _resolved("Refugees from Syria crossed into Lebanon.")[0] == ("Refugees from Syria", "syr.refugees")


def test_officials_and_soldiers_of_a_state_are_its_government_and_military():
    assert _resolved("Iranian officials met Iraqi soldiers.") == [("Iranian officials", "irn.gov"),
                                                                  ("Iraqi soldiers", "irq.mil")]
    assert _resolved("Soldiers from Iraq crossed the border.") == [("Soldiers from Iraq", "irq.mil")]
    assert _resolved("The ambassador of Kuwait left.") == [("ambassador of Kuwait", "kwt.gov")]
    assert ("Hezbollah", "hezbollah") in _resolved("Hezbollah officials in Beirut denied it.")
    assert not any(i == "lbn.gov" for _, i in _resolved("Hezbollah officials in Beirut denied it."))
    assert not any(i == "syr.mil" for _, i in _resolved("Troops in Syria came under fire."))


def test_states_coordinated_with_a_sector_place_share_its_noun():
    found = _resolved("Lawmakers in Iraq and Iran condemned the strike.")
    assert ("Iran", "irn.legislature") in found and ("Lawmakers in Iraq", "irq.legislature") in found
    found = _resolved("The ambassadors of Kuwait, Turkey and Iran met.")
    assert {i for _, i in found} == {"kwt.gov", "tur.gov", "irn.gov"}


def test_sector_needs_a_state_and_the_right_preposition():
    assert _resolved("Protesters blocked the road.") == []
    assert ("Hezbollah", "hezbollah") in _resolved("Fighters of Hezbollah entered the town.")
    assert not any(i == "irn.opposition" for _, i in _resolved("Opponents of Iran met in Paris."))


def test_sector_actors_carry_the_country_and_only_state_bodies_a_parent():
    kb = fixture_kb()
    protesters, police = kb.get("irq.protesters"), kb.get("irq.police")
    assert (protesters.name, protesters.country, protesters.parent) == ("Protesters (Iraq)", "IRQ", None)
    assert (police.kind, police.parent) == ("state_org", "irq")
    assert kb.state_of("irq.protesters") == "irq"


def test_sector_actors_are_the_ends_of_assertions():
    found = extract("Israeli police arrested Palestinian youths.")
    assert find(found, "isr.police", "COERCE", "pse.civilians")
    assert not find(found, "isr.police", "COERCE", "pse")


def test_a_name_and_its_group_noun_are_one_mention():
    found = [(m.text, m.actor_id, m.kind) for m in _mentions("Hezbollah fighters fought the Shammar tribe.")]
    assert found == [("Hezbollah fighters", "hezbollah", "armed_group"), ("Shammar tribe", None, None)]
    assert [m.text for m in _mentions("The Iraqi tribe met Iranian officials.")][:2] == ["Iraqi", "tribe"]


_CONTEXT_KB = """kb: axisgraph-actors
version: test
actors:
  - {id: jor, name: Hashemite Kingdom of Jordan, kind: state, country: JOR, ambiguous_aliases: [Jordan]}
  - {id: egy, name: Egypt, kind: state, country: EGY}
  - {id: bhr, name: Bahrain, kind: state, country: BHR}
  - {id: irn, name: Iran, kind: state, country: IRN}
  - {id: isis, name: Islamic State, kind: armed_group, aliases: ["Da'esh"]}
"""


def _context_matches(tmp_path, text: str) -> list[str]:
    path = tmp_path / "kb.yaml"
    path.write_text(_CONTEXT_KB, encoding="utf-8")
    nlp = load_nlp()
    return [m.actor_id for m in KBMatcher(load_kb([path], include_bundled=False), nlp)(nlp(text))]


def test_a_straight_apostrophe_form_matches_a_typographic_one(tmp_path):
    assert _context_matches(tmp_path, "Da’esh and Da'esh fighters fled.") == ["isis", "isis"]


def test_an_ambiguous_alias_opening_a_sentence_needs_coordinated_actors_of_its_kind(tmp_path):
    assert _context_matches(tmp_path, "Jordan, Egypt and Bahrain condemned Iran.") == ["jor", "egy", "bhr", "irn"]
    assert _context_matches(tmp_path, "Jordan condemned Iran.") == ["irn"]
    assert _context_matches(tmp_path, "Jordan and Da'esh were named.") == ["isis"]


def test_an_ambiguous_alias_inside_a_person_name_is_not_the_state(tmp_path):
    assert "jor" not in _context_matches(tmp_path, "On Monday the envoy Michael Jordan visited Egypt.")


def _texts(text: str) -> list[str]:
    return [m.text for m in _mentions(text)]


def test_capitalised_plurals_and_unit_names_are_actor_nouns():
    found = _texts("Airmen from the 158th Fighter Wing trained with Soldiers and 300 Guard Airmen.")
    assert {"Airmen", "158th Fighter Wing", "Soldiers", "300 Guard Airmen"} <= set(found)


def test_a_body_noun_modifying_a_thing_is_an_actor():
    assert "coalition" in _texts("Iraq welcomed the coalition airstrikes near Mosul.")
    assert "regime" in _texts("Aleppo was destroyed by regime bombardment.")
    assert "senior government officials" in _texts("Iran sent senior government officials to Beirut.")


def test_nouns_for_communities_backers_and_victims():
    found = _texts("The international community and the victims blamed Iran and its backers.")
    assert {"international community", "victims", "its backers"} <= set(found)


def test_lone_names_of_persons_never_named_in_full():
    found = [(m.text, m.kind) for m in _mentions("Later Booker was assigned to a new unit. Booker died in 2016.")]
    assert found.count(("Booker", "person")) == 2
    assert "Special Advisor Thames" in _texts("In Lebanon, Special Advisor Thames will meet religious leaders.")


def test_members_of_a_group_stay_a_mention_apart_from_the_group():
    found = _texts("Hamas killed 70 members of the Shammar tribe.")
    assert "70 members" in found and "Shammar tribe" in found


def test_we_of_a_press_release_is_a_mention():
    assert [(m.text, m.origin) for m in _mentions("We condemn the attack on Iraq.")][0] == ("We", "pronoun")


def test_named_places_are_not_actors():
    found = _texts("Near Tal Afar, two strikes destroyed a vehicle. Fighting raged in Anbar Province near Baghdad.")
    assert not [t for t in found if "Tal Afar" in t or "Anbar" in t]
    assert "Baghdad" in found
    assert "East Turkestan Islamic Movement" in _texts("The East Turkestan Islamic Movement attacked a post.")


def test_a_form_written_in_lower_case_in_the_kb_matches_as_written():
    assert _ids("Airstrikes hit al-Qaida camps in Yemen.") == ["al_qaeda"]
    assert _ids("the hamas of the story").count("hamas") == 0


def test_a_demonym_ending_an_arabic_name_is_part_of_the_name():
    found = [(m.text, m.actor_id, m.kind) for m in _mentions("Iraqi police arrested Abu Talha al-Kuwaiti in Mosul.")]
    assert not [f for f in found if f[1] == "kwt"]
    assert _resolved("Kuwaiti officials met Iranian envoys.") == [("Kuwaiti officials", "kwt.gov"),
                                                                  ("Iranian envoys", "irn.gov")]


def test_a_sector_noun_modifying_an_actor_noun_names_the_sector():
    found = [(m.text, m.actor_id) for m in _mentions("Syrian opposition forces and Iraqi police officers met.")]
    assert ("Syrian opposition forces", "syr.opposition") in found and ("Iraqi police officers", "irq.police") in found


def test_a_description_is_not_the_subject_of_its_own_clause():
    found = [(m.text, m.actor_id) for m in _mentions("Russia and the Wagner Group vowed to defeat the rebels.")]
    assert ("the rebels", "wagner") not in found
    found = [(m.text, m.actor_id) for m in _mentions("Hamas attacked Israel. Israel then bombed the group.")]
    assert ("the group", "hamas") in found


def test_a_family_name_after_another_given_name_is_not_the_kb_person(tmp_path):
    kb_file = tmp_path / "kb.yaml"
    kb_file.write_text("kb: test\nactors:\n  - {id: person.bashar, name: Bashar al-Assad, kind: person,\n"
                       "     aliases: [Assad, al-Assad, President Assad]}\n", encoding="utf-8")
    nlp = load_nlp()
    matcher = KBMatcher(load_kb([kb_file], include_bundled=False), nlp)

    def matched(text: str) -> list[str]:
        doc = nlp(text)
        return [doc[m.start:m.end].text for m in matcher(doc) if m.actor_id == "person.bashar"]

    assert matched("It was founded by Bassel al-Assad in 1989.") == []
    assert matched("Bashar al-Assad met the envoy.") == ["Bashar al-Assad"]
    assert matched("President Assad met the envoy.") == ["President Assad"]


def test_a_name_the_text_calls_a_town_is_no_organisation():
    found = _mentions("Syrian rebels liberated the town of Dabiq from Hamas.")
    assert not [m for m in found if m.text == "Dabiq" and m.form == "org"]


def test_a_noun_phrase_opening_the_sentence_keeps_its_first_word():
    found = _mentions("Coalition nations which have conducted strikes include Australia and France.")
    assert "Coalition nations" in [m.text for m in found]


def test_an_office_title_keeps_its_portfolio():
    found = _mentions("The Foreign Secretary met the US Secretary of State and Iraq's Minister of Foreign Affairs.")
    texts = [m.text for m in found]
    assert "Secretary of State" in texts and "Minister of Foreign Affairs" in texts
    assert "State" not in texts
    assert [(m.text, m.actor_id) for m in _mentions("The minister of Kuwait spoke.")] == [
        ("minister of Kuwait", "kwt.gov")]


def test_a_hyphenated_title_is_one_mention_whichever_part_the_parser_made_the_head():
    texts = [m.text for m in _mentions("Hezbollah's secretary-general said that Israel attacked Lebanon.")]
    assert "secretary-general" in texts and "general" not in texts
    speech = extract("Hezbollah's secretary-general said:\n\nI condemn the Israeli strikes on Lebanon.")
    assert [a.source.text for a in speech if a.relation == "ACCUSE"] == ["secretary-general"]
