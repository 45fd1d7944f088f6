"""Profile · Email: an athlete sets the reminder's time and quiet days, a coach the digest."""

from __future__ import annotations

from datetime import time

from sqlalchemy.orm import Session

from runseason.services.notifications import preferences
from tests.factories import World, actor
from tests.ui.conftest import Open, button_of, text_of


def test_an_athlete_chooses_the_reminder_time_and_quiet_days(
    open_page: Open, world: World, db: Session
) -> None:
    greta = world.user_of(world.greta, db)
    at = open_page(greta, "profile")
    assert "Email" in text_of(at)
    labels = [c.label for c in at.checkbox]
    assert "Check-in reminder (none on a day you have checked in)" in labels
    assert not any("digest" in label for label in labels)  # athletes get no digest
    next(t for t in at.time_input if t.label == "Remind me at (your time zone)").set_value(
        time(6, 15)
    )
    next(m for m in at.multiselect if m.label == "Quiet days: no email").set_value(
        ["Saturday", "Sunday"]
    )
    button_of(at, "Save email preferences").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert "Email preferences saved." in text_of(at)
    mine = preferences.get_notification_preferences(db, actor(db, greta))
    assert (mine.reminder_at, mine.quiet_days, mine.reminder_enabled) == (time(6, 15), [5, 6], True)


def test_a_coach_turns_the_morning_digest_off(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.cole, "profile")
    digest = next(c for c in at.checkbox if c.label.startswith("Morning digest at 06:00"))
    assert digest.value is True
    digest.uncheck()
    button_of(at, "Save email preferences").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert not preferences.get_notification_preferences(db, actor(db, world.cole)).digest_enabled
    assert not [t for t in at.time_input if t.label.startswith("Remind me")]
