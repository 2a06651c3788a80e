"""`axisgraph summary`: what a store holds, and its strongest ties."""

from __future__ import annotations

from rich.table import Table

from ..store import Store
from .app import app, console
from .common import DEFAULT_DB, DbOption, JsonOption, open_store, print_json


def print_summary(store: Store, top: int = 15) -> None:
    """Counts by relation and origin, then the most evidenced ties."""
    s = store.summary()
    console.print(f"[bold]{s.documents}[/bold] documents, [bold]{s.assertions}[/bold] assertions, "
                  f"[bold]{s.actors}[/bold] actors; dates {s.first_date or '–'} to {s.last_date or '–'}")
    frame = store.assertions_frame(include_negated=False)
    if frame.empty:
        return
    frame = frame[frame["source_id"].notna() & frame["target_id"].notna()]
    grouped = (frame.groupby(["source_name", "relation", "target_name"]).size()
               .sort_values(ascending=False).head(top))
    table = Table(title="Strongest ties (by number of assertions)", header_style="bold")
    for column in ("source", "relation", "target", "assertions"):
        table.add_column(column)
    for (source, relation, target), count in grouped.items():
        table.add_row(str(source), relation, str(target), str(count))
    console.print(table)


@app.command()
def summary(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Show counts of documents, assertions and actors, and the strongest ties."""
    store = open_store(db)
    if as_json:
        print_json(store.summary().__dict__)
        return
    print_summary(store)
