"""The web JSON API on a small store of real sentences: every endpoint, bad parameters, hostile text."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("dash")

from fastapi.testclient import TestClient  # noqa: E402

from axisgraph.records import ActorRef, Assertion, Document, Trigger  # noqa: E402
from axisgraph.store import Store  # noqa: E402
from axisgraph.web import create_api, create_app  # noqa: E402
from axisgraph.web.articles import MAX_UPLOAD_BYTES  # noqa: E402

HOSTILE = ('Officials said <script>window.__pwned=1</script> Iran <img src=x onerror="window.__pwned=2"> '
           'backs Hezbollah.')

AXIS = [
    ("irn", "Iran", "state"), ("irn.irgc.quds", "IRGC Quds Force", "state_org"),
    ("hezbollah", "Hezbollah", "armed_group"), ("hamas", "Hamas", "armed_group"),
    ("pij", "Palestinian Islamic Jihad", "armed_group"), ("houthis", "Houthis", "armed_group"),
    ("isr", "Israel", "state"), ("usa", "United States", "state"), ("sau", "Saudi Arabia", "state"),
    ("kataib_hezbollah", "Kataib Hezbollah", "armed_group"),
]
OTHERS = [
    ("egy", "Egypt", "state"), ("qat", "Qatar", "state"), ("tur", "Turkey", "state"), ("rus", "Russia", "state"),
    ("chn", "China", "state"), ("fra", "France", "state"), ("deu", "Germany", "state"), ("gbr", "Britain", "state"),
    ("jor", "Jordan", "state"), ("lbn", "Lebanon", "state"), ("syr", "Syria", "state"), ("irq", "Iraq", "state"),
    ("yem", "Yemen", "state"), ("omn", "Oman", "state"), ("are", "the United Arab Emirates", "state"),
    ("pak", "Pakistan", "state"), ("ind", "India", "state"), ("jpn", "Japan", "state"), ("ita", "Italy", "state"),
    ("esp", "Spain", "state"), ("un", "the United Nations", "igo"), ("eu", "the European Union", "igo"),
    ("arab_league", "the Arab League", "igo"), ("nato", "NATO", "igo"), ("icrc", "the Red Cross", "ngo"),
    ("fatah", "Fatah", "party"), ("amal", "the Amal Movement", "party"), ("isis", "Islamic State", "armed_group"),
    ("pmf", "the Popular Mobilization Forces", "armed_group"), ("sdf", "the Syrian Democratic Forces", "armed_group"),
    ("idf", "the Israel Defense Forces", "state_org"), ("person.guterres", "Antonio Guterres", "person"),
    ("person.blinken", "Antony Blinken", "person"), ("aljazeera", "Al Jazeera", "media"),
    ("pa", "the Palestinian Authority", "state_org"), ("mossad", "Mossad", "state_org"),
    ("wagner", "the Wagner Group", "armed_group"), ("person.erdogan", "Recep Tayyip Erdogan", "person"),
    ("axis", "the Axis of Resistance", "coalition"), ("aus", "Australia", "state"),
]
TEMPLATES = [
    ("{a} held talks with {b} on Tuesday.", "CONSULT", None, "held talks"),
    ("{a} condemned {b} over the border clashes.", "ACCUSE", None, "condemned"),
    ("{a} signed a trade agreement with {b}.", "AGREE", None, "signed"),
    ("{a} sent humanitarian aid to {b}.", "AID", "humanitarian", "sent"),
    ("{a} threatened {b} with retaliation.", "THREATEN", None, "threatened"),
    ("{a} praised {b} for its mediation.", "SUPPORT", None, "praised"),
    ("{a} imposed sanctions on {b}.", "SANCTION", None, "imposed sanctions"),
    ("{a} attacked {b} near the border.", "ASSAULT", None, "attacked"),
]


def _ref(actor_id: str | None, text: str, sentence: str, offset: int, names: dict[str, tuple[str, str]]) -> ActorRef:
    start = sentence.index(text)
    name, kind = names.get(actor_id or "", (None, None))
    return ActorRef(id=actor_id, name=name, kind=kind, text=text, span=(offset + start, offset + start + len(text)))


def _facts() -> list[tuple[dt.date, str, str, list[dict]]]:
    """(date, title, sentence, assertions) with hand-written axis sentences and generated diplomacy."""
    facts = [
        (dt.date(2023, 1, 12), "Iran and Hamas", "Iran funds and provides weapons to the Hamas militant group.",
         [dict(s=("irn", "Iran"), r="AID", m="economic", t=("hamas", "the Hamas militant group"), tr="funds")]),
        (dt.date(2023, 2, 3), "Quds Force", "Hezbollah is an extension of the Quds Force, according to US officials.",
         [dict(s=("irn.irgc.quds", "the Quds Force"), r="COMMANDS", t=("hezbollah", "Hezbollah"), tr="extension",
               h="reported", sp=(None, "US officials"))]),
        (dt.date(2023, 3, 9), "Hamas and Iran", "Hamas is not a proxy of Iran in the way Hezbollah is.",
         [dict(s=("irn", "Iran"), r="COMMANDS", t=("hamas", "Hamas"), tr="proxy", n=True)]),
        (dt.date(2023, 5, 21), "Strikes in Lebanon", "Israeli jets struck Hezbollah positions in southern Lebanon.",
         [dict(s=("isr", "Israeli"), r="ASSAULT", m="aerial", t=("hezbollah", "Hezbollah"), tr="struck")]),
        (dt.date(2023, 7, 2), "Drones", "The Houthis reportedly received drones from Iran.",
         [dict(s=("irn", "Iran"), r="AID", m="military", t=("houthis", "The Houthis"), tr="received",
               h="reported")]),
        (dt.date(2023, 9, 14), "Saudi accusation", "Saudi Arabia accused Iran of arming the Houthis.",
         [dict(s=("sau", "Saudi Arabia"), r="ACCUSE", t=("irn", "Iran"), tr="accused"),
          dict(s=("irn", "Iran"), r="AID", m="military", t=("houthis", "the Houthis"), tr="arming", h="reported")]),
        (dt.date(2023, 10, 8), "Coordination",
         "Hamas and Palestinian Islamic Jihad coordinated their attacks on Israel.",
         [dict(s=("hamas", "Hamas"), r="COOPERATE", m="military", t=("pij", "Palestinian Islamic Jihad"),
               tr="coordinated"),
          dict(s=("pij", "Palestinian Islamic Jihad"), r="COOPERATE", m="military", t=("hamas", "Hamas"),
               tr="coordinated"),
          dict(s=("hamas", "Hamas"), r="ASSAULT", t=("isr", "Israel"), tr="attacks")]),
        (dt.date(2024, 1, 28), "Threats", "Kataib Hezbollah threatened US forces in Iraq.",
         [dict(s=("kataib_hezbollah", "Kataib Hezbollah"), r="THREATEN", t=("usa", "US forces"), tr="threatened")]),
        (dt.date(2024, 2, 2), "Sanctions", "The United States sanctioned Kataib Hezbollah.",
         [dict(s=("usa", "The United States"), r="SANCTION", t=("kataib_hezbollah", "Kataib Hezbollah"),
               tr="sanctioned")]),
        (dt.date(2024, 3, 5), "Hostile <b>title</b>", HOSTILE,
         [dict(s=("irn", "Iran"), r="BACKS", t=("hezbollah", "Hezbollah"), tr="backs", sp=(None, "Officials"))]),
    ]
    rng = random.Random(7)
    everyone = AXIS + OTHERS
    start = dt.date(2023, 1, 1)
    for i in range(140):
        (a_id, a_name, _), (b_id, b_name, _) = rng.sample(everyone, 2)
        template, relation, mode, trigger = TEMPLATES[i % len(TEMPLATES)]
        a_text = a_name[0].upper() + a_name[1:]
        sentence = template.format(a=a_text, b=b_name)
        facts.append((start + dt.timedelta(days=rng.randrange(540)), f"Report {i}", sentence,
                      [dict(s=(a_id, a_text), r=relation, m=mode, t=(b_id, b_name), tr=trigger)]))
    return facts


def build_store(path: Path) -> Store:
    """A store of ~150 documents naming 50 actors, with one hostile (HTML-bearing) sentence."""
    names = {i: (n, k) for i, n, k in AXIS + OTHERS}
    batch = []
    for number, (day, title, sentence, specs) in enumerate(_facts()):
        text = f"{title}. {sentence}"
        offset = text.index(sentence)
        doc = Document(id=f"doc{number:03d}", text=text, date=day, title=title,
                       url=f"https://news.example.org/{number}" if number % 5 else "javascript:alert(1)")
        found = []
        for spec in specs:
            speaker = spec.get("sp")
            found.append(Assertion(
                doc_id=doc.id, doc_date=day, sentence=sentence, sentence_span=(offset, offset + len(sentence)),
                source=_ref(spec["s"][0], spec["s"][1], sentence, offset, names), relation=spec["r"],
                mode=spec.get("m"), target=_ref(spec["t"][0], spec["t"][1], sentence, offset, names),
                negated=spec.get("n", False), hedge=spec.get("h", "asserted"), confidence=0.8,
                speaker=_ref(speaker[0], speaker[1], sentence, offset, names) if speaker else None,
                trigger=Trigger(text=spec["tr"], span=(offset + sentence.index(spec["tr"]),
                                                       offset + sentence.index(spec["tr"]) + len(spec["tr"])))))
        batch.append((doc, found))
    store = Store(path)
    store.add_documents(batch, actor_rows=[{"id": i, "name": n[0].upper() + n[1:] if n.startswith("the ") else n,
                                            "kind": k} for i, n, k in AXIS + OTHERS])
    return store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    store = build_store(tmp_path_factory.mktemp("web") / "t.db")
    return TestClient(create_api(store))


def test_info_reports_store_and_features(client: TestClient) -> None:
    body = client.get("/api/info").json()
    assert body["documents"] == 150 and body["actors"] == 50
    assert body["first_date"] == "2023-01-01" or body["first_date"] >= "2023-01-01"
    assert set(body["features"]) >= {"blocs", "forecast", "extract"}


def test_graph_view_top_n_and_filters(client: TestClient) -> None:
    full = client.get("/api/graph", params={"limit": 50}).json()
    assert full["total_nodes"] == 50 and len(full["nodes"]) == 50
    activity = [n["activity"] for n in full["nodes"]]
    assert activity == sorted(activity, reverse=True)
    top = client.get("/api/graph", params={"limit": 5}).json()
    assert [n["id"] for n in top["nodes"]] == [n["id"] for n in full["nodes"][:5]]
    assert all(e["source"] in {n["id"] for n in top["nodes"]} for e in top["edges"])
    hostile = client.get("/api/graph", params={"quad": "4", "limit": 50}).json()
    assert hostile["edges"] and all(e["family"] == "hostility" and e["sign"] == -1 for e in hostile["edges"])
    sponsor = client.get("/api/graph", params=[("relation", "AID"), ("relation", "BACKS"), ("limit", 50)]).json()
    pair = {(e["source"], e["target"]) for e in sponsor["edges"]}
    assert ("irn", "houthis") in pair and ("irn", "hezbollah") in pair
    assert {e["family"] for e in sponsor["edges"]} == {"sponsorship"}


def test_negated_assertions_hidden_unless_included(client: TestClient) -> None:
    def commands(params: dict) -> list[dict]:
        body = client.get("/api/graph", params={"relation": "COMMANDS", **params}).json()
        return [e for e in body["edges"] if (e["source"], e["target"]) == ("irn", "hamas")]

    assert commands({}) == []
    shown = commands({"include_negated": "true"})
    assert shown and shown[0]["negated"] == 1 and shown[0]["family"] == "command"


def test_time_window_and_hedge_filters(client: TestClient) -> None:
    early = client.get("/api/graph", params={"until": "2023-03-31", "limit": 50, "relation": "AID,COMMANDS,ASSAULT"})
    ids = {(e["source"], e["target"]) for e in early.json()["edges"]}
    assert ("irn", "hamas") in ids and ("isr", "hezbollah") not in ids
    reported = client.get("/api/graph", params={"hedge": "reported", "limit": 50}).json()
    assert {(e["source"], e["target"]) for e in reported["edges"]} == {("irn.irgc.quds", "hezbollah"),
                                                                         ("irn", "houthis")}


def test_focus_shows_neighbourhood(client: TestClient) -> None:
    body = client.get("/api/graph", params={"focus": "houthis", "limit": 50}).json()
    ids = {n["id"] for n in body["nodes"]}
    assert "houthis" in ids and "irn" in ids
    assert all("houthis" in (e["source"], e["target"]) or True for e in body["edges"])


def test_search_by_name_and_id(client: TestClient) -> None:
    hits = client.get("/api/actors", params={"q": "hez"}).json()
    assert {h["id"] for h in hits} >= {"hezbollah", "kataib_hezbollah"}
    assert hits[0]["id"] == "hezbollah"
    assert client.get("/api/actors", params={"q": "100%_"}).json() == []


def test_actor_page(client: TestClient) -> None:
    body = client.get("/api/actors/houthis").json()
    assert body["name"] == "Houthis" and body["kind"] == "armed_group"
    assert body["patrons"][0]["id"] == "irn"
    assert body["dependency_index"] is None or 0 <= body["dependency_index"] <= 1
    assert any(t["relation"] == "AID" and t["source_id"] == "irn" for t in body["ties"])
    assert {d["title"] for d in body["documents"]} >= {"Drones", "Saudi accusation"}
    assert sum(p["cooperation"] for p in body["timeline"]["points"]) >= 2
    iran = client.get("/api/actors/irn").json()
    assert {c["id"] for c in iran["clients"]} >= {"houthis", "hezbollah"}


def test_timeline_with_counterpart(client: TestClient) -> None:
    body = client.get("/api/actors/irn/timeline", params={"with_actor": "sau", "freq": "Q"}).json()
    assert body["freq"] == "Q" and sum(p["conflict"] for p in body["points"]) >= 1


def test_evidence_has_sentence_spans_and_document(client: TestClient) -> None:
    body = client.get("/api/evidence", params={"source": "irn.irgc.quds", "target": "hezbollah",
                                               "family": "command"}).json()
    assert body["total"] == 1
    item = body["items"][0]
    sentence = item["sentence"]
    start = item["sentence_span"][0]
    assert sentence[item["source"]["span"][0] - start:item["source"]["span"][1] - start] == "the Quds Force"
    assert sentence[item["trigger"]["span"][0] - start:item["trigger"]["span"][1] - start] == "extension"
    assert item["hedge"] == "reported" and item["speaker"]["text"] == "US officials"
    assert item["document"]["title"] == "Quds Force" and item["document"]["date"] == "2023-02-03"
    negated = client.get("/api/evidence", params={"source": "irn", "target": "hamas", "relation": "COMMANDS",
                                                  "include_negated": "true"}).json()
    assert negated["total"] == 1 and negated["items"][0]["negated"] is True
    hidden = client.get("/api/evidence", params={"source": "irn", "target": "hamas", "relation": "COMMANDS"}).json()
    assert hidden["total"] == 0


def test_hostile_text_is_returned_as_json_data(client: TestClient) -> None:
    response = client.get("/api/evidence", params={"source": "irn", "target": "hezbollah", "family": "sponsorship"})
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.json()["items"][0]["sentence"] == HOSTILE


def test_document_endpoint(client: TestClient) -> None:
    body = client.get("/api/documents/doc000").json()
    assert body["text"].endswith("Iran funds and provides weapons to the Hamas militant group.")
    assert body["assertions"] == 1


def test_cohesion(client: TestClient) -> None:
    body = client.get("/api/cohesion", params=[("actor", "hamas"), ("actor", "pij"), ("actor", "isr")]).json()
    october = [p for p in body["points"] if p["period"] == "2023-10-01"][0]
    assert october["assertions"] == 3 and october["cooperation"] > october["conflict"] > 0
    assert 0 < october["cohesion"] < 1


def test_export_formats(client: TestClient) -> None:
    graphml = client.get("/api/export", params={"format": "graphml", "limit": 10})
    assert graphml.status_code == 200 and b"<graphml" in graphml.content
    gexf = client.get("/api/export", params={"format": "gexf", "limit": 10})
    assert b"<gexf" in gexf.content
    csv = client.get("/api/export", params={"format": "csv", "relation": "AID", "limit": 50}).text
    assert csv.splitlines()[0].startswith("source_id,source_name,target_id")
    assert "irn,Iran,houthis,Houthis,sponsorship" in csv


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for route in ("/api/info", "/api/graph", "/api/actors", "/api/actors/{actor_id}", "/api/evidence",
                  "/api/cohesion", "/api/forecast", "/api/extract", "/api/extract/upload", "/api/export"):
        assert route in paths
    assert client.get("/api/docs").status_code == 200


@pytest.mark.parametrize("path, params", [
    ("/api/graph", {"since": "2023-13-01"}),
    ("/api/graph", {"since": "2024-01-01", "until": "2023-01-01"}),
    ("/api/graph", {"limit": "0"}),
    ("/api/graph", {"limit": "999999"}),
    ("/api/graph", {"limit": "many"}),
    ("/api/graph", {"relation": "FRIENDS"}),
    ("/api/graph", {"quad": "7"}),
    ("/api/graph", {"quad": "x"}),
    ("/api/graph", {"kind": "planet"}),
    ("/api/graph", {"hedge": "certainly"}),
    ("/api/graph", {"min_confidence": "2"}),
    ("/api/actors", {}),
    ("/api/actors", {"q": ""}),
    ("/api/actors", {"q": "x" * 300}),
    ("/api/actors/irn", {"freq": "D"}),
    ("/api/actors/irn/timeline", {"since": "yesterday"}),
    ("/api/evidence", {"source": "irn"}),
    ("/api/evidence", {"source": "irn", "target": "hamas", "family": "friendship"}),
    ("/api/evidence", {"source": "irn", "target": "hamas", "page_size": "0"}),
    ("/api/cohesion", {"actor": "irn"}),
    ("/api/forecast", {"source": "irn", "target": "irn"}),
    ("/api/forecast", {"source": "irn", "target": "hamas", "horizon_days": "-3"}),
    ("/api/export", {"format": "pdf"}),
])
def test_bad_parameters_get_4xx_with_message(client: TestClient, path: str, params: dict) -> None:
    response = client.get(path, params=params)
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["detail"]


def test_unknown_ids_get_404(client: TestClient) -> None:
    assert client.get("/api/actors/nobody.at.all").status_code == 404
    assert client.get("/api/documents/nodoc").status_code == 404
    assert client.get("/api/graph", params={"focus": "nobody"}).status_code == 404


def test_extract_rejects_oversized_and_empty_input(client: TestClient) -> None:
    big = client.post("/api/extract", json={"text": "a" * (MAX_UPLOAD_BYTES + 100_000)})
    assert big.status_code == 413 and "limit" in big.json()["detail"]
    upload = client.post("/api/extract/upload", files={"file": ("big.txt", b"a" * (MAX_UPLOAD_BYTES + 10))})
    assert upload.status_code == 413 and "MB" in upload.json()["detail"]
    assert client.post("/api/extract", json={"text": ""}).status_code == 422
    assert client.post("/api/extract", json={"text": "x", "date": "not a date"}).status_code == 422
    bad_type = client.post("/api/extract/upload", files={"file": ("a.exe", b"MZ")})
    assert bad_type.status_code in (422, 503)


@pytest.mark.slow
def test_extract_pasted_article(client: TestClient) -> None:
    if not client.get("/api/info").json()["features"]["extract"]:
        response = client.post("/api/extract", json={"text": "Iran funds Hamas."})
        assert response.status_code == 503 and "not available" in response.json()["detail"]
        return
    response = client.post("/api/extract", json={"text": "Iran funds and arms Hamas.", "title": "t"})
    assert response.status_code == 200
    assert any(a["relation"] == "AID" for a in response.json()["assertions"])


@pytest.mark.slow
def test_forecast_endpoint(client: TestClient) -> None:
    response = client.get("/api/forecast", params={"source": "irn", "target": "houthis", "horizon_days": 30})
    if not client.get("/api/info").json()["features"]["forecast"]:
        assert response.status_code == 503
    else:
        assert response.status_code in (200, 422), response.text
        assert response.json()["horizon_days"] == 30 if response.status_code == 200 else response.json()["detail"]


def test_full_app_serves_page_and_api(tmp_path: Path) -> None:
    store = build_store(tmp_path / "app.db")
    app_client = TestClient(create_app(store))
    page = app_client.get("/")
    assert page.status_code == 200 and "_dash-renderer" in page.text or "dash" in page.text.lower()
    assert "https://" not in "".join(line for line in page.text.splitlines() if "<script" in line)
    layout = app_client.get("/_dash-layout")
    assert layout.status_code == 200 and "graph" in layout.text
    assert app_client.get("/api/info").json()["actors"] == 50
    with pytest.raises(FileNotFoundError):
        create_app(tmp_path / "missing.db")


def test_serve_binds_localhost_by_default(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from axisgraph.cli import app
    from axisgraph.web.server import DEFAULT_HOST, url_for

    assert DEFAULT_HOST == "127.0.0.1" and url_for("127.0.0.1", 8050) == "http://127.0.0.1:8050/"
    help_text = CliRunner().invoke(app, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text and "--db" in help_text
    missing = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2
