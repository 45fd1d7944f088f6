"""Admin · Webhooks: the organization's endpoints, each event signed and retried, with a
delivery log and a way to send a failed delivery again."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from runseason.schemas.integrations import (
    WebhookDeliveryRead,
    WebhookEndpointCreate,
    WebhookEndpointRead,
    WebhookEndpointUpdate,
)
from runseason.services.webhooks import endpoints
from runseason.ui import runtime, wording

EVENTS = {
    "checkin.created": "An athlete checks in",
    "session.logged": "A session is logged",
    "intervention.opened": "An intervention opens",
    "intervention.resolved": "An intervention is resolved",
    "recommendation.created": "The engine makes a recommendation",
    "plan.changed": "A plan is made or changed",
}
STATUS_WORDS = {
    "pending": "Waiting to be sent",
    "delivered": "Delivered",
    "failed": "Failed",
    "cancelled": "Not sent (endpoint off)",
}

actor = runtime.actor()
me = runtime.user()
zone = ZoneInfo(me.timezone or "UTC")
st.title("Webhooks")
st.caption(
    "Your own systems hear of check-ins, sessions, interventions, recommendations and plan "
    "changes. Each request is signed (Standard Webhooks), retried for more than a day, and "
    "goes to public addresses only."
)


def _when(moment: datetime | None) -> str:
    return wording.moment(moment, me.timezone)


def _add_form() -> None:
    with st.form("new-endpoint", clear_on_submit=True):
        st.subheader("Add an endpoint")
        url = st.text_input("Address", placeholder="https://example.org/hooks", max_chars=2000)
        description = st.text_input("Description", max_chars=200)
        chosen = st.multiselect(
            "Events (none chosen: all of them)", list(EVENTS), format_func=EVENTS.__getitem__
        )
        if not st.form_submit_button("Add endpoint"):
            return
    data = runtime.valid(
        WebhookEndpointCreate, url=url, description=description, event_types=chosen
    )
    if data is None:
        return
    made = runtime.call(endpoints.create_endpoint, actor, data, now=runtime.now())
    if made is not None:
        st.success("Endpoint added. Its signing secret, shown this once, for your receiver:")
        st.code(made.secret, language=None)


def _log_table(log: list[WebhookDeliveryRead]) -> None:
    rows = [
        {
            "Event": EVENTS.get(d.event_type, d.event_type),
            "Happened": _when(d.created_at),
            "Status": STATUS_WORDS.get(d.status, d.status),
            "Tries": d.attempts,
            "Last answer": f"HTTP {d.last_status_code}"
            if d.last_status_code
            else d.last_error or "-",
            "Last try": _when(d.last_attempt_at),
        }
        for d in log
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _endpoint(endpoint: WebhookEndpointRead) -> None:
    st.subheader(endpoint.description or endpoint.url)
    state = "On" if endpoint.is_enabled else f"Off: {endpoint.disabled_reason or 'turned off'}"
    events = ", ".join(EVENTS[e] for e in endpoint.event_types if e in EVENTS) or "All events"
    st.caption(f"{endpoint.url} · {state} · {events}")
    cols = st.columns(3)
    label = "Turn off" if endpoint.is_enabled else "Turn on"
    if cols[0].button(label, key=f"toggle-{endpoint.id}"):
        change = WebhookEndpointUpdate(enabled=not endpoint.is_enabled)
        if runtime.call(endpoints.update_endpoint, actor, endpoint.id, change) is not None:
            st.success(f"The endpoint is {'off' if endpoint.is_enabled else 'on'}.")
    if cols[1].button("Remove", key=f"remove-{endpoint.id}"):
        runtime.call(endpoints.delete_endpoint, actor, endpoint.id)
        st.success("The endpoint is removed.")
        return
    log = runtime.call(endpoints.list_deliveries, actor, endpoint.id) or []
    if not log:
        st.caption("Nothing sent yet.")
        return
    _log_table(log)
    failed = {
        d.id: f"{EVENTS.get(d.event_type, d.event_type)} · {_when(d.created_at)}"
        for d in log
        if d.status in ("failed", "cancelled")
    }
    if failed:
        again = st.selectbox(
            "A failed delivery",
            list(failed),
            format_func=failed.__getitem__,
            key=f"failed-{endpoint.id}",
        )
        if st.button("Send it again", key=f"retry-{endpoint.id}"):
            if runtime.call(endpoints.retry_delivery, actor, again, now=runtime.now()) is not None:
                st.success("It goes out again within a few seconds.")


_add_form()
for registered in runtime.call(endpoints.list_endpoints, actor) or []:
    _endpoint(registered)
