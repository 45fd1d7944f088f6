"""Imports run to the end: the worker's queued uploads and the command line's paths.

Each item is imported in its own transaction through ``imports.import_item``, so progress is
visible while the run goes on, and what a crash interrupts resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

import structlog
from sqlalchemy import func, select

from runseason.db.models import Athlete, ImportRun, ImportUpload, User
from runseason.db.session import session_scope
from runseason.db.types import utcnow
from runseason.errors import InvalidInput, NotFound
from runseason.parsers.activity_csv import ColumnMapping
from runseason.parsers.archive import ACTIVITY_EXTENSIONS, Item, wanted
from runseason.services import activity_import, imports
from runseason.services.identity.access import Actor, actor_for_user

log = structlog.get_logger("runseason.imports")
Clock = Callable[[], datetime]
OnItem = Callable[[imports.ItemResult], None]


def run_queued(*, now: Clock = utcnow, limit: int | None = None) -> int:
    """Run the uploads waiting for the worker, oldest first; how many runs were finished."""
    done = 0
    while limit is None or done < limit:
        with session_scope() as session:
            run_id = session.scalar(
                select(ImportUpload.import_run_id)
                .order_by(ImportUpload.created_at, ImportUpload.import_run_id)
                .limit(1)
            )
        if run_id is None:
            break
        run_upload(run_id, now=now)
        done += 1
    return done


def run_due(*, now: datetime) -> int:
    """The scheduler's job: run the queued uploads (their items stamped by the clock as they go,
    since a large archive takes minutes)."""
    log.debug("imports.due", at=now.isoformat())
    return run_queued()


def run_upload(run_id: int, *, now: Clock = utcnow) -> None:
    """Import every item of one queued upload, from where it stopped."""
    with session_scope() as session:
        run = session.get(ImportRun, run_id)
        upload = session.get(ImportUpload, run_id)
        if run is None or upload is None:
            return
        user = session.get(User, run.created_by_id) if run.created_by_id else None
        athlete = session.get(Athlete, run.athlete_id)
        assert athlete is not None
        athlete_id = athlete.id
        mapping = ColumnMapping(**upload.csv_mapping) if upload.csv_mapping else None
        try:
            if user is None or not user.is_active:
                raise InvalidInput("The account that uploaded the file is no longer active.")
            actor = actor_for_user(session, user)
            items = imports.plan_for(athlete, run.filename, upload.content, mapping)
        except InvalidInput as error:
            run.errors, run.status, run.finished_at = [error.message], "failed", now()
            imports.drop_upload(session, run_id)
            return
    _import_all(actor, athlete_id, run_id, items, now)
    log.info("imports.finished", import_run_id=run_id, items=len(items))


def _import_all(
    actor: Actor,
    athlete_id: int,
    run_id: int,
    items: list[Item],
    now: Clock,
    on_item: OnItem | None = None,
) -> None:
    for position in enumerate(items):
        with session_scope() as session:
            result = imports.import_item(session, actor, athlete_id, run_id, position, now=now())
        if result is not None and on_item is not None:
            on_item(result)
    with session_scope() as session:
        run = session.get(ImportRun, run_id)
        assert run is not None
        imports.finish(run, now())
        imports.drop_upload(session, run_id)


def import_paths(
    paths: Iterable[Path], email: str, *, now: Clock = utcnow, on_item: OnItem | None = None
) -> list[ImportRun]:
    """Import files, folders and archives for the athlete with this email (the command line's
    use-case): one run per path, each item once (a re-run finds what it imported)."""
    with session_scope() as session:
        user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
        if user is None or user.role != "athlete":
            raise NotFound(f"athlete: no athlete account has the email '{email}'.")
        actor = actor_for_user(session, user)
        athlete = session.get(Athlete, actor.athlete_id)
        assert athlete is not None
        session.expunge(athlete)
    runs = []
    for path in paths:
        items = _items_of(athlete, path)
        with session_scope() as session:
            run = activity_import.new_run(session, actor, athlete, path.name, b"", now())
            run.source, run.rows_total = "path", len(items)
            run_id = run.id
        _import_all(actor, athlete.id, run_id, items, now, on_item)
        with session_scope() as session:
            finished = session.get(ImportRun, run_id)
            assert finished is not None
            session.expunge(finished)
            runs.append(finished)
    return runs


def _items_of(athlete: Athlete, path: Path) -> list[Item]:
    """A path's items: a folder's files (activities and archives) by name, or the file itself;
    a file that cannot be planned is one item refused with the reason."""
    if not path.exists():
        return [_refused(str(path), "no such file or folder")]
    if not path.is_dir():
        return _planned(athlete, path, path.name)
    files = sorted(p for p in path.rglob("*") if p.is_file() and _importable(p.name))
    return [item for f in files for item in _planned(athlete, f, str(f.relative_to(path)))]


def _importable(name: str) -> bool:
    return wanted(name) or name.lower().endswith((".zip", ".gz"))


def _planned(athlete: Athlete, path: Path, name: str) -> list[Item]:
    if path.suffix.lower() in ACTIVITY_EXTENSIONS:
        return [Item(name, _reader(path))]  # read in its turn: a folder stays on disk
    try:
        items = imports.plan_for(athlete, name, path.read_bytes(), None)
    except InvalidInput as error:
        return [_refused(name, error.message)]
    except OSError as error:
        return [_refused(name, f"could not be read ({error.strerror})")]
    return [Item(f"{name}: {i.name}", i.read, i.row) if i.name != name else i for i in items]


def _reader(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            return path.read_bytes()
        except OSError as error:
            raise InvalidInput(f"could not be read ({error.strerror})") from None

    return read


def _refused(name: str, reason: str) -> Item:
    def read() -> bytes:
        raise InvalidInput(reason)

    return Item(name, read)
