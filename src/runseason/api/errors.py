"""One place where errors become HTTP: ``{"error": <code>, "detail": <message>}``."""

from __future__ import annotations

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from runseason import errors

log = structlog.get_logger("runseason.api")

STATUS: list[tuple[type[errors.RunSeasonError], int]] = [
    (errors.AccountLocked, 423),
    (errors.AuthenticationFailed, 401),
    (errors.PasswordChangeRequired, 403),
    (errors.PermissionDenied, 403),
    (errors.NotFound, 404),
    (errors.Conflict, 409),
    (errors.InvalidInput, 422),
    (errors.RateLimited, 429),
    (errors.DatabaseUnavailable, 503),
]


def status_of(error: errors.RunSeasonError) -> int:
    """The HTTP status of a domain error (500 for anything unexpected)."""
    for kind, status in STATUS:
        if isinstance(error, kind):
            return status
    return 500


def _body(code: str, detail: object) -> dict[str, object]:
    return {"error": code, "detail": detail}


async def _domain(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, errors.RunSeasonError)
    status = status_of(error)
    headers = {}
    if isinstance(error, errors.RateLimited):
        headers["Retry-After"] = str(error.detail or 60)
    if isinstance(error, errors.AuthenticationFailed) and status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(_body(error.code, error.message), status_code=status, headers=headers)


async def _validation(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("body", "query", "path"))
        problems.append(f"{where}: {item.get('msg')}" if where else str(item.get("msg")))
    return JSONResponse(_body("invalid_input", "; ".join(problems)), status_code=422)


async def _http(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed", 401: "authentication_failed"}.get(
        error.status_code, "error"
    )
    return JSONResponse(
        _body(code, error.detail),
        status_code=error.status_code,
        headers=getattr(error, "headers", None),
    )


async def _unexpected(_: Request, error: Exception) -> JSONResponse:
    log.exception("api.unexpected_error", error=type(error).__name__)
    return JSONResponse(
        _body("internal_error", "Something went wrong on our side; it has been logged."),
        status_code=500,
    )


def install(app: FastAPI) -> None:
    """Register the handlers on an app."""
    app.add_exception_handler(errors.RunSeasonError, _domain)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
