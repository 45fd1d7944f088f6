"""Organization settings: automation mode, guardrail and SLA hours (admins change them)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from runseason.config import CoachingSettings
from runseason.services import coaching_settings
from runseason.ui import runtime, wording

actor = runtime.actor()
st.title("Settings")
current = runtime.call(coaching_settings.get_organization_settings, actor)
if current is None:
    st.stop()
editable = actor.role == "admin"


def all_settings(shown: CoachingSettings) -> None:
    """Every coaching setting in force, labelled (the form changes the main ones)."""
    rows = wording.setting_rows(shown.model_dump(mode="json"))
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


if not editable:
    st.caption("Only an admin can change these; you see what applies to your athletes.")
    all_settings(current)
    st.stop()
risk = current.risk
iv = current.interventions
with st.form("settings"):
    mode = st.selectbox(
        "Automation mode",
        ["manual", "assisted", "automatic"],
        index=["manual", "assisted", "automatic"].index(current.automation_mode),
        format_func=wording.label,
    )
    guardrail = st.slider(
        "Guardrail: never apply automatically above this risk",
        0.5,
        1.0,
        float(risk.guardrail),
        0.01,
    )
    fresh = st.number_input("SLA: fresh for (hours)", 1, 168, int(iv.sla_fresh_hours))
    overdue = st.number_input("SLA: overdue after (hours)", 2, 336, int(iv.sla_overdue_hours))
    cooldown = st.number_input(
        "Cooldown after an intervention is resolved (hours)",
        0,
        24 * 60,
        int(iv.cooldown_hours),
    )
    readiness = current.readiness
    st.markdown("**Readiness**")
    band_cols = st.columns(2)
    green = band_cols[0].number_input("Green from", 1, 100, int(readiness.green_min))
    amber = band_cols[1].number_input("Amber from", 0, 99, int(readiness.amber_min))
    weight_cols = st.columns(len(readiness.weights))
    weights = {
        item: weight_cols[i].number_input(
            f"Weight: {wording.label(item).lower()}",
            0.0,
            10.0,
            float(value),
            0.05,
        )
        for i, (item, value) in enumerate(readiness.weights.items())
    }
    if st.form_submit_button("Save"):
        changes = {
            "automation_mode": mode,
            "risk": {"guardrail": guardrail},
            "interventions": {
                "sla_fresh_hours": fresh,
                "sla_overdue_hours": overdue,
                "cooldown_hours": cooldown,
            },
            "readiness": {"green_min": green, "amber_min": amber, "weights": weights},
        }
        if runtime.call(coaching_settings.update_organization_settings, actor, changes):
            st.success("Saved.")
with st.expander("All coaching settings"):
    all_settings(current)
