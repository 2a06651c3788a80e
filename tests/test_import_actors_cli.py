"""Actor resolution rules of the importers, and the `import` / `export` commands end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from axisgraph.cli import app
from axisgraph.importers.actors import ActorResolver, looks_like_person, slug
from axisgraph.kb import load_kb

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(load_kb([DATA / "kb.yaml"], include_bundled=False), origin="test")


@pytest.mark.parametrize("name,expected", [
    ("Iran", "irn"), ("iran", "irn"), ("Hizballah", "hezbollah"), ("Ansar Allah", "houthis"),
    ("Quds Force", "irn.irgc.quds"), ("Military (Iran)", "irn.mil"), ("Government (Israel)", "isr.gov"),
    ("Militant (Houthis)", "houthis"), ("Military Forces of Israel (2022-)", "isr.mil"),
    ("Government of Iran (1989-)", "irn.gov"), ("Citizen (India)", "ind.civilians"),
    ("Police_(Iran)", "irn.police"), ("Protester (Iran)", "irn.protesters"), ("Business (Iran)", "x.business_iran"),
])
def test_names_resolve(resolver, name, expected):
    assert resolver.resolve(name).id == expected


def test_unresolved_names_keep_country_and_guessed_kind(resolver):
    ministry = resolver.resolve("Foreign Affairs (Iran)")
    assert (ministry.kind, ministry.country, ministry.in_kb) == ("state_org", "IRN", False)
    assert resolver.resolve("Kiran Bedi").kind == "person"
    assert resolver.resolve("Iranian Kurds").kind == "other"
    assert resolver.resolve("Leader (Hamas)").id == "x.leader_hamas"  # a leader is not the group


def test_codes(resolver):
    assert resolver.resolve_code("IRN", sector="GOV").id == "irn.gov"
    assert resolver.resolve_code("ISRMIL").id == "isr.mil"
    assert resolver.resolve_code("hezbollah", name="anything").id == "hezbollah"
    assert resolver.resolve_code("x.citizen_india", name="Citizen (India)").name == "Citizen (India)"
    assert resolver.resolve_code("PER.X", name="Hamas").id == "hamas"
    assert resolver.resolve_code("IRNCOP").id == "irn.police"
    assert resolver.resolve_code("IRN", sector="OPP").id == "irn.opposition"
    assert resolver.resolve_code("LBNREB", name="Hizballah").id == "hezbollah"  # a KB name beats the sector


def test_new_actor_rows_are_handed_out_once(resolver):
    resolver.take_new_rows()
    resolver.resolve("Business (Yemen)")
    rows = resolver.take_new_rows()
    assert rows == [{"id": "x.business_yemen", "name": "Business (Yemen)", "kind": "other", "country": "YEM",
                     "origin": "test"}]
    resolver.resolve("Business (Yemen)")
    assert resolver.take_new_rows() == []


def test_helpers():
    assert slug("Nicholas \"Nick\" Xenophon") == "nicholas_nick_xenophon"
    assert looks_like_person("Benjamin Netanyahu") and not looks_like_person("Foreign Affairs")


def test_cli_import_then_export(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "cli.db")
    kb = str(DATA / "kb.yaml")
    result = runner.invoke(app, ["import", "icews", str(DATA / "icews_events.tsv"), "--db", db, "--actors", kb,
                                 "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{"):])
    assert report["assertions_stored"] == 5 and report["bad_rows"] == 3
    assert report["problems"][0].startswith("icews_events.tsv:7:")
    again = runner.invoke(app, ["import", "icews", str(DATA / "icews_events.tsv"), "--db", db, "--actors", kb])
    assert again.exit_code == 0 and "0 new" in again.stdout
    out = tmp_path / "ties.gexf"
    result = runner.invoke(app, ["export", "--db", db, "--format", "gexf", "-o", str(out), "--since", "2018-01-01"])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stdout and out.read_text().count("<edge ") >= 4
    bad = runner.invoke(app, ["import", "nope", str(DATA / "icews_events.tsv"), "--db", db])
    assert bad.exit_code != 0
