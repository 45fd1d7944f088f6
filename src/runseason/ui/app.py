"""The web app's entrypoint: sign-in gate and navigation by role; the pages do the rest."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from runseason.ui import runtime

HERE = Path(__file__).resolve().parent / "pages"


def _page(name: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    return st.Page(str(HERE / f"{name}.py"), title=title, icon=icon, default=default)


st.set_page_config(
    page_title="Run Season Command", page_icon=":material/directions_run:", layout="wide"
)
found = runtime.signed_in()
if found is None:
    st.title("Run Season Command")
    st.write("The coaching platform for running. Sign in to see your day.")
    runtime.same_tab_link("Sign in", runtime.SIGNIN_URL, primary=True)
    st.stop()

actor, account = found
runtime.show_flash()
# Who is signed in and the way out sit above every page (no sidebar to open on a phone).
who, out = st.columns([5, 1], vertical_alignment="center")
who.caption(f"Signed in as **{runtime.plain(account.full_name)}** ({account.role})")
with out:
    runtime.same_tab_link("Sign out", runtime.SIGNOUT_URL)

if account.must_change_password:
    pages = {"": [_page("profile", "Change your password", ":material/key:", default=True)]}
elif actor.role == "athlete":
    pages = {
        "": [
            _page("today", "Today", ":material/wb_sunny:", default=True),
            _page("log", "Log a session", ":material/edit_note:"),
            _page("history", "Bring in your history", ":material/upload_file:"),
            _page("activity", "Activity", ":material/timer:"),
            _page("my_plan", "My plan", ":material/calendar_month:"),
            _page("progress", "Progress", ":material/trending_up:"),
            _page("profile", "Profile", ":material/person:"),
        ]
    }
else:
    pages = {
        "": [
            _page("command_center", "Command Center", ":material/target:", default=True),
            _page("caseload", "Caseload", ":material/groups:"),
            _page("athlete", "Athlete", ":material/directions_run:"),
            _page("activity", "Activity", ":material/timer:"),
            _page("plan_builder", "Plan builder", ":material/calendar_month:"),
            _page("library", "Session library", ":material/menu_book:"),
            _page("analytics", "Analytics", ":material/analytics:"),
            _page("portfolio", "Portfolio", ":material/workspace_premium:"),
        ],
        "Organization": [
            _page("settings", "Settings", ":material/settings:"),
            _page("groups", "Training groups", ":material/diversity_3:"),
            _page("profile", "Profile", ":material/person:"),
        ],
    }
    if actor.role == "admin":
        pages["Organization"] += [
            _page("organization", "Organization", ":material/domain:"),
            _page("webhooks", "Webhooks", ":material/webhook:"),
            _page("system", "System status", ":material/monitor_heart:"),
        ]
if actor.role == "athlete":
    # On a phone Streamlit folds its top bar into a sidebar behind a button; the athlete's few
    # pages stay in view as a row of links that wraps instead.
    current = st.navigation(pages, position="hidden")
    with st.container(horizontal=True, gap="small"):
        for item in pages[""]:
            st.page_link(item, label=item.title, icon=item.icon)
    current.run()
else:
    # The day's work sits in the bar at the top; the organization's pages share one menu.
    st.navigation(pages, position="top").run()
