"""One place where errors become HTTP: ``{"error": <code>, "detail": <message>}``."""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from runseason import context, errors

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


class ErrorBody(BaseModel):
    """Every error the API returns."""

    error: str
    detail: Any


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (400, "The request could not be read (malformed body or content type)."),
        (401, "Not signed in, or the credentials are not valid."),
        (403, "Signed in, but not allowed (or a temporary password must be changed first)."),
        (404, "Not found, or not yours."),
        (409, "Conflicts with the current state."),
        (413, "The request body is larger than allowed."),
        (422, "The input is not valid."),
        (423, "The account is locked after failed sign-ins."),
        (429, "Too many requests; retry later."),
        (503, "The database is busy or unreachable; retry later."),
    )
}


def _body(code: str, detail: object) -> dict[str, object]:
    return {"error": code, "detail": detail}


async def _domain(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, errors.RunSeasonError)
    status = status_of(error)
    headers = {}
    if isinstance(error, errors.RateLimited):
        headers["Retry-After"] = str(error.detail or 60)
    if isinstance(error, errors.DatabaseBusy):
        headers["Retry-After"] = "1"
    if isinstance(error, errors.AuthenticationFailed) and status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(_body(error.code, error.message), status_code=status, headers=headers)


async def _validation(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = []
    for item in error.errors():
        # The first part says where the value came from; a field may itself be named "body".
        loc = list(item.get("loc", ()))
        if loc and loc[0] in ("body", "query", "path"):
            loc = loc[1:]
        where = ".".join(str(p) for p in loc)
        problems.append(f"{where}: {item.get('msg')}" if where else str(item.get("msg")))
    return JSONResponse(_body("invalid_input", "; ".join(problems)), status_code=422)


async def _http(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    code = {
        400: "bad_request",
        401: "authentication_failed",
        404: "not_found",
        405: "method_not_allowed",
        413: "body_too_large",
    }.get(error.status_code, "error")
    headers = dict(getattr(error, "headers", None) or {})
    if error.status_code == 405:
        # A path's methods may live on several route objects: list them all, as HTTP asks.
        allowed = allowed_methods(request.app, request.url.path)
        if allowed:
            headers["Allow"] = ", ".join(allowed)
    return JSONResponse(_body(code, error.detail), status_code=error.status_code, headers=headers)


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method some route serves at ``path``."""
    methods: set[str] = set()
    for route in app.routes:
        contexts: list[Any] = (
            list(route.effective_route_contexts())
            if hasattr(route, "effective_route_contexts")
            else [route]
        )
        for ctx in contexts:
            regex = getattr(ctx, "path_regex", None)
            if regex is not None and regex.match(path) and getattr(ctx, "methods", None):
                methods |= set(ctx.methods)
    return sorted(methods)


async def _database(_: Request, error: Exception) -> JSONResponse:
    # SQLite's busy timeout ran out under load, or the database went away: retryable, not a bug.
    log.warning("api.database_busy", error=str(error)[:200])
    return JSONResponse(
        _body("database_busy", "The database is busy; retry in a moment."),
        status_code=503,
        headers={"Retry-After": "1"},
    )


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    actor = getattr(request.state, "actor", None)
    if actor is not None:  # so the kept copy of the error belongs to the actor's organization
        context.bind_actor(actor.user_id, actor.organization_id)
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
    app.add_exception_handler(OperationalError, _database)
    app.add_exception_handler(PoolTimeout, _database)
    app.add_exception_handler(Exception, _unexpected)
