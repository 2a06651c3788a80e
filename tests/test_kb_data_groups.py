"""Checks of the bundled actor data for armed groups, parties, coalitions and persons.

The files are read with yaml.safe_load (as any user tool would) and checked for the contract of
docs/actors.md: marker, ids, kinds, dated LEADS affiliations, required coverage and alias uniqueness.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest
import yaml

import axisgraph.kb
from axisgraph.kb import load_kb
from axisgraph.kb.model import ACTOR_KINDS, AFFILIATION_RELATIONS

DATA = Path(axisgraph.kb.__file__).parent / "data"
FILES = ("armed_groups.yaml", "coalitions.yaml", "persons.yaml")
OTHER_FILES = ("states.yaml", "state_orgs.yaml", "igos.yaml")
SAMPLE = Path(__file__).resolve().parents[1] / "../shared/data/samples/axis-of-resistance-2023-11-01.txt"

REQUIRED = {
    # Middle East and North Africa
    "hezbollah", "hamas", "hamas.qassam", "pij", "pij.quds_brigades", "pflp", "dflp", "fatah", "fatah.aqsa",
    "lions_den", "jenin_brigade", "houthis", "pmf", "kataib_hezbollah", "asaib_ahl_al_haq", "badr", "nujaba",
    "kataib_sayyid_al_shuhada", "islamic_resistance_in_iraq", "saraya_awliya_al_dam", "liwa_fatemiyoun",
    "liwa_zainabiyoun", "isis", "isis.khorasan", "isis.west_africa", "isis.sinai", "isis.somalia",
    "isis.central_africa", "hts", "sdf", "ypg", "ypj", "pyd", "pkk", "irq.krg.peshmerga", "syrian_national_army",
    "free_syrian_army", "jaysh_al_islam", "ahrar_al_sham", "al_qaeda", "aqap", "aqim", "al_shabaab", "jnim",
    "hurras_al_din", "lna", "polisario", "rsf", "stc", "jaish_al_adl", "pjak", "muslim_brotherhood", "amal",
    "lebanese_forces", "popular_resistance_committees", "mujahideen_brigades",
    # elsewhere
    "taliban", "ttp", "haqqani_network", "lashkar_e_taiba", "jaish_e_mohammed", "bla", "wagner", "africa_corps",
    "boko_haram", "m23", "adf", "fdlr", "codeco", "ambazonia_separatists", "fano", "tplf", "tdf", "ola",
    "farc_emc", "segunda_marquetalia", "eln", "shining_path", "ezln", "arakan_army", "mndaa", "tnla", "kia",
    "knu", "pdf_myanmar", "nug", "azov", "russian_volunteer_corps", "freedom_of_russia_legion", "akhmat",
    "caucasus_emirate", "abu_sayyaf", "npa", "milf", "eta", "ira", "real_ira",
    # parties
    "likud", "ennahda", "akp", "chp", "baath_syria", "dawa_party", "sadrist_movement", "saraya_al_salam", "kdp",
    "puk", "united_russia", "gop", "us_democratic_party", "uk_labour", "uk_conservatives",
    # coalitions
    "axis_of_resistance", "global_coalition_against_isis", "saudi_led_coalition", "operation_prosperity_guardian",
    "joint_operations_room", "plo",
    # persons
    "person.ali_khamenei", "person.ebrahim_raisi", "person.masoud_pezeshkian", "person.bashar_al_assad",
    "person.ahmed_al_sharaa", "person.hassan_nasrallah", "person.naim_qassem", "person.ismail_haniyeh",
    "person.yahya_sinwar", "person.mohammed_deif", "person.khaled_meshaal", "person.ziyad_al_nakhalah",
    "person.abdul_malik_al_houthi", "person.qasem_soleimani", "person.esmail_qaani", "person.hossein_salami",
    "person.mohammad_pakpour", "person.abu_mahdi_al_muhandis", "person.faleh_al_fayyadh", "person.qais_al_khazali",
    "person.hadi_al_amiri", "person.akram_al_kaabi", "person.abu_bakr_al_baghdadi", "person.ayman_al_zawahiri",
    "person.hibatullah_akhundzada", "person.yevgeny_prigozhin", "person.mohamed_hamdan_dagalo",
    "person.abdel_fattah_al_burhan", "person.khalifa_haftar", "person.mazloum_abdi", "person.abdullah_ocalan",
    "person.herzi_halevi", "person.eyal_zamir", "person.yoav_gallant", "person.israel_katz",
    "person.lloyd_austin", "person.pete_hegseth", "person.michael_kurilla", "person.antony_blinken",
    "person.marco_rubio", "person.sergei_lavrov", "person.valery_gerasimov", "person.abbas_araghchi",
    "person.hossein_amir_abdollahian", "person.mahmoud_abbas", "person.min_aung_hlaing",
    "person.benjamin_netanyahu", "person.isaac_herzog", "person.joe_biden", "person.donald_trump",
    "person.vladimir_putin", "person.volodymyr_zelensky", "person.xi_jinping", "person.narendra_modi",
}


def _load(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def files() -> dict[str, dict]:
    return {name: _load(name) for name in FILES}


@pytest.fixture(scope="module")
def actors(files: dict[str, dict]) -> list[dict]:
    return [actor for data in files.values() for actor in data["actors"]]


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.fixture(scope="module")
def index(kb) -> dict[str, set[str]]:
    """Unambiguous surface forms of the loaded KB, normalised, to the actor ids they name."""
    found: dict[str, set[str]] = defaultdict(set)
    for form in kb.surface_forms():
        if not form.ambiguous:
            found[_norm(form.text)].add(form.actor_id)
    return found


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def test_files_carry_the_marker_and_an_actor_list(files: dict[str, dict]) -> None:
    for name, data in files.items():
        assert data["kb"] == "axisgraph-actors", name
        assert isinstance(data["actors"], list) and len(data["actors"]) > 10, name


def test_ids_are_well_formed_and_unique_across_files(actors: list[dict]) -> None:
    seen: dict[str, int] = defaultdict(int)
    for actor in actors:
        assert re.fullmatch(r"[a-z0-9_][a-z0-9_.\-]*", actor["id"]), actor["id"]
        seen[actor["id"]] += 1
    assert [i for i, n in seen.items() if n > 1] == []


def test_ids_do_not_override_states_agencies_or_igos(actors: list[dict]) -> None:
    """A shared id would silently merge an armed group into a state (the loader overrides by id)."""
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    others = {a["id"] for name in OTHER_FILES if (DATA / name).exists()
              for a in yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=fast)["actors"]}
    if not others:
        pytest.skip("states, state_orgs and igos files are not present")
    assert sorted({a["id"] for a in actors} & others) == []


def test_kinds_names_and_countries(files: dict[str, dict]) -> None:
    for name, data in files.items():
        for actor in data["actors"]:
            assert actor["kind"] in ACTOR_KINDS, actor["id"]
            assert actor["name"].strip(), actor["id"]
            if actor.get("country"):
                assert re.fullmatch(r"[A-Z]{3}", actor["country"]), actor["id"]
            if name == "persons.yaml":
                assert actor["kind"] == "person" and actor["id"].startswith("person."), actor["id"]
                assert actor.get("description"), actor["id"]
            if name == "coalitions.yaml":
                assert actor["kind"] == "coalition", actor["id"]
    kinds = {a["kind"] for a in files["armed_groups.yaml"]["actors"]}
    assert {"armed_group", "party"} <= kinds


def test_affiliations_are_valid_and_leads_is_dated(actors: list[dict]) -> None:
    leads = 0
    for actor in actors:
        for aff in actor.get("affiliations") or []:
            assert aff["relation"] in AFFILIATION_RELATIONS, actor["id"]
            since, until = _as_date(aff.get("since")), _as_date(aff.get("until"))
            if aff["relation"] == "LEADS":
                leads += 1
                assert since is not None, f"{actor['id']} LEADS {aff['target']} has no since date"
            if since and until:
                assert since <= until, f"{actor['id']} {aff['relation']} {aff['target']}"
    assert leads > 300


def test_one_leader_per_organisation_at_a_time(actors: list[dict]) -> None:
    """Two persons leading the same organisation may only meet on the handover day."""
    spans: dict[str, list[tuple[date, date, str]]] = defaultdict(list)
    for actor in actors:
        for aff in actor.get("affiliations") or []:
            if aff["relation"] == "LEADS":
                spans[aff["target"]].append(
                    (_as_date(aff["since"]), _as_date(aff.get("until")) or date.max, actor["id"]))
    clashes = [
        (target, p1, p2)
        for target, group in spans.items()
        for (s1, u1, p1), (s2, u2, p2) in combinations(sorted(group), 2)
        if p1 != p2 and s2 < u1 and s1 < u2
    ]
    assert clashes == []


def test_required_actors_are_present(actors: list[dict]) -> None:
    ids = {a["id"] for a in actors}
    assert sorted(REQUIRED - ids) == []


def test_no_alias_names_two_actors_unless_marked_ambiguous(actors: list[dict]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in actors:
        ambiguous = {_norm(a) for a in actor.get("ambiguous_aliases") or []}
        for form in [actor["name"], *(actor.get("aliases") or [])]:
            if _norm(form) not in ambiguous:
                owners[_norm(form)].add(actor["id"])
    assert {form: ids for form, ids in owners.items() if len(ids) > 1} == {}


def test_aliases_are_names_not_common_words(actors: list[dict]) -> None:
    """Every alias carries a capital letter, so none is an ordinary lowercase phrase."""
    for actor in actors:
        for form in [*(actor.get("aliases") or []), *(actor.get("ambiguous_aliases") or [])]:
            assert any(c.isupper() for c in form), f"{actor['id']}: {form!r}"
            assert not re.search(r" \((?!Maoist\))", form), f"qualifier in alias {actor['id']}: {form!r}"
    forbidden = {"resistance", "axis", "group", "movement", "the group", "militants", "rebels", "coalition",
                 "brotherhood", "gallant", "tusk", "truss", "waltz", "barbecue", "salami", "rada", "return"}
    plain = {_norm(f) for a in actors for f in a.get("aliases") or []}
    assert plain & forbidden == set()


def test_loaded_kb_has_no_issues_from_these_files(kb) -> None:
    ours = [str(i) for i in kb.issues if Path(i.file).name in FILES]
    assert ours == []


@pytest.mark.parametrize(("text", "actor_id"), [
    ("Hizballah", "hezbollah"), ("Ansar Allah", "houthis"), ("Hashd al-Shaabi", "pmf"), ("Daesh", "isis"),
    ("Islamic Jihad", "pij"), ("Saraya al-Quds", "pij.quds_brigades"), ("Ezzedine al-Qassam", "hamas.qassam"),
    ("Jabhat al-Nusra", "hts"), ("ISKP", "isis.khorasan"), ("Tehrik-i-Taliban Pakistan", "ttp"),
    ("PMC Wagner", "wagner"), ("Mehwar al-Muqawama", "axis_of_resistance"), ("Operation Inherent Resolve",
    "global_coalition_against_isis"), ("Abu Mohammad al-Jolani", "person.ahmed_al_sharaa"),
    ("Sayyed Hassan Nasrallah", "person.hassan_nasrallah"), ("Hemedti", "person.mohamed_hamdan_dagalo"),
])
def test_load_kb_resolves_spelling_variants(index: dict[str, set[str]], text: str, actor_id: str) -> None:
    assert index[_norm(text)] == {actor_id}


def test_load_kb_answers_who_led_what_when(kb) -> None:
    def leader(target: str, day: date) -> list[str]:
        return sorted(a.id for a in kb if a.kind == "person" and target in kb.led_by(a.id, day))

    assert leader("hezbollah", date(2006, 7, 12)) == ["person.hassan_nasrallah"]
    assert leader("hezbollah", date(2025, 1, 1)) == ["person.naim_qassem"]
    assert leader("hezbollah", date(2024, 10, 10)) == []
    assert leader("irn.gov", date(2023, 1, 1)) == ["person.ebrahim_raisi"]
    assert leader("irn.gov", date(2025, 1, 1)) == ["person.masoud_pezeshkian"]
    assert leader("syr", date(2024, 1, 1)) == ["person.bashar_al_assad"]
    assert leader("syr", date(2025, 6, 1)) == ["person.ahmed_al_sharaa"]
    assert leader("usa", date(2023, 1, 1)) == ["person.joe_biden"]
    assert leader("usa", date(2019, 1, 1)) == leader("usa", date(2025, 6, 1)) == ["person.donald_trump"]
    assert leader("irn.irgc.quds", date(2019, 1, 1)) == ["person.qasem_soleimani"]
    assert kb.state_of("hamas.qassam") == "pse"
    assert kb.ancestors("isis.khorasan") == ["isis"]


def test_sample_article_actors_resolve(index: dict[str, set[str]]) -> None:
    """The names the Axis of Resistance article uses for groups and leaders are all in the KB."""
    if not SAMPLE.exists():
        pytest.skip("shared sample data is not available")
    text = SAMPLE.read_text(encoding="utf-8")
    expected = {
        "Hezbollah": "hezbollah", "Houthi": "houthis", "Hamas": "hamas",
        "Palestinian Islamic Jihad": "pij", "Popular Mobilisation Forces": "pmf", "PMF": "pmf",
        "Axis of Resistance": "axis_of_resistance", "resistance axis": "axis_of_resistance",
        "Hassan Nasrallah": "person.hassan_nasrallah", "Bashar Assad": "person.bashar_al_assad",
        "George W. Bush": "person.george_w_bush",
    }
    for surface, actor_id in expected.items():
        assert surface in text, surface
        assert index[_norm(surface)] == {actor_id}, surface
