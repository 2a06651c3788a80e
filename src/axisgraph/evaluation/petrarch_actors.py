"""Read PETRARCH/TABARI actor dictionaries and convert them into an axisgraph actor KB file.

Dictionary syntax (PETRARCH manual): one entry per phrase, words joined by `_` or spaces (a trailing
`_` forbids suffixes); `+PHRASE` lines add synonyms to the entry above; codes stand in brackets on the
phrase line or on indented lines below, optionally dated (`[HOB <950601]`, `[HOBGOV 19950601 -
19990815]`, `[HOBREB >990816]`); `#` starts a comment and `<!-- ... -->` blocks are comments.

Conversion: every country-like three-letter code (`ARN`) becomes a `state` actor with id `arn`; longer
codes that start with such a root become bodies of it (`ARNGOV` -> `arn.gov`, kind by the agent
suffix); other codes (`IGOEEU`, `IMGMOSALQ`) become actors of their own. Phrases with one undated code
become names and aliases of that code's actor (as in PETRARCH, where the code is the actor); phrases
whose code changes with the date become actors of their own with dated MEMBER_OF affiliations to each
coded actor, and `CodeBook.code_of` gives their code on a date. A compound code (`[FRO/BIL/SAM]`: the phrase
names several actors at once) makes a coalition whose parts are its members; `CodeBook.codes_of` gives all
of its codes. Null codes (`---`, `+++`) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..kb.model import within
from ..kb.sectors import sector_by_key

_COMMENT_BLOCK = re.compile(r"<!\s*--.*?-->", re.S)
_CODE = re.compile(r"\[([^\]]*)\]")
_DATED = re.compile(r"^(?P<code>[A-Za-z0-9~/\-+]*)\s*(?P<rest>.*)$")
_RANGE = re.compile(r"^(\d{6,8})\s*-\s*(\d{6,8})$")
_NULL_CODES = {"---", "+++", "###", ""}
_IGO_ROOTS = {"IGO", "UNO", "IMF", "IBR", "G77", "EEC", "WTO", "NATO"}
_NGO_ROOTS = {"NGO", "NGM"}
_AGENT_KINDS = {
    "GOV": "state_org", "MIL": "state_org", "LEG": "state_org", "JUD": "state_org", "COP": "state_org",
    "SPY": "state_org", "MED": "media", "REB": "armed_group", "INS": "armed_group", "UAF": "armed_group",
    "OPP": "party", "PTY": "party", "ORC": "armed_group",
}
_LOWER_WORDS = {"of", "the", "and", "de", "al", "for", "in", "on"}


@dataclass(frozen=True)
class CodeSpell:
    """One code of a dictionary entry and the dates it holds (None = open)."""

    code: str
    since: date | None = None
    until: date | None = None

    def valid_on(self, day: date | None) -> bool:
        """True if the code applies on `day` (always when `day` is None)."""
        return within(day, self.since, self.until)


@dataclass
class DictionaryEntry:
    """One actor-dictionary entry: its phrases (first is the main one) and codes."""

    phrases: list[str] = field(default_factory=list)
    codes: list[CodeSpell] = field(default_factory=list)
    compound: bool = False  # a `[A/B]` block: the phrase names several actors at once


def _parse_date(text: str) -> date:
    """PETRARCH dates: YYMMDD (two-digit years before 30 are 20xx) or YYYYMMDD."""
    text = text.strip()
    if len(text) == 6:
        year = int(text[:2])
        return date(2000 + year if year < 30 else 1900 + year, int(text[2:4]), int(text[4:6]))
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_code(block: str) -> CodeSpell | None:
    """Parse the inside of one `[...]` code block; None for null or unreadable codes (first of a compound)."""
    spells = parse_codes(block)
    return spells[0] if spells else None


def parse_codes(block: str) -> list[CodeSpell]:
    """All codes of one `[...]` block: one, or the parts of a compound actor (`[ELR/GAL]`), with its dates."""
    match = _DATED.match(block.strip())
    if not match:
        return []
    codes = [c for c in match.group("code").upper().split("/") if c]
    if not codes or any(c in _NULL_CODES or not re.fullmatch(r"[A-Z0-9]+", c) for c in codes):
        return []
    rest = match.group("rest").strip().replace(" ", "")
    since = until = None
    try:
        if rest.startswith("<"):
            until = _parse_date(rest[1:])
        elif rest.startswith(">"):
            since = _parse_date(rest[1:])
        elif (span := _RANGE.match(rest)) is not None:
            since, until = _parse_date(span.group(1)), _parse_date(span.group(2))
        elif rest:
            return []
    except ValueError:
        return []
    return [CodeSpell(c, since, until) for c in codes]


def parse_actor_dictionary(text: str) -> list[DictionaryEntry]:
    """Parse PETRARCH actor-dictionary text into entries with phrases and codes."""
    text = _COMMENT_BLOCK.sub("\n", text)
    entries: list[DictionaryEntry] = []
    current: DictionaryEntry | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        blocks = [parse_codes(block) for block in _CODE.findall(stripped)]
        phrase = _CODE.sub("", stripped).strip()
        if stripped.startswith("+") and current is not None:
            current.phrases.append(phrase[1:].strip())
        elif stripped.startswith("[") and current is not None:
            pass
        elif phrase:
            current = DictionaryEntry([phrase])
            entries.append(current)
        if current is not None:
            current.codes.extend(c for spells in blocks for c in spells)
            current.compound = current.compound or any(len(spells) > 1 for spells in blocks)
    return [e for e in entries if e.phrases and e.phrases[0]]


def read_actor_dictionary(path: Path | str) -> list[DictionaryEntry]:
    """Read and parse a PETRARCH actor dictionary file."""
    return parse_actor_dictionary(Path(path).read_text(encoding="utf-8", errors="replace"))


def phrase_to_alias(phrase: str) -> str:
    """Turn a dictionary phrase into KB text: `THE_DARK_TOWER` -> `Dark Tower`, `U.N.` stays."""
    words = phrase.replace("_", " ").split()
    if len(words) > 1 and words[0].upper() == "THE":
        words = words[1:]
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if "." in word or (len(word) <= 3 and lower not in _LOWER_WORDS and not word[0].isdigit()):
            out.append(word.upper())
        elif i > 0 and lower in _LOWER_WORDS:
            out.append(lower)
        else:
            out.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(out)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


@dataclass
class CodeBook:
    """The KB made from a dictionary, with each actor id's codes and the reverse lookup."""

    actors: dict[str, dict[str, Any]]
    codes: dict[str, list[CodeSpell]]
    roots: set[str]
    compounds: set[str] = field(default_factory=set)

    def code_of(self, actor_id: str | None, on: date | None = None) -> str | None:
        """PETRARCH code of an actor on a date; generated state bodies (`arn.gov`) map to `ARNGOV`, sectors
        (`arn.police`) to the state code with the sector's CAMEO agent code (`ARNCOP`)."""
        if not actor_id:
            return None
        codes = self.codes_of(actor_id, on)
        return codes[-1] if codes else None

    def codes_of(self, actor_id: str | None, on: date | None = None) -> list[str]:
        """All codes an actor stands for on a date: one, or each part of a compound actor (`[FRO/BIL/SAM]`).
        Of overlapping dated codes the first listed wins, as in PETRARCH; undated, the last."""
        if not actor_id:
            return []
        spells = self.codes.get(actor_id)
        if spells:
            dated = [s for s in spells if (s.since or s.until) and s.valid_on(on)]
            undated = [s for s in spells if not (s.since or s.until)]
            if actor_id in self.compounds:
                return [s.code for s in dated or undated or spells]
            return [dated[0].code] if dated else [(undated or spells)[-1].code]
        code = self._generated_code(actor_id)
        return [code] if code else []

    def _generated_code(self, actor_id: str) -> str | None:
        head, _, rest = actor_id.partition(".")
        if head.upper() in self.roots:
            sector = sector_by_key(rest)
            return (head + (sector.cameo if sector else rest)).upper()
        return None

    def to_yaml(self) -> str:
        """The KB file text in the docs/actors.md format."""
        data = {"kb": "axisgraph-actors", "version": "petrarch-import",
                "licence": "converted from a PETRARCH actor dictionary", "actors": list(self.actors.values())}
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)

    def write(self, path: Path | str) -> Path:
        """Write the KB file and return its path."""
        path = Path(path)
        path.write_text(self.to_yaml(), encoding="utf-8")
        return path


