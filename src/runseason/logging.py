"""Structured logging: JSON in prod, a readable console in dev, secrets and health data redacted.

Every line carries the request or job id and the acting user id (from ``runseason.context``). Errors
go to stdout first; ``ErrorEventHandler`` then keeps a best-effort copy in the database for the
system-status page, and never lets a database outage hide or replace the original error.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from collections.abc import Callable, MutableMapping
from typing import Any, TextIO

import structlog

from runseason.config import Settings

# Keys whose values never reach a log line: credentials and the athlete's health data.
SECRET_KEYS = frozenset(
    {
        "password",
        "new_password",
        "current_password",
        "temporary_password",
        "password_hash",
        "token",
        "access_token",
        "refresh_token",
        "api_key",
        "authorization",
        "cookie",
        "secret",
        "secret_key",
    }
)
HEALTH_KEYS = frozenset(
    {
        "sleep_quality",
        "sleep_hours",
        "energy",
        "recovery",
        "stress",
        "mood",
        "resting_hr",
        "hrv_rmssd",
        "illness",
        "pain_severity",
        "pain_location",
        "pain",
        "avg_hr",
        "max_hr",
        "note",
        "notes",
        "readiness_score",
    }
)
REDACTED = "[redacted]"


def _redact_value(key: str, value: Any) -> Any:
    lowered = key.lower()
    if lowered in SECRET_KEYS or lowered in HEALTH_KEYS:
        return REDACTED
    if isinstance(value, dict):
        return {k: _redact_value(str(k), v) for k, v in value.items()}
    return value


def redact(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: mask secret and health fields anywhere in the event."""
    for key in list(event_dict):
        if key != "event":
            event_dict[key] = _redact_value(key, event_dict[key])
    return event_dict


# Database errors quote the values they refused (PostgreSQL's "Failing row contains (...)", a
# unique key's "Key (...)=(...)", a driver's parameter list): never let them into a log.
_VALUES_IN_ERRORS = re.compile(
    r"(Failing row contains|Key|\[parameters:|parameters:)\s*\(.*?\)(=\(.*?\))?(\])?",
    re.DOTALL,
)


def scrub_error_text(text: str) -> str:
    """An exception text with the values a database error quotes masked."""
    return _VALUES_IN_ERRORS.sub(lambda m: f"{m.group(1)} {REDACTED}", text)


def redact_exception(
    _: Any, __: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """structlog processor (after ``format_exc_info``): mask values quoted in the traceback."""
    exception = event_dict.get("exception")
    if isinstance(exception, str):
        event_dict["exception"] = scrub_error_text(exception)
    return event_dict


SHARED_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    redact,
]


class ErrorEventHandler(logging.Handler):
    """Copies ERROR records into the error-event table, best effort, after stdout has them."""

    def __init__(self, sink: Callable[[dict[str, Any]], None]) -> None:
        super().__init__(level=logging.ERROR)
        self._sink = sink
        self._busy = False

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record through the sink; a failing sink is reported on stderr, never raised."""
        if self._busy or record.name.startswith("sqlalchemy"):
            return
        self._busy = True
        try:
            self._sink(_error_event_from(record))
        except Exception as exc:
            sys.stderr.write(f"error-event copy not stored: {type(exc).__name__}\n")
        finally:
            self._busy = False


def _error_event_from(record: logging.LogRecord) -> dict[str, Any]:
    event = record.msg if isinstance(record.msg, dict) else {"event": record.getMessage()}
    exc_type = exc_text = None
    if record.exc_info and record.exc_info[0] is not None:
        exc_type = record.exc_info[0].__name__
        exc_text = scrub_error_text("".join(traceback.format_exception(*record.exc_info)))[-8000:]
    return {
        "level": record.levelname.lower(),
        "logger": record.name,
        "message": str(event.get("event", ""))[:2000],
        "exc_type": exc_type,
        "traceback": exc_text,
        "request_id": event.get("request_id"),
        "user_id": event.get("user_id"),
    }


def configure_logging(
    settings: Settings,
    *,
    error_sink: Callable[[dict[str, Any]], None] | None = None,
    stream: TextIO | None = None,
) -> None:
    """Route stdlib and structlog output through one JSON (or console) formatter on stdout."""
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if settings.effective_log_format == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED_PROCESSORS,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            redact_exception,
            renderer,
        ],
    )
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers = [handler]
    if error_sink is not None:
        root.addHandler(ErrorEventHandler(error_sink))
    root.setLevel(settings.log_level)
    # Alembic narrates every migration step at INFO; operators need only its warnings.
    logging.getLogger("alembic").setLevel(max(logging.WARNING, root.level))
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    structlog.configure(
        processors=[*SHARED_PROCESSORS, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    """A structured logger named after its module."""
    logger: structlog.stdlib.BoundLogger = structlog.stdlib.get_logger(name)
    return logger
