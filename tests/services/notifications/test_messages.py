"""The emails' bodies and headers: both parts, escaped HTML, the unsubscribe headers."""

from __future__ import annotations

from datetime import UTC, date, datetime

from runseason.schemas.coaching import CommandCenterRead
from runseason.services.notifications import messages
from runseason.services.notifications.messages import Recipient

NOW = datetime(2026, 3, 29, 4, 0, tzinfo=UTC)
TO = Recipient(7, 1, "Jo <b>Bold</b>", "jo@example.com", date(2026, 3, 29))


def test_an_empty_command_center_says_nobody_needs_you() -> None:
    queue = CommandCenterRead(items=[], page=1, page_size=5, total=0, buckets={}, sla={})
    email = messages.digest_message(TO, queue, NOW)
    assert email["Subject"] == "Your morning digest: nobody needs you today"
    text = email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = email.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "Nobody needs you this Sunday 29 March" in text
    assert "Jo &lt;b&gt;Bold&lt;/b&gt;" in html  # a name is text, never markup
    assert "<b>Bold</b>" not in html
    assert email["Date"] == "Sun, 29 Mar 2026 04:00:00 +0000"
    assert email["Auto-Submitted"] == "auto-generated"
    assert str(email["List-Unsubscribe"]).startswith("<http://localhost:8501/api/v1/unsubscribe?")


def test_the_reminder_links_to_today_and_its_own_unsubscribe() -> None:
    email = messages.reminder_message(TO, NOW)
    text = email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Check in on Today: http://localhost:8501/" in text
    link = str(email["List-Unsubscribe"]).strip("<>")
    assert f"Stop check-in reminders: {link}" in text
    digest = messages.digest_message(
        TO, CommandCenterRead(items=[], page=1, page_size=5, total=0, buckets={}, sla={}), NOW
    )
    assert str(digest["List-Unsubscribe"]) != str(email["List-Unsubscribe"])  # one kind each


def test_dates_read_as_a_person_writes_them() -> None:
    assert messages.long_date(date(2026, 10, 25)) == "Sunday 25 October"
