"""Logs carry request and actor ids, never secrets or health values; they outlive an outage."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from runseason import context
from runseason.config import load_settings
from runseason.logging import ErrorEventHandler, configure_logging, get_logger, scrub_error_text

CANARIES = {
    "password": "canary-password-7d1f",
    "refresh_token": "canary-token-9a2b",
    "sleep_quality": "canary-sleep-3c4d",
    "hrv_rmssd": "canary-hrv-5e6f",
    "pain_location": "canary-knee-1a2b",
}


@pytest.fixture
def captured() -> io.StringIO:
    stream = io.StringIO()
    configure_logging(load_settings(log_format="json"), stream=stream)
    return stream


def test_secrets_and_health_values_never_reach_the_logs(captured: io.StringIO) -> None:
    log = get_logger("tests.canary")
    with context.request_scope("req-canary"):
        context.bind_actor(7, 1)
        log.info("check-in stored", **CANARIES, nested={"token": "canary-nested-0f0f"})
        log.warning("sign-in failed", password=CANARIES["password"])
    text = captured.getvalue()
    for value in [*CANARIES.values(), "canary-nested-0f0f"]:
        assert value not in text
    first = json.loads(text.splitlines()[0])
    assert first["request_id"] == "req-canary"
    assert first["user_id"] == 7
    assert first["level"] == "info"


def test_stdlib_lines_are_json_too(captured: io.StringIO) -> None:
    logging.getLogger("uvicorn.error").warning("server noise")
    line = json.loads(captured.getvalue().splitlines()[-1])
    assert line["event"] == "server noise"
    assert line["logger"] == "uvicorn.error"


def test_error_copy_goes_to_the_sink_after_stdout() -> None:
    stream = io.StringIO()
    stored: list[dict[str, Any]] = []
    configure_logging(load_settings(log_format="json"), stream=stream, error_sink=stored.append)
    with context.request_scope("req-err"):
        try:
            raise ValueError("kaput")
        except ValueError:
            get_logger("tests.err").exception("unexpected failure")
    assert "unexpected failure" in stream.getvalue()
    assert stored[0]["message"] == "unexpected failure"
    assert stored[0]["exc_type"] == "ValueError"
    assert stored[0]["request_id"] == "req-err"


def test_a_database_outage_never_hides_the_error(capsys: pytest.CaptureFixture[str]) -> None:
    stream = io.StringIO()

    def broken_sink(_: dict[str, Any]) -> None:
        raise ConnectionError("database down")

    configure_logging(load_settings(log_format="json"), stream=stream, error_sink=broken_sink)
    get_logger("tests.outage").error("payment of attention failed")
    assert "payment of attention failed" in stream.getvalue()
    assert "error-event copy not stored: ConnectionError" in capsys.readouterr().err


def test_a_database_error_in_a_traceback_never_carries_the_values_it_refused(
    captured: io.StringIO, engine: Engine
) -> None:
    # A NOT NULL failure quotes the row on PostgreSQL and the parameters on both databases.
    canary = "canary-note-knee-hurts-4b4b"
    statement = text(
        "INSERT INTO check_ins (athlete_id, organization_id, local_date, note) "
        "VALUES (NULL, NULL, '2026-01-01', :note)"
    )
    with engine.connect() as conn, pytest.raises(IntegrityError) as refused:
        conn.execute(statement, {"note": canary})
    stored: list[dict[str, Any]] = []
    handler = ErrorEventHandler(stored.append)
    logging.getLogger().addHandler(handler)
    try:
        try:
            raise refused.value
        except IntegrityError:
            get_logger("tests.canary").exception("check-in not stored")
    finally:
        logging.getLogger().removeHandler(handler)
    assert "check-in not stored" in captured.getvalue()
    assert "IntegrityError" in captured.getvalue()
    assert canary not in captured.getvalue()
    assert stored[0]["traceback"] is not None
    assert canary not in stored[0]["traceback"]


def test_scrubbing_masks_the_row_and_key_a_database_quotes() -> None:
    text_ = (
        "DETAIL:  Failing row contains (1, 2, 2026-01-01, 9, knee pain).\n"
        "DETAIL:  Key (user_id, key)=(7, abc) already exists.\n"
        "[parameters: (7, 'knee pain')]"
    )
    scrubbed = scrub_error_text(text_)
    assert "knee pain" not in scrubbed
    assert "abc" not in scrubbed
    assert "Failing row contains [redacted]" in scrubbed
