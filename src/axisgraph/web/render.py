"""Dash components for the detail panels: actor page, edge evidence, charts, extraction results.

Everything user-supplied (sentences, names, titles) is passed to components
as text children, which React escapes; no raw HTML is ever rendered.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from ..records import Assertion
from .models import ActorDetail, Cohesion, Evidence, EvidenceItem, Forecast, GraphView, Timeline
from .theme import FAMILY_LABELS, KIND_COLOURS, KIND_LABELS, NEGATED, NEGATIVE, POSITIVE

CHART_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}
SERIES_COLOURS = ("#1c7ed6", "#e8590c", "#2f9e44", "#ae3ec9")


def safe_url(url: str | None) -> str | None:
    """The url if it is a plain http(s) link, else None (no javascript: or data: links)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def empty(message: str) -> html.Div:
    """A muted placeholder."""
    return html.Div(message, className="empty")


def kind_badge(kind: str | None) -> html.Span:
    """A coloured badge naming an actor kind."""
    colour = KIND_COLOURS.get(kind or "other", KIND_COLOURS["other"])
    return html.Span(KIND_LABELS.get(kind or "other", kind or "unknown"), className="badge",
                     style={"backgroundColor": colour})


def stat(label: str, value: Any, title: str | None = None) -> html.Div:
    """A labelled number in the actor header."""
    return html.Div([html.Div(str(value), className="stat-value"), html.Div(label, className="stat-label")],
                    className="stat", title=title)


def actor_link(actor_id: str, name: str) -> html.Button:
    """A button that opens another actor's page."""
    return html.Button(name, id={"type": "goto-actor", "id": actor_id}, className="link-button", n_clicks=0)


def period_labels(periods: list[Any]) -> list[str]:
    """Readable period labels: "Oct 2023" for month starts, the full date otherwise (category axis)."""
    if all(p.day == 1 for p in periods):
        if all(p.month == 1 for p in periods) and len(periods) > 1:
            return [p.strftime("%Y") for p in periods]
        return [p.strftime("%b %Y") for p in periods]
    return [p.strftime("%d %b %Y") for p in periods]


def timeline_figure(timelines: list[Timeline], title: str = "") -> go.Figure:
    """Cooperation above and conflict below the axis per period; one pair of series per actor."""
    fig = go.Figure()
    many = len(timelines) > 1
    for i, tl in enumerate(timelines):
        x = period_labels([p.period for p in tl.points])
        colour_up = SERIES_COLOURS[i % len(SERIES_COLOURS)] if many else POSITIVE
        colour_down = colour_up if many else NEGATIVE
        fig.add_bar(x=x, y=[p.cooperation for p in tl.points], name=f"{tl.name}: cooperation" if many
                    else "cooperation", marker_color=colour_up, opacity=0.9 if not many else 0.75)
        fig.add_bar(x=x, y=[-p.conflict for p in tl.points], name=f"{tl.name}: conflict" if many else "conflict",
                    marker_color=colour_down, opacity=0.9 if not many else 0.45,
                    customdata=[p.conflict for p in tl.points], hovertemplate="%{x}: %{customdata} conflict")
    fig.update_layout(barmode="relative" if not many else "group", title=title or None, height=230,
                      margin={"l": 40, "r": 10, "t": 30 if title else 8, "b": 30},
                      legend={"orientation": "h", "y": -0.25, "font": {"size": 10}}, plot_bgcolor="#ffffff",
                      paper_bgcolor="#ffffff", font={"size": 11})
    fig.update_yaxes(title_text="assertions", zeroline=True, zerolinecolor="#adb5bd", gridcolor="#f1f3f5")
    fig.update_xaxes(type="category")
    return fig


