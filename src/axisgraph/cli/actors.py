"""`axisgraph actors`: the actors seen in a store, with counts."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
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
)


@app.command()
def actors(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List actors named as source or target of assertions, most active first."""
    store = open_store(db)
    frame = store.actor_counts(parse_date(since, "since"), parse_date(until, "until"))
    if as_json:
        print_json(frame_records(frame.head(limit)))
    else:
        print_frame(frame, title="Actors", limit=limit)
