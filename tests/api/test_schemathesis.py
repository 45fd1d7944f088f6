"""Schemathesis against the app in-process: every operation, positive and negative data, all
default checks, a fixed seed, signed in as a coach and as an athlete."""

from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from fastapi.testclient import TestClient
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events

from runseason.api.app import create_app
from tests.factories import World

EXAMPLES = 8


REQUIRED_CHECKS = {
    "not_a_server_error",
    "status_code_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "ignored_auth",
    "use_after_free",
}


def _run(token: str) -> tuple[int, list[str], set[str]]:
    config = SchemathesisConfig.from_dict(
        {
            "seed": 20261124,
            "workers": 1,
            # NUL characters are refused by design (a 422 naming the field), not valid input.
            "generation": {"mode": "all", "max-examples": EXAMPLES, "allow-x00": False},
            "headers": {"Authorization": f"Bearer {token}"},
        }
    )
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(), config=config)
    scenarios = 0
    problems: list[str] = []
    ran: set[str] = set()
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            scenarios += 1
            for check in event.recorder.checks.values():
                for c in check:
                    ran.add(c.name)
                    if c.status.name == "FAILURE":
                        problems.append(f"{event.recorder.label}: {c.name} {c.failure_info}")
        elif isinstance(event, events.NonFatalError | events.FatalError):
            problems.append(f"error: {getattr(event, 'info', event)}")
    return scenarios, problems, ran


# Schemathesis's ASGI transport leaves its event-loop portal running after the run.
@pytest.mark.foreign_threads
@pytest.mark.parametrize("who", ["asha", "riley"])
def test_schemathesis_finds_nothing(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, who: str
) -> None:
    token = headers[who]["Authorization"].removeprefix("Bearer ")
    scenarios, problems, ran = _run(token)
    assert scenarios > 40
    assert ran >= REQUIRED_CHECKS, REQUIRED_CHECKS - ran
    summary = Counter(p.split(": ", 1)[1].split(" ", 1)[0] for p in problems if ": " in p)
    assert problems == [], (summary, [p[:600] for p in problems[:12]])
