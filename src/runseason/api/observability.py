"""What an operator watches: one log line per request, and ``/metrics`` for Prometheus.

The request line carries the request id, the route's template, the status, the duration and the
acting user's id: never a body, a query string, a token or a header value.
"""

from __future__ import annotations

import time
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runseason.telemetry import REQUEST_SECONDS

log = structlog.get_logger("runseason.request")


def route_of(scope: Scope) -> str:
    """The matched route's template (``/api/v1/athletes/{athlete_id}``), never the raw path."""
    template = getattr(scope.get("route"), "path_format", None)
    if not isinstance(template, str):
        return "unmatched"
    # The route knows its own template; the router prefix is what the path has before it.
    params = {k: str(v) for k, v in (scope.get("path_params") or {}).items()}
    try:
        tail = template.format(**params)
    except (KeyError, IndexError):
        return template
    path = str(scope.get("path", ""))
    prefix = path[: len(path) - len(tail)] if path.endswith(tail) else ""
    return f"{prefix}{template}"


class RequestLogMiddleware:
    """Time every request, count it in the latency histogram and write its one log line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def noted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, noted)
        finally:
            elapsed = time.perf_counter() - started
            route = route_of(scope)
            REQUEST_SECONDS.labels(scope["method"], route, str(status)).observe(elapsed)
            actor: Any = (scope.get("state") or {}).get("actor")
            log.info(
                "request",
                method=scope["method"],
                route=route,
                status=status,
                duration_ms=round(elapsed * 1000, 2),
                actor_id=getattr(actor, "user_id", None),
            )
