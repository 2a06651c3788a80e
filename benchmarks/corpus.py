"""Generate varied news-like documents for benchmarks and tests, deterministically from a seed.

Each document is a wire-style report: a headline, a dateline, and paragraphs
of sentences drawn from many sentence frames (active and passive clauses,
hedged and reported statements, negations, direct and indirect quotes,
symmetric meetings, relative clauses, date phrases, background sentences
without any relation) filled with actors of the bundled actor KB under
their names, aliases and adjectives, and with many relation verbs.
Document `i` of a seed is the same whatever `n` is, so shards can be
generated independently.

    python benchmarks/corpus.py OUT_DIR --n 50000 --shard-size 1000 --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from axisgraph.kb.loader import bundled_kb
from axisgraph.records import Document

FIRST_DAY = date(2012, 1, 1)
DAYS = 13 * 365
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CITIES = ["Beirut", "Baghdad", "Damascus", "Gaza City", "Sanaa", "Tehran", "Aden", "Erbil", "Aleppo", "Doha",
          "Cairo", "Amman", "Riyadh", "Ankara", "Geneva", "Vienna", "Moscow", "Kyiv", "Bamako", "Niamey",
          "Naypyidaw", "Mandalay", "Tripoli", "Benghazi", "Khartoum", "Mogadishu", "Kabul", "Islamabad",
          "Muscat", "Abu Dhabi", "Brussels", "New York", "Tyre", "Sidon", "Hodeidah", "Mosul", "Kirkuk",
          "Deir ez-Zor", "Idlib", "Rafah", "Khan Younis", "Jenin", "Nablus", "Basra", "Marib", "Goma"]
AGENCIES = ["Reuters", "AFP", "AP", "Al Jazeera", "Anadolu", "Xinhua", "the BBC", "Al-Monitor", "Asharq Al-Awsat",
            "The National", "Al-Mayadeen", "Tasnim", "IRNA", "Kyodo"]
SOURCES = ["a senior security official", "two diplomats familiar with the talks", "a Western intelligence source",
           "local residents", "a spokesman for the group", "officials in the region", "a regional analyst",
           "people briefed on the matter", "satellite images reviewed by analysts", "a leaked memo",
           "a statement posted on Telegram", "monitoring groups", "a former commander"]
NUMBERS = ["two", "three", "four", "five", "six", "a dozen", "at least seven", "nearly 20", "more than 30",
           "dozens of", "hundreds of", "about 50", "some 12"]

# (past, present third person, past participle, bare, object noun phrase templates)
VERBS: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    ("attacked", "attacks", "attacked", "attack", ("{B}", "positions held by {B}", "a convoy belonging to {B}")),
    ("shelled", "shells", "shelled", "shell", ("{B} outposts near {city}", "{B}")),
    ("bombed", "bombs", "bombed", "bomb", ("{B} depots", "{B}")),
    ("killed", "kills", "killed", "kill", ("{num} fighters of {B}", "a commander of {B}")),
    ("ambushed", "ambushes", "ambushed", "ambush", ("a {B} patrol", "{B}")),
    ("fought", "fights", "fought", "fight", ("{B}", "{B} around {city}")),
    ("arrested", "arrests", "arrested", "arrest", ("{num} members of {B}", "supporters of {B}")),
    ("seized", "seizes", "seized", "seize", ("a {B} weapons cache", "territory controlled by {B}")),
    ("funded", "funds", "funded", "fund", ("{B}", "the operations of {B}")),
    ("armed", "arms", "armed", "arm", ("{B}", "{B} fighters")),
    ("trained", "trains", "trained", "train", ("{B} fighters", "{B}")),
    ("supplied", "supplies", "supplied", "supply", ("{B} with drones", "{B} with rockets", "{B} with fuel")),
    ("backed", "backs", "backed", "back", ("{B}", "{B} in the conflict")),
    ("supported", "supports", "supported", "support", ("{B}", "the position of {B}")),
    ("praised", "praises", "praised", "praise", ("{B}", "the restraint shown by {B}")),
    ("criticized", "criticizes", "criticized", "criticize", ("{B}", "the conduct of {B}")),
    ("condemned", "condemns", "condemned", "condemn", ("{B}", "the attack by {B}")),
    ("accused", "accuses", "accused", "accuse", ("{B} of violating the truce", "{B} of smuggling weapons")),
    ("threatened", "threatens", "threatened", "threaten", ("{B} with retaliation", "{B}")),
    ("warned", "warns", "warned", "warn", ("{B} against escalation", "{B}")),
    ("sanctioned", "sanctions", "sanctioned", "sanction", ("{B}", "{num} officials of {B}")),
    ("rejected", "rejects", "rejected", "reject", ("a proposal by {B}", "the demands of {B}")),
    ("met", "meets", "met", "meet", ("{B}", "a delegation from {B}", "with {B}")),
    ("hosted", "hosts", "hosted", "host", ("{B}", "envoys of {B}")),
    ("signed an agreement with", "signs an agreement with", "signed an agreement with",
     "sign an agreement with", ("{B}",)),
    ("urged", "urges", "urged", "urge", ("{B} to halt the offensive", "{B} to release the prisoners")),
    ("demanded that", "demands that", "demanded that", "demand that", ("{B} withdraw its forces",)),
    ("released", "releases", "released", "release", ("{num} prisoners held by {B}",)),
    ("expelled", "expels", "expelled", "expel", ("the ambassador of {B}", "{B} diplomats")),
    ("coordinated with", "coordinates with", "coordinated with", "coordinate with", ("{B}",)),
    ("cooperated with", "cooperates with", "cooperated with", "cooperate with", ("{B}", "{B} on security")),
    ("invaded", "invades", "invaded", "invade", ("{B}",)),
    ("blockaded", "blockades", "blockaded", "blockade", ("ports controlled by {B}",)),
    ("commanded", "commands", "commanded", "command", ("{B}", "units of {B}")),
    ("welcomed", "welcomes", "welcomed", "welcome", ("the decision of {B}", "{B}")),
]

HEDGED = ["reportedly {past} {obj}", "may have {pp} {obj}", "is believed to have {pp} {obj}",
          "allegedly {past} {obj}", "probably {past} {obj}", "could {bare} {obj}", "is likely to {bare} {obj}"]

SENTENCES: list[str] = [
    "{A} {past} {obj} on {weekday}, {agency} reported.",
    "{A} {past} {obj} in {city} on {when}.",
    "On {when}, {A} {past} {obj}.",
    "{A} {hedged}, according to {source}.",
    "According to {source}, {A} {hedged}.",
    "{Bn} was {pp_passive} by {A} last {weekday}, {source} said.",
    "{Bn} has been {pp_passive} by {A} for years, analysts say.",
    "{A}, which {pres} {obj}, said it would continue its campaign.",
    "{A} denied that it had {pp} {obj}.",
    "{A} did not {bare} {obj}, {person} insisted.",
    "\"{A} will never {bare} {obj},\" {person} said in a televised speech.",
    "\"We have {pp} {obj} and we will do so again,\" said {person}, a spokesman for {A}.",
    "{person} said {A} had {pp} {obj}.",
    "{person} told {agency} that {A} {hedged}.",
    "{A} and {B} met in {city} on {when} to discuss a ceasefire.",
    "Officials from {A} and {B} held talks in {city}.",
    "{A} is an ally of {B}, and the two often coordinate their positions.",
    "Tensions between {A} and {B} have grown since {year}.",
    "{A} is widely seen as a proxy of {B}.",
    "{A} is not a proxy of {B} in the way that other groups are, {source} said.",
    "The {adj} government {past} {obj}, state media said.",
    "{A}-backed fighters {past} {objc} near {city}.",
    "After {A} {past} {obj}, {B} vowed to respond.",
    "{A} {past} {obj} while {B} {past2} {obj2}.",
    "{A} is expected to {bare} {obj} next month, diplomats said.",
    "It was not clear whether {A} had {pp} {obj}.",
    "{A}, led by {person}, {past} {obj}.",
    "{A} has long {pp} {obj}, a pattern documented by {agency}.",
]

FILLER: list[str] = [
    "The {adj} currency fell to a record low against the dollar on {weekday}.",
    "Fuel shortages have left much of {city} without electricity for weeks.",
    "Temperatures in {city} reached {tempc} degrees Celsius, straining hospitals.",
    "The talks are expected to resume in {city} after the holidays.",
    "Aid agencies say {num} families have been displaced in the past month.",
    "The road between {city} and {city2} remained closed on {weekday}.",
    "Prices of bread and cooking oil have more than doubled since {year}.",
    "No group immediately claimed responsibility for the explosion in {city}.",
    "Casualty figures could not be independently verified.",
    "The ministry did not respond to a request for comment.",
    "Schools in {city} reopened on {weekday} after a two-week closure.",
    "Analysts expect parliament to vote on the budget before the end of {month}.",
    "The United Nations says more than {bign} people need humanitarian assistance.",
    "Satellite images showed new earthworks along the border near {city}.",
    "Residents described hearing heavy gunfire through the night.",
]

HEADLINES = ["{A} {pres} {obj}", "{A} and {B} hold talks in {city}", "Clashes near {city} as {A} {pres} {obj}",
             "{adjc} officials say {A} {pres} {obj}", "Analysis: why {A} {pres} {obj}",
             "{A} denies it {pres} {obj}"]


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Names of states, of other organisations, of persons, and state adjectives, from the bundled KB."""
    kb = bundled_kb()
    states: list[str] = []
    groups: list[str] = []
    people: list[str] = []
    adjectives: list[str] = []
    for actor in sorted(kb.actors.values(), key=lambda a: a.id):
        forms = [f for f in (actor.name, *actor.aliases[:3]) if len(f) > 3 and f.isascii() and "(" not in f]
        if actor.kind == "person":
            people.extend(f for f in forms if " " in f)
        elif actor.kind == "state":
            states.append(actor.name)
            adjectives.extend(actor.adjectives[:1])
        else:
            groups.extend(forms)
    return tuple(states), tuple(groups), tuple(people), tuple(adjectives)


