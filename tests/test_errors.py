"""Errors that cross layers carry a stable code and a message a person can read."""

from __future__ import annotations

import pytest

from runseason import errors


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        (errors.NotFound, "not_found"),
        (errors.PermissionDenied, "permission_denied"),
        (errors.Conflict, "conflict"),
        (errors.InvalidInput, "invalid_input"),
    ],
)
def test_each_error_has_its_code_and_message(kind: type[errors.RunSeasonError], code: str) -> None:
    error = kind("The plan is not yours.", detail={"plan": 3})
    assert error.code == code
    assert str(error) == error.message == "The plan is not yours."
    assert error.detail == {"plan": 3}
    assert not error.keep_changes


def test_a_locked_account_is_a_failed_sign_in_and_busy_is_unavailable() -> None:
    assert issubclass(errors.AccountLocked, errors.AuthenticationFailed)
    assert issubclass(errors.DatabaseBusy, errors.DatabaseUnavailable)
    assert errors.RateLimited("slow down", detail=30, keep_changes=True).keep_changes
