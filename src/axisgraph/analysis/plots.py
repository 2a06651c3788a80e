"""Charts of analysis results as PNG files (matplotlib, headless Agg backend)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from ..ontology import QUAD_NAMES  # noqa: E402
from .cohesion import Cohesion  # noqa: E402
from .timeline import Timeline  # noqa: E402

QUAD_COLORS = {"q1": "#9ecae1", "q2": "#3182bd", "q3": "#fdae6b", "q4": "#e6550d"}


def _bar_width(periods: list) -> float:
    if len(periods) < 2:
        return 20.0
    gaps = [(b - a).days for a, b in zip(periods, periods[1:], strict=False)]
    return max(min(gaps) * 0.8, 1.0)


def plot_timeline(timeline: Timeline, path: str | Path) -> Path:
    """Stacked bars of a dyad's assertions per quad class (conflict below zero) and its score line."""
    table = timeline.table
    fig, ax = plt.subplots(figsize=(10, 4.5))
    periods = list(table["period"]) if len(table) else []
    width = _bar_width(periods)
    up = [0.0] * len(periods)
    down = [0.0] * len(periods)
    for q, name in QUAD_NAMES.items():
        column = f"q{q}"
        values = [float(v) for v in table[column]] if len(table) else []
        if q <= 2:
            ax.bar(periods, values, width=width, bottom=up, color=QUAD_COLORS[column], label=name)
            up = [u + v for u, v in zip(up, values, strict=True)]
        else:
            ax.bar(periods, [-v for v in values], width=width, bottom=down, color=QUAD_COLORS[column], label=name)
            down = [d - v for d, v in zip(down, values, strict=True)]
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_ylabel("assertions (conflict below 0)")
    ax.set_title(f"{timeline.a_name} – {timeline.b_name}")
    score_ax = ax.twinx()
    if len(table):
        score_ax.plot(periods, table["score"].astype(float), color="black", marker="o", label="score")
    score_ax.set_ylim(-1.05, 1.05)
    score_ax.set_ylabel("cooperation–conflict score")
    ax.legend(loc="upper left", fontsize=8)
    fig.autofmt_xdate()
    return _save(fig, path)


def plot_cohesion(result: Cohesion, path: str | Path) -> Path:
    """Cohesion, density and conflict share of a coalition per period, with coordination weight as bars."""
    table = result.table
    fig, ax = plt.subplots(figsize=(10, 4.5))
    periods = list(table["period"]) if len(table) else []
    if len(table):
        ax.bar(periods, table["coordination"].astype(float), width=_bar_width(periods), color="#c7e9c0",
               label="coordination weight")
    ax.set_ylabel("COOPERATE/CONSULT weight")
    line_ax = ax.twinx()
    if len(table):
        total = (table["cooperation"] + table["conflict"]).astype(float)
        line_ax.plot(periods, table["cohesion"].astype(float), color="#006d2c", marker="o", label="cohesion")
        line_ax.plot(periods, table["density"].astype(float), color="#756bb1", linestyle="--", label="density")
        line_ax.plot(periods, (table["conflict"] / total.where(total > 0)).fillna(0.0), color="#e6550d",
                     linestyle=":", label="conflict share")
    line_ax.set_ylim(0, 1.05)
    line_ax.set_ylabel("cohesion, density, conflict share")
    line_ax.legend(loc="upper left", fontsize=8)
    ax.set_title(f"Cohesion of {result.label or ', '.join(result.members[:6])}")
    fig.autofmt_xdate()
    return _save(fig, path)


def _save(fig: plt.Figure, path: str | Path) -> Path:
    target = Path(path)
    fig.tight_layout()
    fig.savefig(target, dpi=110)
    plt.close(fig)
    return target
