"""The REST API: ``create_app()`` builds it; nothing touches the database at import time."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runseason import __version__, context, worker
from runseason.api import errors
from runseason.api.limits import BodyLimitMiddleware
from runseason.api.observability import RequestLogMiddleware
from runseason.api.routes import ROUTERS, metrics
from runseason.config import Settings, get_settings

PREFIX = "/api/v1"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class RequestContextMiddleware:
    """Bind a request id for logs and the audit trail; add the security headers to the answer.

    A plain ASGI middleware, because Starlette's ``@app.middleware("http")`` runs every request
    through an extra task and memory streams.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-request-id")
        with context.request_scope(request_id=given) as bound:

            async def send_with_headers(message: Message) -> None:
                if message["type"] == "http.response.start":
                    headers = MutableHeaders(scope=message)
                    for name, value in SECURITY_HEADERS.items():
                        # A response that says how to cache itself (the calendar feed) keeps it.
                        if name != "Cache-Control" or name not in headers:
                            headers[name] = value
                    headers["X-Request-ID"] = str(bound.request_id)
                await send(message)

            await self.app(scope, receive, send_with_headers)


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
    for router in ROUTERS:
        app.include_router(router, prefix=prefix, responses=errors.ERROR_RESPONSES)
    app.include_router(metrics.router)
    errors.install(app)
    if s.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=s.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )

    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(RequestLogMiddleware)
    app.add_middleware(RequestContextMiddleware)
    return app
