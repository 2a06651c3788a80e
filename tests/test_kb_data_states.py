"""Checks of the bundled state, state-body and IGO data: coverage, references, surface forms, dates."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
import yaml

from axisgraph.kb import ACTOR_KINDS, load_kb

DATA = Path(__file__).resolve().parents[1] / "src" / "axisgraph" / "kb" / "data"
FILES = ("states.yaml", "state_orgs.yaml", "igos.yaml")
EXTERNAL_IDS = {"axis_of_resistance"}

# ISO 3166-1 alpha-3 codes of the 193 UN member states.
UN_MEMBERS = ("afg", "alb", "dza", "and", "ago", "atg", "arg", "arm", "aus", "aut", "aze", "bhs", "bhr", "bgd", "brb",
    "blr", "bel", "blz", "ben", "btn", "bol", "bih", "bwa", "bra", "brn", "bgr", "bfa", "bdi", "cpv", "khm", "cmr",
    "can", "caf", "tcd", "chl", "chn", "col", "com", "cog", "cri", "civ", "hrv", "cub", "cyp", "cze", "prk", "cod",
    "dnk", "dji", "dma", "dom", "ecu", "egy", "slv", "gnq", "eri", "est", "swz", "eth", "fji", "fin", "fra", "gab",
    "gmb", "geo", "deu", "gha", "grc", "grd", "gtm", "gin", "gnb", "guy", "hti", "hnd", "hun", "isl", "ind", "idn",
    "irn", "irq", "irl", "isr", "ita", "jam", "jpn", "jor", "kaz", "ken", "kir", "kwt", "kgz", "lao", "lva", "lbn",
    "lso", "lbr", "lby", "lie", "ltu", "lux", "mdg", "mwi", "mys", "mdv", "mli", "mlt", "mhl", "mrt", "mus", "mex",
    "fsm", "mda", "mco", "mng", "mne", "mar", "moz", "mmr", "nam", "nru", "npl", "nld", "nzl", "nic", "ner", "nga",
    "mkd", "nor", "omn", "pak", "plw", "pan", "png", "pry", "per", "phl", "pol", "prt", "qat", "kor", "rou", "rus",
    "rwa", "kna", "lca", "vct", "wsm", "smr", "stp", "sau", "sen", "srb", "syc", "sle", "sgp", "svk", "svn", "slb",
    "som", "zaf", "ssd", "esp", "lka", "sdn", "sur", "swe", "che", "syr", "tjk", "tha", "tls", "tgo", "ton", "tto",
    "tun", "tur", "tkm", "tuv", "uga", "ukr", "are", "gbr", "tza", "usa", "ury", "uzb", "vut", "ven", "vnm", "yem",
    "zmb", "zwe",)
# States whose demonym is shared with a larger neighbour: it stays an ambiguous alias only.
SHARED_DEMONYM = {"cog": "Congolese", "dma": "Dominican"}


@pytest.fixture(scope="module")
def files() -> dict[str, dict]:
    """Each data file parsed with yaml.safe_load."""
    return {name: yaml.safe_load((DATA / name).read_text(encoding="utf-8")) for name in FILES}


@pytest.fixture(scope="module")
def actors(files: dict[str, dict]) -> list[dict]:
    """All entries of the three files."""
    return [a for data in files.values() for a in data["actors"]]


@pytest.fixture(scope="module")
def by_id(actors: list[dict]) -> dict[str, dict]:
    return {a["id"]: a for a in actors}


def _forms(actor: dict) -> list[str]:
    forms = [actor["name"], *(actor.get("aliases") or []), *(actor.get("adjectives") or [])]
    return forms + ([actor["capital"]] if actor.get("capital") else [])


def test_files_carry_the_marker(files: dict[str, dict]) -> None:
    for name, data in files.items():
        assert data["kb"] == "axisgraph-actors", name
        assert isinstance(data["actors"], list) and data["actors"], name


def test_every_un_member_is_a_state_with_capital_and_demonym(by_id: dict[str, dict]) -> None:
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193
    for code in UN_MEMBERS:
        state = by_id.get(code)
        assert state is not None, f"missing UN member {code}"
        assert state["kind"] == "state" and state["country"] == code.upper(), code
        assert state.get("capital"), f"{code} has no capital"
        if code in SHARED_DEMONYM:
            assert SHARED_DEMONYM[code] in state["ambiguous_aliases"], code
        else:
            assert state.get("adjectives"), f"{code} has no adjectives"


def test_observer_and_de_facto_states_are_present(by_id: dict[str, dict]) -> None:
    for code in ("pse", "vat", "twn", "xkx", "esh", "somaliland", "trnc", "abkhazia", "south_ossetia", "transnistria"):
        assert by_id[code]["kind"] == "state" and by_id[code].get("adjectives"), code
    assert by_id["pse"]["capital"] == "Ramallah"
    assert "Turkish Cypriots" in by_id["trnc"]["adjectives"]


def test_ids_unique_and_kinds_valid(actors: list[dict]) -> None:
    ids = [a["id"] for a in actors]
    assert len(ids) == len(set(ids))
    assert all(a["kind"] in ACTOR_KINDS for a in actors)
    assert {a["kind"] for a in actors} >= {"state", "state_org", "igo", "ngo", "party"}


def test_parents_and_affiliation_targets_resolve(actors: list[dict], by_id: dict[str, dict]) -> None:
    known = set(by_id) | EXTERNAL_IDS
    for actor in actors:
        if actor["kind"] == "state_org":
            assert actor.get("parent"), f"{actor['id']} has no parent"
        assert actor.get("parent") in known | {None}, actor["id"]
        for aff in actor.get("affiliations") or []:
            assert aff["target"] in known, (actor["id"], aff["target"])


def test_state_bodies_sit_under_their_state(actors: list[dict], by_id: dict[str, dict]) -> None:
    for actor in actors:
        if actor["kind"] != "state_org":
            continue
        node = actor
        while node.get("parent") and by_id[node["parent"]]["kind"] != "state":
            node = by_id[node["parent"]]
        assert node.get("parent") == actor["country"].lower(), actor["id"]


def test_surface_forms_are_unique_unless_marked_ambiguous(actors: list[dict]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in actors:
        ambiguous = {a.lower() for a in actor.get("ambiguous_aliases") or []}
        for form in _forms(actor):
            if form.lower() not in ambiguous:
                owners[form.lower()].add(actor["id"])
    shared = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert shared == {}


def test_surface_forms_start_with_a_capital(actors: list[dict]) -> None:
    bad = [(a["id"], f) for a in actors for f in _forms(a) + (a.get("ambiguous_aliases") or [])
           if not (f[0].isupper() or f[0].isdigit())]
    assert bad == []


def test_words_and_metonyms_go_to_the_right_actor(actors: list[dict]) -> None:
    owner = {f.lower(): a["id"] for a in actors for f in _forms(a)}
    expected = {
        "Burma": "mmr", "Ivory Coast": "civ", "U.S.": "usa", "Britain": "gbr", "DPRK": "prk", "ROK": "kor",
        "Turkiye": "tur", "Iranians": "irn", "Emirati": "are", "Tehran": "irn", "Kiev": "ukr",
        "Kremlin": "rus.gov", "White House": "usa.gov", "Pentagon": "usa.dod", "CENTCOM": "usa.centcom",
        "Quds Force": "irn.irgc.quds", "IRGC": "irn.irgc", "IDF": "isr.mil", "Shin Bet": "isr.shin_bet",
        "Downing Street": "gbr.gov", "MI6": "gbr.mi6", "PLA": "chn.mil", "Palestinian Authority": "pse.pa",
        "UN nuclear watchdog": "iaea", "UNIFIL": "unifil", "Alliance of Sahel States": "aes",
        "Doctors Without Borders": "msf",
    }
    assert {form: owner.get(form.lower()) for form in expected} == expected
    ambiguous = {a["id"]: {x.lower() for x in a.get("ambiguous_aliases") or []} for a in actors}
    assert owner["congo"] == "cod" and "congo" in ambiguous["cog"]
    assert owner["dominican"] == "dom" and "dominican" in ambiguous["dma"]
    assert "chad" in ambiguous["tcd"] and "jordan" in ambiguous["jor"] and "georgia" in ambiguous["geo"]


def _members(by_id: dict[str, dict], target: str, day: date) -> set[str]:
    out = set()
    for actor in by_id.values():
        for aff in actor.get("affiliations") or []:
            if aff["relation"] == "MEMBER_OF" and aff["target"] == target and \
                    (aff.get("since") is None or aff["since"] <= day) and \
                    (aff.get("until") is None or day <= aff["until"]):
                out.add(actor["id"])
    return out


def test_bloc_memberships_follow_accessions_and_exits(by_id: dict[str, dict]) -> None:
    assert len(_members(by_id, "nato", date(2024, 6, 1))) == 32
    assert "fin" not in _members(by_id, "nato", date(2022, 6, 1))
    eu_2021 = _members(by_id, "eu", date(2021, 1, 1))
    assert len(eu_2021) == 27 and "gbr" not in eu_2021 and "gbr" in _members(by_id, "eu", date(2019, 1, 1))
    assert len(_members(by_id, "arab_league", date(2024, 1, 1))) == 22
    assert "syr" not in _members(by_id, "arab_league", date(2015, 1, 1))
    assert _members(by_id, "gcc", date(2020, 1, 1)) == {"bhr", "kwt", "omn", "qat", "sau", "are"}
    assert _members(by_id, "aes", date(2024, 1, 1)) == {"mli", "bfa", "ner"}
    assert {"irn", "egy", "eth", "are"} <= _members(by_id, "brics", date(2024, 6, 1))
    assert "irn" not in _members(by_id, "brics", date(2023, 6, 1))


def test_loader_accepts_the_files_without_errors() -> None:
    kb = load_kb([DATA / name for name in FILES], include_bundled=False)
    errors = [str(i) for i in kb.issues if i.severity == "error"]
    assert errors == []
    dangling = [str(i) for i in kb.issues if "not a known id" in i.reason and "axis_of_resistance" not in i.reason]
    assert dangling == []
    assert [str(i) for i in kb.issues if "names 2 actors" in i.reason] == []
    assert kb.state_of("irn.irgc.quds") == "irn"
    assert kb.ancestors("irn.irgc.quds") == ["irn.irgc", "irn"]
    assert "Iranian government" in kb.get("irn.gov").aliases
    assert kb.get("syc.gov") is not None and kb.get("syc.mil") is not None
    nato_2023 = {a.target for a in kb.affiliations_of("fin", date(2023, 5, 1), "MEMBER_OF")}
    assert "nato" in nato_2023 and "eu" in nato_2023


def test_bundled_kb_has_no_errors_from_these_files() -> None:
    kb = load_kb()
    mine = [str(i) for i in kb.issues if i.severity == "error" and any(i.file.endswith(f) for f in FILES)]
    assert mine == []
    assert kb.get("irn").kind == "state" and kb.get("nato").kind == "igo"
