"""Coach · Session library: write a workout and see it for an athlete; browse, clone, edit."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from runseason.domain.plan_model import CATEGORIES, PHASES
from runseason.schemas.library import TemplateCreate, TemplateUpdate, WorkoutPreviewAsk
from runseason.services.plans import library
from runseason.services.views import caseload
from runseason.ui import runtime, wording
from runseason.ui.components import workout_editor

actor = runtime.actor()
st.title("Session library")
runtime.show_flash()
browse, write = st.tabs(["Browse the library", "Write a workout"])


def _code(name: str) -> str:
    """A template's code from its name, unique by the moment it is saved (never shown)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:50] or "workout"
    return f"{slug}-{runtime.now():%y%m%d%H%M%S}"


def _preview(structure: dict[str, Any]) -> None:
    st.subheader("Preview for an athlete")
    roster = runtime.call(caseload.get_caseload, actor, page=1, page_size=200, sort="name")
    if roster is None or not roster.items:
        st.info("No athletes are assigned to you yet: the preview needs one.")
        return
    names = {r.athlete_id: r.name for r in roster.items}
    athlete_id = st.selectbox(
        "Resolve for", list(names), format_func=names.__getitem__, key="wk-athlete"
    )
    ask = WorkoutPreviewAsk(athlete_id=athlete_id, structure=structure)
    found = runtime.call(library.preview_workout, actor, ask)
    if found is not None:
        workout_editor.show_preview(found, names[athlete_id])


def _save(structure: dict[str, Any]) -> None:
    st.subheader("Save to our library")
    with st.form("wk-save"):
        name = st.text_input("Workout name", max_chars=200, placeholder="6 × 800 m", key="wk-name")
        cols = st.columns(2)
        category = cols[0].selectbox(
            "Category", sorted(CATEGORIES), format_func=wording.label, key="wk-category"
        )
        phases = cols[1].multiselect(
            "Phases", list(PHASES), default=["build"], format_func=wording.label, key="wk-phases"
        )
        purpose = st.text_area("Purpose", max_chars=500, key="wk-purpose")
        hard = st.checkbox("A hard session (the plan keeps easy days around it)", True)
        if st.form_submit_button("Save the workout", type="primary"):
            data = runtime.valid(
                TemplateCreate,
                {"name": "Workout name", "phases": "Phases", "structure": "Steps"},
                code=_code(name),
                name=name,
                category=category,
                purpose=purpose,
                phases=phases,
                is_hard=hard,
                structure=structure,
            )
            saved = data and runtime.call(library.create_template, actor, data)
            if saved:
                runtime.done(f"{runtime.plain(saved.name)} saved to your library.")


with browse:
    cols = st.columns([2, 1, 1, 1])
    search = cols[0].text_input("Search", max_chars=100)
    category = cols[1].selectbox(
        "Category", ["all", *sorted(CATEGORIES)], format_func=lambda c: wording.label(c).lower()
    )
    phase = cols[2].selectbox("Phase", ["all", *PHASES], format_func=wording.label)
    page = cols[3].number_input("Page", 1, 1000, 1)
    found = runtime.call(
        library.list_templates,
        actor,
        category=None if category == "all" else category,
        phase=None if phase == "all" else phase,
        search=search or None,
        page=int(page),
        page_size=25,
    )
    if found is not None:
        st.caption(f"{found.total} templates")
        if found.total == 0:
            st.info(
                "No templates match. If the library is empty, load the built-in one with "
                "`runseason library sync` (it also loads on the first `runseason start`)."
            )
        for t in found.items:
            with st.expander(
                f"{':material/local_fire_department:' if t.is_hard else ':material/eco:'} "
                f"{runtime.plain(t.name)}"
                f" · {wording.label(t.category).lower()} · effort {t.rpe_target:g}/10"
            ):
                st.markdown(runtime.plain(t.purpose))
                st.caption(
                    f"Phases: {', '.join(wording.label(p).lower() for p in t.phases)}"
                    f" · about {runtime.duration(t.estimated_duration_s)}"
                    f" · load {t.estimated_load:.0f}"
                )
                st.markdown("\n".join(f"- {line}" for line in wording.workout(t.structure)))
                if t.organization_id is None:
                    if st.button("Clone into our library to adapt", key=f"clone-{t.id}"):
                        copy = runtime.call(library.clone_template, actor, t.id)
                        if copy is not None:
                            st.success(
                                f"Cloned as '{runtime.plain(copy.name)}': find it with the search "
                                "box."
                            )
                else:
                    with st.form(f"edit-{t.id}"):
                        name = st.text_input("Name", t.name, max_chars=200)
                        purpose = st.text_area("Purpose", t.purpose, max_chars=500)
                        if st.form_submit_button("Save changes"):
                            changes = runtime.valid(TemplateUpdate, name=name, purpose=purpose)
                            saved = changes and runtime.call(
                                library.update_template, actor, t.id, changes
                            )
                            if saved:
                                st.success("Saved.")

with write:
    st.caption(
        "Warm-up, a main set of repeats (work, then recovery) and a cool-down. Write each "
        "amount as a time (3:00, 90 s, 3 min) or a distance (800 m, 2 km, 1 mi)."
    )
    written = workout_editor.structure_editor()
    if written is not None:
        _preview(written)
        _save(written)
