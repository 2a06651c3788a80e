"""Network analysis over an assertions frame: blocs, patronage, cohesion, change, dyad timelines.

Names are loaded on first use (PEP 562), so that importing one topic does not
pay for the others' libraries (igraph, scipy.stats, matplotlib).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS: dict[str, str] = {
    "Bloc": "blocs", "BlocResult": "blocs", "bloc_stability": "blocs", "detect_blocs": "blocs", "find_blocs": "blocs",
    "partition_balance": "blocs", "triangle_balance": "blocs",
    "changes": "change",
    "Cohesion": "cohesion", "coalition_cohesion": "cohesion", "coalition_members": "cohesion",
    "Dependency": "patronage", "Patronage": "patronage", "dependency_index": "patronage",
    "dependency_table": "patronage", "patronage": "patronage", "sponsorship": "patronage",
    "state_rollup": "patronage",
    "Timeline": "timeline", "dyad_timeline": "timeline",
    "plot_cohesion": "plots", "plot_timeline": "plots",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
