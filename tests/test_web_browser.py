"""The web page in headless Chromium: load the graph, open an actor and an edge's evidence, search, slide.

Screenshots go to the test's tmp folder and to /tmp/axisgraph-screens/ for review.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]
playwright_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from axisgraph.web import create_app  # noqa: E402
from test_web_api import HOSTILE, build_store  # noqa: E402

SCREENS = Path("/tmp/axisgraph-screens")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
CY = "(() => { const el = document.querySelector('#graph'); " \
     "const reg = el && (el._cyreg || [...el.querySelectorAll('div')].map(d => d._cyreg).find(Boolean)); " \
     "return reg && reg.cy; })()"
OVERLAPS = """() => {
  const cy = CY_EXPR;
  const box = (n, labels) => n.boundingBox({includeNodes: !labels, includeEdges: false, includeLabels: labels});
  const labels = cy.nodes().map(n => [n.id(), box(n, true)]);
  const bodies = cy.nodes().map(n => [n.id(), box(n, false)]);
  const hit = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  const out = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++)
      if (hit(labels[i][1], labels[j][1])) out.push([labels[i][0], labels[j][0]]);
    for (const [id, b] of bodies) if (id !== labels[i][0] && hit(labels[i][1], b)) out.push([labels[i][0], id]);
  }
  return out;
}""".replace("CY_EXPR", CY)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    store = build_store(tmp_path_factory.mktemp("browser") / "t.db")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.1)
    assert srv.started, "web server did not start"
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser_page(server: str, tmp_path_factory: pytest.TempPathFactory):
    shots = tmp_path_factory.mktemp("screens")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 950})
        page.dialogs = []
        page.errors = []
        page.external = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("request", lambda r: page.external.append(r.url) if not r.url.startswith(server) else None)
        page.shots = shots
        page.goto(server)
        page.wait_for_function(f"() => {{ const cy = {CY}; return cy && cy.nodes().length >= 50; }}", timeout=60000)
        _wait_for_layout(page)
        yield page
        browser.close()


def _wait_for_layout(page) -> None:
    """Wait until the force layout has settled (node positions stop moving)."""
    positions = (f"() => JSON.stringify({CY}.nodes().map("
                 "n => [Math.round(n.position('x')), Math.round(n.position('y'))]))")
    previous = None
    for _ in range(40):
        current = page.evaluate(positions)
        if current == previous:
            return
        previous = current
        page.wait_for_timeout(400)


def _shot(page, name: str) -> None:
    path = page.shots / f"{name}.png"
    page.screenshot(path=str(path))
    SCREENS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SCREENS / path.name)


def _click_element(page, selector_js: str) -> None:
    """Click an element of the graph at a whole-pixel point where Cytoscape finds it on top, with a margin.

    The browser delivers mouse events at integer client coordinates, so a point chosen at sub-pixel
    precision right beside a neighbouring edge can land on that edge instead; the point must stay on
    the element for a couple of pixels around it.
    """
    point = page.evaluate(f"""() => {{
        const cy = {CY}; const el = {selector_js};
        const r = cy.container().getBoundingClientRect(), z = cy.zoom(), pan = cy.pan();
        const onTop = (X, Y) => cy.renderer().findNearestElement(
            (X - r.left - pan.x) / z, (Y - r.top - pan.y) / z, true, false) === el;
        const candidates = [];
        if (el.isNode()) candidates.push(el.position());
        else {{
            candidates.push(el.midpoint());
            const a = el.sourceEndpoint(), b = el.targetEndpoint();
            for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85, 0.1, 0.9])
                candidates.push({{x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)}});
        }}
        const around = [[0, 0], [-2, 0], [2, 0], [0, -2], [0, 2]];
        for (const p of candidates) {{
            const X = Math.round(r.left + p.x * z + pan.x), Y = Math.round(r.top + p.y * z + pan.y);
            if (around.every(([dx, dy]) => onTop(X + dx, Y + dy))) return [X, Y];
        }}
        return null; }}""")
    assert point is not None, "element is hidden under others"
    page.mouse.click(*point)


def test_graph_loads_with_legend_and_readable_labels(browser_page) -> None:
    page = browser_page
    assert page.evaluate(f"() => {CY}.nodes().length") == 50
    assert page.locator(".legend").is_visible()
    for label in ("State", "Armed group", "Cooperative (+)", "Hostile (−)", "Sponsorship ▶"):
        assert page.locator(".legend").get_by_text(label, exact=True).count() == 1
    assert "Showing 50 of 50 actors" in page.locator("#graph-status").inner_text()
    assert page.evaluate(OVERLAPS) == []
    zoom = page.evaluate(f"() => {CY}.zoom()")
    assert zoom * 11 >= 8, f"labels render at {zoom * 11:.1f}px at default zoom"
    _shot(page, "01-graph")
    assert page.external == [], f"requests left the machine: {page.external[:3]}"


def test_open_actor_page(browser_page) -> None:
    page = browser_page
    _click_element(page, f"{CY}.$id('houthis')")
    page.wait_for_selector("#actor-page", timeout=20000)
    panel = page.locator("#actor-page")
    assert panel.locator(".detail-title").inner_text() == "Houthis"
    assert panel.get_by_text("Patrons", exact=True).count() == 1
    assert panel.locator(".link-button", has_text="Iran").count() >= 1
    page.wait_for_selector("#actor-page .js-plotly-plot", timeout=20000)
    assert panel.get_by_text("Drones").count() >= 1
    assert panel.get_by_text("Saudi accusation").count() >= 1
    assert page.locator("a[href^='javascript']").count() == 0
    _shot(page, "02-actor")


def test_open_edge_evidence_shows_hostile_text_as_text(browser_page) -> None:
    page = browser_page
    _click_element(page, f"{CY}.$id('irn|hezbollah|sponsorship')")
    page.wait_for_function(
        "() => (document.querySelector('.evidence-page .detail-title') || {}).innerText === 'Iran → Hezbollah'",
        timeout=20000)
    card = page.locator("#evidence-list .card").first
    assert card.locator(".sentence").inner_text() == HOSTILE
    assert card.locator("mark.hl-source").inner_text() == "Iran"
    assert card.locator("mark.hl-target").inner_text() == "Hezbollah"
    assert card.locator("mark.hl-trigger").inner_text() == "backs"
    assert card.locator("mark.hl-speaker").inner_text() == "Officials"
    assert page.locator("#evidence-list img, #evidence-list script").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == [] and page.errors == []
    _shot(page, "03-evidence")


def test_search_opens_actor(browser_page) -> None:
    page = browser_page
    page.click("#search")
    page.locator(".dash-dropdown-content input").first.fill("palestinian isl")
    option = page.locator(".dash-dropdown-content [role=option]", has_text="Palestinian Islamic Jihad")
    option.first.click(timeout=15000)
    page.wait_for_function(
        "() => (document.querySelector('#actor-page .detail-title') || {}).innerText === 'Palestinian Islamic Jihad'",
        timeout=20000)
    _shot(page, "04-search")


def test_export_current_view(browser_page) -> None:
    page = browser_page
    with page.expect_download(timeout=20000) as csv_download:
        page.click("#export-csv")
    header = Path(csv_download.value.path()).read_text().splitlines()[0]
    assert header.startswith("source_id,source_name,target_id,target_name,family")
    with page.expect_download(timeout=20000) as png_download:
        page.click("#export-png")
    assert Path(png_download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_colour_by_bloc_and_cohesion_tab(browser_page) -> None:
    page = browser_page
    page.locator("#colour-by").get_by_text("bloc").click()
    page.wait_for_function(f"() => {CY}.nodes('.bloc-0').length > 0", timeout=20000)
    assert page.locator(".legend").get_by_text("Bloc 1").count() == 1
    page.locator("#tabs").get_by_text("Cohesion", exact=True).click()
    page.click("#cohesion-actors")
    for name in ("Hamas", "Palestinian Islamic Jihad", "Israel"):
        page.locator(".dash-dropdown-content input").first.fill(name)
        page.locator(".dash-dropdown-content [role=option]", has_text=name).first.click(timeout=15000)
    page.keyboard.press("Escape")
    page.wait_for_selector("#cohesion-out .js-plotly-plot", timeout=20000)
    _shot(page, "06-bloc-cohesion")


def test_time_slider_narrows_the_graph(browser_page) -> None:
    page = browser_page
    before = page.locator("#window-label").inner_text()
    ties_before = page.evaluate(f"() => {CY}.edges().length")
    thumb = page.locator("#window [role=slider]").nth(1)
    thumb.focus()
    for _ in range(30):
        page.keyboard.press("PageDown")
    page.wait_for_function(f"() => document.querySelector('#window-label').innerText !== {before!r}", timeout=10000)
    page.wait_for_function(f"() => {CY}.edges().length < {ties_before}", timeout=20000)
    _wait_for_layout(page)
    assert "Jun 2024" not in page.locator("#window-label").inner_text()
    assert page.evaluate(OVERLAPS) == []
    _shot(page, "05-slider")


def test_article_tab_extracts_pasted_text_and_rejects_big_uploads(browser_page, tmp_path: Path) -> None:
    page = browser_page
    page.locator("#tabs").get_by_text("Article", exact=True).click()
    page.fill("#article-text", "Iran funds Hezbollah <img src=x onerror=\"window.__pwned=3\">. "
                               "<script>window.__pwned=4</script> Israel attacked Hamas.")
    page.click("#article-run")
    page.wait_for_selector("#article-out .notice, #article-out .error", timeout=90000)
    out = page.locator("#article-out")
    assert out.locator("img, script").count() == 0
    if out.locator(".notice").count():
        assert "assertions found" in out.locator(".notice").inner_text()
        sentences = " ".join(out.locator(".sentence").all_inner_texts())
        assert "<img" in sentences or "<script>" in sentences or not sentences
    big = tmp_path / "big.txt"
    big.write_bytes(b"Iran funds Hamas. " * 130_000)
    page.set_input_files("#article-upload input[type=file]", str(big))
    page.click("#article-run")
    page.wait_for_function("() => /limit is 2 MB/.test(document.querySelector('#article-out').innerText)",
                           timeout=60000)
    assert page.evaluate("() => window.__pwned") is None and page.dialogs == []
    _shot(page, "08-article")

