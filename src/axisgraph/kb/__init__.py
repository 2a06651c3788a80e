"""Actor knowledge base: bundled data files, loader and the model of actors and affiliations."""

from .loader import KBError, bundled_kb, bundled_paths, load_kb, read_kb_file
from .model import ACTOR_KINDS, Actor, ActorKB, Affiliation, KBIssue, SurfaceForm

__all__ = [
    "ACTOR_KINDS", "Actor", "ActorKB", "Affiliation", "KBError", "KBIssue", "SurfaceForm",
    "bundled_kb", "bundled_paths", "load_kb", "read_kb_file",
]
