"""The JSON API: one route per view of the page, documented with OpenAPI at /api/docs.

Every parameter is typed and checked, so a bad date, id, limit or relation
gets a 4xx answer with a message, never a 500.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError

from ..records import Document
from ..store import Store
from . import articles, features
from .explorer import FAMILY_OF, Explorer, NotFound
from .export import FORMATS, export_view
from .models import (
    MAX_NODES,
    ActorDetail,
    ActorHit,
    Cohesion,
    Evidence,
    ExtractRequest,
    ExtractResult,
    Forecast,
    GraphView,
    StoreInfo,
    Timeline,
    ViewFilters,
)

ActorId = Annotated[str, Query(min_length=1, max_length=200)]
Freq = Annotated[str, Query(pattern="^[WMQY]$", description="W, M, Q or Y")]


def _split(values: list[str] | None) -> list[str]:
    """Accept both repeated parameters and comma-separated lists."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def view_filters(
    since: Annotated[dt.date | None, Query(description="first day (YYYY-MM-DD)")] = None,
    until: Annotated[dt.date | None, Query(description="last day (YYYY-MM-DD)")] = None,
    relation: Annotated[list[str] | None, Query(description="relation names, repeat or comma-separate")] = None,
    quad: Annotated[list[str] | None, Query(description="quad classes 1-4")] = None,
    kind: Annotated[list[str] | None, Query(description="actor kinds")] = None,
    hedge: Annotated[list[str] | None, Query(description="hedge values")] = None,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
    include_negated: bool = False,
    limit: Annotated[int, Query(ge=1, le=MAX_NODES, description="top-N actors by activity")] = 60,
    focus: Annotated[str | None, Query(max_length=200, description="only this actor and its neighbours")] = None,
) -> ViewFilters:
    """The graph filters from query parameters (422 with the reason when they are invalid)."""
    quads = _split(quad)
    if any(not q.isdigit() for q in quads):
        raise HTTPException(422, detail=f"quad must be 1, 2, 3 or 4, got {quads}")
    try:
        return ViewFilters(since=since, until=until, relations=_split(relation), quads=[int(q) for q in quads],
                           kinds=_split(kind), hedges=_split(hedge), min_confidence=min_confidence,
                           include_negated=include_negated, limit=limit, focus=focus or None)
    except ValidationError as exc:
        raise HTTPException(422, detail=_messages(exc)) from None


def _messages(exc: ValidationError) -> list[str]:
    return [f"{'.'.join(str(p) for p in e['loc']) or 'filters'}: {e['msg']}" for e in exc.errors()]


Filters = Annotated[ViewFilters, Depends(view_filters)]


def _explorer(request: Request) -> Explorer:
    return request.app.state.explorer


ExplorerDep = Annotated[Explorer, Depends(_explorer)]


router = APIRouter(prefix="/api")


@router.get("/info", response_model=StoreInfo, summary="What the store holds")
def info(explorer: ExplorerDep) -> StoreInfo:
    """Counts, date range, relations, origins and which optional features are available."""
    return explorer.info()


@router.get("/graph", response_model=GraphView, summary="Filtered top-N graph view")
def graph(explorer: ExplorerDep, filters: Filters) -> GraphView:
    """The `limit` most active actors under the filters with the ties among them, one edge per relation family."""
    try:
        return explorer.view(filters)
    except NotFound as exc:
        raise HTTPException(404, detail=str(exc)) from None