def _pick(rng: random.Random, items: list[str] | tuple[str, ...]) -> str:
    return items[rng.randrange(len(items))]


def _the(name: str) -> str:
    """Names of organisations read better with an article in running text."""
    words = name.split()
    if len(words) > 1 and words[0] not in {"the", "The"} and any(
            w in name for w in ("Council", "Force", "Forces", "Ministry", "Guard", "Army", "Union", "Nations",
                                "Brigades", "Movement", "Front", "Organization", "Agency", "Court", "Party")):
        return "the " + name
    return name


class _Filler:
    """Fills one sentence frame with a coherent cast for one document."""

    def __init__(self, rng: random.Random, cast: list[str], people: list[str], day: date) -> None:
        self.rng = rng
        self.cast = cast
        self.people = people
        self.day = day
        self.adjectives = _names()[3]

    def actor(self, exclude: str | None = None) -> str:
        choices = [c for c in self.cast if c != exclude] or self.cast
        return _the(_pick(self.rng, choices))

    def when(self) -> str:
        back = self.day - timedelta(days=self.rng.randrange(0, 20))
        return f"{MONTHS[back.month - 1]} {back.day}"

    def slots(self) -> dict[str, str]:
        rng = self.rng
        a = self.actor()
        b = self.actor(exclude=a)
        verb = VERBS[rng.randrange(len(VERBS))]
        verb2 = VERBS[rng.randrange(len(VERBS))]
        c = self.actor(exclude=b)
        obj = _pick(rng, verb[4]).replace("{B}", b).replace("{city}", _pick(rng, CITIES))
        obj = obj.replace("{num}", _pick(rng, NUMBERS))
        obj2 = _pick(rng, verb2[4]).replace("{B}", c).replace("{city}", _pick(rng, CITIES))
        obj2 = obj2.replace("{num}", _pick(rng, NUMBERS))
        objc = obj.replace(b, _the(self.actor(exclude=a)), 1)
        hedged = _pick(rng, HEDGED).format(past=verb[0], pp=verb[2], bare=verb[3], obj=obj)
        passive_ok = not verb[0].endswith((" with", " that"))
        pp_passive = verb[2] if passive_ok else "criticized"
        adj = _pick(rng, self.adjectives)
        return {
            "A": a, "B": b, "Bn": b[0].upper() + b[1:], "past": verb[0], "pres": verb[1], "pp": verb[2],
            "bare": verb[3], "obj": obj, "objc": objc, "past2": verb2[0], "obj2": obj2, "hedged": hedged,
            "pp_passive": pp_passive, "person": _pick(rng, self.people), "agency": _pick(rng, AGENCIES),
            "source": _pick(rng, SOURCES), "city": _pick(rng, CITIES), "city2": _pick(rng, CITIES),
            "weekday": _pick(rng, WEEKDAYS), "when": self.when(), "year": str(self.day.year - rng.randrange(1, 9)),
            "adj": adj, "adjc": adj, "num": _pick(rng, NUMBERS), "month": MONTHS[self.day.month - 1],
            "tempc": str(rng.randrange(38, 51)), "bign": f"{rng.randrange(2, 30)} million",
        }

    def sentence(self, frame: str) -> str:
        text = frame.format(**self.slots())
        return text[0].upper() + text[1:]


