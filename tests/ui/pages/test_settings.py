"""Coaching settings: admins change them, coaches read them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import SettingOverride
from tests.factories import World
from tests.ui.conftest import Open, button_of


def test_renders_for_a_coach(open_page: Open, world: World) -> None:
    at = open_page(world.asha, "settings")
    assert at.title


def test_renders_for_an_admin(open_page: Open, world: World) -> None:
    at = open_page(world.ada, "settings")
    assert at.title


def test_an_admin_changes_the_guardrail(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.ada, "settings")
    at.slider[0].set_value(0.9)
    button_of(at, "Save").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    stored = db.scalar(
        select(SettingOverride).where(SettingOverride.organization_id == world.north.id)
    )
    assert stored is not None
    assert stored.values["risk"]["guardrail"] == 0.9
    coach_view = open_page(world.cole, "settings")
    assert not coach_view.slider  # coaches read the settings, labelled, without controls
    rows = coach_view.dataframe[0].value
    assert rows.loc[rows["Setting"] == "Risk · Guardrail", "Value"].tolist() == ["0.9"]
    assert not coach_view.json


def test_settings_refuse_bands_in_the_wrong_order(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.ada, "settings")
    next(n for n in at.number_input if n.label == "Amber from").set_value(80)
    button_of(at, "Save").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("amber must start below green" in e.value for e in at.error)
    assert db.scalar(select(SettingOverride)) is None
