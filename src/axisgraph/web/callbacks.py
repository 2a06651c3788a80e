"""Dash callbacks: filters to graph, clicks to detail panels, tabs to charts and forms."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
from typing import Any
from urllib.parse import urlencode

from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate
from pydantic import ValidationError

from . import articles, features
from .explorer import FAMILY_OF, Explorer, NotFound
from .models import GraphView, ViewFilters
from .positions import node_box, positions
from .render import (
    CHART_CONFIG,
    actor_page,
    assertion_card,
    cohesion_figure,
    empty,
    evidence_page,
    forecast_table,
    legend,
    timeline_figure,
)
from .theme import layout as graph_layout
from .ui import DEFAULT_LIMIT, STEP, UI_MAX_NODES


def filters_from(data: dict[str, Any] | None, limit: int = DEFAULT_LIMIT) -> ViewFilters:
    """ViewFilters from the filter store (defaults when empty)."""
    return ViewFilters(**{**(data or {}), "limit": limit})


def node_label(name: str) -> str:
    """The label drawn under a node: the name, cut to 26 characters."""
    return name if len(name) <= 26 else name[:25] + "…"


def node_size(activity: int, top: int) -> float:
    """Node diameter in px, growing with the square root of its activity."""
    return round(14 + 40 * math.sqrt(activity / top), 1)


def node_positions(view: GraphView, top: int) -> dict[str, dict[str, float]]:
    """Seeded, overlap-free start positions of the view's nodes, the same for the same view on every load."""
    boxes = [node_box(node_label(n.name), node_size(n.activity, top)) for n in view.nodes]
    ties = [(e.source, e.target, float(e.count)) for e in view.edges]
    return positions([n.id for n in view.nodes], boxes, ties)


def elements(view: GraphView, colour_by: str) -> list[dict[str, Any]]:
    """Cytoscape elements: node size by activity, class by kind or bloc, edge class by family and sign."""
    top = max((n.activity for n in view.nodes), default=1) or 1
    peak = max((e.count for e in view.edges), default=1) or 1
    start = node_positions(view, top)
    out: list[dict[str, Any]] = []
    for n in view.nodes:
        if colour_by == "bloc" and view.blocs_available:
            cls = f"bloc-{n.bloc % 10}" if n.bloc is not None else "bloc-none"
        else:
            cls = f"kind-{n.kind or 'other'}"
        out.append({"data": {"id": n.id, "label": node_label(n.name), "name": n.name, "kind": n.kind,
                             "activity": n.activity, "size": node_size(n.activity, top)},
                    "position": start[n.id], "classes": cls})
    for e in view.edges:
        classes = [e.family, "negative" if e.sign < 0 else "positive"]
        if e.negated and e.negated >= e.count:
            classes.append("negated")
        out.append({"data": {"id": e.id, "source": e.source, "target": e.target, "family": e.family,
                             "count": e.count, "width": round(1.2 + 6 * math.sqrt(e.count / peak), 2)},
                    "classes": " ".join(classes)})
    return out


def export_href(fmt: str, f: ViewFilters) -> str:
    """The /api/export link for the current filters."""
    params: list[tuple[str, Any]] = [("format", fmt), ("limit", f.limit)]
    for key in ("since", "until"):
        if getattr(f, key):
            params.append((key, getattr(f, key).isoformat()))
    params += [("relation", r) for r in f.relations] + [("quad", q) for q in f.quads]
    params += [("kind", k) for k in f.kinds] + [("hedge", h) for h in f.hedges]
    if f.min_confidence:
        params.append(("min_confidence", f.min_confidence))
    if f.include_negated:
        params.append(("include_negated", "true"))
    return "/api/export?" + urlencode(params)


def _error(message: str) -> html.Div:
    return html.Div(message, className="error")


def register(app: Dash, explorer: Explorer) -> None:
    """Attach every callback of the page to `app`."""
    _register_filters(app)
    _register_graph(app, explorer)
    _register_selection(app, explorer)
    _register_pickers(app, explorer)
    _register_tabs(app, explorer)
    _register_article(app, explorer)


