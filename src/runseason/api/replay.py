"""Idempotent POSTs: with an ``Idempotency-Key`` the first answer is stored and replayed.

A creating route takes one ``Post`` (the request's session, actor, clock and key) and answers
``post.respond(body, produce)``::

    def add_note(athlete_id: PathId, data: NoteCreate, post: Post) -> JSONResponse:
        return post.respond(data, lambda: cases.add_note(post.session, post.actor, ...))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from runseason.api.deps import CurrentActor, Db, IdempotencyKey, Now
from runseason.services import idempotency
from runseason.services.identity.access import Actor


class _Rendered(JSONResponse):
    """A JSON answer whose body pydantic-core has already written (bytes pass as they are)."""

    def render(self, content: Any) -> bytes:
        return content if isinstance(content, bytes) else super().render(content)


@dataclass(frozen=True, slots=True)
class IdempotentPost:
    """What a creating route needs: the session, the actor, the clock and the request's key."""

    session: Session
    actor: Actor
    now: datetime
    request: Request
    key: str | None

    def respond(
        self, body: BaseModel | dict[str, Any], produce: Callable[[], Any], *, status: int = 201
    ) -> JSONResponse:
        """Run ``produce`` once per key (and body); without a key, just run it."""
        return _respond(self, body, produce, status)


async def _post(
    session: Db, actor: CurrentActor, now: Now, request: Request, key: IdempotencyKey = None
) -> IdempotentPost:
    return IdempotentPost(session, actor, now, request, key)


Post = Annotated[IdempotentPost, Depends(_post)]


def _respond(
    post: IdempotentPost, body: BaseModel | dict[str, Any], produce: Callable[[], Any], status: int
) -> JSONResponse:
    """Without a key a model's answer is written to JSON by pydantic-core in one pass (a
    check-in's answer went through a dump to dictionaries and then the standard library's
    encoder)."""
    if post.key is None:
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

    request = post.request
    code, result, replayed = idempotency.run_once(
        post.session,
        post.actor,
        post.key,
        request.method,
        request.url.path,
        payload,
        run,
        now=post.now,
    )
    return JSONResponse(
        result, status_code=code, headers={"Idempotent-Replayed": str(replayed).lower()}
    )
