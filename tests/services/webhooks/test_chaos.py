"""Chaos: 10,000 events, a fifth of the deliveries failing, the worker killed twice mid-run.

The worker is a real process (killed with SIGKILL) on its own database file; the receiver a
real HTTP server that checks each signature. Nothing may be lost, and an event that arrives
twice must carry the same webhook-id and body. The worker's clock runs fast so the retry
schedule's first steps (5 s, 5 min, 30 min) pass in seconds.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, insert, select
from standardwebhooks.webhooks import Webhook

from runseason.db import migrate
from runseason.db.models import WebhookDelivery, WebhookEndpoint, WebhookMessage
from runseason.db.outbox import message
from runseason.db.session import create_db_engine, make_session_factory
from runseason.db.types import utcnow
from runseason.services.webhooks.endpoints import new_secret
from tests.dbutil import fresh_database_url
from tests.factories import make_org
from tests.webhook_receiver import Receiver, receiving

EVENTS = 10_000
FAIL_SHARE = 0.2
MOST_FAILURES_PER_EVENT = 3  # within the schedule's first 30 minutes
KILL_AFTER = (2_500, 6_000)
WORKER = textwrap.dedent(
    """
    import time
    from datetime import timedelta
    from runseason.db.types import utcnow
    from runseason.services.webhooks import delivery

    start, began = utcnow(), time.monotonic()
    while True:
        delivery.deliver_due(now=start + timedelta(seconds=(time.monotonic() - began) * 1000))
        time.sleep(0.02)
    """
)


class Flaky:
    """Answers 500 to a fifth of the requests (never more than three times per event) and
    checks every signature with the library's own signing."""

    def __init__(self, secret: str) -> None:
        self.webhook = Webhook(secret)
        self.rng = random.Random(31)
        self.failures: Counter[str] = Counter()
        self.bad_signatures = 0
        self.cut_short = 0
        self.lock = threading.Lock()

    def __call__(
        self, _path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str]]:
        key = headers["webhook-id"]
        if len(body) < int(headers["content-length"]):
            self.cut_short += 1  # the worker was killed while sending it
            return 400, {}
        moment = datetime.fromtimestamp(int(headers["webhook-timestamp"]), UTC)
        if self.webhook.sign(key, moment, body.decode()) != headers["webhook-signature"]:
            self.bad_signatures += 1
            return 400, {}
        with self.lock:
            if self.failures[key] < MOST_FAILURES_PER_EVENT and self.rng.random() < FAIL_SHARE:
                self.failures[key] += 1
                return 500, {}
        return 200, {}


def _seed(url: str, receiver_url: str, secret: str) -> set[str]:
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        org = make_org(session, "Chaos Club", "chaos")
        session.add(WebhookEndpoint(organization_id=org.id, url=receiver_url, secret=secret))
        now = utcnow()
        rows = [message(org.id, "checkin.created", {"n": n}, now) for n in range(EVENTS)]
        session.execute(insert(WebhookMessage), rows)
        session.commit()
    engine.dispose()
    return {row["message_key"] for row in rows}


def _worker(url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "RUNSEASON_DATABASE_URL": url,
        "RUNSEASON_WEBHOOKS_ALLOW_LOOPBACK": "true",
        "RUNSEASON_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen([sys.executable, "-c", WORKER], env=env, stdout=subprocess.DEVNULL)


def _delivered(receiver: Receiver) -> set[str]:
    with receiver.lock:
        return {r.headers["webhook-id"] for r in receiver.requests if r.status == 200}


def _statuses(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        query = select(WebhookDelivery.status, func.count()).group_by(WebhookDelivery.status)
        return {row[0]: row[1] for row in conn.execute(query)}


def _wait_until(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the worker did not get there in time"
        time.sleep(0.05)


def test_ten_thousand_events_with_failures_and_two_killed_workers_lose_nothing(
    tmp_path: Path,
) -> None:
    secret = new_secret()
    flaky = Flaky(secret)
    started = time.monotonic()
    with fresh_database_url(tmp_path, "chaos") as url, receiving(flaky) as receiver:
        keys = _seed(url, receiver.url, secret)
        worker = _worker(url)
        try:
            for threshold in KILL_AFTER:
                _wait_until(lambda t=threshold: len(receiver.requests) >= t, 120)
                worker.kill()  # SIGKILL: no clean-up, leased deliveries stay leased
                worker.wait(10)
                worker = _worker(url)
            _wait_until(lambda: _delivered(receiver) >= keys, 180)
            engine = create_db_engine(url)
            _wait_until(lambda: _statuses(engine).get("delivered") == EVENTS, 60)
            statuses = _statuses(engine)
            engine.dispose()
        finally:
            worker.kill()
            worker.wait(10)
    requests = receiver.requests
    bodies: dict[str, set[bytes]] = {}
    for r in requests:
        if len(r.body) == int(r.headers["content-length"]):  # not cut short by a kill
            bodies.setdefault(r.headers["webhook-id"], set()).add(r.body)
    successes = Counter(r.headers["webhook-id"] for r in requests if r.status == 200)
    duplicates = sum(n - 1 for n in successes.values())
    print(  # noqa: T201 - the run's figures, shown with pytest -s
        f"\nchaos: {len(requests)} requests, {sum(flaky.failures.values())} answered 500, "
        f"{duplicates} duplicate deliveries, {flaky.cut_short} cut short by a kill, "
        f"{time.monotonic() - started:.1f} s"
    )
    assert flaky.bad_signatures == 0
    assert set(successes) == keys  # nothing lost
    assert set(bodies) == keys  # no webhook-id the outbox did not make
    assert all(len(b) == 1 for b in bodies.values())  # a duplicate is the same event
    assert sum(flaky.failures.values()) > EVENTS * FAIL_SHARE * 0.8
    assert statuses == {"delivered": EVENTS}
