"""PETRARCH verb dictionaries (CAMEO.2.0.txt and the like) converted to verb-cue tables of the trigger lexicon.

The format (PETRARCH's `PETRreader.read_verb_dictionary` documentation) has synonym sets (`&NAME` with
`+WORD` lines) and verb blocks: a header `--- NAME [code] ---`, the block's verb forms (irregular forms in
`{...}`, an own code in `[...]`, multi-word verbs joined by `_` with `+` on the verb word), and patterns
`- <before> * <after> [code]` where `*` is the verb, `$` the source, `+` the target, `&SET` a synonym
set, `{A B}` a noun phrase headed by its last word and `(PREP ...)` a prepositional phrase.

The conversion is conservative: a verb form becomes a cue with the relation of its CAMEO code
(`ontology.cameo_to_relation`); only patterns of the shapes `* NOUN`, `* MOD NOUN`, `* {MOD NOUN}`,
`* &SET`, `* NOUN PREP ^ PREP +` (object nouns, up to three words, before any target slots) and `* PREP +`,
`* (PREP +)`, `* (PREP)` (the preposition introducing the target) are used. Every
other pattern, and every code with no relation (CAMEO root 01, `---`, non-CAMEO codes), is skipped and
counted in `Conversion.skipped`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..ontology import cameo_to_relation

NULL_CODE = "---"
PARTICLES = frozenset({"up", "down", "off", "out", "back", "away", "over", "in", "on", "around", "about",
                       "through", "forward", "aside", "together", "apart"})
PREPOSITIONS = frozenset({"to", "with", "against", "on", "upon", "at", "for", "from", "into", "toward",
                          "towards", "of", "over", "in", "between", "among", "about", "onto", "by"})
_FUNCTION_WORDS = PARTICLES | PREPOSITIONS | frozenset({
    "a", "an", "the", "it", "its", "him", "her", "them", "himself", "herself", "itself", "themselves", "not",
    "no", "that", "this", "these", "those", "all", "any", "some", "ahead", "forward", "again", "now", "so",
    "as", "and", "or", "but", "if", "than", "then", "very", "more", "less", "much", "most", "too"})
_BE = frozenset({"be", "been", "being", "is", "are", "was", "were"})
_SLOTS = frozenset({"^", "+", "$", "%"})  # skipped phrase, target, source, compound actor of a pattern
_HEADER = re.compile(r"^---\s*(?P<name>[^\[]*?)\s*(?:\[(?P<code>[^\]]*)\])?[\s\-\[\]:0-9]*$")
_CODE = re.compile(r"\[([^\]]*)\]")
_WORD = re.compile(r"[a-z][a-z'\-]*")
_NOTICE = re.compile(r"(copyright (\(c\)|©|\d)|(the )?\w+ licen[cs]e\b)", re.I)


@dataclass(frozen=True)
class VerbForm:
    """One verb line of a block: the form as written, its own code (if any) and its irregular forms."""

    word: str
    code: str | None = None
    irregular: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pattern:
    """One `- before * after [code]` line, split into the tokens around the verb marker."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str
    text: str


@dataclass
class VerbBlock:
    """A verb synonym block: its name, default code, verb forms and patterns."""

    name: str
    code: str
    forms: list[VerbForm] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    """A parsed PETRARCH verb dictionary: synonym sets (expanded to phrases) and verb blocks."""

    synsets: dict[str, tuple[str, ...]]
    blocks: list[VerbBlock]
    notices: tuple[str, ...] = ()
    unreadable: int = 0


@dataclass
class Conversion:
    """The verb-cue table converted from a dictionary, with counts of what was used and skipped."""

    verbs: dict[str, dict]
    blocks: int = 0
    forms: int = 0
    patterns: int = 0
    objects: int = 0
    object_nouns: int = 0
    preps: int = 0
    skipped: Counter = field(default_factory=Counter)

    def counts(self) -> dict[str, object]:
        """Counts for the report and the generated file's header."""
        return {"blocks": self.blocks, "verb forms": self.forms, "cues": len(self.verbs),
                "patterns": self.patterns, "object entries": self.objects, "distinct object nouns": self.object_nouns,
                "preposition entries": self.preps,
                "skipped": dict(sorted(self.skipped.items()))}


