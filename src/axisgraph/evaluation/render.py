"""Rich tables for evaluation results: P/R/F1 rows, accuracy rows, confusion matrices, reliability."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.table import Table
from rich.text import Text

from .metrics import PRF, Accuracy, Calibration


def prf_table(title: str, rows: Mapping[str, PRF], label: str = "type") -> Table:
    """One row per label with precision, recall, F1 and the counts behind them."""
    table = Table(title=title, title_justify="left")
    table.add_column(label)
    for name in ("P", "R", "F1", "pred", "gold"):
        table.add_column(name, justify="right")
    for name, prf in rows.items():
        table.add_row(name, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}",
                      f"{prf.tp_pred}/{prf.n_pred}", f"{prf.tp_gold}/{prf.n_gold}")
    return table


def accuracy_table(title: str, rows: Mapping[str, Accuracy], label: str = "type") -> Table:
    """One row per label with accuracy and its counts."""
    table = Table(title=title, title_justify="left")
    table.add_column(label)
    table.add_column("accuracy", justify="right")
    table.add_column("correct/total", justify="right")
    for name, acc in rows.items():
        table.add_row(name, f"{acc.value:.3f}", f"{acc.correct}/{acc.total}")
    return table


def confusion_table(title: str, matrix: Mapping[str, Mapping[str, int]], max_columns: int = 9,
                    short: Mapping[str, str] | None = None) -> Table:
    """Gold labels as rows, predicted labels as columns (headers shortened by `short`); sparse rows
    when there are more than `max_columns` predicted labels."""
    predicted = sorted({p for row in matrix.values() for p in row})
    short = short or {}
    caption = ", ".join(f"{short[p]} = {p}" for p in predicted if short.get(p, p) != p)
    table = Table(title=title, title_justify="left", caption=caption or None)
    table.add_column("gold \\ predicted")
    if len(predicted) > max_columns:
        table.add_column("n", justify="right")
        table.add_column("predicted (count)")
        for gold, row in matrix.items():
            ranked = sorted(row.items(), key=lambda kv: (-kv[1], kv[0]))
            table.add_row(gold, str(sum(row.values())), ", ".join(f"{p} {n}" for p, n in ranked))
        return table
    for name in predicted:
        table.add_column(short.get(name, name), justify="right")
    for gold, row in matrix.items():
        table.add_row(gold, *[str(row.get(p, "")) for p in predicted])
    return table


def calibration_table(title: str, cal: Calibration) -> Table:
    """Reliability table: confidence bin, count, mean confidence, share correct; ECE in the caption."""
    table = Table(title=title, title_justify="left", caption=f"ECE = {cal.ece:.3f} over {cal.n} predictions")
    for name in ("confidence", "n", "mean conf", "share correct"):
        table.add_column(name, justify="right")
    for b in cal.bins:
        table.add_row(f"[{b.low:.1f}, {b.high:.1f})", str(b.count), f"{b.mean_confidence:.3f}", f"{b.accuracy:.3f}")
    return table


def errors_block(title: str, items: Sequence[tuple[str, str]]) -> Text:
    """Numbered errors, each a headline and its sentence on the next line (readable at any width)."""
    text = Text(title + "\n", style="bold")
    for i, (headline, sentence) in enumerate(items, 1):
        text.append(f"{i:>2}. {headline}\n")
        text.append(f"    {sentence}\n", style="dim")
    return text


def kv_table(title: str, rows: Mapping[str, str], label: str, value: str = "value") -> Table:
    """Two columns: a label and a preformatted value."""
    table = Table(title=title, title_justify="left")
    table.add_column(label)
    table.add_column(value)
    for name, text in rows.items():
        table.add_row(name, text)
    return table
