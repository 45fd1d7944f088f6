"""Coach · Training groups: the organization's squads, who is in each, and making new ones.

A coach sees and moves only the athletes they coach; an admin every athlete. Renaming and
deleting belong to admins and to the coach who made the group.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from runseason.schemas.groups import GroupCreate, GroupMembers, GroupRead, GroupRename
from runseason.services import groups
from runseason.services.identity import users
from runseason.ui import runtime

LABELS = {"name": "Name", "athlete_ids": "Athletes"}
PAGE = 200

actor = runtime.actor()
st.title("Training groups")
st.caption(
    "Put athletes into squads (an athlete may be in several), then look at one squad at a time "
    "on the Caseload and Analytics pages."
    + (" You see and move only the athletes you coach." if actor.role == "coach" else "")
)


def _athletes() -> dict[int, str]:
    """The athletes the reader may put into a group, by name."""
    names: dict[int, str] = {}
    page = 1
    while True:
        found = runtime.call(users.list_athletes, actor, page=page, page_size=PAGE)
        if found is None:
            return names
        names |= {a.id: a.display_name for a in found.items}
        if page * PAGE >= found.total:
            return names
        page += 1


def _groups() -> list[GroupRead]:
    found: list[GroupRead] = []
    page = 1
    while True:
        read = runtime.call(groups.list_groups, actor, page=page, page_size=PAGE)
        if read is None:
            return found
        found += read.items
        if page * PAGE >= read.total:
            return found
        page += 1


def _overview(shown: list[GroupRead], names: dict[int, str]) -> None:
    if not shown:
        st.info("No groups yet: make the first one below.")
        return
    table = pd.DataFrame(
        {
            "Group": [g.name for g in shown],
            "Athletes": [g.members for g in shown],
            "Who": [", ".join(names.get(a, "") for a in g.athlete_ids) or "-" for g in shown],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")


def _new_group(names: dict[int, str]) -> None:
    # The form keeps what was typed when it is refused; a made group starts a fresh form.
    version = st.session_state.setdefault("new-group-version", 0)
    with st.form(f"new-group-{version}"):
        st.subheader("Make a group")
        name = st.text_input("Name", max_chars=80, placeholder="Marathon squad")
        chosen = st.multiselect("Athletes", list(names), format_func=names.__getitem__)
        if st.form_submit_button("Make the group", type="primary"):
            data = runtime.valid(GroupCreate, LABELS, name=name, athlete_ids=chosen)
            made = data and runtime.call(groups.create_group, actor, data)
            if made:
                st.session_state["new-group-version"] = version + 1
                runtime.done(f"{runtime.plain(made.name)} is made, with {made.members} athletes.")


def _members(group: GroupRead, names: dict[int, str]) -> None:
    with st.form(f"members-{group.id}"):
        st.markdown(f"**Athletes in {runtime.plain(group.name)}**")
        options = list(dict.fromkeys([*names, *group.athlete_ids]))
        chosen = st.multiselect(
            "Athletes",
            options,
            default=group.athlete_ids,
            format_func=lambda a: names.get(a, "an athlete"),
        )
        if st.form_submit_button("Save the athletes"):
            data = runtime.valid(GroupMembers, LABELS, athlete_ids=chosen)
            saved = data and runtime.call(groups.set_group_members, actor, group.id, data)
            if saved:
                runtime.done(f"{runtime.plain(saved.name)}: {saved.members} athletes.")


def _rename(group: GroupRead) -> None:
    with st.form(f"rename-{group.id}"):
        name = st.text_input("New name", group.name, max_chars=80)
        if st.form_submit_button("Rename"):
            data = runtime.valid(GroupRename, LABELS, name=name)
            renamed = data and runtime.call(groups.rename_group, actor, group.id, data)
            if renamed:
                runtime.done(f"Renamed to {runtime.plain(renamed.name)}.")


def _delete(group: GroupRead) -> None:
    sure = st.checkbox(
        "Yes, delete this group (its athletes and their data stay)", key=f"sure-{group.id}"
    )
    if st.button("Delete the group", disabled=not sure, key=f"delete-{group.id}"):
        gone = runtime.call(groups.delete_group, actor, group.id)
        if gone:
            runtime.done(f"{runtime.plain(gone.name)} is deleted.")


names = _athletes()
shown = _groups()
_overview(shown, names)
if shown:
    st.subheader("Change a group")
    by_id = {g.id: g for g in shown}
    picked = st.selectbox("Group", list(by_id), format_func=lambda g: by_id[g].name)
    group = by_id[picked]
    _members(group, names)
    if group.may_manage:
        _rename(group)
        _delete(group)
    else:
        st.caption("Only an admin or the coach who made this group may rename or delete it.")
_new_group(names)
