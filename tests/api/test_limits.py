"""Requests refused before anything reads them: oversized bodies and NUL in query parameters."""

from __future__ import annotations

from starlette.datastructures import Headers

from runseason.api.limits import body_limit, too_large
from runseason.config import get_settings


def test_uploads_may_be_as_large_as_the_upload_cap_and_json_stays_small() -> None:
    settings = get_settings()
    upload = body_limit(Headers({"content-type": "multipart/form-data; boundary=x"}))
    assert upload > settings.max_upload_bytes
    assert body_limit(Headers({"content-type": "application/json"})) == (
        settings.max_json_body_bytes
    )


def test_the_refusal_says_the_limit_in_kib() -> None:
    assert too_large(64 * 1024) == "The request body is larger than the 64 KiB allowed here."
