"""Report downloads on Progress and Portfolio: prepared on request, then offered as a file."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tests.factories import World
from tests.ui.conftest import Open, button_of


def _downloads(at: object) -> list[object]:
    return list(at.get("download_button"))  # type: ignore[attr-defined]


def test_an_athlete_prepares_and_downloads_their_season_report(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.user_of(world.greta, db), "progress")
    assert not _downloads(at)
    next(s for s in at.selectbox if s.label == "Season report as").select("xlsx")
    button_of(at, "Prepare").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    (download,) = _downloads(at)
    assert download.proto.label.startswith("Download season-")  # type: ignore[attr-defined]
    assert download.proto.label.endswith(".xlsx")  # type: ignore[attr-defined]


def test_a_coach_prepares_the_caseload_report(open_page: Open, world: World) -> None:
    at = open_page(world.cole, "portfolio")
    button_of(at, "Prepare").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    (download,) = _downloads(at)
    assert download.proto.label.startswith("Download caseload-")  # type: ignore[attr-defined]
    assert download.proto.label.endswith("-cole-coach.pdf")  # type: ignore[attr-defined]
