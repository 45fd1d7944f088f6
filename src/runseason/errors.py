"""Errors that cross layers.

Every failure a user can cause or observe is a ``RunSeasonError``. Entry points translate them:
the API into a status code and ``{"error": ..., "detail": ...}``, the UI into ``st.error``, the CLI
into one line on stderr and exit code 1. Nothing here knows about HTTP or Streamlit.
"""

from __future__ import annotations

from typing import Any


class RunSeasonError(Exception):
    """Base of every expected error; ``code`` is a stable machine-readable name."""

    code = "error"

    def __init__(self, message: str, *, detail: Any = None, keep_changes: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        # True when the use-case's writes must be committed although it refuses (see session_scope).
        self.keep_changes = keep_changes

    def __str__(self) -> str:
        return self.message


class NotFound(RunSeasonError):
    """The object does not exist, or the actor may not know that it does."""

    code = "not_found"


class PermissionDenied(RunSeasonError):
    """The actor is known to the object but their role may not do this."""

    code = "permission_denied"


class AuthenticationFailed(RunSeasonError):
    """Credentials are missing, wrong or expired; the message never says which account exists."""

    code = "authentication_failed"


class AccountLocked(AuthenticationFailed):
    """Too many failed sign-ins; ``detail`` carries when the lock ends."""

    code = "account_locked"


class PasswordChangeRequired(RunSeasonError):
    """The account signed in with a temporary password and must choose its own first."""

    code = "password_change_required"


class RateLimited(RunSeasonError):
    """Too many requests in a window; ``detail`` carries the retry-after seconds."""

    code = "rate_limited"


class Conflict(RunSeasonError):
    """The request clashes with existing state (a duplicate, a stale version, a closed object)."""

    code = "conflict"


class InvalidInput(RunSeasonError):
    """The input is well-formed but breaks a rule; ``detail`` may list field errors."""

    code = "invalid_input"


class ConfigurationError(RunSeasonError):
    """The platform's settings are invalid or unsafe for the chosen profile."""

    code = "configuration_error"


class DatabaseUnavailable(RunSeasonError):
    """The database could not be reached after the configured retries."""

    code = "database_unavailable"


class DatabaseBusy(DatabaseUnavailable):
    """Every writer waited its turn for longer than the busy timeout; retry in a moment."""

    code = "database_busy"
