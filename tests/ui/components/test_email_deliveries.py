"""System status · Emails: the admin sees failed emails with the reason, in their time zone."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from runseason.db.models import User
from runseason.services.notifications import sends
from runseason.services.notifications.messages import Recipient
from tests.factories import World
from tests.ui.conftest import Open, text_of


def test_the_admin_sees_failed_and_sent_emails(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.ada, "system")
    assert "No emails sent yet." in text_of(at)
    db.execute(update(User).where(User.id == world.ada.id).values(timezone="Europe/Berlin"))
    moment = datetime(2026, 11, 25, 5, 0, tzinfo=UTC)
    for person, error in ((world.cole, "the server closed the connection"), (world.asha, None)):
        to = Recipient(person.id, world.north.id, person.full_name, person.email, moment.date())
        send_id = sends.claim(db, to, "digest", now=moment)
        assert send_id is not None
        sends.finish(db, send_id, now=moment, attempts=4 if error else 1, error=error)
    at = open_page(world.ada, "system")
    warnings = [w.value for w in at.warning]
    assert any("1 email could not be delivered after every retry" in w for w in warnings)
    [table] = at.dataframe
    rows = table.value.to_dict("records")
    assert rows[0] == {
        "When": "Wed 25 Nov 2026, 06:00",  # Ada's Berlin time
        "To": "Cole Coach",
        "Email": "Morning digest",
        "Status": "Failed",
        "Attempts": 4,
        "Reason": "the server closed the connection",
    }
    assert rows[1]["Status"] == "Sent"
