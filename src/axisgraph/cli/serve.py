"""`axisgraph serve`: the web app for a database."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import app, console, err_console


@app.command()
def serve(
    db: Path = typer.Option(..., "--db", help="The database to explore (SQLite file)."),
    host: str = typer.Option("127.0.0.1", help="Address to bind; the default serves this machine only."),
    port: int = typer.Option(8050, min=1, max=65535, help="Port to listen on."),
) -> None:
    """Start the web app (graph, actor pages, evidence, JSON API) and print its address."""
    from ..web.server import serve as run_server

    if not db.exists():
        err_console.print(f"[red]{db}: no such database[/red]")
        raise typer.Exit(2)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]Serving on {host}: anyone who can reach this address can read the database."
                          "[/yellow]")
    console.print(f"Loading {db} …")
    run_server(db, host=host, port=port, announce=lambda address: console.print(f"axisgraph web app at {address}"))
