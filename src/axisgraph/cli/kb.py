"""`axisgraph kb`: check actor files and look actors up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..kb import KBError, bundled_kb, load_kb
from .app import app, console, err_console
from .common import JsonOption, print_json

kb_app = typer.Typer(help="Actor knowledge base: check user files, search and show actors.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


@kb_app.command("check")
def check(files: Annotated[list[Path], typer.Argument(help="Actor YAML files.")]) -> None:
    """Validate actor files against the bundled KB; print every problem with file, entry and reason."""
    try:
        kb = load_kb(files)
    except KBError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    wanted = {str(f) for f in files}
    problems = [i for i in kb.issues if i.file in wanted]
    for issue in problems:
        err_console.print(f"[{'red' if issue.severity == 'error' else 'yellow'}]{issue.severity}:[/] {issue}")
    console.print(f"{len(kb)} actors loaded; {len(problems)} problems in the given files")
    if any(i.severity == "error" for i in problems):
        raise typer.Exit(1)


@kb_app.command("search")
def search(query: Annotated[str, typer.Argument(help="Part of a name or alias.")], as_json: JsonOption = False
           ) -> None:
    """Find actors whose name or alias contains the query."""
    kb = bundled_kb()
    needle = query.lower()
    hits = sorted({f.actor_id for f in kb.surface_forms() if needle in f.text.lower()})
    if as_json:
        print_json([kb.actors[h].to_dict() for h in hits])
        return
    table = Table(header_style="bold")
    for column in ("id", "name", "kind", "country"):
        table.add_column(column)
    for h in hits:
        a = kb.actors[h]
        table.add_row(a.id, a.name, a.kind, a.country or "")
    console.print(table)


@kb_app.command("show")
def show(actor_id: Annotated[str, typer.Argument(help="Actor id.")]) -> None:
    """Print one actor's KB entry as JSON."""
    actor = bundled_kb().get(actor_id)
    if actor is None:
        err_console.print(f"[red]error:[/red] no actor with id {actor_id!r}")
        raise typer.Exit(1)
    print_json(actor.to_dict())