def cohesion_figure(result: Cohesion) -> go.Figure:
    """The cohesion series (0 divided … 1 united) as a line, with the number of assertions as bars."""
    x = period_labels([p.period for p in result.points])
    fig = go.Figure()
    fig.add_bar(x=x, y=[p.assertions for p in result.points], name="assertions among members",
                marker_color="#ced4da", opacity=0.45, yaxis="y2")
    fig.add_scatter(x=x, y=[p.cohesion for p in result.points], name="cohesion", mode="lines+markers",
                    line={"color": "#1c7ed6", "width": 2.5}, connectgaps=False)
    if any(p.density is not None for p in result.points):
        fig.add_scatter(x=x, y=[p.density for p in result.points], name="density of cooperating pairs",
                        mode="lines", line={"color": "#2b8a3e", "width": 1.5, "dash": "dot"})
    fig.update_layout(height=260, margin={"l": 40, "r": 40, "t": 8, "b": 30}, plot_bgcolor="#ffffff",
                      yaxis={"range": [-0.02, 1.02], "title": "cohesion", "gridcolor": "#f1f3f5"},
                      yaxis2={"overlaying": "y", "side": "right", "showgrid": False, "title": "assertions",
                              "rangemode": "tozero", "tickformat": "d"},
                      legend={"orientation": "h", "y": -0.25, "font": {"size": 10}}, font={"size": 11},
                      xaxis={"type": "category"})
    return fig


def forecast_table(result: Forecast) -> html.Div:
    """The forecast rows: event, direction, probability and past count, with the hold-out Brier score."""
    if not result.rows:
        return empty("No forecast for this dyad.")
    head = html.Thead(html.Tr([html.Th(c) for c in ("Source", "Event", "Target", "Probability", "Past")]))
    body = [html.Tr([html.Td(r.get("source_name") or r.get("source")), html.Td(str(r.get("event")), className="mono"),
                     html.Td(r.get("target_name") or r.get("target") or "–"),
                     html.Td(f"{r['probability']:.2f}" if isinstance(r.get("probability"), float) else "–",
                             className="num"),
                     html.Td(str(r.get("past_events", "")), className="num")]) for r in result.rows[:30]]
    note = f"Forecast for the {result.horizon_days} days after {result.cutoff}."
    if result.brier is not None:
        base = result.brier_base_rate or 0.0
        note += f" Hold-out Brier score {result.brier:.3f} (base rate {base:.3f}; lower is better)."
    return html.Div([html.Div(note, className="muted small"), html.Table([head, html.Tbody(body)], className="table")])


def actor_page(detail: ActorDetail, names: dict[str, str]) -> html.Div:
    """The actor page: header, figures, bloc, patrons and clients, timeline, ties and documents."""
    header = html.Div([
        html.H2(detail.name, className="detail-title"),
        html.Div([kind_badge(detail.kind), html.Span(detail.country or "", className="muted"),
                  html.Span(detail.id, className="muted mono")], className="detail-meta"),
        html.Div("Also known as: " + ", ".join(detail.aliases[:8]), className="muted small") if detail.aliases
        else None,
    ])
    dep = "–" if detail.dependency_index is None else f"{detail.dependency_index:.2f}"
    stats = html.Div([
        stat("assertions", f"{detail.activity:,}"), stat("as source", f"{detail.as_source:,}"),
        stat("as target", f"{detail.as_target:,}"),
        stat("bloc", "–" if detail.bloc is None else detail.bloc + 1),
        stat("dependency", dep, "dependency index on the main patron (0 independent, 1 full proxy)"),
    ], className="stats")
    patron_name = next((p.name for p in detail.patrons if p.id == detail.main_patron), detail.main_patron)
    bloc = [html.H4("Bloc")]
    if detail.bloc is None:
        bloc.append(empty("Not in a bloc of the current graph."))
    else:
        bloc.append(html.Div([actor_link(m, names.get(m, m)) for m in detail.bloc_members[:20]], className="chips"))
    return html.Div([
        header, stats,
        html.Div(f"Main patron: {patron_name}", className="muted small") if patron_name else None,
        html.H4("Cooperation and conflict over time"),
        dcc.Graph(figure=timeline_figure([detail.timeline]), config=CHART_CONFIG, className="chart")
        if detail.timeline.points else empty("No dated assertions."),
        html.Div([_counterparts("Patrons", detail.patrons), _counterparts("Clients", detail.clients)],
                 className="two-col"),
        *bloc,
        html.H4(f"Ties ({len(detail.ties)})"),
        _ties_table(detail),
        html.H4(f"Documents ({len(detail.documents)})"),
        html.Ul([_document_item(d) for d in detail.documents], className="doc-list") if detail.documents
        else empty("No stored documents (event data has none)."),
    ], className="actor-page", id="actor-page")


