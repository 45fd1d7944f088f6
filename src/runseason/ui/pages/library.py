"""Coach · Session library: browse, filter and preview the templates."""

from __future__ import annotations

import streamlit as st

from runseason.domain.plan_model import CATEGORIES, PHASES
from runseason.schemas.library import TemplateUpdate
from runseason.services.plans import library
from runseason.ui import runtime, wording

actor = runtime.actor()
st.title("Session library")
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
        icon = ":material/local_fire_department:" if t.is_hard else ":material/eco:"
        with st.expander(
            f"{icon} {runtime.plain(t.name)}"
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
                            f"Cloned as '{runtime.plain(copy.name)}': find it with the search box."
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
