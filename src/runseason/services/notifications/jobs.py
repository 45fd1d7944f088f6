"""The scheduler's email jobs: every morning digest and check-in reminder that is due, once.

Each run works out who is due at ``now`` (their role, their preferences, the local time in their
zone, nobody already claimed for their local day), then for each person claims the send (its
own committed transaction), builds the message, hands it to SMTP with retries and records the
outcome. Nothing is claimed while email is off (no ``smtp_host``), so turning it on later sends
what is still due that day. A run after downtime sends today's late emails once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage

import structlog
from sqlalchemy import Row, or_, select
from sqlalchemy.orm import Session

from runseason import telemetry
from runseason.config import get_settings
from runseason.db.models import Athlete, CheckIn, NotificationPreference, NotificationSend, User
from runseason.db.models.notifications import DEFAULT_REMINDER_AT
from runseason.db.session import session_scope
from runseason.domain.notifications import DIGEST_AT, due_day
from runseason.schemas.notifications import Kind
from runseason.services.identity.access import actor_of
from runseason.services.notifications import mailer, messages, sends
from runseason.services.notifications.messages import Recipient
from runseason.services.views.command_center import get_command_center

log = structlog.get_logger("runseason.email")
DIGEST_ITEMS = 5  # the Command Center's top items in a digest


@dataclass(frozen=True)
class RunReport:
    """What one run of a job did."""

    due: int = 0
    sent: int = 0
    failed: int = 0


_PREFERENCE = (
    NotificationPreference.quiet_days,
    NotificationPreference.reminder_at,
)
_STAFF = (
    select(User.id, User.organization_id, User.full_name, User.email, User.timezone, *_PREFERENCE)
    .outerjoin(NotificationPreference, NotificationPreference.user_id == User.id)
    .where(
        User.role.in_(("admin", "coach")),
        User.is_active.is_(True),
        or_(NotificationPreference.digest_enabled.is_(None), NotificationPreference.digest_enabled),
    )
)
_ATHLETES = (
    select(
        User.id,
        User.organization_id,
        Athlete.display_name.label("full_name"),
        User.email,
        Athlete.timezone,
        *_PREFERENCE,
        Athlete.id.label("athlete_id"),
    )
    .join(Athlete, Athlete.user_id == User.id)
    .outerjoin(NotificationPreference, NotificationPreference.user_id == User.id)
    .where(
        User.role == "athlete",
        User.is_active.is_(True),
        Athlete.is_active.is_(True),
        or_(
            NotificationPreference.reminder_enabled.is_(None),
            NotificationPreference.reminder_enabled,
        ),
    )
)


def _due(rows: Iterable[Row[tuple[object, ...]]], kind: Kind, now: datetime) -> list[Recipient]:
    found = []
    for row in rows:
        at = DIGEST_AT if kind == "digest" else row.reminder_at or DEFAULT_REMINDER_AT
        day = due_day(now, row.timezone, at, row.quiet_days or ())
        if day is not None:
            found.append(Recipient(row.id, row.organization_id, row.full_name, row.email, day))
    return found


def _claimed(
    session: Session, kind: Kind, due: list[Recipient], now: datetime
) -> set[tuple[int, date]]:
    """Who of ``due`` already has a send for their day that is not a stale claim."""
    if not due:
        return set()
    send = NotificationSend
    rows = session.execute(
        select(send.user_id, send.local_date, send.status, send.claimed_at).where(
            send.kind == kind,
            send.user_id.in_(sorted({d.user_id for d in due})),
            send.local_date.in_(sorted({d.local_date for d in due})),
        )
    )
    stale = now - sends.STALE_AFTER
    return {
        (r.user_id, r.local_date)
        for r in rows
        if not (r.status == "sending" and r.claimed_at < stale)
    }


def due_recipients(session: Session, kind: Kind, now: datetime) -> list[Recipient]:
    """Everyone whose ``kind`` of email is due at ``now`` and not yet claimed for their day.

    An athlete who has already checked in today needs no reminder."""
    rows = session.execute(_STAFF if kind == "digest" else _ATHLETES).all()
    due = _due(rows, kind, now)
    done = _claimed(session, kind, due, now)
    if kind == "reminder" and due:
        athlete_of = {row.id: row.athlete_id for row in rows}
        checked_in = session.execute(
            select(CheckIn.athlete_id, CheckIn.local_date).where(
                CheckIn.athlete_id.in_(sorted(athlete_of[d.user_id] for d in due)),
                CheckIn.local_date.in_(sorted({d.local_date for d in due})),
            )
        ).all()
        user_of = {athlete: user for user, athlete in athlete_of.items()}
        done |= {(user_of[a], day) for a, day in checked_in}
    return [d for d in due if (d.user_id, d.local_date) not in done]


def _compose(session: Session, kind: Kind, to: Recipient, now: datetime) -> EmailMessage:
    if kind == "reminder":
        return messages.reminder_message(to, now)
    user = session.get(User, to.user_id)
    assert user is not None
    queue = get_command_center(session, actor_of(user, None), now=now, page_size=DIGEST_ITEMS)
    return messages.digest_message(to, queue, now)


def send_one(kind: Kind, to: Recipient, now: datetime, server: mailer.SmtpServer) -> bool | None:
    """Claim, build, send and record one email: True sent, False failed, None taken elsewhere."""
    with session_scope() as session:
        send_id = sends.claim(session, to, kind, now=now)
    if send_id is None:
        return None
    error: str | None = None
    try:
        with session_scope(readonly=True) as session:
            message = _compose(session, kind, to, now)
        attempts = mailer.send(server, message)
    except mailer.DeliveryFailed as failure:
        attempts, error = failure.attempts, failure.reason
    except Exception as unexpected:  # recorded, never lost: the admin sees it in the log
        attempts, error = 0, f"{type(unexpected).__name__}: {unexpected}"
    with session_scope() as session:
        sends.finish(session, send_id, now=now, attempts=attempts, error=error)
    telemetry.EMAILS.labels(kind=kind, outcome="failed" if error else "sent").inc()
    if error:
        log.error("email.failed", kind=kind, user_id=to.user_id, reason=error)
    return error is None


def send_due(kind: Kind, *, now: datetime, server: mailer.SmtpServer | None = None) -> RunReport:
    """Send every ``kind`` email due at ``now`` (nothing while email is off)."""
    server = server or mailer.SmtpServer.from_settings(get_settings())
    if server is None:
        return RunReport()
    with session_scope(readonly=True) as session:
        due = due_recipients(session, kind, now)
    outcomes = [send_one(kind, to, now, server) for to in due]
    return RunReport(len(due), outcomes.count(True), outcomes.count(False))


def send_due_digests(*, now: datetime, server: mailer.SmtpServer | None = None) -> RunReport:
    """The scheduler's job: every coach's morning digest that is due (06:00 in their zone)."""
    return send_due("digest", now=now, server=server)


def send_due_reminders(*, now: datetime, server: mailer.SmtpServer | None = None) -> RunReport:
    """The scheduler's job: every athlete's check-in reminder that is due (at their time)."""
    return send_due("reminder", now=now, server=server)
