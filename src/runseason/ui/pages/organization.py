"""Admin · Organization: accounts (data download, erasure), invitations, coach assignments."""

from __future__ import annotations

import streamlit as st

from runseason.schemas.accounts import UserCreate, UserRead
from runseason.services import audit
from runseason.services.identity import users
from runseason.ui import runtime, wording
from runseason.ui.components.data_rights import (
    download_section,
    erase_athlete_form,
    erase_organization_form,
)

actor = runtime.actor()
me = runtime.user()
st.title("Organization")
runtime.show_flash()


def _account_actions(accounts: list[UserRead]) -> None:
    """Unlock, issue a temporary password, deactivate or reactivate one account."""
    st.subheader("Account actions")
    if not accounts:
        return
    by_id = {u.id: u for u in accounts}
    chosen = by_id[
        st.selectbox(
            "Account",
            list(by_id),
            format_func=lambda i: f"{by_id[i].full_name} ({by_id[i].email})",
        )
    ]
    now = runtime.now()
    locked = chosen.locked_until is not None and chosen.locked_until > now
    state = "active" if chosen.is_active else "deactivated"
    st.caption(f"This account is {state}{', locked after failed sign-ins' if locked else ''}.")
    cols = st.columns(3)
    if cols[0].button("Unlock", disabled=not locked, key=f"unlock-{chosen.id}"):
        if runtime.call(users.unlock_user, actor, chosen.id) is not None:
            runtime.done(f"{chosen.full_name} can sign in again.")
    if cols[1].button("Issue a temporary password", key=f"temp-{chosen.id}"):
        secret = runtime.call(users.reset_password, actor, chosen.id, now=now)
        if secret is not None:
            st.success(f"Temporary password for {chosen.email} (shown once): `{secret}`")
    if chosen.is_active:
        if cols[2].button("Deactivate", key=f"off-{chosen.id}"):
            if runtime.call(users.deactivate_user, actor, chosen.id, now=now) is not None:
                runtime.done(f"{chosen.full_name} is deactivated; their sessions ended.")
    elif cols[2].button("Reactivate", key=f"on-{chosen.id}"):
        if runtime.call(users.reactivate_user, actor, chosen.id) is not None:
            runtime.done(f"{chosen.full_name} is active again.")
    if chosen.athlete_id:
        with st.expander(f"{chosen.full_name}'s data: download or erase"):
            download_section(actor, chosen.athlete_id, f"{chosen.full_name}")
            erase_athlete_form(actor, chosen.athlete_id, chosen.full_name, chosen.email)


USER_LABELS = {"email": "Email", "full_name": "Full name", "coach_id": "Head coach"}
# The form keeps what was typed when it is refused; a created account starts a fresh form.
version = st.session_state.setdefault("new-user-version", 0)
created_note = st.session_state.pop("new-user-created", None)
if created_note:
    st.success(created_note)
with st.form(f"new-user-{version}"):
    st.subheader("Invite someone")
    cols = st.columns(3)
    name = cols[0].text_input("Full name", max_chars=200, key=f"new-name-{version}")
    email = cols[1].text_input("Email", max_chars=254, key=f"new-email-{version}")
    role = cols[2].selectbox("Role", ["athlete", "coach", "admin"], key=f"new-role-{version}")
    coaches = runtime.call(users.list_users, actor, page=1, page_size=200, role="coach")
    coach_ids = {c.id: c.full_name for c in (coaches.items if coaches else [])}
    coach = st.selectbox(
        "Head coach (athletes)",
        [None, *coach_ids],
        format_func=lambda c: "-" if c is None else coach_ids.get(c, ""),
        key=f"new-coach-{version}",
    )
    if st.form_submit_button("Create account", type="primary"):
        data = runtime.valid(
            UserCreate,
            USER_LABELS,
            email=email,
            full_name=name,
            role=role,
            coach_id=coach if role == "athlete" else None,
        )
        if data is not None:
            created = runtime.call(users.create_user, actor, data, now=runtime.now())
            if created is not None:
                st.session_state["new-user-version"] = version + 1
                st.session_state["new-user-created"] = (
                    f"Created {created.user.email}. Temporary password (shown once): "
                    f"`{created.temporary_password}`"
                )
                st.rerun()

st.subheader("Accounts")
filters = st.columns(2)
role_filter = filters[0].selectbox("Role", ["all", "admin", "coach", "athlete"])
page = filters[1].number_input("Page", 1, 10_000, 1)
listed = runtime.call(
    users.list_users,
    actor,
    page=int(page),
    page_size=50,
    role=None if role_filter == "all" else role_filter,
)
if listed is not None:
    st.dataframe(
        [
            {
                "name": u.full_name,
                "email": u.email,
                "role": u.role,
                "active": u.is_active,
                "locked": u.locked_until is not None and u.locked_until > runtime.now(),
                "last sign-in": wording.moment(u.last_login_at, me.timezone)
                if u.last_login_at
                else "never",
            }
            for u in listed.items
        ],
        hide_index=True,
        width="stretch",
    )
    st.caption(f"{listed.total} accounts")
    _account_actions(listed.items)

st.subheader("Coach assignments")
athletes = runtime.call(users.list_users, actor, page=1, page_size=200, role="athlete")
athlete_ids = {
    u.athlete_id: u.full_name for u in (athletes.items if athletes else []) if u.athlete_id
}
if athlete_ids and coach_ids:
    with st.form("assign"):
        picks = st.columns(3)
        who = picks[0].selectbox("Athlete", list(athlete_ids), format_func=lambda i: athlete_ids[i])
        to = picks[1].selectbox("Coach", list(coach_ids), format_func=lambda i: coach_ids[i])
        as_role = picks[2].selectbox("As", ["head", "assistant"])
        if st.form_submit_button("Assign"):
            done = runtime.call(users.assign_coach, actor, who, to, role=as_role, now=runtime.now())
            if done is not None:
                st.success(f"{coach_ids[to]} is now {as_role} coach of {athlete_ids[who]}.")
else:
    st.info("Create coaches and athletes first.")

st.subheader("Audit trail")
audit_filters = st.columns(2)
table = audit_filters[0].selectbox(
    "Only this kind of record",
    [None, *sorted(wording.RECORDS, key=wording.record)],
    format_func=lambda t: "all" if t is None else wording.record(t),
)
audit_page = audit_filters[1].number_input("Audit page", 1, 100_000, 1)
trail = runtime.call(
    audit.list_audit, actor, page=int(audit_page), page_size=50, entity=table or None
)
if trail is not None:
    st.dataframe(
        [
            {
                "when": e.occurred_at,
                "who": e.actor_name or "the platform",
                "what": wording.change(e.action, e.entity),
                "changed": ", ".join(
                    sorted(wording.label(c, capital=False) for c in e.changes if c != "id")
                ),
            }
            for e in trail.items
        ],
        hide_index=True,
        width="stretch",
    )
    st.caption(f"{trail.total} changes recorded")

st.subheader("Erase everything")
erase_organization_form(actor)