def _register_filters(app: Dash) -> None:
    @app.callback(Output("filters-store", "data"), Output("window-label", "children"),
                  Input("window", "value"), Input("relations", "value"), Input("quads", "value"),
                  Input("kinds", "value"), Input("min-confidence", "value"), Input("hedges", "value"),
                  Input("negated", "value"), State("date-origin", "data"), State("window", "max"))
    def collect(window: list[int], relations: list[str] | None, quads: list[int] | None, kinds: list[str] | None,
                min_conf: float | None, hedges: list[str] | None, negated: list[str] | None, origin: str,
                top: int) -> tuple[dict[str, Any], str]:
        first = dt.date.fromisoformat(origin)
        lo, hi = (window or [0, top])[:2]
        since, until = first + dt.timedelta(days=int(lo)), first + dt.timedelta(days=int(hi))
        data = {"since": since.isoformat() if lo > 0 else None, "until": until.isoformat() if hi < top else None,
                "relations": relations or [], "quads": quads or [], "kinds": kinds or [], "hedges": hedges or [],
                "min_confidence": float(min_conf or 0), "include_negated": bool(negated)}
        return data, f"{since:%d %b %Y} – {until:%d %b %Y}"

    @app.callback(Output("limit", "data"), Input("show-more", "n_clicks"), Input("show-fewer", "n_clicks"),
                  State("limit", "data"), prevent_initial_call=True)
    def change_limit(_more: int, _fewer: int, limit: int) -> int:
        if ctx.triggered_id == "show-fewer":
            return DEFAULT_LIMIT
        return min(int(limit or DEFAULT_LIMIT) + STEP, UI_MAX_NODES)


def _register_graph(app: Dash, explorer: Explorer) -> None:
    @app.callback(Output("graph", "elements"), Output("graph", "layout"), Output("graph-status", "children"),
                  Output("legend", "children"), Output("view-names", "data"), Output("limit-label", "children"),
                  Output("cohesion-actors", "options", allow_duplicate=True),
                  *[Output(f"export-{fmt}", "href") for fmt in ("graphml", "gexf", "csv")],
                  Input("filters-store", "data"), Input("colour-by", "value"), Input("limit", "data"),
                  Input("fit", "n_clicks"), prevent_initial_call="initial_duplicate")
    def draw(data: dict[str, Any] | None, colour_by: str, limit: int, relayout: int) -> tuple[Any, ...]:
        try:
            f = filters_from(data, int(limit or DEFAULT_LIMIT))
        except ValidationError as exc:
            return [], no_update, f"Invalid filters: {exc.errors()[0]['msg']}", no_update, {}, "", [], "", "", ""
        view = explorer.view(f)
        status = (f"Showing {len(view.nodes):,} of {view.total_nodes:,} actors · {len(view.edges):,} of "
                  f"{view.total_edges:,} ties")
        if colour_by == "bloc" and not view.blocs_available:
            status += " · blocs unavailable (analysis module missing)"
        names = {n.id: n.name for n in view.nodes}
        options = [{"label": n.name, "value": n.id} for n in view.nodes]
        limit_label = f"{len(view.nodes):,} / {view.total_nodes:,}"
        hrefs = [export_href(fmt, f) for fmt in ("graphml", "gexf", "csv")]
        layout = graph_layout(len(view.nodes), int(relayout or 0))
        return (elements(view, colour_by), layout, status, legend(colour_by, view), names, limit_label, options, *hrefs)

    app.clientside_callback(
        """
        function(node, edge) {
            const host = document.querySelector('#graph');
            const reg = host && (host._cyreg || [...host.querySelectorAll('div')].map(d => d._cyreg).find(Boolean));
            if (!reg || !reg.cy) { return window.dash_clientside.no_update; }
            const cy = reg.cy;
            const trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || '';
            cy.elements().removeClass('faded');
            const data = trigger.endsWith('tapEdgeData') ? edge : node;
            const el = data ? cy.getElementById(data.id) : null;
            if (el && el.nonempty()) {
                const keep = el.isNode() ? el.closedNeighborhood() : el.union(el.connectedNodes());
                cy.elements().not(keep).addClass('faded');
            }
            return window.dash_clientside.no_update;
        }
        """,
        Output("highlight", "data"), Input("graph", "tapNodeData"), Input("graph", "tapEdgeData"),
        prevent_initial_call=True)

    @app.callback(Output("graph", "generateImage"), Input("export-png", "n_clicks"), prevent_initial_call=True)
    def png(_n: int) -> dict[str, Any]:
        return {"type": "png", "action": "download", "filename": "axisgraph-view", "options": {"scale": 2}}


