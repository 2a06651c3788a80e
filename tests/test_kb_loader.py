"""The KB loader: validation with file/entry/reason, overrides, generated state bodies, checks."""

from __future__ import annotations

from datetime import date

import pytest

from axisgraph.kb import KBError, load_kb, read_kb_file

BASE = """kb: axisgraph-actors
actors:
  - {id: irn, name: Iran, kind: state, country: IRN, adjectives: [Iranian, Iranians], capital: Tehran}
  - {id: hezbollah, name: Hezbollah, kind: armed_group, country: LBN, aliases: [Hizballah]}
  - id: person.hassan_nasrallah
    name: Hassan Nasrallah
    kind: person
    aliases: [Nasrallah]
    affiliations:
      - {relation: LEADS, target: hezbollah, since: 1992-02-16, until: 2024-09-27}
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_loads_generates_state_bodies_and_dated_affiliations(tmp_path):
    kb = load_kb([write(tmp_path, "a.yaml", BASE)], include_bundled=False)
    assert {"irn", "irn.gov", "irn.mil", "hezbollah"} <= set(kb.actors)
    assert "Iranian government" in kb.actors["irn.gov"].aliases
    assert kb.actors["irn.mil"].parent == "irn" and kb.state_of("irn.mil") == "irn"
    assert kb.led_by("person.hassan_nasrallah", date(2023, 11, 1)) == ["hezbollah"]
    assert kb.led_by("person.hassan_nasrallah", date(2025, 1, 1)) == []
    forms = {f.text: f for f in kb.surface_forms() if f.actor_id == "irn"}
    assert forms["Tehran"].form == "capital" and not forms["Iran"].case_sensitive
    assert not kb.issues


def test_user_file_overrides_field_by_field(tmp_path):
    base = write(tmp_path, "a.yaml", BASE)
    user = write(tmp_path, "b.yaml", "kb: axisgraph-actors\nactors:\n"
                 "  - {id: hezbollah, aliases: [Party of God], description: [militant group]}\n")
    kb = load_kb([base, user], include_bundled=False)
    hez = kb.actors["hezbollah"]
    assert hez.aliases == ["Hizballah", "Party of God"] and hez.kind == "armed_group"


def test_malformed_entries_rejected_with_file_entry_reason(tmp_path):
    bad = write(tmp_path, "bad.yaml", "kb: axisgraph-actors\nactors:\n"
                "  - {id: Bad Id, name: X, kind: state}\n"
                "  - {id: ok1, name: Y, kind: spaceship}\n"
                "  - {id: ok2, name: Z, kind: party, affiliations: [{relation: LIKES, target: ok1}]}\n"
                "  - {id: ok3, name: W, kind: party}\n"
                "  - {id: ok3, name: W2, kind: party}\n"
                "  - just a string\n")
    entries, issues = read_kb_file(bad)
    assert [e.id for e in entries] == ["ok3"]
    reasons = [str(i) for i in issues]
    assert all(str(bad) in r for r in reasons) and len(reasons) == 5
    assert any("#2 (ok1)" in r and "kind" in r for r in reasons)
    assert any("LEADS" in r or "relation" in r for r in reasons)
    assert any("duplicate id" in r for r in reasons)
    with pytest.raises(KBError, match="bad.yaml"):
        load_kb([bad], include_bundled=False, strict=True)


def test_collisions_unknown_targets_and_overlaps_reported(tmp_path):
    text = BASE + """  - {id: hezb2, name: Hizballah Two, kind: party, aliases: [Hizballah]}
  - id: person.x
    name: X Y
    kind: person
    affiliations:
      - {relation: LEADS, target: nowhere}
      - {relation: MEMBER_OF, target: hezbollah, since: 2000-01-01, until: 2010-01-01}
      - {relation: MEMBER_OF, target: hezbollah, since: 2005-01-01}
"""
    kb = load_kb([write(tmp_path, "c.yaml", text)], include_bundled=False)
    reasons = " | ".join(str(i) for i in kb.issues)
    assert "'hizballah' names 2 actors" in reasons
    assert "'nowhere' is not a known id" in reasons
    assert "overlapping MEMBER_OF" in reasons


def test_not_yaml_and_wrong_shape_are_errors(tmp_path):
    with pytest.raises(KBError, match="not valid YAML"):
        read_kb_file(write(tmp_path, "x.yaml", "actors: [unclosed"))
    with pytest.raises(KBError, match="'actors' list"):
        read_kb_file(write(tmp_path, "y.yaml", "just: text"))
    with pytest.raises(KBError, match="python/object"):
        read_kb_file(write(tmp_path, "z.yaml", "actors: !!python/object/apply:os.system ['echo hi']"))
