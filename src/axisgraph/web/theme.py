"""Colours, the Cytoscape stylesheet and the layout options of the graph view."""

from __future__ import annotations

from typing import Any

KIND_COLOURS: dict[str, str] = {
    "state": "#1c7ed6",
    "state_org": "#4dabf7",
    "armed_group": "#e8590c",
    "party": "#7048e8",
    "igo": "#0ca678",
    "ngo": "#66a80f",
    "person": "#f59f00",
    "coalition": "#c2255c",
    "media": "#868e96",
    "other": "#adb5bd",
}
KIND_LABELS: dict[str, str] = {
    "state": "State", "state_org": "State agency / military", "armed_group": "Armed group", "party": "Party",
    "igo": "Intergovernmental org.", "ngo": "NGO", "person": "Person", "coalition": "Coalition",
    "media": "Media", "other": "Other / unknown",
}
BLOC_COLOURS: tuple[str, ...] = (
    "#1c7ed6", "#e8590c", "#2f9e44", "#ae3ec9", "#f59f00", "#0c8599", "#c2255c", "#5c940d", "#364fc7", "#d9480f",
)
COLA_MAX_NODES = 120
FCOSE_DRAFT_NODES = 800
NODE_SPACING = 10
LABEL_FONT_PX = 11
LABEL_MAX_WIDTH = 96
LABEL_MARGIN = 3
POSITIVE = "#2b8a3e"
NEGATIVE = "#c92a2a"
NEGATED = "#868e96"

FAMILY_STYLE: dict[str, dict[str, str]] = {
    "sponsorship": {"line-style": "solid", "target-arrow-shape": "triangle"},
    "command": {"line-style": "solid", "target-arrow-shape": "square", "line-opacity": "0.95"},
    "cooperation": {"line-style": "dashed", "target-arrow-shape": "vee"},
    "hostility": {"line-style": "solid", "target-arrow-shape": "tee"},
}
FAMILY_LABELS: dict[str, str] = {
    "sponsorship": "Sponsorship (backs, aids)",
    "command": "Command (commands, leads, member of)",
    "cooperation": "Cooperation (meets, agrees, allies)",
    "hostility": "Hostility (accuses, threatens, attacks)",
}


def stylesheet() -> list[dict[str, Any]]:
    """The Cytoscape stylesheet: node colour by kind or bloc class, edge colour by sign, style by family."""
    rules: list[dict[str, Any]] = [
        {"selector": "node", "style": {
            "width": "data(size)", "height": "data(size)", "background-color": KIND_COLOURS["other"],
            "border-width": 1.5, "border-color": "#ffffff", "label": "data(label)", "font-size": LABEL_FONT_PX,
            "font-family": "Helvetica, Arial, sans-serif",
            "color": "#212529", "text-valign": "bottom", "text-halign": "center", "text-margin-y": LABEL_MARGIN,
            "text-wrap": "wrap", "text-max-width": LABEL_MAX_WIDTH, "text-background-color": "#ffffff",
            "text-background-opacity": 0.8, "text-background-padding": 1, "text-background-shape": "roundrectangle",
            "min-zoomed-font-size": 7, "overlay-opacity": 0,
        }},
        {"selector": "node:selected", "style": {"border-width": 4, "border-color": "#212529"}},
        {"selector": "edge", "style": {
            "width": "data(width)", "curve-style": "bezier", "line-color": POSITIVE,
            "target-arrow-color": POSITIVE, "arrow-scale": 0.9, "opacity": 0.75, "overlay-opacity": 0,
        }},
        {"selector": "edge.negative", "style": {"line-color": NEGATIVE, "target-arrow-color": NEGATIVE}},
        {"selector": "edge.negated", "style": {"line-color": NEGATED, "target-arrow-color": NEGATED,
                                               "line-style": "dotted"}},
        {"selector": "edge:selected", "style": {"opacity": 1, "width": "mapData(width, 1, 12, 4, 14)",
                                                "z-index": 10}},
        {"selector": "node.faded", "style": {"opacity": 0.25, "text-opacity": 0.35}},
        {"selector": "edge.faded", "style": {"opacity": 0.06}},
    ]
    for family, style in FAMILY_STYLE.items():
        rules.insert(-5, {"selector": f"edge.{family}", "style": dict(style)})
    for kind, colour in KIND_COLOURS.items():
        rules.append({"selector": f"node.kind-{kind}", "style": {"background-color": colour}})
    for number, colour in enumerate(BLOC_COLOURS):
        rules.append({"selector": f"node.bloc-{number}", "style": {"background-color": colour}})
    rules.append({"selector": "node.bloc-none", "style": {"background-color": "#ced4da"}})
    return rules


def layout(n_nodes: int, relayout: int = 0) -> dict[str, Any]:
    """Layout options, starting from the server's seeded positions without randomising (up to FCOSE_DRAFT_NODES).

    The same view then draws the same picture on every load: cola (animate off) runs synchronously until
    it converges, so neither the result nor its fitted zoom depends on how fast the browser is.
    `relayout` (the Re-layout clicks) changes the options, which is what makes the graph run its layout again.
    """
    if n_nodes <= COLA_MAX_NODES:
        options = {
            "name": "cola", "animate": False, "randomize": False, "avoidOverlap": True,
            "nodeDimensionsIncludeLabels": True, "nodeSpacing": NODE_SPACING, "edgeLength": 70,
            "convergenceThreshold": 0.005, "fit": True, "padding": 20, "handleDisconnected": True,
        }
    else:
        options = _fcose(n_nodes)
    return {**options, "relayout": relayout}


def _fcose(n_nodes: int) -> dict[str, Any]:
    """fcose for big views: from the seeded positions, or (huge views) its quick randomised spectral draft.

    A force pass from fixed positions over more than FCOSE_DRAFT_NODES nodes takes tens of seconds in a
    browser, so those views keep the fast draft, whose picture can differ between loads.
    """
    draft = n_nodes > FCOSE_DRAFT_NODES
    return {
        "name": "fcose", "quality": "draft" if draft else "default", "randomize": draft, "animate": False,
        "fit": True, "padding": 20, "nodeDimensionsIncludeLabels": True, "packComponents": True,
        "nodeRepulsion": 12000, "idealEdgeLength": 90, "edgeElasticity": 0.35, "gravity": 0.25, "numIter": 2500,
        "nodeSeparation": 110,
    }
