"""Analysis commands: `graph`, `blocs`, `patrons`, `dependency`, `cohesion`, `changes`, `timeline`.

Each loads the assertions of a window from the store and calls one function of
`axisgraph.graph` or `axisgraph.analysis`; tables by default, `--json` on request.
The analysis modules (igraph, scipy) are imported inside the commands so that
other commands start fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from ..store import Store
from .app import app, console, err_console
from .common import (
    DEFAULT_DB,
    ActorsOption,
    DbOption,
    JsonOption,
    SinceOption,
    UntilOption,
    frame_records,
    load_actor_kb,
    open_store,
    parse_date,
    print_frame,
    print_json,
    resolve_actor,
)

AsOfOption = Annotated[str | None, typer.Option("--as-of", help="View the graph as of this date, YYYY-MM-DD.")]
HalfLifeOption = Annotated[
    str | None, typer.Option("--half-life", help="Exponential decay of older assertions, e.g. 90d, 12w, 6m.")]
PeriodOption = Annotated[str, typer.Option("--period", help="Period: W (week), M (month), Q (quarter), Y (year).")]
PlotOption = Annotated[Path | None, typer.Option("--plot", help="Also draw the chart to this PNG file.")]
RollupOption = Annotated[
    bool, typer.Option("--rollup/--no-rollup", help="Count state bodies (Quds Force, army) as their state.")]
LimitOption = Annotated[int, typer.Option("--limit", help="Rows to show.")]


def _load(db: str | Store, since: str | None, until: str | None, as_of: str | None = None,
          half_life: str | None = None, actors: list[str] | None = None) -> tuple[Store, pd.DataFrame, dict]:
    """Open the store and read the window's assertions (only those touching `actors`, if given).

    Returns (store, frame, window arguments for the analysis functions).
    """
    from ..graph import parse_duration

    start, end, ref = parse_date(since, "since"), parse_date(until, "until"), parse_date(as_of, "as-of")
    if half_life is not None:
        try:
            parse_duration(half_life)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--half-life") from exc
    store = db if isinstance(db, Store) else open_store(db)
    last = min(d for d in (end, ref) if d is not None) if (end or ref) else None
    frame = store.assertions_frame(since=start, until=last, actors_filter=actors)
    return store, frame, {"since": start, "until": end, "as_of": ref, "half_life": half_life}


def _check_period(period: str) -> str:
    if period.upper() not in ("W", "M", "Q", "Y"):
        raise typer.BadParameter("use W, M, Q or Y", param_hint="--period")
    return period.upper()


def _empty(frame: pd.DataFrame, what: str) -> bool:
    if frame.empty:
        console.print(f"no {what} in this window")
        return True
    return False


def _rounded(frame: pd.DataFrame, digits: int = 3) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(digits)
        elif pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.date
    return out


@app.command()
def graph(db: DbOption = DEFAULT_DB, since: SinceOption = None, until: UntilOption = None,
          as_of: AsOfOption = None, half_life: HalfLifeOption = None,
          top: Annotated[int, typer.Option("--top", help="Actors and dyads to list.")] = 10,
          as_json: JsonOption = False) -> None:
    """Summary of the signed graph: actors, positive/negative edges, hubs and strongest dyads."""
    from ..graph import dyads, summarize

    _, frame, window = _load(db, since, until, as_of, half_life)
    summary = summarize(dyads(frame, **window), top=top)
    if as_json:
        print_json(summary.to_dict())
        return
    console.print(f"[bold]{summary.actors}[/bold] actors, [bold]{summary.edges}[/bold] dyads "
                  f"({summary.positive_edges} cooperative, {summary.negative_edges} hostile) "
                  f"from {summary.assertions} assertions")
    for title, rows in (("Most connected actors", summary.top_actors),
                        ("Strongest cooperative dyads", summary.strongest_positive),
                        ("Strongest hostile dyads", summary.strongest_negative)):
        if rows:
            print_frame(pd.DataFrame(rows), title=title)


@app.command()
def blocs(db: DbOption = DEFAULT_DB, since: SinceOption = None, until: UntilOption = None,
          as_of: AsOfOption = None, half_life: HalfLifeOption = None,
          resolution: Annotated[float, typer.Option(help="Leiden resolution: higher gives smaller blocs.")] = 1.0,
          min_count: Annotated[int, typer.Option(help="Ignore dyads with fewer assertions.")] = 1,
          min_size: Annotated[int, typer.Option(help="Smallest bloc to report.")] = 2,
          seed: Annotated[int, typer.Option(help="Random seed (fixed for reproducible blocs).")] = 42,
          stability: Annotated[str | None, typer.Option(
              "--stability", help="Also report members' bloc stability across periods (M, Q or Y).")] = None,
          kind: Annotated[list[str] | None, typer.Option(
              "--kind", help="Only actors of this kind (state, armed_group, …); repeat. 'political' for all "
                             "political kinds.")] = None,
          rollup: Annotated[bool, typer.Option(
              "--rollup/--no-rollup", help="Count state bodies (ministries, army) as their state.")] = False,
          actors: ActorsOption = None,
          show: Annotated[int, typer.Option("--show", help="Blocs to print.")] = 10,
          members_shown: Annotated[int, typer.Option("--members", help="Members to print per bloc.")] = 15,
          as_json: JsonOption = False) -> None:
    """Blocs: signed communities of the cooperation/conflict graph, with structural balance."""
    from ..analysis.blocs import bloc_stability, detect_blocs

    store, frame, window = _load(db, since, until, as_of, half_life)
    kinds = _kinds(kind)
    mapping = _rollup(store, frame, actors) if rollup else None
    result = detect_blocs(frame, min_count=min_count, resolution=resolution, seed=seed, min_size=min_size,
                          kinds=kinds, rollup=mapping, **window)
    table = None
    if stability:
        table = bloc_stability(frame, freq=_check_period(stability), min_count=min_count,
                               resolution=resolution, seed=seed, kinds=kinds, rollup=mapping)
    if as_json:
        payload = result.to_dict()
        payload["blocs"] = payload["blocs"][:show] if show else payload["blocs"]
        if table is not None:
            payload["stability"] = frame_records(table)
        print_json(payload)
        return
    balance = "n/a" if result.triangle_balance is None else f"{result.triangle_balance:.3f}"
    console.print(f"{len(result.blocs)} blocs; triangle balance {balance}, "
                  f"partition balance {result.partition_balance:.3f}")
    rows = [{"bloc": b.id, "size": len(b.members), "internal +": round(b.internal_positive, 3),
             "balance": None if b.triangle_balance is None else round(b.triangle_balance, 3),
             "hostile outside": round(b.external_negative, 3),
             "members": ", ".join(b.names[:members_shown]) + (" …" if len(b.names) > members_shown else "")}
            for b in result.blocs[:show]]
    if rows:
        print_frame(pd.DataFrame(rows), title="Blocs")
    if table is not None and not table.empty:
        print_frame(_rounded(table.sort_values("stability")), title="Bloc stability", limit=30)


@app.command()
def patrons(actor: Annotated[str, typer.Argument(help="Actor id or name.")], db: DbOption = DEFAULT_DB,
            since: SinceOption = None, until: UntilOption = None, as_of: AsOfOption = None,
            half_life: HalfLifeOption = None, rollup: RollupOption = True, actors: ActorsOption = None,
            as_json: JsonOption = False) -> None:
    """An actor's patrons and clients from AID (funds, arms, trains), BACKS and COMMANDS."""
    from ..analysis.patronage import patronage

    store = open_store(db)
    actor_id = resolve_actor(store, actor)
    mapping = _rollup(store, None, actors) if rollup else None
    _, frame, window = _load(store, since, until, as_of, half_life, _with_bodies([actor_id], mapping))
    result = patronage(frame, actor_id, rollup=mapping, **window)
    if as_json:
        print_json(result.to_dict())
        return
    for title, table in ((f"Patrons of {result.name}", result.patrons), (f"Clients of {result.name}", result.clients)):
        if table.empty:
            console.print(f"{title}: none")
        else:
            print_frame(_rounded(table), title=title)