@router.get("/actors", response_model=list[ActorHit], summary="Search actors by name or alias")
def search(explorer: ExplorerDep, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> list[ActorHit]:
    """Actors whose name, id or KB alias contains `q` (case-insensitive), best matches first."""
    return explorer.search(q, limit)


@router.get("/actors/{actor_id}", response_model=ActorDetail, summary="An actor's page")
def actor(explorer: ExplorerDep, actor_id: str, since: dt.date | None = None, until: dt.date | None = None,
          include_negated: bool = False, freq: Freq = "M") -> ActorDetail:
    """Identity, counts, ties, patrons and clients, dependency index, bloc, timeline and documents."""
    _check_window(since, until)
    _check_id(actor_id)
    try:
        return explorer.actor(actor_id, since, until, include_negated, freq)
    except NotFound as exc:
        raise HTTPException(404, detail=str(exc)) from None


@router.get("/actors/{actor_id}/timeline", response_model=Timeline, summary="An actor's cooperation/conflict")
def timeline(explorer: ExplorerDep, actor_id: str, with_actor: Annotated[str | None, Query(max_length=200)] = None,
             since: dt.date | None = None, until: dt.date | None = None, freq: Freq = "M") -> Timeline:
    """Cooperative and hostile assertions per period naming the actor (optionally only with `with_actor`)."""
    _check_window(since, until)
    _check_id(actor_id)
    return explorer.timeline(actor_id, with_actor, since, until, freq)


@router.get("/evidence", response_model=Evidence, summary="The assertions behind an edge")
def evidence(explorer: ExplorerDep, filters: Filters, source: ActorId, target: ActorId,
             family: Annotated[str | None, Query(pattern="^(sponsorship|command|cooperation|hostility)$")] = None,
             both_directions: bool = False, offset: Annotated[int, Query(ge=0)] = 0,
             page_size: Annotated[int, Query(ge=1, le=500)] = 50) -> Evidence:
    """Assertions from `source` to `target` under the filters, newest first, with sentence and document."""
    wanted = set(filters.relations)
    if family:
        in_family = {r for r, f in FAMILY_OF.items() if f == family}
        wanted = (wanted & in_family) if wanted else in_family
    return explorer.evidence(source, target, sorted(wanted), filters, both_directions, offset, page_size)


@router.get("/documents/{doc_id}", summary="A stored document with its text")
def document(explorer: ExplorerDep, doc_id: str) -> dict[str, Any]:
    """The document's title, date, link, text and number of assertions."""
    _check_id(doc_id)
    try:
        return explorer.document(doc_id)
    except NotFound as exc:
        raise HTTPException(404, detail=str(exc)) from None


@router.get("/cohesion", response_model=Cohesion, summary="Cohesion of a coalition over time")
def cohesion(explorer: ExplorerDep, actor: Annotated[list[str], Query(description="two or more actor ids")],
             since: dt.date | None = None, until: dt.date | None = None, freq: Freq = "M") -> Cohesion:
    """Per period, how cohesive the members are: 1 when every pair cooperates and none clashes, 0 when divided."""
    members = list(dict.fromkeys(_split(actor)))
    if len(members) < 2 or len(members) > 100:
        raise HTTPException(422, detail="give between 2 and 100 distinct actor ids")
    _check_window(since, until)
    return explorer.cohesion(members, since, until, freq)


@router.get("/forecast", response_model=Forecast, summary="Forecast for a dyad")
def forecast(explorer: ExplorerDep, source: ActorId, target: ActorId,
             horizon_days: Annotated[int, Query(ge=1, le=366)] = 30) -> Forecast:
    """The forecasting module's outlook for the next `horizon_days` between two actors."""
    if source == target:
        raise HTTPException(422, detail="source and target must differ")
    try:
        return explorer.forecast(source, target, horizon_days)
    except NotFound as exc:
        raise HTTPException(404, detail=str(exc)) from None
    except features.Unavailable as exc:
        raise HTTPException(503, detail=str(exc)) from None
    except ValueError as exc:
        raise HTTPException(422, detail=str(exc)) from None


@router.post("/extract", response_model=ExtractResult, summary="Extract assertions from pasted text")
def extract(explorer: ExplorerDep, body: ExtractRequest) -> ExtractResult:
    """Run the extractor on the text; with `store: true` also store the document and its assertions."""
    return _extracted(lambda: articles.document_from_text(body.text, body.title, body.date, body.url),
                      explorer.store if body.store else None)


@router.post("/extract/upload", response_model=ExtractResult, summary="Extract assertions from an uploaded file")
async def extract_upload(request: Request, file: Annotated[UploadFile, File()],
                         store: Annotated[bool, Form()] = False) -> ExtractResult:
    """Read an uploaded .txt/.md/.html/.json article (at most 2 MB) and extract it; optionally store it."""
    raw = await file.read(articles.MAX_UPLOAD_BYTES + 1)
    explorer: Explorer = request.app.state.explorer
    return _extracted(lambda: articles.document_from_upload(raw, file.filename or ""),
                      explorer.store if store else None)


def _extracted(read: Callable[[], Document], store: Store | None) -> ExtractResult:
    """Read an article and extract it (storing it when a store is given), mapping failures to 413/422/503."""
    try:
        return articles.extract_article(read(), store)
    except articles.TooLarge as exc:
        raise HTTPException(413, detail=str(exc)) from None
    except articles.Unreadable as exc:
        raise HTTPException(422, detail=str(exc)) from None
    except features.Unavailable as exc:
        raise HTTPException(503, detail=str(exc)) from None


@router.get("/export", summary="Export the current view", response_class=Response,
            responses={200: {"content": {t: {} for t in FORMATS.values()}}})
def export(explorer: ExplorerDep, filters: Filters,
           format: Annotated[str, Query(pattern="^(graphml|gexf|csv)$")] = "graphml") -> Response:
    """The graph view under the same filters as /api/graph, as GraphML, GEXF or an edge CSV."""
    try:
        view = explorer.view(filters)
    except NotFound as exc:
        raise HTTPException(404, detail=str(exc)) from None
    body = export_view(view, format)
    return Response(body, media_type=FORMATS[format],
                    headers={"Content-Disposition": f'attachment; filename="axisgraph-view.{format}"'})


def _check_window(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise HTTPException(422, detail=f"since ({since}) is after until ({until})")


def _check_id(value: str) -> None:
    if not value.strip() or len(value) > 200:
        raise HTTPException(422, detail="ids are 1 to 200 characters")


def create_api(store: Store | str, title: str = "axisgraph") -> FastAPI:
    """The FastAPI application for a store (OpenAPI at /api/openapi.json, docs at /api/docs)."""
    store = store if isinstance(store, Store) else Store(store)
    api = FastAPI(title=f"{title} API", version="1", docs_url="/api/docs", redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="JSON views of an axisgraph store: the same queries the web page uses.")
    api.state.explorer = Explorer(store)
    api.include_router(router)

    @api.middleware("http")
    async def limits_and_headers(request: Request, call_next: Any) -> Any:
        if request.url.path.startswith("/api/extract"):
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > articles.MAX_UPLOAD_BYTES + 65536:
                return JSONResponse({"detail": f"the upload is {int(length) / 1_048_576:.1f} MB; the limit is "
                                               f"{articles.MAX_UPLOAD_BYTES // 1_048_576} MB"}, status_code=413)
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @api.exception_handler(ValueError)
    async def value_error(_request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    return api


__all__ = ["create_api", "router", "view_filters"]
