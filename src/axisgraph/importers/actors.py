"""Resolve the actor names and codes of coded event data to KB actors, or keep them as named actors.

Event datasets name actors in their own ways: ICEWS writes "Iran", "Military (Iran)",
"Citizen (India)"; GDELT and PLOVER write CAMEO codes such as "IRNMIL"; ACLED writes
"Military Forces of Iran (1989-)". Exact KB names and aliases win; a sector in a
country becomes the state's government, military or sector actor ("Citizen (India)" is
`ind.civilians`, see kb/sectors.py) where the KB has one; anything
else is kept as a named actor with a stable id "x.<slug>", so that re-imports agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..kb import ActorKB, bundled_kb
from ..kb.sectors import Sector, sector_for_cameo, sector_for_noun, sector_id

_GOVERNMENT_SECTORS = {"government", "regime", "authorities"}
_MILITARY_SECTORS = {"military", "armed forces", "army", "military forces", "air force", "navy", "defense forces",
                     "defence forces"}
# Roles that act for the organisation named in parentheses: "Militant (Hamas)" is Hamas acting.
_MEMBER_SECTORS = {
    "militant", "militants", "islamic militant", "fighter", "fighters", "freedom fighter", "combatant", "member",
    "members", "insurgent", "insurgents", "insurgency", "militia", "armed rebel", "rebel", "rebels", "rebel group",
    "rebel commander", "armed group", "armed gang", "armed band", "armed force", "guerrilla", "extremist",
    "islamic extremist group", "terrorist", "terrorist leader", "terrorist organization", "attacker",
    "sleeper cell", "resistance movement", "secretariat", "ministry", "chief of staff", "party president",
    "special commission", "peacekeeping troop", "military intelligence", "intelligence",
}
_STATE_ORG_WORDS = {"police", "ministry", "court", "parliament", "cabinet", "foreign affairs", "head of government",
                    "head of state", "defense", "security", "intelligence", "legislature", "judiciary",
                    "government", "military", "navy", "air force", "army", "election commission",
                    "state media", "ministry of"}
_ORG_WORDS = re.compile(
    r"\b(ministry|party|council|police|army|forces?|court|agency|union|news|bank|company|group|front|movement|"
    r"committee|organi[sz]ation|university|parliament|government|military|citizens?|protesters?|rebels?|"
    r"militants?|media|students?|office|department|commission|association|assembly|brigades?|corps|guards?|"
    r"republic|state|states|nations|kingdom|international|national|institute|authority|authorities|fund|"
    r"service|services|hospital|school|church|embassy|navy|insurgents?|militia|opposition|people|men|women|"
    r"children|workers?|farmers?|team|club|airlines?|times|post|radio|television|tv|press|telegraph|daily|"
    r"journal|corporation|inc|ltd|legislature|senate|congress|cabinet|coalition|alliance|jihad|hezbollah|"
    r"hamas|taliban|qaeda|isis|isil|islamic|ethnic|religion|muslim|christian|jewish|sunni|shia|shiite|"
    r"criminals?|terrorists?|gang|mob|unidentified|unknown|armed|foreign|affairs|security|defense|defence)\b",
    re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.\-]*$|^(al|bin|ibn|de|da|van|von|le|la|el|abu|ul|of)$")
_ACTOR_ID = re.compile(r"^[a-z0-9_]*[a-z][a-z0-9_]*(\.[a-z0-9_\-]+)*$")
_PAREN = re.compile(r"^(?P<head>.*?)\s*\((?P<inner>[^()]*)\)\s*$")
_LEADING_OF = re.compile(r"^(?P<head>.+?)\s+of\s+(?P<inner>.+?)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ResolvedActor:
    """An actor of an imported row: id, display name, kind and country (ISO alpha-3)."""

    id: str
    name: str
    kind: str
    country: str | None = None
    in_kb: bool = False

    def row(self, origin: str) -> dict[str, Any]:
        """The `actors` table row of this actor."""
        return {"id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
                "origin": "kb" if self.in_kb else origin[:40]}


def slug(text: str) -> str:
    """A lowercase ASCII id fragment of a name ("Citizen (India)" -> "citizen_india")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "unnamed"


