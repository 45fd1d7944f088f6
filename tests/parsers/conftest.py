"""The shared activity fixtures (real device files beside the repository)."""

from __future__ import annotations

from tests.conftest import shared_dir

FIXTURES = shared_dir() / "fixtures" / "activities"
LIMIT = 25 * 1024 * 1024


def read(name: str) -> bytes:
    """The bytes of one fixture file."""
    return (FIXTURES / name).read_bytes()
