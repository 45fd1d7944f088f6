"""The platform's Prometheus metrics: defined once, counted where things happen."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

REQUEST_SECONDS = Histogram(
    "runseason_http_request_duration_seconds",
    "Time to answer an API request, by method, route template and status.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
SIGNIN_FAILURES = Counter(
    "runseason_signin_failures_total", "Sign-ins refused for wrong or unknown credentials."
)
IMPORTS = Counter(
    "runseason_activity_imports_total", "Activity files sent for import, by outcome.", ["outcome"]
)
REFRESH_FAILURES = Counter(
    "runseason_refresh_job_failures_total", "Refresh jobs that failed and wait for a retry."
)
EMAILS = Counter(
    "runseason_emails_total",
    "Digests and reminders handed to SMTP, by kind and outcome.",
    ["kind", "outcome"],
)
QUEUE_DEPTH = Gauge("runseason_refresh_queue_depth", "Athletes waiting for a refresh.")
QUEUE_FAILING = Gauge(
    "runseason_refresh_queue_failing", "Waiting refresh jobs whose last try failed."
)
QUEUE_AGE = Gauge(
    "runseason_refresh_queue_oldest_age_seconds", "Age of the oldest waiting refresh job."
)
