"""history-import: a runner's whole history, a Strava-style export of 1,000 small activities.

The archive holds 1,000 gzipped GPX runs (one a day, 100 points each) and ``activities.csv``
listing them, so the worker imports 2,000 items: each file becomes a session with its streams,
and each CSV row is recognised as the same activity and merged into it. Measured as a user meets
it: the upload checked and queued (``start_import``), then the worker's run to the end while a
page would poll the progress, with the coach-facing refresh queued as in production (the suite's
test profile would refresh inline after every item); the refresh of the touched days that follows
is timed apart.
"""

from __future__ import annotations

import gzip
import io
import os
import time
import zipfile
from datetime import timedelta

from bench.harness import NOW, open_session
from bench.records import Record
from runseason import worker
from runseason.config import reset_settings_cache
from runseason.db.models import Athlete, ImportRun, User
from runseason.db.session import session_scope
from runseason.demo.bulk import seed_bulk
from runseason.services import import_jobs, imports
from runseason.services.identity.access import actor_for_user

TARGET = "a 1,000-activity archive imports with a progress bar in a stated time"
HEADER = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename"


def _gpx(day: int) -> tuple[bytes, str]:
    """A 50-minute run of 100 points on day ``day`` before now, and its CSV row."""
    start = (NOW - timedelta(days=day + 1)).replace(hour=6, minute=30, second=0, microsecond=0)
    points = "".join(
        f'<trkpt lat="{60 + i * 100 / 111_195:.6f}" lon="10.0"><ele>{100 + i % 7}</ele>'
        f"<time>{(start + timedelta(seconds=30 * i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time>"
        "</trkpt>"
        for i in range(100)
    )
    gpx = (
        '<?xml version="1.0"?><gpx version="1.1" creator="bench" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        f"{points}</trkseg></trk></gpx>"
    ).encode()
    row = f'{day},"{start:%b %d, %Y, %I:%M:%S %p}",Run {day},Run,2970,9900,activities/{day}.gpx.gz'
    return gpx, row


def build_export(count: int) -> bytes:
    """A Strava-style ZIP of ``count`` gzipped GPX runs and their activities.csv."""
    buffer = io.BytesIO()
    rows = [HEADER]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for day in range(count):
            gpx, row = _gpx(day)
            archive.writestr(f"activities/{day}.gpx.gz", gzip.compress(gpx, mtime=0))
            rows.append(row)
        archive.writestr("activities.csv", "\n".join(rows) + "\n")
    return buffer.getvalue()


def run(url: str, db_name: str, smoke: bool, repeat: int) -> list[Record]:
    """Queue the export for one athlete, then time the worker's import to the last item."""
    del repeat  # one import: a second would find everything imported
    count = 20 if smoke else 1000
    os.environ["RUNSEASON_METRICS_REFRESH"] = "queued"
    reset_settings_cache()
    try:
        return _measure(url, db_name, count)
    finally:
        del os.environ["RUNSEASON_METRICS_REFRESH"]
        reset_settings_cache()


def _measure(url: str, db_name: str, count: int) -> list[Record]:
    session, close = open_session(url)
    result = seed_bulk(
        session,
        athletes=1,
        coaches=1,
        days=7,
        seed=5,
        today=NOW,
        slug="history",
        with_metrics=False,
    )
    session.commit()
    athlete = session.get_one(Athlete, result.athlete_ids[0])
    actor = actor_for_user(session, session.get_one(User, athlete.user_id))
    session.commit()  # end the read, so the worker's commits are seen afterwards
    export = build_export(count)
    started = time.perf_counter()
    with session_scope() as scoped:
        queued = imports.start_import(scoped, actor, athlete.id, "export.zip", export, now=NOW)
    queued_s = time.perf_counter() - started
    import_jobs.run_queued(now=lambda: NOW)
    total_s = time.perf_counter() - started
    refresh_started = time.perf_counter()
    worker.drain(now=lambda: NOW)
    refresh_s = time.perf_counter() - refresh_started
    session.commit()
    done = session.get_one(ImportRun, queued.id)
    close()
    return [
        Record(
            "history-import",
            db_name,
            f"{count} GPX activities + activities.csv ({done.rows_total} items), "
            f"{len(export) // 1024} KiB",
            "s",
            round(total_s, 2),
            target=TARGET,
            extra={
                "queued_ms": round(queued_s * 1000, 1),
                "refresh_after_s": round(refresh_s, 2),
                "per_activity_ms": round(total_s * 1000 / count, 1),
                "imported": done.rows_imported,
                "merged": done.rows_duplicate,
                "refused": done.rows_refused,
            },
        )
    ]