def _register_selection(app: Dash, explorer: Explorer) -> None:
    @app.callback(Output("selection", "data"), Output("tabs", "value"),
                  Input("graph", "tapNodeData"), Input("graph", "tapEdgeData"), Input("search", "value"),
                  Input({"type": "goto-actor", "id": ALL}, "n_clicks"), prevent_initial_call=True)
    def select(node: dict | None, edge: dict | None, searched: str | None, _clicks: list[int]) -> tuple[Any, str]:
        trigger = ctx.triggered_id
        if trigger == "graph" and ctx.triggered[0]["prop_id"].endswith("tapEdgeData") and edge:
            return {"type": "edge", "source": edge["source"], "target": edge["target"],
                    "family": edge.get("family")}, "details"
        if trigger == "graph" and node:
            return {"type": "actor", "id": node["id"]}, "details"
        if trigger == "search" and searched:
            return {"type": "actor", "id": searched}, "details"
        if isinstance(trigger, dict) and ctx.triggered[0]["value"]:
            return {"type": "actor", "id": trigger["id"]}, "details"
        raise PreventUpdate

    @app.callback(Output("details", "children"), Input("selection", "data"), Input("filters-store", "data"),
                  State("view-names", "data"), prevent_initial_call=True)
    def details(selection: dict | None, data: dict | None, names: dict[str, str]) -> Any:
        if not selection:
            raise PreventUpdate
        f = filters_from(data)
        if selection["type"] == "actor":
            try:
                detail = explorer.actor(selection["id"], f.since, f.until, f.include_negated)
            except NotFound as exc:
                return _error(str(exc))
            all_names = {i: v.get("name") or i for i, v in explorer.names().items()}
            return actor_page(detail, all_names)
        family = selection.get("family")
        relations = [r for r, fam in FAMILY_OF.items() if fam == family and (not f.relations or r in f.relations)]
        ev = explorer.evidence(selection["source"], selection["target"], relations, f, limit=100)
        lookup = {**{i: v.get("name") or i for i, v in explorer.names().items()}, **(names or {})}
        return evidence_page(ev, lookup, family)


def _register_pickers(app: Dash, explorer: Explorer) -> None:
    for picker in ("search", "compare-a", "compare-b", "forecast-a", "forecast-b", "cohesion-actors"):
        _search_options(app, explorer, picker)


def _search_options(app: Dash, explorer: Explorer, picker: str) -> None:
    duplicate = picker == "cohesion-actors"

    @app.callback(Output(picker, "options", allow_duplicate=duplicate), Input(picker, "search_value"),
                  State(picker, "value"), State(picker, "options"), prevent_initial_call=True)
    def options(search: str | None, value: Any, current: list[dict] | None) -> list[dict[str, str]]:
        if not search or len(search.strip()) < 2:
            raise PreventUpdate
        hits = explorer.search(search.strip()[:200], limit=25)
        found = [{"label": h.name if h.matched == h.name else f"{h.name} ({h.matched})", "value": h.id}
                 for h in hits]
        chosen = set(value if isinstance(value, list) else [value] if value else [])
        keep = [o for o in current or [] if o["value"] in chosen and o["value"] not in {x["value"] for x in found}]
        return keep + found