# ------------------------------------------------------------------------------------------- reading
def _strip_comment(line: str) -> str:
    """A line without its `#`, `;` or one-line `<!-- -->` comment."""
    line = re.sub(r"<!--.*?-->", "", line)
    return re.split(r"[#;]", line, maxsplit=1)[0].rstrip()


def _code_of(text: str) -> str | None:
    """The last `[...]` code of a line, if any."""
    codes = _CODE.findall(text)
    return codes[-1].strip() if codes else None


def _parse_form(line: str) -> VerbForm:
    """A verb form line: `WORD {IRREGULAR FORMS} [code]`."""
    irregular: tuple[str, ...] = ()
    braces = re.search(r"\{([^}]*)\}", line)
    if braces:
        irregular = tuple(braces.group(1).split())
        line = line[:braces.start()] + line[braces.end():]
    code = _code_of(line)
    word = _CODE.sub("", line).strip()
    return VerbForm(word=word, code=code, irregular=irregular)


def _parse_pattern(line: str) -> Pattern | None:
    """A pattern line `- before * after [code]` (None without a verb marker or a code)."""
    body = line[1:]
    code = _code_of(body)
    body = _CODE.sub(" ", body)
    if code is None or "*" not in body:
        return None
    before, after = body.split("*", 1)
    return Pattern(_tokens(before), _tokens(after), code, line.strip())


def _tokens(text: str) -> tuple[str, ...]:
    """Pattern tokens, with `_` joins read as word breaks (synonym-set names keep theirs)."""
    out: list[str] = []
    for tok in text.split():
        out.extend([tok] if tok.lstrip("({").startswith("&") else [t for t in tok.split("_") if t])
    return tuple(out)


