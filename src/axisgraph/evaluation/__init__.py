"""Scorers for the outside gold sets, kept apart from the extractor (gold + predictions -> result).

Each gold set has a loader, a `score_*` function taking gold and predictions and returning a result
object with `to_dict()` and `render()`, and an `evaluate_*` runner that calls the extractor.
"""

from .metrics import PRF, Accuracy, Calibration, calibration, confusion
from .petrarch import PetrarchResult, evaluate_petrarch, load_records, score_petrarch
from .petrarch_actors import CodeBook, build_codebook, dictionary_to_kb, parse_actor_dictionary
from .plover import PloverResult, evaluate_plover, load_plover, score_plover
from .re3d import Re3dCorpus, Re3dResult, evaluate_re3d, load_re3d, score_re3d

__all__ = [
    "PRF", "Accuracy", "Calibration", "CodeBook", "PetrarchResult", "PloverResult", "Re3dCorpus",
    "Re3dResult", "build_codebook", "calibration", "confusion", "dictionary_to_kb", "evaluate_petrarch",
    "evaluate_plover", "evaluate_re3d", "load_plover", "load_re3d", "load_records", "parse_actor_dictionary",
    "score_petrarch", "score_plover", "score_re3d",
]
