"""activity-import: a device file uploaded, parsed, stored with its streams and its load computed,
against a plain fitdecode parse of the same file in the same run; and the FIT readers compared,
each checked against fitdecode's records on every FIT fixture."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import fitdecode
import fitfast
from garmin_fit_sdk import Decoder, Stream

from bench.harness import ROOT, create_admin, med, open_session, p95, timed
from bench.records import Record
from runseason.db.models import User
from runseason.db.session import session_scope
from runseason.demo.bulk import seed_bulk
from runseason.services.activity_import import import_activity
from runseason.services.identity.access import Actor, actor_for_user

FIXTURES = ROOT.parent / "shared" / "fixtures" / "activities"
FILES = (
    ("fenix 2 FIT", "activity-small-fenix2-run.fit", "<= 145 ms; <= 0.87x plain fitdecode"),
    ("Edge 500 FIT", "garmin-edge-500-activity.fit", "<= 400 ms; <= 0.87x plain fitdecode"),
)
READABLE = (
    "garmin-fenix-5-run.fit",
    "activity-small-fenix2-run.fit",
    "sample-activity.fit",
    "garmin-edge-500-activity.fit",
)
# The record fields every reader is checked on (positions in semicircles, time in epoch seconds).
FIELDS = ("timestamp", "heart_rate", "cadence", "distance", "speed", "altitude", "position_lat")
Records = list[dict[str, float]]


def plain_fitdecode(content: bytes) -> Records:
    """fitdecode as its documentation shows it: every frame, CRC checked, values processed."""
    out = []
    with fitdecode.FitReader(io.BytesIO(content)) as fit:
        for frame in fit:
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "record":
                out.append({f.name: f.value for f in frame.fields})
    return [_normal(r) for r in out]


def trimmed_fitdecode(content: bytes) -> Records:
    """fitdecode without its value processor and CRC check, keeping record messages only."""
    out = []
    reader = fitdecode.FitReader(
        io.BytesIO(content), processor=None, check_crc=fitdecode.CrcCheck.DISABLED
    )
    with reader as fit:
        for frame in fit:
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "record":
                out.append({f.name: f.value for f in frame.fields})
    return [_normal(r, raw=True) for r in out]


def garmin_sdk(content: bytes) -> Records:
    """Garmin's own Python SDK."""
    messages, _errors = Decoder(Stream.from_byte_array(bytearray(content))).read()
    return [_normal(r) for r in messages.get("record_mesgs", [])]


def fitfast_reader(content: bytes) -> Records:
    """fitfast (rustyfit compiled), the reader the import uses."""
    return [_normal(r) for r in fitfast.parse(content).get("record", [])]


FIT_EPOCH = 631065600  # 1989-12-31T00:00:00Z, where FIT's raw timestamps count from


def _normal(record: dict[Any, Any], raw: bool = False) -> dict[str, float]:
    out: dict[str, float] = {}
    for name in FIELDS:
        value = record.get(name)
        if isinstance(value, datetime):
            value = value.replace(tzinfo=value.tzinfo or UTC).timestamp()
        elif raw and name == "timestamp" and isinstance(value, int):
            value += FIT_EPOCH
        elif raw and isinstance(value, int) and name in ("distance", "speed", "altitude"):
            value = {"distance": value / 100, "speed": value / 1000}.get(name, value / 5 - 500)
        if isinstance(value, int | float):
            out[name] = float(value)
    return out


def same(a: Records, b: Records) -> bool:
    """Whether two readers gave the same records (to 1e-6), field by field."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        for name in FIELDS:
            if (name in x) != (name in y):
                return False
            if name in x and not math.isclose(x[name], y[name], rel_tol=1e-6, abs_tol=1e-6):
                return False
    return True


READERS: dict[str, Callable[[bytes], Records]] = {
    "fitdecode trimmed": trimmed_fitdecode,
    "garmin-fit-sdk": garmin_sdk,
    "fitfast": fitfast_reader,
}


def _readers(repeat: int) -> list[Record]:
    references = {name: plain_fitdecode((FIXTURES / name).read_bytes()) for name in READABLE}
    records = []
    for label, name, _target in FILES:
        content = (FIXTURES / name).read_bytes()
        base = timed(lambda c=content: plain_fitdecode(c), repeat)
        for reader, read in READERS.items():
            agree = sum(same(read((FIXTURES / f).read_bytes()), references[f]) for f in READABLE)
            times = timed(lambda c=content, r=read: r(c), repeat)
            records.append(
                Record(
                    f"fit-reader ({reader}, {label})",
                    "-",
                    "record messages",
                    "ms",
                    med(times),
                    p95(times),
                    baseline="plain fitdecode parse of the same file",
                    baseline_median=med(base),
                    ratio=round(med(times) / med(base), 3),
                    target="context: the reader choice",
                    extra={"fixtures_identical_to_fitdecode": f"{agree}/{len(READABLE)}"},
                )
            )
    return records


def _uploader(
    session: Any, name: str, content: bytes, slug: str, runs: int
) -> Callable[[], object]:
    """One import per call, each into a fresh athlete, the day after the file was recorded (the
    refresh then covers the days a runner uploading today's run would change)."""
    now = datetime.fromtimestamp(fitfast.parse(content)["session"][0]["start_time"], UTC)
    now += timedelta(days=1)
    result = seed_bulk(session, athletes=runs, coaches=1, days=7, seed=5, today=now, slug=slug)
    session.commit()
    admin: Actor = actor_for_user(
        session, session.get_one(User, create_admin(session, result.organization_id))
    )
    session.commit()
    athletes = iter(result.athlete_ids)

    def upload() -> object:
        with session_scope() as scoped:
            return import_activity(scoped, admin, next(athletes), name, content, now=now)

    return upload


def run(url: str, db_name: str, smoke: bool, repeat: int) -> list[Record]:
    """Each FIT file imported into a fresh athlete per run, then the readers compared."""
    session, close = open_session(url)
    records = []
    for number, (label, name, target) in enumerate(FILES):
        content = (FIXTURES / name).read_bytes()
        upload = _uploader(session, name, content, f"imports{number}", repeat + 2)
        times = timed(upload, repeat)
        base = timed(lambda c=content: plain_fitdecode(c), repeat)
        points = len(fitfast.parse(content)["record"])
        records.append(
            Record(
                f"activity-import ({label})",
                db_name,
                f"{points:,} points: parse, store file and streams, load, refresh",
                "ms",
                med(times),
                p95(times),
                baseline="plain fitdecode parse of the same file",
                baseline_median=med(base),
                ratio=round(med(times) / med(base), 3),
                target=target,
            )
        )
    close()
    readers = 1 if smoke else max(3, repeat // 3)
    return records + (_readers(readers) if db_name == "sqlite" else [])
