"""Relation ontology: PLOVER event types plus standing ties, with CAMEO codes.

One table holds every relation's family, quad class, sign and CAMEO roots, so
that importers, exporters, the graph and the evaluators agree on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Family(str, Enum):
    """Whether a relation is a dated event or a standing tie."""

    EVENT = "event"
    TIE = "tie"


@dataclass(frozen=True)
class Relation:
    """One relation type of the ontology."""

    name: str
    family: Family
    quad: int | None
    sign: int
    cameo_roots: tuple[str, ...] = ()
    symmetric: bool = False
    goldstein: float = 0.0
    description: str = ""

    @property
    def cooperative(self) -> bool:
        """True for relations of positive sign."""
        return self.sign > 0


_E, _T = Family.EVENT, Family.TIE

RELATIONS: dict[str, Relation] = {
    r.name: r
    for r in (
        Relation("AGREE", _E, 1, 1, ("03",), goldstein=4.0, description="express intent to cooperate, agree"),
        Relation("CONSULT", _E, 1, 1, ("04",), goldstein=1.0, description="meet, discuss, negotiate"),
        Relation("SUPPORT", _E, 1, 1, ("05",), goldstein=3.5, description="praise, endorse, sign, recognise"),
        Relation("CONCEDE", _E, 1, 1, ("08",), goldstein=5.0, description="ease, yield, accede"),
        Relation("COOPERATE", _E, 2, 1, ("06",), goldstein=6.0, description="material cooperation"),
        Relation("AID", _E, 2, 1, ("07",), goldstein=7.0, description="fund, arm, train, supply"),
        Relation("RETREAT", _E, 2, 1, ("08",), goldstein=5.0, description="withdraw, release, ceasefire"),
        Relation("REQUEST", _E, 3, -1, ("02", "10"), goldstein=-2.0, description="appeal, demand"),
        Relation("ACCUSE", _E, 3, -1, ("09", "11"), goldstein=-2.0, description="criticise, accuse, investigate"),
        Relation("REJECT", _E, 3, -1, ("12",), goldstein=-4.0, description="reject, refuse, veto"),
        Relation("THREATEN", _E, 3, -1, ("13",), goldstein=-6.0, description="threaten"),
        Relation("PROTEST", _E, 4, -1, ("14",), goldstein=-6.5, description="demonstrate, strike, riot"),
        Relation("SANCTION", _E, 4, -1, ("16",), goldstein=-5.0, description="reduce relations, sanction, expel"),
        Relation("MOBILIZE", _E, 4, -1, ("15",), goldstein=-7.2, description="show of force, mobilise"),
        Relation("COERCE", _E, 4, -1, ("17",), goldstein=-7.0, description="arrest, seize, blockade"),
        Relation("ASSAULT", _E, 4, -1, ("18", "19", "20"), goldstein=-10.0, description="attack, kill, bomb"),
        Relation("BACKS", _T, None, 1, description="standing sponsorship"),
        Relation("COMMANDS", _T, None, 1, description="controls, directs; target is proxy of source"),
        Relation("MEMBER_OF", _T, None, 1, description="belongs to an organisation or coalition"),
        Relation("LEADS", _T, None, 1, description="person heads an organisation or state"),
        Relation("ALLY", _T, None, 1, symmetric=True, description="standing alliance"),
        Relation("RIVAL", _T, None, -1, symmetric=True, description="standing enmity, tensions"),
    )
}

EVENTS: tuple[str, ...] = tuple(n for n, r in RELATIONS.items() if r.family is Family.EVENT)
TIES: tuple[str, ...] = tuple(n for n, r in RELATIONS.items() if r.family is Family.TIE)

QUAD_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

HEDGES: tuple[str, ...] = ("asserted", "reported", "likely", "possible", "denied")

HEDGE_WEIGHT: dict[str, float] = {
    "asserted": 1.0,
    "reported": 0.8,
    "likely": 0.7,
    "possible": 0.4,
    "denied": 0.0,
}

MODES: dict[str, tuple[str, ...]] = {
    "AID": ("economic", "military", "humanitarian", "training", "peacekeeping", "asylum", "intelligence"),
    "COOPERATE": ("economic", "military", "legal", "intelligence"),
    "ASSAULT": (
        "aerial", "firearms", "explosives", "heavy-weapons", "abduct", "beat",
        "assassinate", "massacre", "cbrn", "suicide-attack", "cleansing",
    ),
    "CONSULT": ("phone", "visit", "third-party"),
    "ACCUSE": ("disapprove", "allege", "investigate"),
    "COERCE": ("seize", "restrict", "arrest", "deport"),
    "REQUEST": ("assist", "change", "meet"),
    "AGREE": ("meet",),
    "THREATEN": ("violence", "relations", "ban", "expel"),
    "SANCTION": ("withdraw", "discontinue", "expel", "restrict"),
    "PROTEST": ("demo", "hunger", "boycott", "obstruct", "riot"),
    "MOBILIZE": ("troops", "police"),
}

# CAMEO three-digit codes whose PLOVER relation or mode differs from the root's.
# After the CAMEO-to-PLOVER table of the PLOVER manual (draft 0.8, 2021).
_CAMEO_CODES: dict[str, tuple[str, str | None]] = {
    "041": ("CONSULT", "phone"), "042": ("CONSULT", "visit"), "043": ("CONSULT", "visit"),
    "044": ("CONSULT", "third-party"),
    "061": ("COOPERATE", "economic"), "062": ("COOPERATE", "military"),
    "063": ("COOPERATE", "legal"), "064": ("COOPERATE", "intelligence"),
    "071": ("AID", "economic"), "072": ("AID", "military"), "073": ("AID", "humanitarian"),
    "074": ("AID", "peacekeeping"), "075": ("AID", "asylum"),
    "084": ("RETREAT", None), "085": ("RETREAT", None), "086": ("RETREAT", None),
    "087": ("RETREAT", None),
    "090": ("ACCUSE", "investigate"), "091": ("ACCUSE", "investigate"), "092": ("ACCUSE", "investigate"),
    "093": ("ACCUSE", "investigate"), "094": ("ACCUSE", "investigate"),
    "114": ("ACCUSE", "allege"), "115": ("ACCUSE", "allege"),
    "163": ("COERCE", "restrict"),
    "171": ("COERCE", "seize"), "172": ("COERCE", "restrict"), "173": ("COERCE", "arrest"),
    "174": ("COERCE", "deport"), "175": ("ASSAULT", None),
    "181": ("ASSAULT", "abduct"), "182": ("ASSAULT", "beat"), "183": ("ASSAULT", "suicide-attack"),
    "184": ("ASSAULT", "abduct"), "185": ("ASSAULT", "assassinate"), "186": ("ASSAULT", "assassinate"),
    "191": ("COERCE", "restrict"), "192": ("COERCE", "seize"),
    "193": ("ASSAULT", "firearms"), "194": ("ASSAULT", "heavy-weapons"), "195": ("ASSAULT", "aerial"),
    "201": ("ASSAULT", "cleansing"), "202": ("ASSAULT", "massacre"), "203": ("ASSAULT", "cleansing"),
    "204": ("ASSAULT", "cbrn"),
}

_ROOT_RELATION: dict[str, str] = {
    root: name for name, r in RELATIONS.items() for root in r.cameo_roots if name != "RETREAT"
}

# Default CAMEO code written for a relation (and mode) when exporting.
_RELATION_CAMEO: dict[tuple[str, str | None], str] = {
    ("AGREE", None): "030", ("CONSULT", None): "040", ("SUPPORT", None): "050",
    ("CONCEDE", None): "080", ("COOPERATE", None): "060", ("AID", None): "070",
    ("AID", "training"): "072", ("RETREAT", None): "087", ("REQUEST", None): "100",
    ("ACCUSE", None): "112", ("REJECT", None): "120", ("THREATEN", None): "130",
    ("PROTEST", None): "140", ("SANCTION", None): "160", ("MOBILIZE", None): "150",
    ("COERCE", None): "170", ("ASSAULT", None): "190", ("ASSAULT", "explosives"): "183",
    ("BACKS", None): "070", ("COMMANDS", None): "062", ("ALLY", None): "060",
    ("RIVAL", None): "110", ("AGREE", "meet"): "036", ("THREATEN", "violence"): "138",
}
_RELATION_CAMEO.update({(rel, mode): code for code, (rel, mode) in _CAMEO_CODES.items() if mode})

# PLOVER 2016 (GSR) event names renamed in current PLOVER.
PLOVER_2016_NAMES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# DESIGN.md mapping of our relations onto the re3d gold relation types.
RE3D_TYPES: tuple[str, ...] = (
    "FightingAgainst", "AlliesOf", "Likes", "Dislikes", "CommWith", "BelongsTo", "InChargeOf",
)


def relation(name: str) -> Relation:
    """Return the relation called `name` (case-insensitive); raise KeyError if unknown."""
    key = name.strip().upper()
    key = PLOVER_2016_NAMES.get(key, key)
    return RELATIONS[key]


def cameo_to_relation(code: str) -> tuple[str, str | None] | None:
    """Map a CAMEO event code ("071", "1823", "19") to (relation, mode), or None for root 01."""
    code = str(code).strip()
    if not code[:2].isdigit():
        return None
    if code[:3] in _CAMEO_CODES:
        return _CAMEO_CODES[code[:3]]
    root = code[:2]
    if root == "08":
        return ("CONCEDE", None)
    name = _ROOT_RELATION.get(root)
    return (name, None) if name else None


def relation_to_cameo(name: str, mode: str | None = None) -> str | None:
    """Return a representative CAMEO code for a relation and mode (None for MEMBER_OF, LEADS)."""
    return _RELATION_CAMEO.get((name, mode)) or _RELATION_CAMEO.get((name, None))


def quad_of(name: str) -> int | None:
    """Quad class (1-4) of a relation; ties have none except by sign (see `tie_quad`)."""
    return RELATIONS[name].quad


def tie_quad(name: str) -> int:
    """Quad class used when aggregating: events keep theirs, ties map by sign to 2 or 3."""
    rel = RELATIONS[name]
    if rel.quad is not None:
        return rel.quad
    return 2 if rel.sign > 0 else 3


def to_re3d(name: str, mode: str | None = None) -> str | None:
    """Map a relation (and mode) to the re3d gold type, following DESIGN.md."""
    if name in ("ASSAULT", "COERCE") or (name == "THREATEN" and mode == "violence"):
        return "FightingAgainst"
    if name == "AGREE" and mode == "meet":
        return "CommWith"
    if name in ("COOPERATE", "ALLY") or (name == "AID" and mode in ("military", "training")):
        return "AlliesOf"
    if name in ("SUPPORT", "AGREE", "BACKS", "AID"):
        return "Likes"
    if name in ("ACCUSE", "REJECT", "THREATEN", "RIVAL", "SANCTION", "PROTEST"):
        return "Dislikes"
    if name == "CONSULT":
        return "CommWith"
    if name == "MEMBER_OF":
        return "BelongsTo"
    if name in ("LEADS", "COMMANDS"):
        return "InChargeOf"
    return None