@app.command()
def dependency(actor: Annotated[str | None, typer.Argument(help="Actor id or name; all actors if omitted.")] = None,
               patron: Annotated[str | None, typer.Option(help="Patron to measure against (default: top).")] = None,
               db: DbOption = DEFAULT_DB, since: SinceOption = None, until: UntilOption = None,
               as_of: AsOfOption = None, half_life: HalfLifeOption = None, rollup: RollupOption = True,
               actors: ActorsOption = None, limit: LimitOption = 30, as_json: JsonOption = False) -> None:
    """Dependency index in [0, 1] ("how much of a proxy") with its terms and evidence (docs/analysis.md)."""
    from ..analysis.patronage import dependency_index, dependency_table

    store = open_store(db)
    mapping = _rollup(store, None, actors) if rollup else None
    actor_id = resolve_actor(store, actor) if actor else None
    wanted = _with_bodies([actor_id], mapping) if actor_id else None
    _, frame, window = _load(store, since, until, as_of, half_life, wanted)
    if actor_id is None:
        table = dependency_table(frame, rollup=mapping, **window)
        if as_json:
            print_json(frame_records(_rounded(table.head(limit), 4)))
        elif not _empty(table, "sponsored actors"):
            print_frame(_rounded(table), title="Dependency index", limit=limit)
        return
    patron_id = resolve_actor(store, patron) if patron else None
    result = dependency_index(frame, actor_id, patron_id, rollup=mapping, **window)
    if as_json:
        print_json(result.to_dict())
        return
    if result.patron_id is None:
        console.print(f"{result.name}: no patron in this window (index 0)")
        return
    terms = ", ".join(f"{k} {v:.3f}" for k, v in result.terms.items())
    console.print(f"[bold]{result.name}[/bold] on [bold]{result.patron_name}[/bold]: "
                  f"dependency index [bold]{result.index:.3f}[/bold] ({terms})")
    print_frame(pd.DataFrame(result.patrons), title="Patrons (net sponsorship weight)")
    if result.evidence:
        rows = [{"role": e["role"], "date": e["date"],
                 "assertion": f"{e['source_id'] or '?'} {'not ' if e['negated'] else ''}{e['relation']} "
                              f"{e['target_id']}", "weight": e["weight"], "sentence": e["sentence"]}
                for e in result.evidence]
        print_frame(pd.DataFrame(rows), title="Evidence", limit=limit)


