"""Archives to the activity files inside them; every limit checked before a byte is inflated."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from runseason.errors import InvalidInput
from runseason.parsers.archive import ArchiveLimits, inflate_gzip, members
from tests.parsers.conftest import read

LIMITS = ArchiveLimits(
    max_total_bytes=50 * 1024 * 1024, max_files=100, max_ratio=100, max_file_bytes=25 * 1024 * 1024
)


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_strava_export_yields_its_csv_and_its_gzipped_activities() -> None:
    fit = read("garmin-fenix-5-run.fit")
    export = zip_of(
        {
            "activities.csv": b"Activity ID,Activity Date\n",
            "activities/1.fit.gz": gzip.compress(fit),
            "activities/2.gpx.gz": gzip.compress(read("cerknicko-jezero.gpx")),
            "activities/3.tcx": read("sup_activity_1.tcx"),
            "profile.jpg": b"\xff\xd8 not an activity",
        }
    )
    found = members("export.zip", export, LIMITS)
    assert [m.name for m in found] == [
        "activities.csv",
        "activities/1.fit",
        "activities/2.gpx",
        "activities/3.tcx",
    ]
    assert found[1].read() == fit
    assert found[0].is_csv


def test_a_garmin_export_holds_its_files_in_an_archive_one_level_down() -> None:
    inner = zip_of({"12345_ACTIVITY.fit": read("garmin-fenix-5-run.fit")})
    export = zip_of({"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip": inner})
    found = members("garmin.zip", export, LIMITS)
    assert [m.name.rsplit("/", 1)[-1] for m in found] == ["12345_ACTIVITY.fit"]
    assert found[0].read() == read("garmin-fenix-5-run.fit")


def test_a_lone_gzip_file_is_its_activity() -> None:
    fit = read("garmin-fenix-5-run.fit")
    [member] = members("run.fit.gz", gzip.compress(fit), LIMITS)
    assert (member.name, member.read()) == ("run.fit", fit)


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({"../../etc/passwd.gpx": b"x"}, "path traversal"),
        ({"/abs/run.fit": b"x"}, "path traversal"),
        ({"C:\\runs\\run.fit": b"x"}, "path traversal"),
        ({f"run{i}.gpx": b"x" for i in range(101)}, "at most 100 are accepted"),
        ({"bomb.gpx": b"\0" * (20 * 1024 * 1024)}, "zip bomb"),
        ({"deep.zip": zip_of({"deeper.zip": zip_of({"a.fit": b"x"})})}, "inside an archive"),
    ],
)
def test_limits_refuse_the_archive_before_unpacking(files: dict[str, bytes], reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        members("upload.zip", zip_of(files), LIMITS)


def test_the_total_size_is_checked_on_the_directory() -> None:
    small = ArchiveLimits(max_total_bytes=1000, max_files=10, max_ratio=100, max_file_bytes=1000)
    content = zip_of({"a.gpx": bytes(range(256)) * 3, "b.gpx": bytes(range(256)) * 3})
    with pytest.raises(InvalidInput, match="unpacks to 1536 bytes; at most 1000"):
        members("big.zip", content, small)


def test_a_gzip_bomb_stops_inflating_at_the_ratio() -> None:
    bomb = gzip.compress(b"\0" * (30 * 1024 * 1024))
    with pytest.raises(InvalidInput, match="compressed at most 100 to 1"):
        inflate_gzip("bomb.fit.gz", bomb, LIMITS)


def test_broken_archives_are_refused_clearly() -> None:
    with pytest.raises(InvalidInput, match="not a readable ZIP"):
        members("broken.zip", b"PK\x03\x04 and then nothing", LIMITS)
    with pytest.raises(InvalidInput, match="not a readable gzip"):
        inflate_gzip("broken.fit.gz", b"\x1f\x8bnot really gzip", LIMITS)
    with pytest.raises(InvalidInput, match="ends early"):
        inflate_gzip("cut.fit.gz", gzip.compress(read("garmin-fenix-5-run.fit"))[:-20], LIMITS)


def test_a_member_whose_directory_points_before_the_archive_is_refused_clearly() -> None:
    # The end record says the directory starts 1000 bytes later than it does: zipfile shifts
    # every member's offset back by 1000, before the archive's first byte (found by atheris).
    archive = bytearray(zip_of({"run.fit": read("garmin-fenix-5-run.fit")}))
    offset_field = len(archive) - 22 + 16  # the end record's "start of the central directory"
    declared = int.from_bytes(archive[offset_field : offset_field + 4], "little")
    archive[offset_field : offset_field + 4] = (declared + 1000).to_bytes(4, "little")
    (member,) = members("shifted.zip", bytes(archive), LIMITS)
    with pytest.raises(InvalidInput, match="could not be unpacked"):
        member.read()


def test_a_member_without_a_name_is_left_like_any_other_file() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(""), b"nameless")  # found by atheris
        archive.writestr("run.fit", read("garmin-fenix-5-run.fit"))
    assert [m.name for m in members("odd.zip", buffer.getvalue(), LIMITS)] == ["run.fit"]


def test_a_zip_of_a_version_zipfile_cannot_read_is_refused_clearly() -> None:
    archive = bytearray(zip_of({"run.fit": read("garmin-fenix-5-run.fit")}))
    entry = archive.index(b"PK\x01\x02")  # the central directory's entry
    archive[entry + 6 : entry + 8] = (93).to_bytes(2, "little")  # "needs version 9.3" (atheris)
    with pytest.raises(InvalidInput, match="not a readable ZIP"):
        members("future.zip", bytes(archive), LIMITS)


@pytest.mark.parametrize(
    ("compression", "at", "value"),
    # bzip2's "BZh" signature; the byte of LZMA's properties (lc, lp, pb) after zipfile's header
    [(zipfile.ZIP_BZIP2, 0, 0x5A), (zipfile.ZIP_LZMA, 4, 0xFF)],
)
def test_a_member_whose_bzip2_or_lzma_data_is_damaged_is_refused_clearly(
    compression: int, at: int, value: int
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("run.fit", read("garmin-fenix-5-run.fit"))
    damaged = bytearray(buffer.getvalue())
    damaged[30 + len("run.fit") + at] = value  # into the data, past the local header (atheris)
    (member,) = members("damaged.zip", bytes(damaged), LIMITS)
    with pytest.raises(InvalidInput, match="could not be unpacked"):
        member.read()
