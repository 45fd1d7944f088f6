"""The REST API: ``create_app()`` builds it; nothing touches the database at import time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware

from runseason import __version__, context, worker
from runseason.api import errors
from runseason.api.routes import admin, athletes, auth, calculators, coaching, library
from runseason.config import Settings, get_settings

PREFIX = "/api/v1"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def create_app(
    settings: Settings | None = None, *, root_path: str = "", prefix: str = PREFIX
) -> FastAPI:
    """The API with every router under /api/v1, its error handlers and security headers.

    Mounted at ``/api`` beside the web app, it is built with ``prefix="/v1"`` so the public paths
    stay the same.
    """
    s = settings or get_settings()
    app = FastAPI(
        title="Run Season Command API",
        version=__version__,
        description="Coaching platform for running: athletes, check-ins, sessions, plans and the "
        "coaching engine. Authenticate with `POST /api/v1/auth/login` (Bearer tokens) or an "
        '`X-API-Key`. Errors are `{"error": code, "detail": message}`.',
        openapi_url=f"{prefix}/openapi.json" if s.env != "prod" else None,
        docs_url=f"{prefix}/docs" if s.env != "prod" else None,
        redoc_url=None,
        root_path=root_path,
        lifespan=worker.lifespan,  # not run when mounted: the combined server starts its own
    )
    for module in (auth, athletes, coaching, library, calculators, admin):
        app.include_router(module.router, prefix=prefix, responses=errors.ERROR_RESPONSES)
    errors.install(app)
    if s.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=s.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )

    @app.middleware("http")
    async def _request_context(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        with context.request_scope(request_id=request.headers.get("x-request-id")):
            response = await call_next(request)
            response.headers.update(SECURITY_HEADERS)
            rid = context.current().request_id
            if rid:
                response.headers["X-Request-ID"] = str(rid)
            return response

    return app
