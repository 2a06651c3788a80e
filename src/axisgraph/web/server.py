"""Build the web application (JSON API + page on one port) and run it with uvicorn."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from uvicorn.middleware.wsgi import WSGIMiddleware

from ..store import Store
from . import features
from .api import create_api
from .explorer import Explorer
from .models import ViewFilters
from .ui import create_dash

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def create_app(store: Store | str | Path, warm: bool = True) -> FastAPI:
    """The FastAPI app serving /api (OpenAPI at /api/docs) with the Dash page mounted at /.

    With `warm`, the KB, the analysis modules and the default view are loaded in a background thread.
    """
    if not isinstance(store, Store):
        path = Path(store)
        if "://" not in str(store) and not path.exists():
            raise FileNotFoundError(f"{path}: no such database")
        store = Store(path)
    api = create_api(store)
    dash_app = create_dash(api.state.explorer)
    api.state.dash = dash_app
    api.mount("/", WSGIMiddleware(dash_app.server, workers=8))
    if warm:
        threading.Thread(target=warm_up, args=(api.state.explorer,), name="axisgraph-warm-up", daemon=True).start()
    return api


def warm_up(explorer: Explorer) -> float:
    """Load the KB, the analysis modules and the assertion index and cache the default view; returns seconds."""
    started = time.perf_counter()
    try:
        features.warm()
        explorer.info()
        explorer.view(ViewFilters())
    except Exception:  # warming is an optimisation; errors surface on the real request
        pass
    return time.perf_counter() - started


def url_for(host: str, port: int) -> str:
    """The address to print for a host and port."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(db: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, log_level: str = "warning",
          announce: Callable[[str], None] | None = None) -> None:
    """Load the store, then serve until interrupted (localhost unless another host is given).

    `announce` receives the address once the first view is ready to be served.
    """
    app = create_app(db, warm=False)
    seconds = warm_up(app.state.explorer)
    if announce is not None:
        announce(f"{url_for(host, port)}  (ready in {seconds:.1f} s; API docs at {url_for(host, port)}api/docs)")
    uvicorn.run(app, host=host, port=port, log_level=log_level)