def document(index: int, seed: int = 0) -> Document:
    """The `index`-th generated document of a seed (independent of how many are generated)."""
    rng = random.Random(seed * 1_000_003 + index)
    states, groups, persons, _ = _names()
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    cast = rng.sample(states, rng.randrange(1, 3)) + rng.sample(groups, rng.randrange(2, 5))
    people = rng.sample(persons, 3)
    filler = _Filler(rng, cast, people, day)
    title = filler.sentence(_pick(rng, HEADLINES))
    paragraphs = []
    for p in range(rng.randrange(3, 9)):
        sentences = []
        if p == 0:
            lead = filler.sentence(_pick(rng, SENTENCES))
            sentences.append(f"{_pick(rng, CITIES).upper()}, {filler.when()} ({_pick(rng, AGENCIES)}) - {lead}")
        for _ in range(rng.randrange(2, 6)):
            frame = _pick(rng, FILLER) if rng.random() < 0.3 else _pick(rng, SENTENCES)
            sentences.append(filler.sentence(frame))
        paragraphs.append(" ".join(sentences))
    return Document(id=f"gen-{seed}-{index:07d}", text=title + "\n\n" + "\n\n".join(paragraphs), date=day,
                    title=title, source="generated")


def documents(n: int, seed: int = 0, start: int = 0) -> Iterator[Document]:
    """Documents `start` .. `start + n - 1` of a seed."""
    for index in range(start, start + n):
        yield document(index, seed)


def record(doc: Document) -> dict[str, str | None]:
    """The JSONL record of a generated document, as `axisgraph ingest` reads it."""
    return {"id": doc.id, "date": doc.date.isoformat() if doc.date else None, "title": doc.title,
            "source": doc.source, "text": doc.text}


def write_corpus(folder: Path, n: int, seed: int = 0, shard_size: int = 1000) -> list[Path]:
    """Write `n` documents as JSONL shards of `shard_size` documents; returns the shard paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for shard, start in enumerate(range(0, n, shard_size)):
        path = folder / f"part-{shard:05d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for doc in documents(min(shard_size, n - start), seed, start):
                handle.write(json.dumps(record(doc), ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def main() -> None:
    """Command line: write a generated corpus as JSONL shards."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shard-size", type=int, default=1000)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.n, args.seed, args.shard_size)
    print(f"{args.n} documents in {len(paths)} shards under {args.out}")


if __name__ == "__main__":
    main()
