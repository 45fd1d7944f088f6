"""Webhook tests open 127.0.0.1 (and nothing else) for their local receivers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from runseason.config import reset_settings_cache


@pytest.fixture
def loopback(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Allow webhooks to 127.0.0.1 for this test only."""
    monkeypatch.setenv("RUNSEASON_WEBHOOKS_ALLOW_LOOPBACK", "true")
    reset_settings_cache()
    yield
    monkeypatch.delenv("RUNSEASON_WEBHOOKS_ALLOW_LOOPBACK")
    reset_settings_cache()
