"""The Typer application object shared by every command module."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="axisgraph",
    help="Turn news text into an evidence-backed graph of political actors; analyse and forecast it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
console = Console()
err_console = Console(stderr=True, soft_wrap=True)
