"""Requests refused before anything reads them: oversized bodies, NUL in query parameters."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runseason.config import get_settings


def body_limit(headers: Headers) -> int:
    """File uploads may be as large as the upload cap; every other body is small JSON."""
    settings = get_settings()
    if headers.get("content-type", "").startswith("multipart/form-data"):
        return settings.max_upload_bytes + 64 * 1024  # the form's own framing
    return settings.max_json_body_bytes


def too_large(limit: int) -> str:
    """The refusal's words."""
    return f"The request body is larger than the {limit // 1024} KiB allowed here."


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps({"error": "body_too_large", "detail": too_large(limit)}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _nul_parameter(query: bytes) -> str | None:
    """The first query parameter whose name or value holds a NUL character, if any."""
    if b"%00" not in query.lower() and b"\x00" not in query:
        return None
    for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
        if "\x00" in name or "\x00" in value:
            return name.replace("\x00", "") or "query"
    return None


async def _refuse_nul(send: Send, name: str) -> None:
    detail = f"{name}: must not contain a NUL character"
    body = json.dumps({"error": "invalid_input", "detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 422,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    """Refuse an oversized body from its Content-Length, or as soon as a streamed one passes it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = body_limit(headers)
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _refuse(send, limit)
            return
        nul = _nul_parameter(scope.get("query_string", b""))
        if nul is not None:
            await _refuse_nul(send, nul)
            return
        received = 0

        async def counted() -> Message:
            # A streamed body without a length: stop reading once it passes the limit.
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(status_code=413, detail=too_large(limit))
            return message

        await self.app(scope, counted, send)
