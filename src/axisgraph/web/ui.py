"""The page: header, filter panel, graph with legend, and the detail tabs (Dash + Cytoscape.js)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import dash_cytoscape as cyto
from dash import Dash, dcc, html
from flask import Flask

from ..kb.model import ACTOR_KINDS
from ..ontology import EVENTS, HEDGES, QUAD_NAMES, RELATIONS, TIES
from .articles import MAX_UPLOAD_BYTES
from .explorer import Explorer
from .models import ViewFilters
from .render import actor_link, legend
from .theme import KIND_LABELS, stylesheet
from .theme import layout as graph_layout

ASSETS = Path(__file__).parent / "assets"
DEFAULT_LIMIT = 60
STEP = 50
UI_MAX_NODES = 1500

cyto.load_extra_layouts()


def date_marks(first: dt.date, last: dt.date, max_marks: int = 4) -> dict[int, dict[str, Any]]:
    """Slider marks (day offsets from `first`) at month or year starts, at most `max_marks` of them."""
    days = (last - first).days
    starts = []
    day = dt.date(first.year, first.month, 1)
    while day <= last:
        if day >= first:
            starts.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    if len(starts) > 36:
        starts = [d for d in starts if d.month == 1] or starts
    elif len(starts) > 12:
        starts = [d for d in starts if d.month in (1, 4, 7, 10)] or starts
    stride = max(1, math.ceil(len(starts) / max_marks))
    marks: dict[int, dict[str, Any]] = {}
    for d in starts[::stride]:
        label = d.strftime("%Y") if days > 3 * 365 else d.strftime("%b %y")
        marks[(d - first).days] = {"label": label}
    if not marks and days >= 0:
        marks = {0: {"label": first.isoformat()}, days: {"label": last.isoformat()}}
    return marks


def _section(title: str, *children: Any, tip: str | None = None) -> html.Div:
    return html.Div([html.Div(title, className="section-title", title=tip), *children], className="section")


def _relation_options() -> list[dict[str, str]]:
    return ([{"label": f"{r} — {RELATIONS[r].description}", "value": r} for r in TIES]
            + [{"label": f"{r} — {RELATIONS[r].description}", "value": r} for r in EVENTS])


def _actor_picker(id_: str, placeholder: str, multi: bool = False) -> dcc.Dropdown:
    return dcc.Dropdown(id=id_, options=[], placeholder=placeholder, multi=multi, searchable=True, clearable=True,
                        className="actor-picker")


def header(explorer: Explorer) -> html.Header:
    """Brand, store figures, actor search and export controls."""
    info = explorer.info()
    span = f"{info.first_date} – {info.last_date}" if info.first_date else "no dated assertions"
    exports = [html.A(fmt.upper(), id=f"export-{fmt}", href=f"/api/export?format={fmt}", className="btn small",
                      download=f"axisgraph-view.{fmt}") for fmt in ("graphml", "gexf", "csv")]
    return html.Header([
        html.Div([html.Span("axis", className="brand-a"), html.Span("graph", className="brand-b")], className="brand"),
        html.Div([
            html.Span(f"{info.actors:,} actors"), html.Span(f"{info.assertions:,} assertions"),
            html.Span(f"{info.documents:,} documents"), html.Span(span),
        ], className="store-figures", id="store-figures"),
        html.Div(_actor_picker("search", "Search actors by name or alias…"), className="search-box"),
        html.Div([html.Span("Export view", className="muted small"), *exports,
                  html.Button("PNG", id="export-png", className="btn small", n_clicks=0),
                  html.A("API", href="/api/docs", target="_blank", className="btn small ghost")],
                 className="export-bar"),
    ], className="topbar")


def filter_panel(explorer: Explorer) -> html.Aside:
    """The left panel: time window, relation, quad, kind, confidence, hedge, negation, colouring, size."""
    info = explorer.info()
    first = info.first_date or dt.date.today()
    last = info.last_date or first
    days = max((last - first).days, 0)
    return html.Aside([
        dcc.Store(id="date-origin", data=first.isoformat()),
        _section("Time window",
                 dcc.RangeSlider(id="window", min=0, max=max(days, 1), step=1, value=[0, max(days, 1)],
                                 marks=date_marks(first, last), allowCross=False, updatemode="mouseup",
                                 allow_direct_input=False, tooltip=None),
                 html.Div(id="window-label", className="window-label")),
        _section("Relations",
                 dcc.Dropdown(id="relations", options=_relation_options(), multi=True, placeholder="All relations",
                              optionHeight=28)),
        _section("Quad class",
                 dcc.Checklist(id="quads", options=[{"label": f"{q} {n}", "value": q} for q, n in QUAD_NAMES.items()],
                               value=[], className="checks"),
                 tip="Standing ties count as material cooperation (+) or verbal conflict (−)"),
        _section("Actor kinds",
                 dcc.Dropdown(id="kinds", options=[{"label": KIND_LABELS[k], "value": k} for k in ACTOR_KINDS],
                              multi=True, placeholder="All kinds")),
        _section("Minimum confidence",
                 dcc.Slider(id="min-confidence", min=0, max=1, step=0.05, value=0,
                            marks={0: "0", 0.5: "0.5", 1: "1"}, allow_direct_input=False, updatemode="mouseup")),
        _section("Hedge",
                 dcc.Checklist(id="hedges", options=[{"label": h, "value": h} for h in HEDGES], value=[],
                               className="checks inline"),
                 tip="Empty = all. asserted, reported (according to), likely, possible (may, allegedly), denied"),
        _section("Negation",
                 dcc.Checklist(id="negated", options=[{"label": "include negated assertions", "value": "yes"}],
                               value=[], className="checks")),
        _section("Colour nodes by",
                 dcc.RadioItems(id="colour-by", options=[{"label": "kind", "value": "kind"},
                                                         {"label": "bloc", "value": "bloc"}],
                                value="kind", className="checks inline")),
        _section("Actors shown",
                 html.Div([html.Span(id="limit-label", className="limit-label"),
                           html.Button(f"Show {STEP} more", id="show-more", className="btn small", n_clicks=0),
                           html.Button("Reset", id="show-fewer", className="btn small ghost", n_clicks=0)],
                          className="limit-row")),
    ], className="filters", id="filters")


def graph_panel() -> html.Main:
    """The centre: status line, the Cytoscape graph and its legend (drawn at once, so the canvas keeps its size)."""
    return html.Main([
        html.Div([html.Span(id="graph-status", className="status"),
                  html.Button("Re-layout", id="fit", className="btn small ghost", n_clicks=0)],
                 className="graph-toolbar"),
        dcc.Loading(cyto.Cytoscape(id="graph", elements=[], layout=graph_layout(60), stylesheet=stylesheet(),
                                   style={"width": "100%", "height": "100%"}, minZoom=0.05, maxZoom=4,
                                   boxSelectionEnabled=False, responsive=True),
                    type="circle", parent_className="graph-wrap", delay_show=400, overlay_style={"opacity": 0.6}),
        html.Div(legend("kind", None), id="legend"),
    ], className="graph-panel")


def overview(explorer: Explorer) -> html.Div:
    """The details tab before any selection: how to start, and the most active actors."""
    top = explorer.view(ViewFilters(limit=12)).nodes
    return html.Div([
        html.Div("Click an actor or a tie in the graph, or search for an actor.", className="empty"),
        html.H4("Most active actors"),
        html.Ol([html.Li([actor_link(n.id, n.name), html.Span(f"  {n.activity:,} assertions", className="muted small")])
                 for n in top], className="top-list") if top else html.Div("The store is empty.", className="empty"),
    ])


def detail_panel(explorer: Explorer) -> html.Aside:
    """The right panel: details of the selection, timeline comparison, cohesion, forecast and articles."""
    return html.Aside([
        dcc.Tabs(id="tabs", value="details", className="tabs", children=[
            dcc.Tab(label="Details", value="details", children=html.Div(overview(explorer), id="details",
                                                                       className="tab-body")),
            dcc.Tab(label="Compare", value="compare", children=html.Div([
                html.Div("Compare the cooperation and conflict of two actors over time.", className="muted small"),
                _actor_picker("compare-a", "First actor…"), _actor_picker("compare-b", "Second actor…"),
                dcc.Checklist(id="compare-dyad", options=[{"label": "only with each other", "value": "dyad"}],
                              value=[], className="checks"),
                dcc.Loading(html.Div(id="compare-out"), type="dot")], className="tab-body")),
            dcc.Tab(label="Cohesion", value="cohesion", children=html.Div([
                html.Div("Cohesion of a coalition per month: 1 when every pair of members cooperates and none "
                         "clashes, 0 when they are divided.", className="muted small"),
                _actor_picker("cohesion-actors", "Coalition members…", multi=True),
                html.Div(id="cohesion-out")], className="tab-body")),
            dcc.Tab(label="Forecast", value="forecast", children=html.Div([
                _actor_picker("forecast-a", "Source actor…"), _actor_picker("forecast-b", "Target actor…"),
                html.Div([html.Span("Horizon (days)", className="muted small"),
                          dcc.Input(id="forecast-horizon", type="number", min=1, max=366, value=30, step=1,
                                    className="num-input"),
                          html.Button("Forecast", id="forecast-run", className="btn primary small", n_clicks=0)],
                         className="row"),
                dcc.Loading(html.Div(id="forecast-out"), type="dot")], className="tab-body")),
            dcc.Tab(label="Article", value="article", children=html.Div([
                html.Div("Paste or upload an article to extract its assertions.", className="muted small"),
                dcc.Input(id="article-title", placeholder="Title (optional)", className="text-input", maxLength=500),
                dcc.Input(id="article-date", placeholder="Date YYYY-MM-DD (optional)", className="text-input",
                          maxLength=10),
                dcc.Textarea(id="article-text", placeholder="Article text…", className="textarea"),
                dcc.Upload(id="article-upload", children=html.Div(["Drop a file here or ", html.A("choose one"),
                                                                   " (.txt, .md, .html, .json; max 2 MB)"]),
                           className="upload", multiple=False),
                html.Div(id="upload-name", className="muted small"),
                dcc.Checklist(id="article-store", options=[{"label": "store in the database", "value": "store"}],
                              value=[], className="checks"),
                html.Button("Extract", id="article-run", className="btn primary", n_clicks=0),
                dcc.Loading(html.Div(id="article-out"), type="dot")], className="tab-body")),
        ]),
    ], className="details-panel")


def page(explorer: Explorer) -> html.Div:
    """The whole page (built per visit so that the header and slider follow the store)."""
    return html.Div([
        dcc.Store(id="limit", data=DEFAULT_LIMIT),
        dcc.Store(id="filters-store"),
        dcc.Store(id="view-names", data={}),
        dcc.Store(id="selection"),
        dcc.Store(id="highlight"),
        header(explorer),
        html.Div([filter_panel(explorer), graph_panel(), detail_panel(explorer)], className="workspace"),
    ], className="app")


def create_dash(explorer: Explorer, server: Flask | None = None) -> Dash:
    """The Dash application for an explorer, serving every asset locally."""
    from .callbacks import register

    server = server or Flask("axisgraph.web")
    server.config["MAX_CONTENT_LENGTH"] = 4 * MAX_UPLOAD_BYTES
    app = Dash("axisgraph.web", server=server, assets_folder=str(ASSETS), title="axisgraph", update_title=None,
               serve_locally=True, suppress_callback_exceptions=True, compress=False)
    app.layout = lambda: page(explorer)
    register(app, explorer)
    return app