def _counterparts(title: str, rows: list[Any]) -> html.Div:
    items = [html.Li([actor_link(r.id, r.name), html.Span(f" {r.weight:.2f}", className="muted small",
                                                          title="net sponsorship weight")]) for r in rows[:10]]
    return html.Div([html.H4(title), html.Ul(items, className="plain") if items else empty("None found.")])


def _ties_table(detail: ActorDetail) -> html.Table | html.Div:
    if not detail.ties:
        return empty("No ties under these filters.")
    head = html.Thead(html.Tr([html.Th(c) for c in ("Source", "Relation", "Target", "n", "Last seen")]))
    body = []
    for t in detail.ties[:25]:
        rel = t.relation + (f":{t.mode}" if t.mode else "")
        body.append(html.Tr([html.Td(t.source_name or t.source_id or "?"), html.Td(rel, className="mono small"),
                             html.Td(t.target_name or t.target_id or "–"), html.Td(t.count, className="num"),
                             html.Td(str(t.last_seen or ""), className="small")]))
    return html.Table([head, html.Tbody(body)], className="table")


def _document_item(doc: Any) -> html.Li:
    title = doc.title or doc.id
    url = safe_url(doc.url)
    link = html.A(title, href=url, target="_blank", rel="noopener noreferrer") if url else html.Span(title)
    return html.Li([link, html.Span(f"  {doc.date or ''} · {doc.assertions} assertions", className="muted small")])


def highlighted_sentence(a: Assertion) -> list[Any]:
    """The sentence as text pieces with source, target, trigger and speaker spans marked."""
    text = a.sentence
    base = a.sentence_span[0]
    marks = []
    for ref, cls in ((a.source, "hl-source"), (a.target, "hl-target"), (a.trigger, "hl-trigger"),
                     (a.speaker, "hl-speaker")):
        if ref is None:
            continue
        start, end = ref.span[0] - base, ref.span[1] - base
        if 0 <= start < end <= len(text):
            marks.append((start, end, cls))
    marks.sort()
    pieces: list[Any] = []
    cursor = 0
    for start, end, cls in marks:
        if start < cursor:
            continue
        if start > cursor:
            pieces.append(text[cursor:start])
        pieces.append(html.Mark(text[start:end], className=cls))
        cursor = end
    if cursor < len(text):
        pieces.append(text[cursor:])
    return pieces


