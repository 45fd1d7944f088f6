"""Cross-site request refusal for the browser's cookie session.

A cookie rides along with any request the browser sends, so a state-changing request signed in by
cookie must come from this site's own pages: the browser says so in ``Sec-Fetch-Site`` (or, in
older browsers, ``Origin``). Bearer tokens and API keys are not sent by the browser on its own and
need no such check.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request

from runseason.errors import PermissionDenied

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
REFUSED = "This request came from another site; repeat it from Run Season Command itself."


def from_this_site(request: Request) -> bool:
    """Whether the browser says the request comes from a page of this origin (or the user)."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        # Neither header: not a browser (curl, scripts); browsers send Origin on every POST.
        return origin is None
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


def require_this_site(request: Request) -> None:
    """Refuse a state-changing cookie request that another site made the browser send."""
    if request.method not in SAFE_METHODS and not from_this_site(request):
        raise PermissionDenied(REFUSED)
