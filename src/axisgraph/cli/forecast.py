"""`axisgraph forecast`: the most likely next events for chosen actors or dyads, with calibrated odds."""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer

from ..forecast.user_graph import calibration_report, forecast_frame, parse_horizon
from .app import app, console, err_console
from .common import (
    DEFAULT_DB,
    DbOption,
    JsonOption,
    SinceOption,
    UntilOption,
    frame_records,
    open_store,
    parse_date,
    print_frame,
    print_json,
    resolve_actor,
)


@app.command()
def forecast(
    db: DbOption = DEFAULT_DB,
    horizon: Annotated[str, typer.Option("--horizon", help="Window after the last date: 30d, 6w, 3m.")] = "30d",
    actor: Annotated[list[str] | None, typer.Option("--actor", help="Actor id or name (repeat).")] = None,
    dyad: Annotated[list[str] | None, typer.Option("--dyad", help="Pair A:B of actor ids or names (repeat).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    top: Annotated[int, typer.Option(help="Forecasts to list per level (relation, quad class).")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Probability of each event relation and quad class per dyad within the horizon, with evidence."""
    try:
        days = parse_horizon(horizon)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--horizon") from exc
    store = open_store(db)
    actors = [resolve_actor(store, a) for a in actor or []] or None
    dyads = []
    for d in dyad or []:
        if ":" not in d:
            raise typer.BadParameter(f"{d!r} is not of the form A:B", param_hint="--dyad")
        a, b = d.split(":", 1)
        dyads.append((resolve_actor(store, a), resolve_actor(store, b)))
    frame = store.assertions_frame(parse_date(since, "since"), parse_date(until, "until"))
    try:
        result = forecast_frame(frame, days, actors=actors, dyads=dyads or None, top=top)
    except ValueError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    if as_json:
        print_json({"cutoff": result.cutoff.date().isoformat(), "horizon_days": days,
                    "forecasts": frame_records(result.forecasts), "calibration": calibration_report(result)})
        return
    shown = result.forecasts.assign(
        evidence=[e[0]["sentence"][:80] if e else "" for e in result.forecasts["evidence"]],
        probability=result.forecasts["probability"].round(3),
    )
    columns = [c for c in ("source_name", "target_name", "event", "probability", "past_events", "evidence")
               if c in shown.columns]
    print_frame(shown[columns] if len(columns) >= 4 else shown, title=f"Next {days} days after {result.cutoff.date()}")
    console.print(f"hold-out from {result.holdout_cutoff.date() if result.holdout_cutoff is not None else '-'}: "
                  f"Brier {result.brier:.4f} (base rate {result.brier_base_rate:.4f})")
    if not result.reliability.empty:
        print_frame(pd.DataFrame(result.reliability).round(3), title="Reliability on the hold-out")