def _rollup(store: Store, frame: pd.DataFrame | None, actors: list[Path] | None) -> dict[str, str]:
    """State bodies mapped to their state, from the KB (bundled plus `--actors` files) and the store's actors."""
    from ..graph import state_rollup
    from ..kb import bundled_kb

    known = store.actor_names()
    ids = set(known) if frame is None else set(frame["source_id"].dropna()) | set(frame["target_id"].dropna())
    kb = load_actor_kb(actors) if actors else bundled_kb()
    return state_rollup(ids | {a.id for a in kb}, kb, known)


def _with_bodies(actor_ids: list[str], mapping: dict[str, str] | None) -> list[str]:
    """The actors plus every id rolled up into one of them (so that a filtered read keeps their bodies)."""
    wanted = set(actor_ids)
    return sorted(wanted | {k for k, v in (mapping or {}).items() if v in wanted})


def _kinds(kind: list[str] | None) -> set[str] | None:
    """Actor kinds from `--kind` options; "political" stands for `graph.POLITICAL_KINDS`."""
    from ..graph import POLITICAL_KINDS
    from ..kb import ACTOR_KINDS

    if not kind:
        return None
    out: set[str] = set()
    for value in kind:
        if value == "political":
            out |= POLITICAL_KINDS
        elif value in ACTOR_KINDS:
            out.add(value)
        else:
            raise typer.BadParameter(f"unknown kind {value!r}; use political or one of {', '.join(ACTOR_KINDS)}",
                                     param_hint="--kind")
    return out


