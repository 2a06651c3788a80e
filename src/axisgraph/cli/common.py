"""Options and helpers shared by the commands: database, dates, actor names, JSON output."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.markup import escape
from rich.table import Table

from ..kb import ActorKB, KBError, load_kb
from ..store import Store
from .app import console, err_console

DEFAULT_DB = os.environ.get("AXISGRAPH_DB", "axisgraph.db")

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or database URL (env AXISGRAPH_DB).")]
SinceOption = Annotated[str | None, typer.Option("--since", help="Start date, YYYY-MM-DD (inclusive).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="End date, YYYY-MM-DD (inclusive).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Extra actor KB file (YAML); repeat for several. Overrides bundled entries."),
]
VerbsOption = Annotated[
    Path | None,
    typer.Option("--verbs", exists=True, dir_okay=False,
                 help="PETRARCH verb dictionary whose verbs fill gaps of the trigger lexicon "
                      "(hand cues win unless --verbs-win)."),
]
VerbsWinOption = Annotated[
    bool,
    typer.Option("--verbs-win", help="Let the --verbs file decide what its verbs state, over the hand lexicon "
                                     "(which keeps each verb's prepositions and direction)."),
]


def parse_date(value: str | None, name: str = "date") -> date | None:
    """Parse an ISO date option; a bad value is a usage error naming the option."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD", param_hint=f"--{name}") from exc


def open_store(db: str, must_exist: bool = True) -> Store:
    """Open the store, failing with a clear message when a SQLite file is missing."""
    if must_exist and "://" not in db and not Path(db).exists():
        err_console.print(f"[red]error:[/red] database {db} does not exist (run `axisgraph ingest … --db {db}`)")
        raise typer.Exit(2)
    try:
        return Store(db)
    except Exception as exc:  # a wrong URL, a file that is not a database, no permission
        err_console.print(f"[red]error:[/red] cannot open database {db}: {exc}" if db not in str(exc)
                          else f"[red]error:[/red] cannot open database: {exc}")
        raise typer.Exit(2) from exc


def load_lexicon(verbs: Path | None, win: bool = False) -> Any:
    """The bundled lexicon with a user's PETRARCH verb dictionary (`--verbs`, winning with `--verbs-win`),
    or None for the bundled one."""
    if verbs is None:
        if win:
            err_console.print("[red]error:[/red] --verbs-win needs a --verbs file")
            raise typer.Exit(2)
        return None
    from ..nlp.lexicon import lexicon_with_petrarch_verbs

    try:
        return lexicon_with_petrarch_verbs(verbs, win=win)
    except OSError as exc:
        err_console.print(f"[red]error:[/red] {verbs}: cannot be read ({exc.strerror or exc})")
        raise typer.Exit(2) from exc
    except ValueError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def load_actor_kb(paths: list[Path] | None) -> ActorKB:
    """The bundled KB plus user files; rejected entries are reported on stderr."""
    try:
        kb = load_kb(paths or [])
    except KBError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    user_files = {str(p) for p in paths or []}
    for issue in kb.issues:
        if issue.severity == "error" or issue.file in user_files:
            err_console.print(f"[yellow]actor file:[/yellow] {issue}")
    return kb


def resolve_actor(store: Store, text: str) -> str:
    """An actor id from an id or a name/alias, looked up in the store then the bundled KB."""
    names = store.actor_names()
    if text in names:
        return text
    lowered = text.strip().lower()
    for actor_id, info in names.items():
        if (info.get("name") or "").lower() == lowered:
            return actor_id
    from ..kb import bundled_kb

    for form in bundled_kb().surface_forms():
        if form.text.lower() == lowered:
            return form.actor_id
    return text


def print_json(value: Any) -> None:
    """Print a value as JSON (dates as ISO strings)."""
    typer.echo(json.dumps(value, default=_json_default, ensure_ascii=False, indent=2))


def _json_default(value: Any) -> Any:
    if isinstance(value, date | pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-ready dicts (NaN as null)."""
    clean = frame.astype(object).where(pd.notna(frame), None)
    return clean.to_dict(orient="records")


def print_frame(frame: pd.DataFrame, title: str | None = None, limit: int | None = None) -> None:
    """Print a DataFrame as a Rich table."""
    table = Table(title=title, header_style="bold")
    shown = frame if limit is None else frame.head(limit)
    rows = [["" if v is None else str(v) for v in row.values()] for row in frame_records(shown)]
    for i, column in enumerate(frame.columns):
        widest = max([len(str(column))] + [len(r[i]) for r in rows])
        if widest <= 24:
            table.add_column(str(column), overflow="fold", min_width=min(widest, 8))
        else:
            table.add_column(str(column), overflow="fold", ratio=1, min_width=12)
    for row in rows:
        table.add_row(*[escape(v) for v in row])
    console.print(table)
    if limit is not None and len(frame) > limit:
        console.print(f"[dim]… {len(frame) - limit} more rows (use --limit)[/dim]")
