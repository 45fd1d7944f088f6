"""``/metrics``: the platform's figures in the Prometheus text format, outside the versioned API."""

from __future__ import annotations

import hmac

from fastapi import Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from runseason.api.deps import Db, Now
from runseason.api.router import Router
from runseason.config import get_settings
from runseason.errors import AuthenticationFailed
from runseason.services import system

router = Router(tags=["system"])


@router.get("/metrics", response_class=Response)
def metrics(request: Request, session: Db, now: Now) -> Response:
    """Request latencies, the refresh queue, sign-in failures and imports, for Prometheus."""
    token = get_settings().metrics_token
    if token is not None:
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given, token.get_secret_value()):
            raise AuthenticationFailed("Send the metrics token as a Bearer token.")
    system.refresh_metrics(session, now=now)
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
