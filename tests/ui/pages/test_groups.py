"""Coach · Training groups: make a squad, fill it, rename it, delete it; names shown as typed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import GroupMember, TrainingGroup
from runseason.schemas.groups import GroupCreate
from runseason.services import groups
from tests.factories import World, actor
from tests.ui.conftest import Open, button_of, text_of


def _form_button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def test_a_coach_makes_a_group_of_their_athletes(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.cole, "groups")
    assert "No groups yet" in text_of(at)
    athletes = next(m for m in at.multiselect if m.label == "Athletes")
    assert set(athletes.options) == {"Greta Green", "Sam Silent"}  # not Asha's athletes
    at.text_input[0].input("Marathon squad")
    athletes.select(world.greta.id)
    _form_button(at, "Make the group").click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    made = db.scalars(select(TrainingGroup)).one()
    assert made.name == "Marathon squad"
    assert list(db.scalars(select(GroupMember.athlete_id))) == [world.greta.id]
    table = at.dataframe[0].value
    assert list(table["Group"]) == ["Marathon squad"]
    assert list(table["Who"]) == ["Greta Green"]


def test_a_coach_changes_the_athletes_renames_and_deletes_their_group(
    open_page: Open, world: World, db: Session
) -> None:
    made = groups.create_group(
        db, actor(db, world.cole), GroupCreate(name="Tuesday", athlete_ids=[world.greta.id])
    )
    at = open_page(world.cole, "groups")
    members = next(m for m in at.multiselect if m.label == "Athletes" and m.value)
    members.set_value([world.sam.id])
    button_of(at, "Save the athletes").click().run()  # type: ignore[attr-defined]
    assert not at.error, [e.value for e in at.error]
    assert list(db.scalars(select(GroupMember.athlete_id))) == [world.sam.id]
    rename = next(t for t in at.text_input if t.label == "New name")
    rename.input("Tuesday track")
    button_of(at, "Rename").click().run()  # type: ignore[attr-defined]
    assert db.get(TrainingGroup, made.id).name == "Tuesday track"  # type: ignore[union-attr]
    at.checkbox[0].check().run()
    button_of(at, "Delete the group").click().run()  # type: ignore[attr-defined]
    assert not at.error, [e.value for e in at.error]
    assert db.scalars(select(TrainingGroup)).all() == []


def test_a_coach_may_not_rename_an_admins_group_and_sees_only_their_athletes_in_it(
    open_page: Open, world: World, db: Session
) -> None:
    groups.create_group(
        db,
        actor(db, world.ada),
        GroupCreate(name="Juniors", athlete_ids=[world.greta.id, world.riley.id]),
    )
    at = open_page(world.cole, "groups")
    assert list(at.dataframe[0].value["Athletes"]) == [1]
    assert "Only an admin or the coach who made this group" in text_of(at)
    assert not [b for b in at.button if b.label in ("Rename", "Delete the group")]


def test_a_typed_name_is_shown_as_written(open_page: Open, world: World, db: Session) -> None:
    groups.create_group(db, actor(db, world.ada), GroupCreate(name="**Bold** [link](x)"))
    at = open_page(world.ada, "groups")
    assert list(at.dataframe[0].value["Group"]) == ["**Bold** [link](x)"]
    shown = [m.value for m in at.markdown if "Athletes in" in m.value]
    assert shown == [r"**Athletes in \*\*Bold\*\* \[link\]\(x\)**"]


def test_a_refused_name_is_named(open_page: Open, world: World, db: Session) -> None:
    groups.create_group(db, actor(db, world.ada), GroupCreate(name="Juniors"))
    at = open_page(world.ada, "groups")
    next(t for t in at.text_input if t.label == "Name").input("juniors")
    _form_button(at, "Make the group").click().run()  # type: ignore[attr-defined]
    assert any("already a group called" in e.value for e in at.error)
    next(t for t in at.text_input if t.label == "Name").input("   ")
    _form_button(at, "Make the group").click().run()  # type: ignore[attr-defined]
    assert any(e.value.startswith("Name:") for e in at.error)
