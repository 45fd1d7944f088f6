"""Athlete · Profile."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.factories import PASSWORD, World
from tests.services.test_briefing import fit
from tests.ui.conftest import Open, button_of, text_of
from tests.ui.pages.test_today import plan_vo2max_today


def test_renders_for_an_athlete(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), "profile")
    assert at.title


@pytest.mark.parametrize(
    ("unit", "typed", "stored_m", "shown"),
    [
        ("km", 1750.0, 1750.0, "Altitude 1,750 m: paces 6.2% slower."),
        ("mi", 5741.0, 1749.9, "Altitude 5,741 ft: paces 6.2% slower."),
    ],
)
def test_home_altitude_set_on_the_profile_slows_todays_paces(
    open_page: Open,
    world: World,
    db: Session,
    unit: str,
    typed: float,
    stored_m: float,
    shown: str,
) -> None:
    fit(db, world.greta, unit)
    plan_vo2max_today(db, world, unit)
    greta = world.user_of(world.greta, db)
    at = open_page(greta, "profile")
    label = f"Home altitude ({'ft' if unit == 'mi' else 'm'}): where you usually run"
    next(n for n in at.number_input if n.label == label).set_value(typed)
    next(b for b in at.button if b.label == "Save altitude").click()
    at.run()
    assert not at.exception
    assert "Saved." in text_of(at)
    db.refresh(world.greta)
    assert world.greta.home_altitude_m == pytest.approx(stored_m, abs=0.1)
    assert shown in text_of(open_page(greta, None))


def test_sessions_are_named_by_browser_and_time_and_can_be_signed_out(
    open_page: Open, world: World, db: Session
) -> None:
    from sqlalchemy import select  # noqa: PLC0415

    from runseason.db.models import UserSession  # noqa: PLC0415
    from runseason.db.types import utcnow  # noqa: PLC0415
    from runseason.services.identity import auth  # noqa: PLC0415
    from runseason.ui.wording import moment  # noqa: PLC0415
    from tests.services.identity.test_devices import CHROME_LINUX, SAFARI_IPHONE  # noqa: PLC0415

    signed_in = utcnow()
    auth.start_session(db, world.cole, now=signed_in, user_agent=CHROME_LINUX)
    auth.start_session(db, world.cole, now=signed_in, user_agent=SAFARI_IPHONE)
    at = open_page(world.cole, "profile")
    text = text_of(at)
    assert f"**Chrome on Linux** · signed in {moment(signed_in, world.cole.timezone)}" in text
    assert "**Mobile Safari on iPhone**" in text
    assert "Mozilla" not in text, "no raw User-Agent on the page"
    next(b for b in at.button if b.label == "Sign out everywhere else").click()
    at.run()
    assert not at.exception, [e.value for e in at.error]
    live = db.scalars(
        select(UserSession).where(
            UserSession.user_id == world.cole.id, UserSession.revoked_at.is_(None)
        )
    ).all()
    assert live == []


def test_a_first_password_chosen_leads_on_to_the_persons_day(
    open_page: Open, world: World, db: Session
) -> None:
    user = world.user_of(world.riley, db)
    user.must_change_password = True
    db.flush()
    at = open_page(user)
    assert [t.value for t in at.title] == ["Profile"]
    assert any("Choose your own password" in w.value for w in at.warning)
    fields = {t.label: t for t in at.text_input}
    fields["Current password"].input(PASSWORD)
    fields["New password (at least 12 characters)"].input("a long password of her own")
    fields["New password again"].input("a long password of her own")
    button_of(at, "Change password").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["Today"]  # the toast: tests/e2e/test_account_flows.py
    db.refresh(user)
    assert not user.must_change_password
