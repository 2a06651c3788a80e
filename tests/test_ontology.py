"""The relation table and its CAMEO, PLOVER and re3d mappings."""

from axisgraph.ontology import (
    EVENTS,
    RELATIONS,
    TIES,
    cameo_to_relation,
    relation,
    relation_to_cameo,
    tie_quad,
    to_re3d,
)


def test_sixteen_plover_events_and_six_ties():
    assert len(EVENTS) == 16 and set(TIES) == {"BACKS", "COMMANDS", "MEMBER_OF", "LEADS", "ALLY", "RIVAL"}
    assert all(RELATIONS[n].quad in (1, 2, 3, 4) for n in EVENTS)
    assert RELATIONS["ALLY"].symmetric and RELATIONS["RIVAL"].symmetric and RELATIONS["RIVAL"].sign < 0


def test_cameo_codes_map_to_relation_and_mode():
    assert cameo_to_relation("071") == ("AID", "economic")
    assert cameo_to_relation("0721") == ("AID", "military")
    assert cameo_to_relation("195") == ("ASSAULT", "aerial")
    assert cameo_to_relation("112") == ("ACCUSE", None)
    assert cameo_to_relation("084") == ("RETREAT", None)
    assert cameo_to_relation("081") == ("CONCEDE", None)
    assert cameo_to_relation("10") == ("REQUEST", None)
    assert cameo_to_relation("010") is None


def test_plover_2016_names_and_re3d_mapping():
    assert relation("demand").name == "REQUEST" and relation("FIGHT").name == "ASSAULT"
    assert to_re3d("AID", "military") == "AlliesOf" and to_re3d("AID", "economic") == "Likes"
    assert to_re3d("COMMANDS") == "InChargeOf" and to_re3d("RETREAT") is None
    assert relation_to_cameo("AID", "economic") == "071" and relation_to_cameo("LEADS") is None
    assert tie_quad("BACKS") == 2 and tie_quad("RIVAL") == 3 and tie_quad("ASSAULT") == 4
