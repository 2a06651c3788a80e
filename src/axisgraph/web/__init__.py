"""The web app: a JSON API (FastAPI, OpenAPI at /api/docs) and an analyst's page (Dash + Cytoscape.js)."""

from .api import create_api
from .explorer import Explorer
from .server import create_app, serve

__all__ = ["Explorer", "create_api", "create_app", "serve"]
