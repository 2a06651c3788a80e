"""`axisgraph evidence A B`: the sentences behind a dyad."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

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
    table = Table(title=f"Evidence {a} – {b}", header_style="bold", show_lines=True)
    for column in ("date", "source", "relation", "target", "hedge", "negated", "speaker", "sentence"):
        table.add_column(column, overflow="fold")
    for x in found:
        relation_text = x.relation + (f":{x.mode}" if x.mode else "")
        table.add_row(str(x.event_date or x.doc_date or ""), escape(x.source.name or x.source.text), relation_text,
                      escape(x.target.name or x.target.text) if x.target else "", x.hedge,
                      "yes" if x.negated else "", escape(x.speaker.text) if x.speaker else "",
                      escape(x.sentence))
    console.print(table)
