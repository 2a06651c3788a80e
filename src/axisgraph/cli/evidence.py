"""`axisgraph evidence A B`: the sentences behind a dyad."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.padding import Padding

from ..records import Assertion
from .app import app, console
from .common import (
    DEFAULT_DB,
    DbOption,
    JsonOption,
    SinceOption,
    UntilOption,
    open_store,
    parse_date,
    print_json,
    resolve_actor,
)


@app.command()
def evidence(
    actor_a: Annotated[str, typer.Argument(help="First actor id or name.")],
    actor_b: Annotated[str, typer.Argument(help="Second actor id or name.")],
    db: DbOption = DEFAULT_DB,
    relation: Annotated[str | None, typer.Option(help="Only this relation.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option(help="Most assertions to show.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """Every assertion between two actors (both directions) with sentence, hedge, negation and speaker."""
    store = open_store(db)
    a, b = resolve_actor(store, actor_a), resolve_actor(store, actor_b)
    found = store.evidence(a, b, parse_date(since, "since"), parse_date(until, "until"), relation, limit=limit)
    if as_json:
        print_json([x.to_record() for x in found])
        return
    if not found:
        console.print(f"no assertions between {a!r} and {b!r}")
        return
    console.print(f"[bold]Evidence {escape(a)} – {escape(b)}[/bold]: {len(found)} assertions\n")
    for x in found:
        console.print(_headline(x))
        console.print(Padding(escape(x.sentence), (0, 0, 1, 4)), style="dim" if x.negated else None)


def _headline(x: Assertion) -> str:
    """One line naming date, dyad, relation and qualifiers of an assertion."""
    relation = x.relation + (f":{x.mode}" if x.mode else "")
    target = escape(x.target.name or x.target.text) if x.target else "–"
    qualifiers = [x.hedge] + (["NEGATED"] if x.negated else [])
    if x.speaker:
        qualifiers.append(f"speaker: {escape(x.speaker.text)}")
    return (f"{x.event_date or x.doc_date or '????-??-??'}  [bold]{escape(x.source.name or x.source.text)}[/bold] "
            f"—{relation}→ [bold]{target}[/bold]  [dim]({', '.join(qualifiers)}; confidence {x.confidence:.2f})[/dim]")
