"""Command line: one module per command, each a thin wrapper over the Python API."""

from __future__ import annotations

from . import actors as _actors  # noqa: F401  (each import registers commands)
from . import analysis as _analysis  # noqa: F401
from . import bench as _bench  # noqa: F401
from . import eval as _eval  # noqa: F401
from . import evidence as _evidence  # noqa: F401
from . import export as _export  # noqa: F401
from . import extract as _extract  # noqa: F401
from . import forecast as _forecast  # noqa: F401
from . import importing as _importing  # noqa: F401
from . import ingest as _ingest  # noqa: F401
from . import kb as _kb  # noqa: F401
from . import serve as _serve  # noqa: F401
from . import summary as _summary  # noqa: F401
from . import ties as _ties  # noqa: F401
from .app import app


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
