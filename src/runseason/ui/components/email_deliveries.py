"""System status · Emails: what was sent, and each failure with the server's reason (admins)."""

from __future__ import annotations

import streamlit as st

from runseason.schemas.notifications import KIND_WORDS
from runseason.services.identity.access import Actor
from runseason.services.notifications import sends
from runseason.ui import runtime, wording

STATUS_WORDS = {"sent": "Sent", "failed": "Failed", "sending": "Sending"}


def email_deliveries(actor: Actor, timezone: str) -> None:
    """The organization's recent emails; failed ones first, never hidden."""
    st.subheader("Emails")
    failed = runtime.call(sends.list_deliveries, actor, status="failed", page_size=20)
    recent = runtime.call(sends.list_deliveries, actor, page_size=20)
    if failed is None or recent is None:
        return
    if failed.total:
        st.warning(
            f"{failed.total} email{'s' if failed.total != 1 else ''} could not be delivered "
            "after every retry; check the mail server settings (RUNSEASON_SMTP_*)."
        )
    shown = failed.items + [d for d in recent.items if d.status != "failed"]
    if not shown:
        st.caption("No emails sent yet.")
        return
    st.dataframe(
        [
            {
                "When": wording.moment(d.claimed_at, timezone),
                "To": d.person,
                "Email": KIND_WORDS[d.kind].capitalize(),
                "Status": STATUS_WORDS[d.status],
                "Attempts": d.attempts,
                "Reason": d.last_error or "",
            }
            for d in shown
        ],
        hide_index=True,
        width="stretch",
    )
