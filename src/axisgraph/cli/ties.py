"""`axisgraph ties ACTOR`: an actor's ties with evidence counts."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app, console
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
def ties(
    actor: Annotated[str, typer.Argument(help="Actor id or name.")],
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    include_negated: Annotated[bool, typer.Option(help="Count negated assertions too.")] = False,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """A table of the actor's ties: source, relation, target, assertions, documents, first/last seen."""
    store = open_store(db)
    actor_id = resolve_actor(store, actor)
    frame = store.ties(actor_id, parse_date(since, "since"), parse_date(until, "until"), include_negated)
    if as_json:
        print_json(frame_records(frame.head(limit)))
        return
    if frame.empty:
        console.print(f"no ties of {actor_id!r} in this window")
        return
    shown = frame.assign(relation=[r if not isinstance(m, str) else f"{r}:{m}"
                                   for r, m in zip(frame["relation"], frame["mode"], strict=True)])
    columns = ["source_name", "relation", "target_name", "count", "documents", "first_seen", "last_seen"]
    print_frame(shown[columns].rename(columns={"source_name": "source", "target_name": "target", "count": "n",
                                               "documents": "docs", "first_seen": "first", "last_seen": "last"}),
                title=f"Ties of {actor_id}", limit=limit)