def _register_tabs(app: Dash, explorer: Explorer) -> None:
    @app.callback(Output("compare-out", "children"), Input("compare-a", "value"), Input("compare-b", "value"),
                  Input("compare-dyad", "value"), Input("filters-store", "data"))
    def compare(a: str | None, b: str | None, dyad: list[str], data: dict | None) -> Any:
        if not a or not b:
            return empty("Choose two actors.")
        f = filters_from(data)
        with_b = b if dyad else None
        series = [explorer.timeline(a, with_b, f.since, f.until), explorer.timeline(b, a if dyad else None,
                                                                                    f.since, f.until)]
        if dyad:
            series = series[:1]
        if not any(s.points for s in series):
            return empty("No dated assertions for these actors.")
        return dcc.Graph(figure=timeline_figure(series), config=CHART_CONFIG, className="chart")

    @app.callback(Output("cohesion-out", "children"), Input("cohesion-actors", "value"),
                  Input("filters-store", "data"))
    def cohesion(members: list[str] | None, data: dict | None) -> Any:
        if not members or len(members) < 2:
            return empty("Choose two or more actors (the actors of the current graph are listed).")
        f = filters_from(data)
        result = explorer.cohesion(list(dict.fromkeys(members))[:100], f.since, f.until)
        if not result.points:
            return empty("These actors have no dated assertions about each other.")
        return html.Div([dcc.Graph(figure=cohesion_figure(result), config=CHART_CONFIG, className="chart"),
                         html.Div(f"Method: {result.method}", className="muted small")])

    @app.callback(Output("forecast-out", "children"), Input("forecast-run", "n_clicks"),
                  State("forecast-a", "value"), State("forecast-b", "value"), State("forecast-horizon", "value"),
                  prevent_initial_call=True)
    def forecast(_n: int, a: str | None, b: str | None, horizon: int | None) -> Any:
        if not features.available()["forecast"]:
            return _error("Forecasting is not available in this installation.")
        if not a or not b or a == b:
            return _error("Choose two different actors.")
        if not horizon or not 1 <= int(horizon) <= 366:
            return _error("The horizon is 1 to 366 days.")
        try:
            return forecast_table(explorer.forecast(a, b, int(horizon)))
        except (NotFound, features.Unavailable, ValueError) as exc:
            return _error(str(exc))


def _register_article(app: Dash, explorer: Explorer) -> None:
    @app.callback(Output("upload-name", "children"), Input("article-upload", "filename"), prevent_initial_call=True)
    def upload_name(name: str | None) -> str:
        return f"Selected: {name}" if name else ""

    @app.callback(Output("article-out", "children"), Input("article-run", "n_clicks"),
                  State("article-text", "value"), State("article-title", "value"), State("article-date", "value"),
                  State("article-upload", "contents"), State("article-upload", "filename"),
                  State("article-store", "value"), prevent_initial_call=True)
    def run(_n: int, text: str | None, title: str | None, day: str | None, contents: str | None,
            filename: str | None, store: list[str]) -> Any:
        if not features.available()["extract"]:
            return _error("Article extraction is not available in this installation.")
        try:
            doc = _article_document(text, title, day, contents, filename)
            result = articles.extract_article(doc, explorer.store if store else None)
        except (articles.TooLarge, articles.Unreadable, ValueError, features.Unavailable) as exc:
            return _error(str(exc))
        summary = f"{len(result.assertions)} assertions found"
        if result.stored:
            summary += f"; {result.stored_assertions} stored (reload the graph to see them)"
        return html.Div([html.Div(summary, className="notice"), *[assertion_card(a) for a in result.assertions]])


def _article_document(text: str | None, title: str | None, day: str | None, contents: str | None,
                      filename: str | None) -> Any:
    """The document of the article form: the uploaded file if any, else the pasted text."""
    date = None
    if day and day.strip():
        try:
            date = dt.date.fromisoformat(day.strip())
        except ValueError:
            raise ValueError(f"not a date: {day.strip()!r} (use YYYY-MM-DD)") from None
    if contents:
        try:
            raw = base64.b64decode(contents.split(",", 1)[1], validate=False)
        except (IndexError, binascii.Error):
            raise articles.Unreadable("the upload could not be decoded") from None
        doc = articles.document_from_upload(raw, filename or "upload.txt")
        return doc.model_copy(update={k: v for k, v in (("title", title), ("date", date)) if v})
    if not text or not text.strip():
        raise articles.Unreadable("paste an article or choose a file first")
    return articles.document_from_text(text, title or None, date)
