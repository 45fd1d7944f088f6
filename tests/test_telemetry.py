"""The platform's metrics are defined once and count where things happen."""

from __future__ import annotations

from prometheus_client import REGISTRY

from runseason import telemetry


def _sample(name: str, labels: dict[str, str] | None = None) -> float:
    return REGISTRY.get_sample_value(name, labels or {}) or 0.0


def test_counters_and_gauges_are_registered_under_their_names() -> None:
    before = _sample("runseason_activity_imports_total", {"outcome": "duplicate"})
    telemetry.IMPORTS.labels(outcome="duplicate").inc()
    assert _sample("runseason_activity_imports_total", {"outcome": "duplicate"}) == before + 1
    telemetry.QUEUE_DEPTH.set(3)
    assert _sample("runseason_refresh_queue_depth") == 3


def test_request_latency_is_a_histogram_by_method_route_and_status() -> None:
    labels = {"method": "GET", "route": "/api/v1/layout-test", "status": "200"}
    telemetry.REQUEST_SECONDS.labels(**labels).observe(0.03)
    assert _sample("runseason_http_request_duration_seconds_count", labels) == 1
    assert _sample("runseason_http_request_duration_seconds_bucket", {**labels, "le": "0.05"}) == 1
