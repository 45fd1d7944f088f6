"""Sign-in for API clients (tokens and keys) and for the browser (an HttpOnly session cookie)."""

from __future__ import annotations

from dataclasses import asdict
from html import escape
from importlib import resources
from typing import Annotated, Literal

from fastapi import Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import Field, ValidationError

from runseason.api import csrf
from runseason.api.deps import SESSION_COOKIE, AnyActor, CurrentActor, Db, Now, PathId, client_ip
from runseason.api.router import Router
from runseason.config import get_settings
from runseason.db.session import session_scope
from runseason.db.types import utcnow
from runseason.errors import RunSeasonError
from runseason.schemas.accounts import ProfileUpdate, UserRead
from runseason.schemas.common import Input, Output
from runseason.services.identity import auth, tokens, users

router = Router(tags=["auth"])


class LoginRequest(Input):
    """Email and password."""

    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1024)


class TokenRead(Output):
    """Access and refresh tokens."""

    access_token: str
    refresh_token: str
    token_type: str
    expires_in: int
    must_change_password: bool


class RefreshRequest(Input):
    """A refresh token to trade (or to revoke)."""

    refresh_token: str = Field(min_length=10, max_length=200)


class PasswordChange(Input):
    """The current password and the new one."""

    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


class ApiKeyCreate(Input):
    """A personal API key."""

    name: str = Field(min_length=1, max_length=100)
    scope: Literal["read", "read_write"] = "read"
    expires_days: int | None = Field(None, ge=1, le=365)


@router.post("/auth/login", response_model=TokenRead)
def login(data: LoginRequest, request: Request, session: Db, now: Now) -> TokenRead:
    """Sign in with email and password; returns a 15-minute access token and a refresh token."""
    user = auth.authenticate(session, data.email, data.password, ip=client_ip(request), now=now)
    return TokenRead.model_validate(asdict(tokens.issue_tokens(session, user, now=now)))


@router.post("/auth/refresh", response_model=TokenRead)
def refresh(data: RefreshRequest, session: Db, now: Now) -> TokenRead:
    """Trade a refresh token for a new pair (each refresh token works once)."""
    return TokenRead.model_validate(
        asdict(tokens.rotate_refresh_token(session, data.refresh_token, now=now))
    )


@router.post("/auth/logout", status_code=204)
def logout(data: RefreshRequest, session: Db, now: Now) -> Response:
    """End the sign-in this refresh token belongs to."""
    tokens.revoke_refresh_family(session, data.refresh_token, now=now)
    return Response(status_code=204)


@router.post("/auth/password", status_code=204)
def change_password(
    data: PasswordChange, found: AnyActor, request: Request, session: Db, now: Now
) -> Response:
    """Change your password (also the way out of a temporary one); ends your other sessions."""
    actor, _ = found
    auth.change_password(
        session,
        actor,
        data.current_password,
        data.new_password,
        now=now,
        keep_session_token=request.cookies.get(SESSION_COOKIE),
    )
    return Response(status_code=204)


@router.get("/me", response_model=UserRead)
def me(found: AnyActor, session: Db) -> UserRead:
    """Your own account."""
    return users.get_me(session, found[0])


@router.patch("/me", response_model=UserRead)
def update_me(data: ProfileUpdate, actor: CurrentActor, session: Db) -> UserRead:
    """Change your name, time zone or units."""
    return users.update_profile(session, actor, data)


@router.post("/api-keys", status_code=201)
def create_api_key(
    data: ApiKeyCreate, actor: CurrentActor, session: Db, now: Now
) -> dict[str, object]:
    """Create a personal API key; the key is shown once."""
    created = tokens.create_api_key(
        session, actor, data.name, data.scope, now=now, expires_days=data.expires_days
    )
    return asdict(created)


@router.get("/api-keys")
def list_api_keys(actor: CurrentActor, session: Db) -> list[dict[str, object]]:
    """Your API keys (never their secrets)."""
    return [asdict(k) for k in tokens.list_api_keys(session, actor)]


@router.delete("/api-keys/{key_id}", status_code=204)
def revoke_api_key(key_id: PathId, actor: CurrentActor, session: Db, now: Now) -> Response:
    """Revoke one of your API keys."""
    tokens.revoke_api_key(session, actor, key_id, now=now)
    return Response(status_code=204)


# --- the browser's sign-in: a plain form whose answer sets an HttpOnly cookie ---------------------
PAGE = (resources.files("runseason.api") / "signin.html").read_text(encoding="utf-8")
SIGNOUT_PAGE = (resources.files("runseason.api") / "signout.html").read_text(encoding="utf-8")


@router.get("/auth/web/login", response_class=HTMLResponse, include_in_schema=False)
def web_login_page() -> HTMLResponse:
    """The browser's sign-in form."""
    return HTMLResponse(PAGE.replace("{error}", ""))


@router.post("/auth/web/login", include_in_schema=False)
def web_login(
    request: Request, email: Annotated[str, Form()], password: Annotated[str, Form()]
) -> Response:
    """Check the form, open a server-side session and hand the browser its HttpOnly cookie."""
    moment = utcnow()
    if not csrf.from_this_site(request):
        message = f'<p class="error" role="alert">{escape(csrf.REFUSED)}</p>'
        return HTMLResponse(PAGE.replace("{error}", message), status_code=403)
    try:
        data = LoginRequest(email=email, password=password)  # the API's checks, NUL included
    except ValidationError:
        message = '<p class="error" role="alert">Enter a valid email and password.</p>'
        return HTMLResponse(PAGE.replace("{error}", message), status_code=200)
    try:
        with session_scope() as session:
            user = auth.authenticate(
                session, data.email, data.password, ip=client_ip(request), now=moment
            )
            token = auth.start_session(
                session,
                user,
                now=moment,
                user_agent=request.headers.get("user-agent"),
                ip=client_ip(request),
            )
    except RunSeasonError as error:
        message = f'<p class="error" role="alert">{escape(error.message)}</p>'
        return HTMLResponse(PAGE.replace("{error}", message), status_code=200)
    response = RedirectResponse("/", status_code=303)
    settings = get_settings()
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=settings.env == "prod",
        max_age=settings.security.session_absolute_hours * 3600,
        path="/",
    )
    return response


@router.get("/auth/web/logout", response_class=HTMLResponse, include_in_schema=False)
def web_logout_page() -> HTMLResponse:
    """Ask before signing out: a link another site plants must not end the session."""
    return HTMLResponse(SIGNOUT_PAGE)


@router.post("/auth/web/logout", include_in_schema=False)
def web_logout(request: Request) -> Response:
    """End the browser's session and clear the cookie (a form of this site only)."""
    if not csrf.from_this_site(request):
        return HTMLResponse(SIGNOUT_PAGE, status_code=403)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        with session_scope() as session:
            auth.end_session(session, token, now=utcnow())
    response = RedirectResponse("/api/v1/auth/web/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