def assertion_card(a: Assertion | EvidenceItem) -> html.Div:
    """One assertion: highlighted sentence, relation, qualifiers and its document."""
    rel = a.relation + (f" · {a.mode}" if a.mode else "")
    badges = [html.Span(rel, className="badge rel"), html.Span(a.hedge, className=f"badge hedge-{a.hedge}"),
              html.Span(f"conf {a.confidence:.2f}", className="badge light")]
    if a.negated:
        badges.insert(1, html.Span("NEGATED", className="badge negated", style={"backgroundColor": NEGATED}))
    if a.speaker is not None:
        badges.append(html.Span(f"said by {a.speaker.name or a.speaker.text}", className="badge light"))
    source = a.source.name or a.source.text
    target = (a.target.name or a.target.text) if a.target else "–"
    if a.sentence:
        sentence = html.Blockquote(highlighted_sentence(a), className="sentence")
    else:
        sentence = html.Div(f"Coded event from {a.origin}: {source} {a.relation} {target}", className="sentence muted")
    doc = getattr(a, "document", None)
    when = a.event_date or a.doc_date
    if doc is not None:
        url = safe_url(doc.url)
        title = doc.title or doc.id
        doc_line = [html.A(title, href=url, target="_blank", rel="noopener noreferrer") if url else html.Span(title),
                    html.Span(f" · {doc.date or ''}", className="muted")]
    else:
        doc_line = [html.Span(a.origin if a.origin != "text" else a.doc_id, className="muted")]
    return html.Div([
        html.Div([html.Span(f"{source} → {target}", className="pair"), html.Span(str(when or ""), className="muted")],
                 className="card-head"),
        sentence, html.Div(badges, className="badges"), html.Div(doc_line, className="doc-line small"),
    ], className="card assertion")


def evidence_page(ev: Evidence, names: dict[str, str], family: str | None) -> html.Div:
    """Every assertion behind an edge, newest first."""
    title = f"{names.get(ev.source, ev.source)} → {names.get(ev.target, ev.target)}"
    sub = FAMILY_LABELS.get(family or "", "all relations")
    more = f" (showing {len(ev.items)})" if ev.total > len(ev.items) else ""
    return html.Div([
        html.H2(title, className="detail-title"),
        html.Div([html.Span(sub, className="muted"), html.Span(f" · {ev.total} assertions{more}", className="muted")]),
        html.Div([html.Span("source", className="hl-source key"), html.Span("target", className="hl-target key"),
                  html.Span("trigger", className="hl-trigger key"), html.Span("speaker", className="hl-speaker key")],
                 className="hl-legend"),
        html.Div([assertion_card(a) for a in ev.items], id="evidence-list") if ev.items
        else empty("No assertions under these filters."),
    ], className="evidence-page")


def legend(colour_by: str, view: GraphView | None) -> html.Div:
    """The legend: node colours (kind or bloc), edge signs and relation families."""
    from .theme import BLOC_COLOURS

    if colour_by == "bloc" and view is not None and view.blocs_available:
        blocs = sorted({n.bloc for n in view.nodes if n.bloc is not None})
        nodes = [_swatch(BLOC_COLOURS[b % len(BLOC_COLOURS)], f"Bloc {b + 1}") for b in blocs[:10]]
        nodes.append(_swatch("#ced4da", "No bloc"))
    else:
        present = {n.kind or "other" for n in view.nodes} if view is not None else set(KIND_COLOURS)
        nodes = [_swatch(c, KIND_LABELS[k]) for k, c in KIND_COLOURS.items() if k in present]
    edges = [_line(POSITIVE, "solid", "Cooperative (+)"), _line(NEGATIVE, "solid", "Hostile (−)"),
             _line(NEGATED, "dotted", "Negated only")]
    families = [_line("#495057", "solid", "Sponsorship ▶"), _line("#495057", "solid", "Command ■"),
                _line("#495057", "dashed", "Cooperation ›"), _line("#495057", "solid", "Hostility ⊣")]
    return html.Div([
        html.Div([html.Div("Nodes", className="legend-title"), *nodes], className="legend-col nodes"),
        html.Div([html.Div("Edges", className="legend-title"), *edges], className="legend-col"),
        html.Div([html.Div("Relation family", className="legend-title"), *families], className="legend-col"),
        html.Div("Node size = activity", className="legend-note"),
    ], className="legend")


def _swatch(colour: str, label: str) -> html.Div:
    return html.Div([html.Span(className="swatch", style={"backgroundColor": colour}), html.Span(label)],
                    className="legend-item")


def _line(colour: str, style: str, label: str) -> html.Div:
    return html.Div([html.Span(className="line", style={"borderTop": f"3px {style} {colour}"}), html.Span(label)],
                    className="legend-item")