def _code_actor(code: str, roots: set[str]) -> tuple[str, dict[str, Any]]:
    """Id and KB entry skeleton for the actor a code stands for."""
    root = code[:3]
    if len(code) == 3 and code in roots:
        return code.lower(), {"id": code.lower(), "name": None, "kind": "state", "country": code}
    if root in roots and len(code) > 3:
        agent = code[3:]
        kind = _AGENT_KINDS.get(agent[:3], "other")
        actor_id = f"{root.lower()}.{agent.lower()}"
        return actor_id, {"id": actor_id, "name": None, "kind": kind, "country": root, "parent": root.lower()}
    kind = "igo" if root in _IGO_ROOTS else "ngo" if root in _NGO_ROOTS else (
        "armed_group" if root in {"IMG", "REB", "UAF", "INS"} else "other")
    return code.lower(), {"id": code.lower(), "name": None, "kind": kind}


def build_codebook(entries: list[DictionaryEntry]) -> CodeBook:
    """Convert parsed dictionary entries into KB actors keyed by id, remembering their codes."""
    roots = {s.code for e in entries for s in e.codes
             if len(s.code) == 3 and s.code.isalpha() and s.code not in _IGO_ROOTS | _NGO_ROOTS}
    actors: dict[str, dict[str, Any]] = {}
    codes: dict[str, list[CodeSpell]] = {}
    compounds: set[str] = set()

    def code_actor(code: str) -> dict[str, Any]:
        actor_id, skeleton = _code_actor(code, roots)
        if actor_id not in actors:
            if skeleton.get("parent"):
                code_actor(code[:3])
            actors[actor_id] = skeleton | {"aliases": []}
            codes[actor_id] = [CodeSpell(code)]
        return actors[actor_id]

    for entry in entries:
        names = [a for a in dict.fromkeys(phrase_to_alias(p) for p in entry.phrases) if a]
        if not entry.codes or not names:
            continue
        if entry.compound:
            _add_compound(entry, names, code_actor, actors, codes)
            compounds.add(_slug(names[0]))
            continue
        if len(entry.codes) == 1 and entry.codes[0].since is None and entry.codes[0].until is None:
            actor = code_actor(entry.codes[0].code)
            if actor["name"] is None:
                actor["name"], names = names[0], names[1:]
            actor["aliases"].extend(n for n in names if n != actor["name"] and n not in actor["aliases"])
            continue
        actor_id = _slug(names[0])
        affiliations = []
        for spell in entry.codes:
            target = code_actor(spell.code)["id"]
            affiliations.append({"relation": "MEMBER_OF", "target": target,
                                 "since": spell.since, "until": spell.until})
        actors[actor_id] = {"id": actor_id, "name": names[0], "kind": "other", "aliases": names[1:],
                            "affiliations": affiliations}
        codes[actor_id] = list(entry.codes)
    for actor in actors.values():
        if actor["name"] is None:
            actor["name"] = actor["id"].upper()
    return CodeBook(actors, codes, roots, compounds)


def _add_compound(entry: DictionaryEntry, names: list[str], code_actor: Any, actors: dict[str, dict[str, Any]],
                  codes: dict[str, list[CodeSpell]]) -> None:
    """A compound entry ("The Shire [FRO/BIL/SAM]") becomes a coalition of its parts, which are its members."""
    actor_id = _slug(names[0])
    for spell in entry.codes:
        part = code_actor(spell.code)
        part.setdefault("affiliations", []).append({"relation": "MEMBER_OF", "target": actor_id,
                                                    "since": spell.since, "until": spell.until})
    actors[actor_id] = {"id": actor_id, "name": names[0], "kind": "coalition", "aliases": names[1:]}
    codes[actor_id] = list(entry.codes)


def dictionary_to_kb(path: Path | str, out: Path | str) -> CodeBook:
    """Convert a PETRARCH actor dictionary file into an axisgraph KB file at `out`."""
    book = build_codebook(read_actor_dictionary(path))
    book.write(out)
    return book
