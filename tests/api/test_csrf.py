"""Cross-site refusal for the cookie session, from the headers the browser sends."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from runseason.api.csrf import REFUSED, from_this_site, require_this_site
from runseason.errors import PermissionDenied


def _request(method: str, **headers: str) -> Request:
    raw = [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]
    return Request({"type": "http", "method": method, "headers": [(b"host", b"rsc.test"), *raw]})


@pytest.mark.parametrize(
    ("headers", "ours"),
    [
        ({"sec_fetch_site": "same-origin"}, True),
        ({"sec_fetch_site": "none"}, True),
        ({"sec_fetch_site": "cross-site"}, False),
        ({"origin": "https://rsc.test"}, True),
        ({"origin": "https://evil.example"}, False),
        ({"origin": "null"}, False),
        ({}, True),
    ],
)
def test_the_browser_s_headers_say_where_a_request_comes_from(
    headers: dict[str, str], ours: bool
) -> None:
    assert from_this_site(_request("POST", **headers)) is ours


def test_only_state_changing_requests_from_elsewhere_are_refused() -> None:
    require_this_site(_request("GET", sec_fetch_site="cross-site"))
    with pytest.raises(PermissionDenied, match=REFUSED):
        require_this_site(_request("POST", sec_fetch_site="cross-site"))