@app.command()
def cohesion(members: Annotated[list[str], typer.Argument(help="A coalition id (members from MEMBER_OF) or actors.")],
             db: DbOption = DEFAULT_DB, since: SinceOption = None, until: UntilOption = None,
             period: PeriodOption = "M", actors: ActorsOption = None,
             on: Annotated[str | None, typer.Option("--on", help="Coalition membership valid on this date.")] = None,
             plot: PlotOption = None, as_json: JsonOption = False) -> None:
    """Cohesion of a coalition per period: cooperation density, COOPERATE/CONSULT intensity, internal conflict."""
    from ..analysis.cohesion import coalition_cohesion, resolve_members
    from ..analysis.plots import plot_cohesion
    from ..kb import bundled_kb

    store = open_store(db)
    kb = load_actor_kb(actors) if actors else bundled_kb()
    ids = [resolve_actor(store, m) if m not in kb else m for m in members]
    stated = store.assertions_frame(relations=["MEMBER_OF"], actors_filter=ids) if len(ids) == 1 else None
    member_ids, label = resolve_members(ids, kb, stated, parse_date(on, "on"))
    if len(member_ids) < 2:
        err_console.print(f"[red]error:[/red] {label!r} names fewer than two members")
        raise typer.Exit(2)
    _, frame, window = _load(store, since, until, actors=member_ids)
    result = coalition_cohesion(frame, member_ids, freq=_check_period(period), since=window["since"],
                          until=window["until"], label=label)
    if plot is not None:
        plot_cohesion(result, plot)
    if as_json:
        print_json(result.to_dict())
        return
    console.print(f"members ({len(result.members)}): {', '.join(result.members)}")
    if not _empty(result.table, "assertions among members"):
        print_frame(_rounded(result.table), title=f"Cohesion of {label}")
    if plot is not None:
        console.print(f"chart written to {plot}")


@app.command()
def changes(db: DbOption = DEFAULT_DB, since: SinceOption = None, until: UntilOption = None,
            period: PeriodOption = "M",
            min_surprise: Annotated[float, typer.Option(help="Smallest surprise (−log10 probability).")] = 2.0,
            kind: Annotated[list[str] | None, typer.Option(
                "--kind", help="new, broken, flip or spike; repeat for several (default all).")] = None,
            limit: LimitOption = 40, as_json: JsonOption = False) -> None:
    """New ties, broken ties, sign flips and spikes per period, ranked by surprise against the dyad's history."""
    from ..analysis.change import changes as changes_api

    _, frame, window = _load(db, since, until)
    kinds = tuple(kind) if kind else ("new", "broken", "flip", "spike")
    bad = set(kinds) - {"new", "broken", "flip", "spike"}
    if bad:
        raise typer.BadParameter(f"unknown kind {sorted(bad)[0]!r}", param_hint="--kind")
    table = changes_api(frame, freq=_check_period(period), since=window["since"], until=window["until"],
                        min_surprise=min_surprise, kinds=kinds, limit=limit)
    if as_json:
        print_json(frame_records(_rounded(table, 4)))
    elif not _empty(table, "changes"):
        print_frame(_rounded(table.drop(columns=["a", "b"])), title="Changes by surprise")


@app.command()
def timeline(a: Annotated[str, typer.Argument(help="First actor id or name.")],
             b: Annotated[str, typer.Argument(help="Second actor id or name.")],
             db: DbOption = DEFAULT_DB, since: SinceOption = None, until: UntilOption = None,
             period: PeriodOption = "M",
             one_way: Annotated[bool, typer.Option("--one-way", help="Only assertions from A to B.")] = False,
             evidence: Annotated[int, typer.Option(help="Evidence sentences per period.")] = 3,
             plot: PlotOption = None, as_json: JsonOption = False) -> None:
    """A dyad's assertions per period by quad class, its cooperation–conflict score, and evidence."""
    from ..analysis.plots import plot_timeline
    from ..analysis.timeline import dyad_timeline

    store = open_store(db)
    a_id, b_id = resolve_actor(store, a), resolve_actor(store, b)
    _, frame, window = _load(store, since, until, actors=[a_id, b_id])
    result = dyad_timeline(frame, a_id, b_id, freq=_check_period(period), since=window["since"],
                           until=window["until"], both_directions=not one_way, evidence_per_period=evidence)
    if plot is not None:
        plot_timeline(result, plot)
    if as_json:
        print_json(result.to_dict())
        return
    if not _empty(result.table, f"assertions between {a_id} and {b_id}"):
        print_frame(_rounded(result.table), title=f"{result.a_name} – {result.b_name}")
        for period_start, items in list(result.evidence.items())[-3:]:
            for item in items:
                console.print(f"[dim]{period_start}[/dim] {item['relation']}"
                              f"{' (negated)' if item['negated'] else ''}: {item['sentence'] or ''}")
    if plot is not None:
        console.print(f"chart written to {plot}")
