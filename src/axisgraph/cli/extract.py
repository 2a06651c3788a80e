"""`axisgraph extract`: print the assertions of documents as JSON lines, without a database."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..documents import DEFAULT_MAX_CHARS, DocumentReader, ReadReport
from .app import app, err_console
from .common import ActorsOption, VerbsOption, VerbsWinOption, load_actor_kb, load_lexicon


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    verbs_win: VerbsWinOption = False,
    n_process: Annotated[int, typer.Option("--n-process", "-j", help="Worker processes for spaCy.")] = 1,
    max_chars: Annotated[int, typer.Option(help="Skip documents longer than this.")] = DEFAULT_MAX_CHARS,
    include_negated: Annotated[bool, typer.Option(help="Also print negated assertions.")] = True,
) -> None:
    """Print one assertion record per line (DESIGN.md format) for every document read."""
    from ..nlp import Extractor

    extractor = Extractor(load_actor_kb(actors), lexicon=load_lexicon(verbs, verbs_win))
    report = ReadReport()
    documents = DocumentReader(report, max_chars=max_chars).read(paths)
    for _doc, assertions in extractor.extract_many(documents, n_process=n_process):
        for assertion in assertions:
            if include_negated or not assertion.negated:
                typer.echo(json.dumps(assertion.to_record(), ensure_ascii=False))
    for problem in report.problems:
        err_console.print(f"[{'red' if problem.level == 'error' else 'yellow'}]{problem.level}:[/] {problem}")
    if report.documents == 0:
        err_console.print("[red]error:[/red] no document could be read")
        raise typer.Exit(1)
