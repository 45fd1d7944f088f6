"""A comment is trimmed text of 1 to 2000 characters, with nothing else in it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from runseason.schemas.comments import COMMENT_MAX_CHARS, CommentCreate, CommentUpdate


def test_text_is_trimmed() -> None:
    assert CommentCreate(body="  Legs heavy  ").body == "Legs heavy"


@pytest.mark.parametrize("model", [CommentCreate, CommentUpdate])
@pytest.mark.parametrize("text", ["", " \n ", "x" * (COMMENT_MAX_CHARS + 1)])
def test_empty_or_too_long_text_names_the_field(model: type[CommentCreate], text: str) -> None:
    with pytest.raises(ValidationError) as error:
        model(body=text)
    assert error.value.errors()[0]["loc"] == ("body",)


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        CommentCreate.model_validate({"body": "ok", "author_id": 3})
