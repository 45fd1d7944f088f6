"""Profile · Email: the morning digest or the check-in reminder, its time and quiet days."""

from __future__ import annotations

from typing import Any

import streamlit as st

from runseason.domain.notifications import WEEKDAYS
from runseason.schemas.notifications import NotificationPreferencesUpdate
from runseason.services.identity.access import Actor
from runseason.services.notifications import preferences
from runseason.ui import runtime


def email_preferences_form(actor: Actor) -> None:
    """What the person is emailed, and when; saved in one step."""
    mine = runtime.call(preferences.get_notification_preferences, actor)
    if mine is None:
        return
    with st.form("email_preferences"):
        st.subheader("Email")
        values: dict[str, Any] = {}
        if "digest" in mine.kinds:
            values["digest_enabled"] = st.checkbox(
                "Morning digest at 06:00: who needs you today", value=mine.digest_enabled
            )
        if "reminder" in mine.kinds:
            values["reminder_enabled"] = st.checkbox(
                "Check-in reminder (none on a day you have checked in)",
                value=mine.reminder_enabled,
            )
            values["reminder_at"] = st.time_input(
                "Remind me at (your time zone)", value=mine.reminder_at, step=300
            )
        quiet = st.multiselect(
            "Quiet days: no email", WEEKDAYS, default=[WEEKDAYS[d] for d in mine.quiet_days]
        )
        if st.form_submit_button("Save email preferences"):
            values["quiet_days"] = [WEEKDAYS.index(day) for day in quiet]
            data = runtime.valid(NotificationPreferencesUpdate, **values)
            if data and runtime.call(preferences.update_notification_preferences, actor, data):
                st.success("Email preferences saved.")
