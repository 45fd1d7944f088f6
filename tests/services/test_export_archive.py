"""Reading an export back: the archive's bounds, typed values and packed samples."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime

import pytest

from runseason.db.models import CheckIn, TrainingLog
from runseason.errors import InvalidInput
from runseason.services import export_archive
from runseason.services.export_archive import ExportArchive, samples, typed


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _no_file(_path: object) -> bytes:
    raise AssertionError("no file is read for this column")


def test_a_file_that_is_not_a_zip_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput, match="not a ZIP file"):
        ExportArchive(b"plain text, not an archive")


def test_an_entry_named_twice_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("json/users.json", b"[]")
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("json/users.json", b"[]")
    with pytest.raises(InvalidInput, match="names an entry twice"):
        ExportArchive(buffer.getvalue())


def test_more_entries_than_an_export_holds_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_archive, "MAX_ENTRIES", 2)
    content = _zip({f"files/{n}.fit": b"x" for n in range(3)})
    with pytest.raises(InvalidInput, match="larger than any export"):
        ExportArchive(content)


def test_tables_reads_each_known_table_and_refuses_an_unknown_one() -> None:
    known = ExportArchive(_zip({"json/users.json": b'[{"id": 1}]', "csv/users.csv": b"id\n1"}))
    assert known.tables() == {"users": [{"id": 1}]}
    with pytest.raises(InvalidInput, match="no table of this platform"):
        ExportArchive(_zip({"json/secrets.json": b"[]"})).tables()
    with pytest.raises(InvalidInput, match="not a list of rows"):
        ExportArchive(_zip({"json/users.json": b'{"id": 1}'})).tables()
    with pytest.raises(InvalidInput, match="is not JSON"):
        ExportArchive(_zip({"json/users.json": b"[{"})).tables()
    with pytest.raises(InvalidInput, match=r"files/a\.fit is missing"):
        known.read("files/a.fit")


def test_values_are_typed_by_their_column_or_refused_naming_it() -> None:
    columns = CheckIn.__table__.c
    assert typed(columns.local_date, "2026-05-01", _no_file) == date(2026, 5, 1)
    assert typed(columns.sleep_hours, 7, _no_file) == 7.0
    assert typed(columns.energy, 3, _no_file) == 3
    assert typed(columns.energy, None, _no_file) is None
    when = typed(TrainingLog.__table__.c.started_at, "2026-05-01T06:00:00+00:00", _no_file)
    assert when == datetime(2026, 5, 1, 6, tzinfo=UTC)
    with pytest.raises(InvalidInput, match=r"check_ins\.energy holds 'True'"):
        typed(columns.energy, True, _no_file)
    with pytest.raises(InvalidInput, match=r"training_logs\.started_at"):
        typed(TrainingLog.__table__.c.started_at, "2026-05-01T06:00:00", _no_file)


def test_samples_are_packed_again_and_must_match_their_row() -> None:
    csv_text = b"time_s,hr_bpm\n0,120\n1,121\n2,\n"
    stated = [{"name": "time_s"}, {"name": "hr_bpm"}]
    layout, data = samples(csv_text, {"channels": stated, "point_count": 3})
    assert [c["name"] for c in layout] == ["time_s", "hr_bpm"]
    assert data
    with pytest.raises(InvalidInput, match="do not match its point count"):
        samples(csv_text, {"channels": stated, "point_count": 4})
    with pytest.raises(InvalidInput, match="do not match its channels"):
        samples(csv_text, {"channels": [{"name": "time_s"}], "point_count": 3})
    with pytest.raises(InvalidInput, match="samples are not readable"):
        samples(b"secret,column\n1,2\n", {"channels": stated, "point_count": 1})
