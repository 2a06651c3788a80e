"""TKG benchmark import: ids to actors, CAMEO names to relations, time indexes to dates, bad rows by line."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from axisgraph.importers import import_path
from axisgraph.importers.tkg import SKIP_STATEMENT, cameo_name_index, time_scale
from axisgraph.kb import load_kb
from axisgraph.store import Store, assertion_key, assertions

DATA = Path(__file__).parent / "data" / "import"
SHARED = Path(__file__).parents[1] / "../shared/data/anchors/tkg"


@pytest.fixture()
def kb():
    return load_kb([DATA / "kb.yaml"], include_bundled=False)


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "t.db") as s:
        yield s


def _toy(store, kb):
    return import_path(store, "tkg", DATA / "tkg" / "TOY18", kb=kb, start=date(2018, 1, 1), units_per_day=24)


def test_toy_counts_skips_and_bad_rows_with_lines(store, kb):
    report = _toy(store, kb)
    assert report.rows_read == 10
    assert report.assertions_stored == 6
    assert report.skipped == {SKIP_STATEMENT: 1}
    assert [(b.file, b.line) for b in report.bad_rows] == [("valid.txt", 2), ("valid.txt", 3), ("test.txt", 3)]
    assert "Dance wildly" in report.bad_rows[0].reason
    assert "unknown entity id 99" in report.bad_rows[2].reason


def test_toy_actors_relations_and_dates(store, kb):
    _toy(store, kb)
    frame = store.assertions_frame().set_index("origin")
    first = frame.loc["toy18:train.txt:1"]
    assert (first.source_id, first.relation, first["mode"], first.target_id) == ("irn", "AID", "military", "hezbollah")
    assert first.date.date() == date(2018, 1, 1) and first.sentence == "Iran | Provide military aid | Hezbollah"
    assert frame.loc["toy18:train.txt:3"].source_id == "irn.irgc.quds"
    militant = frame.loc["toy18:train.txt:4"]
    assert (militant.source_id, militant.target_id) == ("houthis", "isr.gov")
    bombing = frame.loc["toy18:test.txt:1"]
    assert (bombing.source_id, bombing["mode"], bombing.target_id) == ("irn.mil", "suicide-attack", "ind.civilians")
    assert bombing.date.date() == date(2018, 1, 5) and bombing.cameo == "183" and bombing.quad == 4
    assert frame.loc["toy18:valid.txt:1"].source_id == "person.benjamin_netanyahu"
    actors = store.actor_names()
    assert actors["ind.civilians"] == {"name": "Civilians (India)", "kind": "other", "country": "IND"}
    assert "x.police_nigeria" not in actors  # only on a bad row


def test_reimport_adds_nothing_and_keys_match_records(store, kb):
    _toy(store, kb)
    again = _toy(store, kb)
    assert again.assertions_built == 6 and again.assertions_stored == 0 and again.duplicates == 6
    with store.engine.connect() as conn:
        keys = {r.origin: r.key for r in conn.execute(assertions.select())}
    for record in store.iter_assertions():
        assert assertion_key(record) == keys[record.origin]


def test_icews14_preset_day_index_underscores_and_quotes(store, kb):
    report = import_path(store, "tkg", DATA / "tkg" / "ICEWS14", kb=kb)
    assert report.dataset == "icews14" and report.assertions_stored == 2
    frame = store.assertions_frame().set_index("origin")
    assert frame.loc["icews14:train.txt:1"].date.date() == date(2014, 1, 1)
    last = frame.loc["icews14:train.txt:2"]
    assert last.date.date() == date(2014, 12, 31)
    assert (last.source_id, last.relation) == ("x.police_nigeria", "REQUEST")
    assert last.target_id == "x.nicholas_nick_xenophon"
    assert store.actor_names()["x.police_nigeria"]["kind"] == "state_org"
    assert store.actor_names()["x.nicholas_nick_xenophon"] == {
        "name": 'Nicholas "Nick" Xenophon', "kind": "person", "country": None}


def test_time_scales_and_unknown_dataset(tmp_path):
    assert time_scale(Path("ICEWS18")).to_date(7272) == date(2018, 10, 31)
    assert time_scale(Path("ICEWS14")).to_date(365) == date(2014, 12, 31)
    with pytest.raises(ValueError, match="start date"):
        time_scale(tmp_path / "MYTKG")


def test_every_icews18_relation_name_is_in_the_codebook():
    names = SHARED / "ICEWS18" / "relation2id.txt"
    if not names.exists():
        pytest.skip("shared TKG data not available")
    index = cameo_name_index()
    missing = [line.split("\t")[0] for line in names.read_text().splitlines()
               if " ".join(re.sub(r"[^a-z0-9]+", " ", line.split("\t")[0].lower()).split()) not in index]
    assert missing == []


@pytest.mark.slow
def test_real_icews18_slice_resolves_axis_actors(tmp_path):
    source = SHARED / "ICEWS18"
    if not source.exists():
        pytest.skip("shared TKG data not available")
    folder = tmp_path / "ICEWS18"
    folder.mkdir()
    for name in ("entity2id.txt", "relation2id.txt"):
        shutil.copy(source / name, folder / name)
    lines = (source / "train.txt").read_text().splitlines()
    (folder / "train.txt").write_text("\n".join(lines[:10000]) + "\n")
    with Store(tmp_path / "real.db") as store:
        report = import_path(store, "tkg", folder)
        assert report.bad_count == 0 and report.rows_read == 10000
        assert report.assertions_stored + sum(report.skipped.values()) == 10000
        ties = store.ties("irn")
        partners = set(ties.source_id) | set(ties.target_id)
        assert {"hezbollah", "irn.mil", "irn.gov"} & partners
        assert store.summary().last_date <= date(2018, 1, 31)


def test_replace_reresolves_after_a_kb_change(store, kb, tmp_path):
    _toy(store, kb)
    extra = tmp_path / "extra.yaml"
    extra.write_text("actors:\n  - {id: person.kiran, name: Citizen (India), kind: other, country: IND}\n")
    changed = load_kb([DATA / "kb.yaml", extra], include_bundled=False)
    report = import_path(store, "tkg", DATA / "tkg" / "TOY18", kb=changed, start=date(2018, 1, 1),
                         units_per_day=24, replace=True)
    assert report.replaced == 6 and report.assertions_stored == 6
    targets = set(store.assertions_frame().target_id)
    assert "person.kiran" in targets and "ind.civilians" not in targets
    assert store.summary().assertions == 6
