"""Coach · Portfolio: the season's outcomes over the caseload (an admin's over the organization
or one coach's athletes)."""

from __future__ import annotations

import streamlit as st

from runseason.schemas.trends import PortfolioRead
from runseason.services.identity import users
from runseason.services.views import portfolio
from runseason.ui import runtime
from runseason.ui.components import reports

actor = runtime.actor()
st.title("Portfolio")
this_year = runtime.now().year
cols = st.columns(2)
season = cols[0].selectbox("Season", list(range(this_year, this_year - 6, -1)))
coach_id: int | None = None
if actor.role == "admin":
    coaches = runtime.call(users.list_users, actor, page=1, page_size=200, role="coach")
    names = {c.id: c.full_name for c in coaches.items} if coaches else {}
    picked = cols[1].selectbox(
        "Coach",
        [None, *names],
        format_func=lambda i: "The whole organization" if i is None else names[i],
    )
    coach_id = picked
read = runtime.call(
    portfolio.get_portfolio, actor, now=runtime.now(), season=int(season), coach_id=coach_id
)


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _figures(p: PortfolioRead) -> None:
    row = st.columns(4)
    row[0].metric("Athletes", p.athletes, help="On the caseload during the season.")
    row[1].metric(
        "Active now",
        p.active,
        help="With a logged session or a check-in in the season's last four weeks.",
    )
    row[2].metric(
        "Retained",
        _share(p.retention),
        help=f"{p.retained} of the {p.active_at_start} athletes active in the season's first "
        "eight weeks are still active.",
    )
    row[3].metric(
        "Goals reached",
        f"{p.goals_reached} of {p.goal_races}",
        help="Goal races run this season whose target time was met.",
    )
    row = st.columns(4)
    row[0].metric("Personal bests", p.personal_bests, help="New bests at standard distances.")
    row[1].metric(
        "Adherence", _share(p.adherence), help="Planned sessions done (rest days not counted)."
    )
    row[2].metric(
        "Check-in rate",
        _share(p.check_in_rate),
        help="Mornings checked in, of days on the caseload.",
    )
    row[3].metric(
        "Acted on in time",
        _share(p.sla_rate),
        help=f"{p.resolved_within_sla} of {p.interventions_resolved} resolved items were "
        f"resolved within the SLA ({p.interventions_opened} opened).",
    )
    row = st.columns(4)
    row[0].metric("Injuries", p.injuries, help="Injury cases opened this season.")
    days = "–" if p.return_to_run_days is None else f"{p.return_to_run_days:.0f} days"
    row[1].metric("Back to running", days, help="Median days from injury to case closed.")


if read is not None:
    _figures(read)
    if read.athletes == 0:
        st.info("No athlete was on this caseload in that season.")

st.subheader("Caseload report")
reports.caseload_report(int(season), coach_id)
