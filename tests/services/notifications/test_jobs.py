"""The email jobs with an injected clock and a real SMTP server: who gets what, when, once."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.config import reset_settings_cache
from runseason.db import migrate
from runseason.db.models import Athlete, NotificationSend, User
from runseason.db.session import create_db_engine, make_session_factory, use_session_factory
from runseason.schemas.notifications import NotificationPreferencesUpdate
from runseason.services.notifications import jobs, preferences, sends
from runseason.services.notifications.jobs import RunReport
from runseason.services.notifications.mailer import SmtpServer
from tests.dbutil import fresh_database_url, migrated_factory
from tests.factories import World, actor, make_world
from tests.services.coaching_days import riley_red_patch
from tests.services.notifications.conftest import Inbox, move, served


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def run_day(day: date, job: object, smtp: SmtpServer, inbox: Inbox) -> dict[str, list[datetime]]:
    """Run a job every 30 minutes of one UTC day; when each address received its emails.

    A run just before the day catches up what was due earlier (the local day before, in zones
    behind UTC); its emails are not counted."""
    received: dict[str, list[datetime]] = {}
    moment = datetime.combine(day, time(0, 0), tzinfo=UTC)
    job(now=moment - timedelta(minutes=1), server=smtp)  # type: ignore[operator]
    inbox.messages.clear()
    while moment.date() == day:
        before = len(inbox.messages)
        job(now=moment, server=smtp)  # type: ignore[operator]
        for message in inbox.messages[before:]:
            received.setdefault(str(message["To"]).split("<")[-1].rstrip(">"), []).append(moment)
        moment += timedelta(minutes=30)
    return received


def email(db: Session, person: User | Athlete) -> str:
    user = db.get(User, person.user_id) if isinstance(person, Athlete) else person
    assert user is not None
    return user.email


@pytest.mark.parametrize(
    ("day", "timezone", "expected"),
    [
        (date(2026, 3, 28), "Europe/Berlin", utc(2026, 3, 28, 5, 0)),  # CET, UTC+1
        (date(2026, 3, 29), "Europe/Berlin", utc(2026, 3, 29, 4, 0)),  # clocks went forward
        (date(2026, 10, 25), "Europe/Berlin", utc(2026, 10, 25, 5, 0)),  # and back
        (date(2026, 3, 7), "America/New_York", utc(2026, 3, 7, 11, 0)),  # EST, UTC−5
        (date(2026, 3, 8), "America/New_York", utc(2026, 3, 8, 10, 0)),  # EDT from this day
        (date(2026, 11, 1), "America/New_York", utc(2026, 11, 1, 11, 0)),  # EST again
        (date(2026, 3, 29), "Asia/Tokyo", utc(2026, 3, 29, 21, 0)),  # the 30th's, a UTC day early
    ],
)
def test_each_coach_gets_one_digest_at_six_in_their_own_time_zone(
    db: Session,
    world: World,
    smtp: SmtpServer,
    inbox: Inbox,
    day: date,
    timezone: str,
    expected: datetime,
) -> None:
    move(db, world.asha, timezone)
    received = run_day(day, jobs.send_due_digests, smtp, inbox)
    assert received[world.asha.email] == [expected]
    for coach in (world.ada, world.cole, world.uma, world.otto):  # still in UTC
        assert received[coach.email] == [datetime.combine(day, time(6, 0), tzinfo=UTC)]
    assert len(inbox.messages) == 5  # one each, no athlete gets a digest


def test_each_athlete_gets_their_reminder_at_their_time_unless_checked_in_or_quiet(
    db: Session, world: World, smtp: SmtpServer, inbox: Inbox
) -> None:
    riley_red_patch(db, world)  # Riley checked in on 24 November
    greta = actor(db, world.user_of(world.greta, db))  # Oslo, UTC+1 in winter
    wish = NotificationPreferencesUpdate(reminder_at=time(7, 30), quiet_days=[6])
    preferences.update_notification_preferences(db, greta, wish)
    tuesday = run_day(date(2026, 11, 24), jobs.send_due_reminders, smtp, inbox)
    assert tuesday[email(db, world.greta)] == [utc(2026, 11, 24, 6, 30)]
    assert tuesday[email(db, world.sam)] == [utc(2026, 11, 24, 12, 0)]  # 07:00 in New York
    assert tuesday[email(db, world.ramp)] == [utc(2026, 11, 24, 7, 0)]
    assert email(db, world.riley) not in tuesday  # already checked in: no reminder
    reminder = inbox.to(email(db, world.greta))[0]
    assert reminder["Subject"] == "Time for your morning check-in"
    text = reminder.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Check in on Today: http://localhost:8501/" in text
    assert "Tuesday 24 November" in text
    sunday = run_day(date(2026, 11, 29), jobs.send_due_reminders, smtp, inbox)
    assert email(db, world.greta) not in sunday  # her quiet day
    assert email(db, world.ramp) in sunday


def test_after_downtime_the_missed_digest_goes_out_late_once(
    db: Session, world: World, smtp: SmtpServer, inbox: Inbox
) -> None:
    move(db, world.asha, "Europe/Berlin")
    # The worker was down from 03:00 to 09:00 UTC on the 25th (Asha's 06:00 is 05:00 UTC).
    assert jobs.send_due_digests(now=utc(2026, 11, 25, 3, 0), server=smtp) == RunReport()
    late = jobs.send_due_digests(now=utc(2026, 11, 25, 9, 0), server=smtp)
    assert late == RunReport(due=5, sent=5, failed=0)  # Asha's, late, and the UTC coaches'
    for minute in (1, 2, 30):  # the next runs, and a second worker catching up too
        again = jobs.send_due_digests(now=utc(2026, 11, 25, 9, minute), server=smtp)
        assert again == RunReport()
    assert jobs.send_due_digests(now=utc(2026, 11, 26, 4, 59), server=smtp) == RunReport()
    next_day = jobs.send_due_digests(now=utc(2026, 11, 26, 5, 0), server=smtp)
    assert next_day == RunReport(due=1, sent=1, failed=0)
    days = db.scalars(
        select(NotificationSend.local_date).where(NotificationSend.user_id == world.asha.id)
    ).all()
    assert sorted(days) == [date(2026, 11, 25), date(2026, 11, 26)]
    assert len(inbox.to(world.asha.email)) == 2


def test_a_claim_left_by_a_worker_that_died_mid_send_is_taken_over_once(
    db: Session, world: World, smtp: SmtpServer, inbox: Inbox
) -> None:
    move(db, world.asha, "Europe/Berlin")
    crashed = utc(2026, 11, 25, 5, 0)
    to = jobs.Recipient(world.asha.id, world.north.id, "Asha", world.asha.email, date(2026, 11, 25))
    assert sends.claim(db, to, "digest", now=crashed) is not None  # and then the process died
    soon = crashed + sends.STALE_AFTER - timedelta(minutes=1)
    assert jobs.send_due_digests(now=soon, server=smtp) == RunReport()  # maybe still sending
    later = crashed + sends.STALE_AFTER + timedelta(minutes=1)
    assert jobs.send_due_digests(now=later, server=smtp) == RunReport(1, 1, 0)
    assert jobs.send_due_digests(now=later + timedelta(minutes=1), server=smtp) == RunReport()
    assert len(inbox.to(world.asha.email)) == 1


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("refuse", "the server refused: 554 5.7.1 Message refused by policy"),
        ("drop", "the server closed the connection"),
    ],
)
def test_a_refused_or_dropped_email_is_retried_then_recorded_failed_for_the_admin(
    db: Session, world: World, smtp: SmtpServer, inbox: Inbox, mode: str, reason: str
) -> None:
    move(db, world.asha, "Europe/Berlin")
    inbox.mode = mode  # type: ignore[assignment]
    counted = {"kind": "digest", "outcome": "failed"}
    before = REGISTRY.get_sample_value("runseason_emails_total", counted) or 0.0
    report = jobs.send_due_digests(now=utc(2026, 11, 25, 5, 0), server=smtp)
    assert report == RunReport(due=1, sent=0, failed=1)
    assert REGISTRY.get_sample_value("runseason_emails_total", counted) == before + 1
    assert inbox.attempts == smtp.attempts == 3  # tried three times before giving up
    assert inbox.messages == []
    log = sends.list_deliveries(db, actor(db, world.ada), status="failed")
    assert [(d.person, d.kind, d.status, d.attempts) for d in log.items] == [
        ("Asha Coach", "digest", "failed", 3)
    ]
    assert log.items[0].last_error == reason
    assert log.items[0].recipient == world.asha.email
    # Failed is final for the day: the next run does not send it behind the admin's back.
    inbox.mode = "accept"
    assert jobs.send_due_digests(now=utc(2026, 11, 25, 5, 1), server=smtp) == RunReport()


def test_nothing_is_claimed_while_email_is_off(db: Session, world: World) -> None:
    assert world.asha.email
    assert jobs.send_due_digests(now=utc(2026, 11, 25, 12, 0)) == RunReport()  # no smtp_host
    assert db.scalar(select(func.count()).select_from(NotificationSend)) == 0


def test_two_workers_racing_for_the_same_digests_send_each_once(
    tmp_path: Path, smtp: SmtpServer, inbox: Inbox
) -> None:
    with migrated_factory(tmp_path, "race") as (_, factory):
        with factory() as session:
            world = make_world(session)
            session.commit()
        use_session_factory(factory)
        try:
            start = threading.Barrier(4)
            reports: list[RunReport] = []
            errors: list[BaseException] = []

            def worker() -> None:
                try:
                    start.wait(timeout=30)
                    reports.append(jobs.send_due_digests(now=utc(2026, 11, 25, 6, 0), server=smtp))
                except BaseException as error:
                    errors.append(error)

            threads = [threading.Thread(target=worker) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=120)
            with factory() as session:
                rows = session.scalar(select(func.count()).select_from(NotificationSend))
        finally:
            use_session_factory(None)
    assert errors == []
    assert sum(r.sent for r in reports) == 5  # one digest per coach, whoever sent it
    assert sorted(str(m["To"]) for m in inbox.messages) == sorted(
        f"{name} <{address}>"
        for name, address in [
            ("Ada Admin", world.ada.email),
            ("Cole Coach", world.cole.email),
            ("Asha Coach", world.asha.email),
            ("Uma Unassigned", world.uma.email),
            ("Otto Coach", world.otto.email),
        ]
    )
    assert rows == 5


def test_the_digest_round_trip_through_smtp_and_its_unsubscribe_link_over_http(
    tmp_path: Path, smtp: SmtpServer, inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    with migrated_factory(tmp_path, "round") as (_, factory), served(factory) as base:
        monkeypatch.setenv("RUNSEASON_PUBLIC_URL", base)
        reset_settings_cache()
        with factory() as session:
            world = make_world(session)
            riley_red_patch(session, world)  # an open intervention in Asha's Command Center
            move(session, world.asha, "Europe/Berlin")
            asha_id, address, riley_id = world.asha.id, world.asha.email, world.riley.id
            session.commit()
        report = jobs.send_due_digests(now=utc(2026, 11, 25, 5, 0), server=smtp)
        assert report == RunReport(due=1, sent=1, failed=0)
        [digest] = inbox.to(address)
        assert digest["Subject"].startswith("Your morning digest: ")
        assert str(digest["To"]) == f"Asha Coach <{address}>"
        text = digest.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        html = digest.get_body(("html",)).get_content()  # type: ignore[union-attr]
        assert "Good morning Asha Coach" in text
        assert "for Wednesday 25 November" in text
        assert "Riley Red: " in text
        assert "At risk, risk " in text
        assert f"Open the Command Center: {base}/" in text
        assert "<strong>Riley Red</strong>" in html
        assert f'href="{base}/"' in html  # the Command Center
        assert f'href="{base}/athlete?athlete={riley_id}"><strong>Riley Red</strong>' in html
        assert f"   {base}/athlete?athlete={riley_id}\r\n" in text
        for internal in ("at_risk", "top_factors", "None", "{"):
            assert internal not in text
        link = str(digest["List-Unsubscribe"]).strip("<>")
        assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link.startswith(f"{base}/api/v1/unsubscribe?token=")
        assert f"Stop the morning digest: {link}" in text

        page = httpx.get(link, timeout=30)  # no sign-in
        assert page.status_code == 200
        assert "You will no longer receive the morning digest by email" in page.text
        with factory() as session:
            asha = session.get(User, asha_id)
            assert asha is not None
            mine = preferences.get_notification_preferences(session, actor(session, asha))
        assert (mine.digest_enabled, mine.reminder_enabled) == (False, True)  # only that kind
        tampered = httpx.get(link[:-3] + "xyz", timeout=30)
        assert tampered.status_code == 404
        assert "not valid" in tampered.text
        next_day = jobs.send_due_digests(now=utc(2026, 11, 26, 5, 0), server=smtp)
        assert next_day == RunReport()
    reset_settings_cache()


RACER = """
import sys, time
from datetime import datetime
from runseason.services.notifications import jobs
start = float(sys.argv[1])
time.sleep(max(0.0, start - time.time()))
report = jobs.send_due_digests(now=datetime.fromisoformat(sys.argv[2]))
print(report.sent)
"""


def test_two_worker_processes_racing_for_the_same_digests_send_each_once(
    tmp_path: Path, inbox: Inbox
) -> None:
    with fresh_database_url(tmp_path, "processes") as url:
        engine = create_db_engine(url)
        migrate.upgrade(engine)
        with make_session_factory(engine)() as session:
            make_world(session)
            session.commit()
        engine.dispose()
        env = {
            **os.environ,
            "RUNSEASON_DATABASE_URL": url,
            "RUNSEASON_SMTP_HOST": "127.0.0.1",
            "RUNSEASON_SMTP_PORT": str(inbox.port),
            "RUNSEASON_SMTP_TLS": "none",
            "RUNSEASON_SMTP_BACKOFF_S": "0.01",
            "PYTHONPATH": os.pathsep.join(sys.path),
        }
        start = clock.time() + 8  # both processes imported and waiting: they start together
        racers = [
            subprocess.Popen(
                [sys.executable, "-c", RACER, str(start), "2026-11-25T06:00:00+00:00"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [racer.communicate(timeout=120) for racer in racers]
    assert [r.returncode for r in racers] == [0, 0], [err[-2000:] for _, err in outputs]
    sent = [int(out.strip().splitlines()[-1]) for out, _ in outputs]
    assert sum(sent) == 5  # the five coaches' digests, each from one process or the other
    assert len(inbox.messages) == 5
    assert len({str(m["To"]) for m in inbox.messages}) == 5
