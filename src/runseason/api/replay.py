"""Idempotent POSTs: with an ``Idempotency-Key`` the first answer is stored and replayed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from runseason.services import idempotency
from runseason.services.identity.access import Actor


class _Rendered(JSONResponse):
    """A JSON answer whose body pydantic-core has already written (bytes pass as they are)."""

    def render(self, content: Any) -> bytes:
        return content if isinstance(content, bytes) else super().render(content)


def respond(
    session: Session,
    actor: Actor,
    request: Request,
    key: str | None,
    body: BaseModel | dict[str, Any],
    produce: Callable[[], Any],
    *,
    now: datetime,
    status: int = 201,
) -> JSONResponse:
    """Run ``produce`` once per key (and body); without a key, just run it.

    Without a key a model's answer is written to JSON by pydantic-core in one pass (a check-in's
    answer went through a dump to dictionaries and then the standard library's encoder)."""
    if key is None:
        answer = produce()
        if isinstance(answer, BaseModel):
            return _Rendered(answer.__pydantic_serializer__.to_json(answer), status_code=status)
        return JSONResponse(jsonable_encoder(answer), status_code=status)
    payload = body.model_dump(mode="json") if isinstance(body, BaseModel) else body

    def run() -> tuple[int, Any]:
        result = produce()
        if isinstance(result, BaseModel):  # one pass in pydantic-core, not a walk of the dump
            return status, result.model_dump(mode="json")
        return status, jsonable_encoder(result)

    code, result, replayed = idempotency.run_once(
        session, actor, key, request.method, request.url.path, payload, run, now=now
    )
    return JSONResponse(
        result, status_code=code, headers={"Idempotent-Replayed": str(replayed).lower()}
    )
