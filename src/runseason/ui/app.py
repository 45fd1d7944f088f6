"""The web app's entrypoint: sign-in gate and navigation by role; the pages do the rest."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from runseason.ui import runtime

HERE = Path(__file__).resolve().parent / "pages"


def _page(name: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    return st.Page(str(HERE / f"{name}.py"), title=title, icon=icon, default=default)


st.set_page_config(page_title="Run Season Command", page_icon="🏃", layout="wide")
found = runtime.signed_in()
if found is None:
    st.title("Run Season Command")
    st.write("The coaching platform for running. Sign in to see your day.")
    runtime.same_tab_link("Sign in", runtime.SIGNIN_URL, primary=True)
    st.stop()

actor, account = found
runtime.show_flash()
with st.sidebar:
    st.caption(f"Signed in as **{account.full_name}** ({account.role})")
    runtime.same_tab_link("Sign out", runtime.SIGNOUT_URL)

if account.must_change_password:
    pages = {"Account": [_page("profile", "Change your password", "🔑", default=True)]}
elif actor.role == "athlete":
    pages = {
        "My training": [
            _page("today", "Today", "☀️", default=True),
            _page("log", "Log a session", "📝"),
            _page("activity", "Activity", "⏱️"),
            _page("my_plan", "My plan", "🗓️"),
            _page("progress", "Progress", "📈"),
            _page("profile", "Profile", "👤"),
        ]
    }
else:
    pages = {
        "Coaching": [
            _page("command_center", "Command Center", "🎯", default=True),
            _page("caseload", "Caseload", "👥"),
            _page("athlete", "Athlete", "🏃"),
            _page("activity", "Activity", "⏱️"),
            _page("plan_builder", "Plan builder", "🗓️"),
            _page("library", "Session library", "📚"),
            _page("analytics", "Analytics", "📊"),
            _page("portfolio", "Portfolio", ":material/workspace_premium:"),
        ],
        "Organization": [_page("settings", "Settings", "⚙️"), _page("profile", "Profile", "👤")],
    }
    if actor.role == "admin":
        pages["Organization"] += [
            _page("organization", "Organization", "🏢"),
            _page("system", "System status", "🩺"),
        ]
st.navigation(pages).run()
