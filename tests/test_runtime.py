"""Every long-running process tunes the garbage collector at start."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from runseason import runtime
from runseason.api.app import create_app


@pytest.fixture
def default_threshold() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # CPython's default, whatever ran before
    yield
    gc.set_threshold(*before)


@pytest.mark.usefixtures("default_threshold")
def test_tune_collector_collects_the_young_generation_less_often() -> None:
    runtime.tune_collector()
    runtime.tune_collector()  # idempotent
    assert gc.get_threshold() == runtime.GC_THRESHOLD
    assert runtime.GC_THRESHOLD[0] > 700
    assert gc.isenabled()


@pytest.mark.usefixtures("default_threshold", "db")
def test_the_api_process_tunes_the_collector_at_start() -> None:
    assert gc.get_threshold() == (700, 10, 10)
    with TestClient(create_app()) as client:
        assert client.get("/api/v1/healthz").status_code == 200
        assert gc.get_threshold() == runtime.GC_THRESHOLD
