"""`axisgraph eval`: score the extractor against the outside gold sets (re3d, PLOVER GSR, PETRARCH)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .app import app, console, err_console
from .common import VerbsOption, VerbsWinOption, load_lexicon

eval_app = typer.Typer(help="Score extraction against gold data: re3d, PLOVER GSR, PETRARCH unit tests.",
                       no_args_is_help=True)
app.add_typer(eval_app, name="eval")

_PATH = typer.Argument(..., exists=True, help="Gold data path.")
_JSON = typer.Option(False, "--json", help="Print the result as JSON.")
_ERRORS = typer.Option(False, "--errors", help="Also list the worst errors with their sentences.")
_SOURCES = typer.Option(None, "--sources", help="Source folders to use (repeatable or comma-separated).")
_PROCESSES = typer.Option(1, "--n-process", min=1, help="Worker processes for extraction.")
_LEARNED = typer.Option(True, "--learned/--no-learned", help="Use the learned relation classifier.")
_CALIBRATED = typer.Option(True, "--calibrated/--raw",
                           help="Rule confidences calibrated by the shipped map (fitted on three re3d sources) "
                                "or raw rule scores.")


def _extractor(learned: bool, calibrated: bool = True):
    """The default extractor, with or without the learned relation classifier and the calibration."""
    from ..nlp import Extractor

    return Extractor(relation_model=learned, calibrated=calibrated)


def _show(result, as_json: bool, errors: bool) -> None:
    """Print a result object as JSON or as Rich tables."""
    if as_json:
        data = result.to_dict()
        if not errors:
            data.pop("errors", None)
        typer.echo(json.dumps(data, indent=2, default=str))
    else:
        console.print(result.render(errors=errors))


@eval_app.command("re3d")
def re3d(path: Path = _PATH, as_json: bool = _JSON, errors: bool = _ERRORS,
         sources: list[str] = _SOURCES,
         n_process: int = _PROCESSES,
         cross_validate: bool = typer.Option(False, "--cross-validate",
                                             help="Leave-one-source-out CV of the learned relation model and "
                                                  "of the rule-confidence calibration (refitted per fold), "
                                                  "with the held-out reliability table."),
         learned: bool = _LEARNED, calibrated: bool = _CALIBRATED) -> None:
    """Relation P/R/F1, entity coverage, confusion and reliability of confidence on the re3d folder PATH.

    Rule confidences are calibrated by the shipped map (fitted, like the
    learned model, on the CENTCOM, UK Government and US State Department
    sources) unless --raw; learned ones are the model's probabilities.
    Plain runs are in-sample on those sources; --cross-validate refits both
    per fold and prints held-out scores and reliability tables.
    """
    from ..evaluation.re3d import evaluate_re3d, load_re3d

    try:
        wanted = [s.strip() for item in sources or [] for s in item.split(",") if s.strip()]
        if cross_validate:
            from ..nlp.relation_cv import cross_validate as run_cv
            from ..nlp.relation_cv import summary_lines

            report = run_cv(load_re3d(path, wanted or None))
            if as_json:
                typer.echo(json.dumps(report.to_dict(), indent=2, default=str))
            else:
                _show_cv(report, summary_lines(report))
            return
        extractor = _extractor(learned, calibrated)
        result = evaluate_re3d(path, extractor=extractor, sources=wanted or None, n_process=n_process)
    except FileNotFoundError as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    _show(result, as_json, errors)
    _warn_in_sample(extractor, result)


_CV_TABLES = (("rules+model", "raw rule scores; learned: model probability"),
              ("calibrated+model", "calibrated rule scores, as shipped; learned: model probability"),
              ("model alone", "learned assertions only"))


def _show_cv(report, lines) -> None:
    """The CV summary lines, then held-out reliability tables: raw and calibrated rules (+ model), model alone."""
    from ..evaluation.render import calibration_table

    console.print("\n".join(lines))
    for name, what in _CV_TABLES:
        if name in report.pooled:
            console.print(calibration_table(f"Held-out reliability, {name} ({what})", report.pooled[name].calibration))


def _warn_in_sample(extractor, result) -> None:
    """Say on stderr when the learned relation model was trained on sources being scored."""
    model = getattr(extractor, "relation_model", None)
    seen = set(model.meta.get("trained_on", ())) & set(result.per_source) if model is not None else set()
    calibrator = getattr(extractor, "calibrator", None)
    if calibrator is not None:
        seen |= set(calibrator.meta.get("fitted_on", ())) & set(result.per_source)
    if seen:
        names = ", ".join(sorted(seen))
        err_console.print(f"[yellow]note:[/yellow] the learned relation model and the confidence calibration "
                          f"were fitted on {names}; scores and reliability on those sources are in-sample. "
                          "Held-out scores: --cross-validate (or --no-learned --raw for the rules alone).")


@eval_app.command("plover")
def plover(path: Path = _PATH, as_json: bool = _JSON, errors: bool = _ERRORS,
           n_process: int = _PROCESSES, learned: bool = _LEARNED, calibrated: bool = _CALIBRATED) -> None:
    """Event-type and quad-class accuracy on the PLOVER GSR file PATH."""
    from ..evaluation.plover import evaluate_plover

    _show(evaluate_plover(path, extractor=_extractor(learned, calibrated), n_process=n_process), as_json, errors)


@eval_app.command("petrarch")
def petrarch(path: Path = _PATH, as_json: bool = _JSON, errors: bool = _ERRORS,
             actors: Path = typer.Option(None, "--actors", exists=True,
                                         help="PETRARCH actor dictionary (default: the one the file names)."),
             write_kb: Path = typer.Option(None, "--write-kb",
                                           help="Also save the actor dictionary converted to a KB YAML file."),
             verbs: VerbsOption = None,
             verbs_win: VerbsWinOption = False,
             bundled: bool = typer.Option(False, "--bundled",
                                          help="Code with the bundled lexicon alone, not with the verb "
                                               "dictionary the records file names."),
             n_process: int = _PROCESSES) -> None:
    """Share of expected codings found on the PETRARCH unit-test records file PATH.

    Like PETRARCH's own validation run, the records are coded in the environment the file names: its
    actor dictionary as a KB and its verb dictionary, which decides what its verbs state (the test's
    event codes are its own, not always CAMEO's). The bundled lexicon's score is printed beside it;
    --bundled codes with the bundled lexicon alone, --verbs with another verb dictionary.
    """
    from ..evaluation.petrarch import evaluate_petrarch, verb_dictionary_for

    named = None if bundled or verbs is not None else verb_dictionary_for(path)
    if named is not None:
        verbs, verbs_win = named, True
    lexicon = load_lexicon(verbs, verbs_win)
    name = "bundled lexicon" if verbs is None else (
        f"verb dictionary {verbs.name} {'over' if verbs_win else 'under'} the bundled lexicon")
    try:
        result = evaluate_petrarch(path, actors=actors, n_process=n_process, write_kb=write_kb, lexicon=lexicon,
                                   lexicon_name=name, bundled_baseline=verbs is not None)
    except OSError as exc:  # the actor dictionary the records name is not next to them, or cannot be read
        err_console.print(f"[red]error:[/red] {path}: {exc.strerror or exc}: {exc.filename or ''}")
        raise typer.Exit(2) from exc
    _show(result, as_json, errors)