def looks_like_person(name: str) -> bool:
    """True for names shaped like a person's: two to five capitalised words, no organisation words."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in name) or "(" in name:
        return False
    if _ORG_WORDS.search(name):
        return False
    return all(_NAME_TOKEN.match(t.strip('"“”')) for t in tokens)


def clean_name(raw: str) -> str:
    """Normalise a dataset's actor name: underscores to spaces, CSV-doubled quotes undone, spaces collapsed."""
    text = raw.strip()
    if len(text) > 1 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1].replace('""', '"')
    return " ".join(text.replace("_", " ").split())


class ActorResolver:
    """Maps actor names and codes to resolved actors, remembering the ones it has handed out."""

    def __init__(self, kb: ActorKB | None = None, origin: str = "import") -> None:
        self.kb = kb if kb is not None else bundled_kb()
        self.origin = origin
        self._by_name: dict[str, str | None] = {}
        self._states: dict[str, str] = {}
        self._iso: dict[str, str] = {}
        self._cache: dict[str, ResolvedActor] = {}
        self._written: set[str] = set()
        self._pending: dict[str, dict[str, Any]] = {}
        self._adjectives: set[str] = set()
        self._index()

    def _index(self) -> None:
        for form in self.kb.surface_forms():
            if form.form == "adjective" or form.ambiguous:
                continue
            key = form.text.lower()
            owner = self._by_name.get(key, form.actor_id)
            self._by_name[key] = form.actor_id if owner == form.actor_id else None
        for actor in self.kb:
            self._adjectives.update(a.lower() for a in actor.adjectives)
            if actor.kind == "state":
                for text in [actor.name, *actor.aliases]:
                    self._states.setdefault(text.lower(), actor.id)
                if actor.country:
                    self._iso.setdefault(actor.country.upper(), actor.id)

    # -- lookups -------------------------------------------------------------------------------

    def kb_actor(self, actor_id: str) -> ResolvedActor | None:
        """The KB actor with this id, as a resolved actor."""
        actor = self.kb.get(actor_id)
        if actor is None:
            return None
        return ResolvedActor(actor.id, actor.name, actor.kind, actor.country, in_kb=True)

    def by_name(self, name: str) -> ResolvedActor | None:
        """The KB actor whose name or alias is exactly `name` (case-insensitive), if unambiguous."""
        actor_id = self._by_name.get(name.lower())
        return self.kb_actor(actor_id) if actor_id else None

    def state(self, country: str) -> ResolvedActor | None:
        """The KB state named `country` or coded with ISO alpha-3 `country`."""
        text = country.strip()
        actor_id = self._states.get(text.lower())
        if actor_id is None and len(text) == 3 and text.isalpha():
            actor_id = self._iso.get(text.upper())
        return self.kb_actor(actor_id) if actor_id else None

    def state_body(self, state: ResolvedActor, sector: str) -> ResolvedActor | None:
        """The government, military or sector actor (kb.sectors) of a state for a sector word, if the KB has it."""
        word = sector.strip().lower()
        suffix = ".gov" if word in _GOVERNMENT_SECTORS else ".mil" if word in _MILITARY_SECTORS else None
        if suffix is None:
            found = _sector_of_words(word)
            return self.kb_actor(sector_id(state.id, found)) if found else None
        return self.kb_actor(state.id + suffix)

    # -- resolution ----------------------------------------------------------------------------

    def resolve(self, raw: str, country: str | None = None, kind: str | None = None) -> ResolvedActor | None:
        """Resolve an actor name; `country` (a name or ISO code) helps place unresolved names."""
        name = clean_name(raw)
        if not name:
            return None
        cache_key = f"{name}\x1f{country or ''}\x1f{kind or ''}"
        found = self._cache.get(cache_key)
        if found is None:
            found = self._resolve(name, country, kind)
            self._cache[cache_key] = found
        self.remember(found)
        return found

    def _resolve(self, name: str, country: str | None, kind: str | None) -> ResolvedActor:
        found = self.by_name(name) or self._sector_in_country(name)
        if found is not None:
            return found
        head, inner = _split_qualifier(name)
        if inner is not None:
            found = self.by_name(head)
            if found is not None and found.kind != "state":
                return found
        place = self.state(inner) if inner else None
        of_match = _LEADING_OF.match(head)
        if place is None and of_match:
            place = self.state(of_match["inner"])
        if place is None and country:
            place = self.state(country)
        guessed = kind or ("person" if self._person_like(name) else _guess_kind(head))
        return ResolvedActor(f"x.{slug(name)}", name, guessed, place.country if place else _iso_or_none(country))

    def _person_like(self, name: str) -> bool:
        """A person-shaped name that is not a nationality plus a noun ("Iranian Kurds")."""
        return looks_like_person(name) and not any(t.lower() in self._adjectives for t in name.split())

    def _sector_in_country(self, name: str) -> ResolvedActor | None:
        """"Military (Iran)" -> irn.mil; "Militant (Houthis)" -> houthis; "Military Forces of Iran" -> irn.mil."""
        head, inner = _split_qualifier(name)
        if inner is not None:
            place = self.state(inner)
            if place is not None:
                return self.state_body(place, head)
            group = self.by_name(inner)
            if group is not None and group.kind != "state" and head.lower() in _MEMBER_SECTORS:
                return group
        match = _LEADING_OF.match(head)
        if match:
            place = self.state(match["inner"])
            if place is not None:
                return self.state_body(place, match["head"])
        return None

    def resolve_code(self, code: str | None, name: str | None = None, sector: str | None = None,
                     kind: str | None = None) -> ResolvedActor | None:
        """Resolve a KB id, an axisgraph id or a CAMEO code ("IRN", "IRNMIL", "IRN"+"GOV"); else the name."""
        code = (code or "").strip()
        found = None
        if code and self.kb.get(code) is not None:
            found = self.kb_actor(code)
        elif _ACTOR_ID.match(code):
            label = clean_name(name) if name else code
            found = ResolvedActor(code, label, kind or ("person" if looks_like_person(label) else "other"))
        elif code.isupper() and code.replace("*", "").isalnum():
            found = self._from_cameo_code(code, (sector or "").upper())
        if found is None and name:
            named = self.resolve(name, country=code[:3] if len(code) >= 3 and code.isupper() else None, kind=kind)
            by_sector = None if named.in_kb else self._sector_from_code(code, (sector or "").upper())
            return by_sector or named
        if found is None:
            found = self._sector_from_code(code, (sector or "").upper())
        if found is None and code:
            found = ResolvedActor(f"x.{slug(code)}", code, kind or "other")
        if found is not None:
            self.remember(found)
        return found

    def _from_cameo_code(self, code: str, sector: str) -> ResolvedActor | None:
        if len(code) < 3 or not code[:3].isalpha():
            return None
        state = self.state(code[:3])
        if state is None:
            return None
        role = sector or code[3:6]
        if role in ("GOV", "EXE", "LEG"):
            return self.kb_actor(state.id + ".gov") or state
        if role == "MIL":
            return self.kb_actor(state.id + ".mil") or state
        if role in ("", "***"):
            return state
        return None

    def _sector_from_code(self, code: str, sector: str) -> ResolvedActor | None:
        """The sector actor of a CAMEO country code and agent code ("IRN"+"COP" -> irn.police), if any."""
        state = self.state(code[:3]) if len(code) >= 3 and code[:3].isalpha() and code.isupper() else None
        found = sector_for_cameo((sector or code[3:6])[:3]) if state is not None else None
        return self.kb_actor(sector_id(state.id, found)) if found else None

    # -- actor rows ----------------------------------------------------------------------------

    def remember(self, actor: ResolvedActor) -> None:
        """Note an actor handed out, so that its row is written with the next chunk."""
        if actor.id not in self._written and actor.id not in self._pending:
            self._pending[actor.id] = actor.row(self.origin)

    def take_new_rows(self) -> list[dict[str, Any]]:
        """Actor rows handed out since the last call (to write with the assertions that use them)."""
        rows = list(self._pending.values())
        self._written.update(self._pending)
        self._pending.clear()
        return rows


def _sector_of_words(words: str) -> Sector | None:
    """The sector named by a sector label, its last fitting word first: "Citizen", "Police Forces", "Activists"."""
    for word in reversed(words.replace("_", " ").split()):
        found = sector_for_noun(word) or (sector_for_noun(word[:-1]) if word.endswith("s") else None)
        if found is not None:
            return found
    return None


def _split_qualifier(name: str) -> tuple[str, str | None]:
    match = _PAREN.match(name)
    if not match or not match["head"]:
        return name, None
    return match["head"].strip(), match["inner"].strip()


def _guess_kind(head: str) -> str:
    """state_org for government sectors such as "Police" or "Ministry", else other."""
    word = head.strip().lower()
    return "state_org" if any(word.startswith(w) for w in _STATE_ORG_WORDS) else "other"


def _iso_or_none(country: str | None) -> str | None:
    if country and len(country.strip()) == 3 and country.strip().isalpha():
        return country.strip().upper()
    return None
