"""Sector actors: the unnamed people and groups of a state ("Iraqi protesters", "police in Kabul").

News names many actors only by a noun and a place: "demonstrators in Baghdad", "Palestinian youths",
"Afghan guerrillas". ICEWS and CAMEO code them as a sector of a country ("Protester (Iraq)", IRQ+OPP).
Every state of the KB gets one generated actor per sector, with the id `<state>.<sector>`, so that such
mentions become graph nodes with a country instead of unresolved text. Each sector has its CAMEO agent
code (OPP, CVL, REB, COP, ...). The police, the legislature, the government ("Gondor officials") and the
military ("soldiers from Gondor") are bodies of the state (parent set; the last two share the ids
`<state>.gov` and `<state>.mil` of the bodies the KB loader generates); the other sectors only carry the
country.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Actor


@dataclass(frozen=True)
class Sector:
    """One sector: id suffix, display label, actor kind, whether it is a state body, CAMEO agent code, nouns,
    and the prepositions whose object names its state ("police in Kabul", "soldiers from Gondor")."""

    key: str
    label: str
    kind: str
    state_body: bool
    cameo: str
    nouns: frozenset[str]
    place_preps: tuple[str, ...] = ("in", "from")


SECTORS: tuple[Sector, ...] = (
    Sector("protesters", "Protesters", "other", False, "OPP", frozenset({
        "protester", "protestor", "demonstrator", "striker", "rioter", "marcher", "picketer"})),
    Sector("civilians", "Civilians", "other", False, "CVL", frozenset({
        "civilian", "villager", "resident", "inhabitant", "citizen", "youth", "pilgrim", "worshipper",
        "settler", "townspeople", "villagers", "people"}), ("in", "from", "of")),
    Sector("workers", "Workers", "other", False, "LAB", frozenset({
        "worker", "labourer", "laborer", "employee", "farmer", "miner", "trucker", "unionist"})),
    Sector("students", "Students", "other", False, "EDU", frozenset({"student", "schoolchild", "pupil"})),
    Sector("refugees", "Refugees", "other", False, "REF", frozenset({
        "refugee", "migrant", "immigrant", "evacuee", "asylum-seeker"})),
    Sector("rebels", "Rebels", "armed_group", False, "REB", frozenset({
        "rebel", "insurgent", "guerrilla", "guerilla", "militant", "gunman", "militiaman", "separatist",
        "jihadist", "extremist", "insurgency"})),
    Sector("opposition", "Opposition", "other", False, "OPP", frozenset({
        "opposition", "dissident", "activist", "opponent"})),
    Sector("police", "Police", "state_org", True, "COP", frozenset({
        "police", "policeman", "policemen", "policewoman"})),
    Sector("legislature", "Legislature", "state_org", True, "LEG", frozenset({
        "lawmaker", "legislator", "parliamentarian", "parliament", "legislature", "congress", "senator", "mp"})),
    Sector("gov", "Government", "state_org", True, "GOV", frozenset({
        "official", "minister", "ministry", "diplomat", "ambassador", "envoy", "authority", "government",
        "administration", "cabinet"}), ("in", "from", "of")),
    Sector("mil", "Military", "state_org", True, "MIL", frozenset({
        "soldier", "troop", "trooper", "serviceman", "servicemen", "paratrooper", "conscript", "sailor",
        "airman", "airmen"}), ("from", "of")),
)
_BY_NOUN: dict[str, Sector] = {noun: sector for sector in SECTORS for noun in sector.nouns}
_BY_KEY: dict[str, Sector] = {sector.key: sector for sector in SECTORS}
_BY_CAMEO: dict[str, Sector] = {sector.cameo: sector for sector in SECTORS}  # OPP: the later, opposition


def sector_for_noun(lemma: str) -> Sector | None:
    """The sector a head noun names ("demonstrators" -> protesters), if any."""
    return _BY_NOUN.get(lemma.lower())


def sector_by_key(key: str) -> Sector | None:
    """The sector with this id suffix ("protesters"), if any."""
    return _BY_KEY.get(key.lower())


def sector_for_cameo(code: str) -> Sector | None:
    """The sector of a CAMEO agent code ("COP" -> police, "OPP" -> opposition), if any."""
    return _BY_CAMEO.get(code.upper())


def sector_id(state_id: str, sector: Sector) -> str:
    """The generated actor id of a state's sector: `irq.protesters`."""
    return f"{state_id}.{sector.key}"


def add_sector_actors(actors: dict[str, Actor]) -> None:
    """Give every state one actor per sector, unless a KB file defines that id already."""
    for state in [a for a in actors.values() if a.kind == "state"]:
        for sector in SECTORS:
            actor_id = sector_id(state.id, sector)
            if actor_id in actors:
                continue
            actors[actor_id] = Actor(actor_id, f"{sector.label} ({state.name})", sector.kind, state.country,
                                     parent=state.id if sector.state_body else None, origin="generated")
