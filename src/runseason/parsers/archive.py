"""Archives and gzip files to the activity files inside them, refused whole before unpacking.

A Strava bulk export is a ZIP with ``activities.csv`` and ``activities/*.fit.gz|.gpx.gz|.tcx.gz``;
a Garmin export holds its FIT files in ZIPs one level down. Every limit (entry count, total size,
compression ratio, path traversal, archives nested deeper than one level) is checked on the
archive's directory before a byte is inflated, and inflating stops at the sizes it declared.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from runseason.errors import InvalidInput
from runseason.parsers.activity_csv import (
    ColumnMapping,
    CsvRow,
    DistanceUnit,
    columns_of,
    detect_mapping,
    read_rows,
)

ACTIVITY_EXTENSIONS = (".fit", ".gpx", ".tcx")
ZIP_MAGIC = b"PK\x03\x04"
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """What an upload may unpack to."""

    max_total_bytes: int
    max_files: int
    max_ratio: float
    max_file_bytes: int


@dataclass(slots=True)
class _Budget:
    """What is left to unpack, shared by an archive and the archives inside it."""

    total_bytes: int
    files: int


@dataclass(frozen=True, slots=True)
class Member:
    """One activity file or CSV found in an upload, read on demand (inflated within limits)."""

    name: str
    read: Callable[[], bytes]

    @property
    def is_csv(self) -> bool:
        """Whether the member is an activity list (CSV) rather than one activity."""
        return self.name.lower().endswith(".csv")


@dataclass(frozen=True, slots=True)
class Item:
    """One thing to import: an activity file of an upload, or one row of an activity CSV."""

    name: str
    read: Callable[[], bytes] | None = None
    row: CsvRow | None = None


def plan(
    name: str,
    content: bytes,
    limits: ArchiveLimits,
    *,
    zone: str,
    unit: DistanceUnit,
    mapping: ColumnMapping | None = None,
) -> list[Item]:
    """What an upload holds to import, in a stable order: its files by name, then the rows of its
    activity lists (so a row merges into the session its file made). A CSV of an export that is
    not an activity list (Strava's ``profile.csv``) is left; a lone CSV must be one."""
    found = members(name, content, limits)
    items = [Item(m.name, m.read) for m in found if not m.is_csv]
    for member in (m for m in found if m.is_csv):
        text = member.read()
        if len(found) > 1 and mapping is None and detect_mapping(columns_of(text)) is None:
            continue
        rows = read_rows(text, zone=zone, unit=unit, mapping=mapping)
        items.extend(Item(f"{member.name}, line {r.line}", row=r) for r in rows)
    return items


def wanted(name: str) -> bool:
    """Whether a member's name is an activity file or CSV (other files of an export are left)."""
    lowered = name.lower().removesuffix(".gz")
    return lowered.endswith((*ACTIVITY_EXTENSIONS, ".csv"))


def members(name: str, content: bytes, limits: ArchiveLimits) -> list[Member]:
    """The activity files and CSVs of an upload, in name order (a plain file is its own member)."""
    if content.startswith(ZIP_MAGIC) or name.lower().endswith(".zip"):
        budget = _Budget(limits.max_total_bytes, limits.max_files)
        return _zip_members(name, content, limits, budget, depth=0)
    if content.startswith(GZIP_MAGIC):
        inner = name[:-3] if name.lower().endswith(".gz") else name
        return [Member(inner, lambda: inflate_gzip(name, content, limits))]
    return [Member(name, lambda: content)]


def inflate_gzip(name: str, content: bytes, limits: ArchiveLimits) -> bytes:
    """A gzip file's content, refused as soon as it outgrows the file limit or the ratio."""
    ceiling = min(limits.max_file_bytes, int(max(len(content), 1) * limits.max_ratio))
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(content, ceiling + 1)
    except zlib.error as error:
        raise InvalidInput(f"'{name}' is not a readable gzip file ({error}).") from None
    if len(out) > ceiling or inflater.unconsumed_tail:
        raise InvalidInput(
            f"'{name}' unpacks to more than {_size(ceiling)} (a file at most "
            f"{_size(limits.max_file_bytes)}, compressed at most {limits.max_ratio:.0f} to 1)."
        )
    if not inflater.eof:
        raise InvalidInput(f"'{name}' is not a complete gzip file (it ends early).")
    return out


def _zip_members(
    name: str, content: bytes, limits: ArchiveLimits, budget: _Budget, depth: int
) -> list[Member]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        # Not ZipInfo.is_dir(): it fails on a member with an empty name (Python 3.11).
        infos = [i for i in archive.infolist() if not i.filename.endswith("/")]
    # NotImplementedError: a ZIP version or feature zipfile does not read
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as error:
        raise InvalidInput(f"'{name}' is not a readable ZIP archive ({error}).") from None
    _check_directory(name, infos, limits, budget)
    found: list[Member] = []
    for info in sorted(infos, key=lambda i: i.filename):
        inner = f"{name}/{info.filename}" if depth else info.filename
        if info.filename.lower().endswith(".zip"):
            if depth:
                raise InvalidInput(
                    f"'{name}' holds an archive inside an archive inside an archive "
                    f"('{info.filename}'); unpack it first."
                )
            found.extend(_zip_members(inner, _read(archive, info, name), limits, budget, 1))
        elif wanted(info.filename):
            found.append(Member(_strip_gz(inner), _reader(archive, info, name, inner, limits)))
    return found


def _check_directory(
    name: str, infos: list[zipfile.ZipInfo], limits: ArchiveLimits, budget: _Budget
) -> None:
    """Refuse the archive from its directory alone: nothing has been inflated yet."""
    budget.files -= len(infos)
    if budget.files < 0:
        raise InvalidInput(
            f"'{name}' holds {len(infos)} files; at most {limits.max_files} are accepted."
        )
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in info.filename:
            raise InvalidInput(
                f"'{name}' has a file outside its own folder ('{info.filename}'): path "
                "traversal is refused."
            )
        if info.flag_bits & 0x1:
            raise InvalidInput(f"'{name}' has an encrypted file ('{info.filename}').")
    total = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    budget.total_bytes -= total
    if budget.total_bytes < 0:
        raise InvalidInput(
            f"'{name}' unpacks to {_size(total)}; at most {_size(limits.max_total_bytes)} "
            "are accepted."
        )
    if total / packed > limits.max_ratio:
        raise InvalidInput(
            f"'{name}' is compressed {total / packed:.0f} to 1, more than the "
            f"{limits.max_ratio:.0f} to 1 a real export has (a zip bomb is refused)."
        )
    largest = max(infos, key=lambda i: i.file_size, default=None)
    if largest is not None and largest.file_size > limits.max_file_bytes:
        raise InvalidInput(
            f"'{name}' holds '{largest.filename}' of {_size(largest.file_size)}; a file may "
            f"be at most {_size(limits.max_file_bytes)}."
        )


# A member's data that cannot be unpacked, by compression: zlib.error (deflate), OSError (bzip2),
# lzma.LZMAError; ValueError: a directory whose offsets point before the archive's start.
UNPACKING_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    lzma.LZMAError,
    EOFError,
    NotImplementedError,
    ValueError,
)


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """A member's bytes, never more than its directory declared."""
    try:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except UNPACKING_ERRORS as error:
        raise InvalidInput(
            f"'{info.filename}' in '{name}' could not be unpacked ({error})."
        ) from None
    if len(data) != info.file_size:
        raise InvalidInput(f"'{info.filename}' in '{name}' is not the size its archive declares.")
    return data


def _reader(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, inner: str, limits: ArchiveLimits
) -> Callable[[], bytes]:
    def read() -> bytes:
        data = _read(archive, info, name)
        if data.startswith(GZIP_MAGIC):
            return inflate_gzip(inner, data, limits)
        return data

    return read


def _strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.0f} MB" if count >= 1024 * 1024 else f"{count} bytes"
