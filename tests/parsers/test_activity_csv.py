"""Activity lists: Strava's and Garmin's exports read as they are, any other CSV by a mapping."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runseason.errors import InvalidInput
from runseason.parsers.activity_csv import (
    GARMIN,
    STRAVA,
    ColumnMapping,
    columns_of,
    detect_mapping,
    read_rows,
)

# Strava repeats "Elapsed Time" and "Distance": first in the display unit, then raw.
STRAVA_CSV = (
    b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
    b"Max Heart Rate,Filename,Elapsed Time,Moving Time,Distance,Elevation Gain,Average Heart Rate\n"
    b'101,"Jan 5, 2024, 7:03:12 AM",Morning Run,Run,3000,"10.02",171,activities/101.fit.gz,'
    b"3000,2950,10020.5,88,150\n"
    b'102,"Jan 6, 2024, 6:00:00 PM",Treadmill,Virtual Run,1800,0,,,1800,1800,,,\n'
    b'103,"not a date",Broken,Run,1800,5,,,1800,1800,5000,,\n'
)
GARMIN_CSV = (
    b"Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Total Ascent\n"
    b"Running,2024-03-02 08:15:00,false,Long Run,21.10,1500,01:45:30,148,172,210\n"
    b"Trail Running,2024-03-03 09:00:00,false,Hills,8.5,700,00:55:00,--,--,450\n"
)


def test_a_strava_export_is_read_in_utc_with_raw_metres_and_seconds() -> None:
    rows = read_rows(STRAVA_CSV, zone="Europe/Oslo", unit="km")
    first = rows[0].activity
    assert first is not None
    assert first.start_time == datetime(2024, 1, 5, 7, 3, 12, tzinfo=UTC)
    assert (first.duration_s, first.distance_m, first.avg_hr, first.max_hr) == (
        3000,
        10020.5,
        150,
        171,
    )
    assert (first.sport, first.elevation_gain_m, first.source_format) == ("running", 88, "csv")
    assert (rows[0].title, rows[0].filename) == ("Morning Run", "activities/101.fit.gz")
    assert rows[1].activity is not None
    assert (rows[1].activity.sport, rows[1].activity.distance_m) == ("treadmill", None)
    assert rows[2].activity is None
    assert rows[2].error == "Activity Date: 'not a date' is not a date and time"


def test_a_garmin_export_is_read_in_the_athletes_zone_and_unit() -> None:
    rows = read_rows(GARMIN_CSV, zone="America/New_York", unit="mi")
    long_run = rows[0].activity
    assert long_run is not None
    assert long_run.start_time == datetime(2024, 3, 2, 13, 15, tzinfo=UTC)
    assert long_run.duration_s == 6330
    assert long_run.distance_m == pytest.approx(21.10 * 1609.344)
    assert (long_run.avg_hr, long_run.elevation_gain_m) == (148, 210)
    hills = rows[1].activity
    assert hills is not None
    assert (hills.sport, hills.avg_hr) == ("trail_running", None)


def test_the_dialect_is_recognised_from_the_header() -> None:
    assert detect_mapping(columns_of(STRAVA_CSV)) is STRAVA
    assert detect_mapping(columns_of(GARMIN_CSV)) is GARMIN
    assert detect_mapping(["when", "how long"]) is None


def test_any_csv_is_read_through_a_column_mapping() -> None:
    content = b"when,how long (s),km,what\n2024-04-01T06:30:00,2400,8.0,run\n"
    mapping = ColumnMapping(start="when", duration="how long (s)", distance="km", sport="what")
    [row] = read_rows(content, zone="UTC", unit="km", mapping=mapping)
    assert row.activity is not None
    assert (row.activity.distance_m, row.activity.duration_s) == (8000, 2400)


def test_an_unknown_or_unmapped_csv_is_refused_naming_the_columns() -> None:
    with pytest.raises(InvalidInput, match="map its columns"):
        read_rows(b"a,b\n1,2\n", zone="UTC", unit="km")
    with pytest.raises(InvalidInput, match="no column 'start'"):
        read_rows(b"a,b\n1,2\n", zone="UTC", unit="km", mapping=ColumnMapping("start", "b"))
    with pytest.raises(InvalidInput, match="not UTF-8"):
        read_rows(b"\xff\xfe\x00a", zone="UTC", unit="km")


def test_each_row_has_a_stable_digest_for_re_imports() -> None:
    again = read_rows(STRAVA_CSV, zone="UTC", unit="km")
    assert [r.digest for r in again] == [
        r.digest for r in read_rows(STRAVA_CSV, zone="UTC", unit="km")
    ]
    assert len({r.digest for r in again}) == 3
