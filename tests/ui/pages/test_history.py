"""Bring in your history: upload an export, watch its progress, read what was refused and why."""

from __future__ import annotations

from sqlalchemy.orm import Session

from runseason.services import import_jobs
from tests.archives import strava_export
from tests.factories import NOW, World
from tests.ui.conftest import Open, button_of, text_of


def test_an_export_is_uploaded_shown_in_progress_and_then_summarised(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.user_of(world.greta, db), "history")
    assert "Bring in your history" in text_of(at)
    assert "Nothing imported yet." in text_of(at)
    at.file_uploader[0].set_value(("export.zip", strava_export(), "application/zip"))
    at.run()
    button_of(at, "Start import").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "export.zip: 8 files and rows to import." in text_of(at)
    [bar] = at.get("progress")
    assert "export.zip: 0 of 8" in str(bar.proto.text)
    import_jobs.run_queued(now=lambda: NOW)
    at.run()
    assert not at.get("progress")
    table = at.dataframe[0].value
    row = table.iloc[0]
    assert (row["File"], row["Status"], row["Imported"], row["Duplicates"], row["Refused"]) == (
        "export.zip",
        "Done, some files refused",
        3,
        2,
        3,
    )
    assert "_" not in " ".join(table.columns)
    assert any("The FIT file ends early" in m.value for m in at.markdown)


def test_an_unknown_csv_is_mapped_column_by_column_with_a_preview(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.user_of(world.greta, db), "history")
    csv = b"when,secs,km\n2026-11-01 07:00:00,2700,9.0\n2026-11-02 07:00:00,1800,6.0\n"
    at.file_uploader[0].set_value(("log.csv", csv, "text/csv"))
    at.run()
    assert "Which column holds what?" in text_of(at)
    assert "Choose at least the start and the duration columns." in text_of(at)
    at.selectbox(key="column_start").set_value("when")
    at.selectbox(key="column_duration").set_value("secs")
    at.selectbox(key="column_distance").set_value("km")
    at.run()
    preview = at.dataframe[0].value
    assert list(preview["Duration"]) == ["45:00", "30:00"]
    assert "2 activities in the list" in text_of(at)
    button_of(at, "Start import").click()  # type: ignore[attr-defined]
    at.run()
    assert "log.csv: 2 files and rows to import." in text_of(at)
    import_jobs.run_queued(now=lambda: NOW)
    at.run()
    assert at.dataframe[-1].value.iloc[0]["Status"] == "Done"