def _expand_synsets(raw: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Synonym sets as lowercase phrases, with members that name another set expanded (two levels)."""
    def members(name: str, depth: int) -> list[str]:
        out = []
        for item in raw.get(name, []):
            if item.startswith("&") and depth < 2:
                out.extend(members(item.rstrip("_").upper(), depth + 1))
            elif not item.startswith("&"):
                out.append(" ".join(item.replace("_", " ").split()).lower())
        return out

    return {name: tuple(dict.fromkeys(members(name, 0))) for name in raw}


def parse_verb_dictionary(text: str) -> VerbDictionary:
    """Parse the text of a PETRARCH verb dictionary."""
    raw_sets: dict[str, list[str]] = {}
    blocks: list[VerbBlock] = []
    synset: str | None = None
    block: VerbBlock | None = None
    in_comment = False
    unreadable = 0
    for raw_line in text.splitlines():
        if in_comment:
            in_comment = "-->" not in raw_line
            continue
        if "<!--" in raw_line and "-->" not in raw_line:
            in_comment = True
            continue
        line = _strip_comment(raw_line).strip()
        if not line:
            synset = synset if raw_line.strip() else None
            continue
        if line.startswith("---"):
            match = _HEADER.match(line)
            name, code = (match.group("name"), match.group("code")) if match else (line.strip("- "), None)
            block, synset = VerbBlock(name=name.strip(), code=(code or NULL_CODE).strip()), None
            blocks.append(block)
        elif line.startswith("&"):
            synset = line.split()[0].rstrip("_").upper()
            raw_sets.setdefault(synset, [])
        elif line.startswith("+") and synset is not None:
            raw_sets[synset].append(line[1:].strip())
        elif line.startswith("-") and block is not None:
            pattern = _parse_pattern(line)
            if pattern is None:
                unreadable += 1
            else:
                block.patterns.append(pattern)
        elif block is not None and not line.startswith("~"):
            block.forms.append(_parse_form(line))
    return VerbDictionary(_expand_synsets(raw_sets), blocks, _notices(text), unreadable)


def _notices(text: str) -> tuple[str, ...]:
    """Copyright and licence lines of the dictionary's comments, for the generated file's header."""
    found = []
    for line in text.splitlines():
        comment = line.lstrip("#<!- ").rstrip("-> ").strip()
        if line.lstrip().startswith(("#", "<!--")) and _NOTICE.match(comment):
            found.append(comment)
    return tuple(dict.fromkeys(found))


def read_verb_dictionary(path: Path | str) -> VerbDictionary:
    """Read and parse a PETRARCH verb dictionary file."""
    return parse_verb_dictionary(Path(path).read_text(encoding="utf-8", errors="replace"))


# ------------------------------------------------------------------------------------------- codes
def relation_of(code: str | None) -> tuple[str, str | None, bool] | None:
    """(relation, mode, symmetric) of a dictionary code; None for `---`, root 01, reverse-only or non-CAMEO."""
    if not code:
        return None
    first, _, second = code.partition(":")
    first = first.strip()
    if not first or first == NULL_CODE:
        return None
    mapped = cameo_to_relation(first)
    if mapped is None:
        return None
    return mapped[0], mapped[1], second.strip() == first


# ------------------------------------------------------------------------------------------- words
def verb_key(word: str) -> str | None:
    """The lexicon key of a verb form: `attack`, or `call off` for `+CALL_OFF`; None if not convertible."""
    parts = [p for p in re.split(r"[_\s]+", word.lower()) if p]
    if len(parts) == 1 and _WORD.fullmatch(parts[0]):
        return parts[0]
    verb = parts[0].removeprefix("+") if len(parts) == 2 else ""
    if "+" not in parts[-1] and parts[-1] in PARTICLES and _WORD.fullmatch(verb):
        return f"{verb} {parts[1]}"
    return None


def noun_keys(word: str) -> list[str]:
    """Object-table key of a pattern noun: its singular, the lemma the extractor looks up (none for function words)."""
    word = word.lower().rstrip("_")
    if not _WORD.fullmatch(word) or word in _FUNCTION_WORDS or word.endswith("ly"):
        return []
    return [_singular(word)]


def _singular(word: str) -> str:
    """A regular plural's singular ("sanctions" -> "sanction", "rallies" -> "rally")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _phrase_head(phrase: str) -> tuple[str, bool]:
    """Head noun of a phrase (last word, or the word before an `of`-like preposition) and whether it is modified."""
    words = phrase.split()
    cut = next((i for i, w in enumerate(words) if w in PREPOSITIONS and i > 0), len(words))
    return words[cut - 1], cut > 1 or cut < len(words)


# ------------------------------------------------------------------------------------------- patterns
@dataclass(frozen=True)
class _ObjectRule:
    """`* NOUN [code]`: this object noun makes the verb state the code's relation."""

    noun: str
    relation: str
    modified: bool


@dataclass(frozen=True)
class _PrepRule:
    """`* PREP + [code]`: this preposition introduces the target of the code's relation."""

    prep: str
    relation: str


def _object_phrases(after: Sequence[str], synsets: dict[str, tuple[str, ...]]) -> list[str] | None:
    """The noun phrases of an `after` part that is one noun, one `{noun phrase}` or one synonym set."""
    text = " ".join(after)
    if re.fullmatch(r"\{[^{}()]+\}", text):
        inner = text[1:-1].split()
        if any(w.startswith("&") for w in inner[:-1]):
            return None
        head = inner[-1]
        if head.startswith("&"):
            return [" ".join(inner[:-1] + [m]) for m in synsets.get(head.rstrip("_").upper(), ())] or None
        return [" ".join(inner).lower()]
    if len(after) == 1 and text.startswith("&"):
        return list(synsets.get(text.rstrip("_").upper(), ())) or None
    words = _leading_words(after)
    rest = after[len(words):]
    if not words or len(words) > 3 or not all(t.lower() in PREPOSITIONS or t in _SLOTS for t in rest):
        return None
    return [" ".join(words).lower()]


def _leading_words(after: Sequence[str]) -> list[str]:
    """The plain words an `after` part opens with ("TRADE PROTOCOL", "EID" of "EID AT ^ WITH +")."""
    words: list[str] = []
    for tok in after:
        low = tok.lower()
        if not _WORD.fullmatch(low) or low in _FUNCTION_WORDS or low in _BE:
            break
        words.append(tok)
    return words


def _prep_of(after: Sequence[str]) -> str | None:
    """The preposition of `PREP +`, `(PREP +)` or `(PREP)` (nothing else after the verb)."""
    text = " ".join(after).lower()
    match = re.fullmatch(r"\(?\s*([a-z]+)\s*(\+)?\s*\)?", text)
    if not match or match.group(1) not in PREPOSITIONS:
        return None
    bracketed = text.startswith("(") and text.endswith(")")
    return match.group(1) if bracketed or match.group(2) else None


def _rules(pattern: Pattern, synsets: dict[str, tuple[str, ...]], skipped: Counter
           ) -> list[_ObjectRule | _PrepRule]:
    """The rules one pattern gives, counting why it gives none."""
    if pattern.before:
        skipped["pattern: words before the verb"] += 1
        return []
    mapped = relation_of(pattern.code)
    if mapped is None:
        skipped["pattern: code with no relation"] += 1
        return []
    prep = _prep_of(pattern.after)
    if prep is not None:
        return [_PrepRule(prep, mapped[0])]
    phrases = _object_phrases(pattern.after, synsets)
    if phrases is None:
        skipped["pattern: not a simple object or preposition"] += 1
        return []
    rules: list[_ObjectRule | _PrepRule] = []
    for phrase in phrases:
        head, modified = _phrase_head(phrase)
        rules.extend(_ObjectRule(key, mapped[0], modified) for key in noun_keys(head))
    if not rules:
        skipped["pattern: object is not a noun"] += 1
    return rules


def _block_objects(rules: Iterable[_ObjectRule], bare: dict[str, set[str]], skipped: Counter) -> dict[str, str]:
    """Object noun -> relation for a block: bare nouns first; a modified head only where its bare use agrees."""
    plain: dict[str, set[str]] = {}
    modified: dict[str, set[str]] = {}
    for rule in rules:
        (modified if rule.modified else plain).setdefault(rule.noun, set()).add(rule.relation)
    table: dict[str, str] = {}
    for noun, relations in plain.items():
        if len(relations) == 1:
            table[noun] = next(iter(relations))
        else:
            skipped["object: noun with conflicting relations"] += 1
    for noun, relations in modified.items():
        if noun in table:
            continue
        alone = bare.get(noun, set())
        if len(relations) == 1 and (not alone or relations <= alone):
            table[noun] = next(iter(relations))
        else:
            skipped["object: relation carried by the modifier"] += 1
    return table


def _block_preps(rules: Iterable[_PrepRule]) -> dict[str, set[str]]:
    """Relation -> prepositions introducing its target, from a block's preposition patterns."""
    preps: dict[str, set[str]] = {}
    for rule in rules:
        preps.setdefault(rule.relation, set()).add(rule.prep)
    return preps


# ------------------------------------------------------------------------------------------- conversion
def _cue(default: tuple[str, str | None, bool] | None, objects: dict[str, str], preps: dict[str, set[str]],
         shared: dict[str, dict[str, str]]) -> dict | None:
    """The cue entry of one verb form from its default relation and its block's rules (None: states nothing).

    Object tables are shared between the forms of a block (`shared`, by relation), so the YAML file
    writes each once and refers to it.
    """
    if default is not None:
        rel, mode, symmetric = default
        entry: dict = {"rel": rel}
        if mode:
            entry["mode"] = mode
        if symmetric:
            entry["symmetric"] = True
        own = shared.setdefault(rel, {n: r for n, r in sorted(objects.items()) if r != rel})
        if own:
            entry["objects"] = own
        if preps.get(rel):
            entry["preps"] = sorted(preps[rel])
        return entry
    if objects:
        rel = Counter(objects.values()).most_common(1)[0][0]
        return {"rel": rel, "needs": "objects", "objects": shared.setdefault("", dict(sorted(objects.items())))}
    if len(preps) == 1:
        rel, words = next(iter(preps.items()))
        return {"rel": rel, "preps": sorted(words), "needs": "target-prep"}
    return None


def _bare_nouns(dictionary: VerbDictionary) -> dict[str, set[str]]:
    """Relations every unmodified object noun states anywhere in the dictionary."""
    bare: dict[str, set[str]] = {}
    for block in dictionary.blocks:
        for pattern in block.patterns:
            for rule in _rules(pattern, dictionary.synsets, Counter()):
                if isinstance(rule, _ObjectRule) and not rule.modified:
                    bare.setdefault(rule.noun, set()).add(rule.relation)
    return bare


def convert(dictionary: VerbDictionary) -> Conversion:
    """Convert a parsed dictionary to a verb-cue table (key -> triggers.yaml-style entry)."""
    result = Conversion(verbs={})
    if dictionary.unreadable:
        result.skipped["pattern: no verb marker or code"] = dictionary.unreadable
    bare = _bare_nouns(dictionary)
    seen: dict[str, str] = {}
    for block in dictionary.blocks:
        result.blocks += 1
        rules = [r for p in block.patterns for r in _rules(p, dictionary.synsets, result.skipped)]
        result.patterns += len(block.patterns)
        objects = _block_objects([r for r in rules if isinstance(r, _ObjectRule)], bare, result.skipped)
        preps = _block_preps([r for r in rules if isinstance(r, _PrepRule)])
        shared: dict[str, dict[str, str]] = {}
        used: set[str] = set()
        for form in block.forms:
            result.forms += 1
            key = verb_key(form.word)
            if key is None:
                result.skipped["verb form: multi-word or not a word"] += 1
                continue
            entry = _cue(relation_of(form.code or block.code), objects, preps, shared)
            if entry is None:
                result.skipped["verb form: no relation"] += 1
                continue
            if "preps" in entry:
                used.add(entry["rel"])
            _store(result, seen, key, entry, block.name)
        unused = sum(len(words) for rel, words in preps.items() if rel not in used)
        if unused:
            result.skipped["preposition: not the relation of a verb form"] += unused
    for key in [k for k, v in seen.items() if v == ""]:
        result.verbs.pop(key, None)
    result.objects = sum(len(e.get("objects", {})) for e in result.verbs.values())
    result.object_nouns = len({n for e in result.verbs.values() for n in e.get("objects", {})})
    result.preps = sum(len(e.get("preps", [])) for e in result.verbs.values())
    return result


def _store(result: Conversion, seen: dict[str, str], key: str, entry: dict, block: str) -> None:
    """Keep a verb's first cue; a later block with another reading makes the verb ambiguous (dropped)."""
    if key not in seen:
        seen[key] = block
        result.verbs[key] = entry
        return
    first = result.verbs.get(key)
    if first is not None and (first["rel"], first.get("needs")) != (entry["rel"], entry.get("needs")):
        result.skipped["verb form: in blocks with different relations"] += 1
        seen[key] = ""
    else:
        result.skipped["verb form: repeated"] += 1


def convert_file(path: Path | str) -> Conversion:
    """Read and convert a PETRARCH verb dictionary file."""
    return convert(read_verb_dictionary(path))


# ------------------------------------------------------------------------------------------- output
def render_table(conversion: Conversion, source: Path | str, notices: Sequence[str], command: str) -> str:
    """The generated YAML file: a header naming the source, its licence and the command, then the verbs."""
    counts = {k: v for k, v in conversion.counts().items() if k != "skipped"}
    lines = [
        "# Verb cues converted from a PETRARCH verb dictionary; generated, do not edit by hand.",
        f"# Source: {Path(source).name}",
        *[f"#   {n}" for n in notices],
        "# The source's licence applies to this derived file (for the bundled copy, its text is in LICENSES.md).",
        f"# Regenerate with: {command}",
        "# Read by axisgraph.nlp.lexicon as a fallback: cues of the hand lexicon (triggers.yaml) always win.",
        "# Counts: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
        "# Skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(conversion.skipped.items())),
        "",
    ]
    body = yaml.safe_dump({"verbs": conversion.verbs}, sort_keys=True, allow_unicode=True, width=110,
                          default_flow_style=None)
    return "\n".join(lines) + body


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m axisgraph.nlp.cameo_dictionary convert IN -o OUT`: write the verb-cue table of IN."""
    parser = argparse.ArgumentParser(prog="python -m axisgraph.nlp.cameo_dictionary",
                                     description="Convert a PETRARCH verb dictionary to axisgraph verb cues.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("convert", help="Convert IN to a YAML verb-cue table.")
    run.add_argument("source", type=Path, metavar="IN")
    run.add_argument("-o", "--output", type=Path, metavar="OUT", help="Output file (default: standard output).")
    args = parser.parse_args(argv)
    dictionary = read_verb_dictionary(args.source)
    conversion = convert(dictionary)
    command = f"python -m axisgraph.nlp.cameo_dictionary convert {args.source} -o {args.output or '-'}"
    text = render_table(conversion, args.source, dictionary.notices, command)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    print(yaml.safe_dump(conversion.counts(), sort_keys=False).rstrip(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
