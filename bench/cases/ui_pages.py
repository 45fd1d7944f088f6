"""ui-pages: the coach's Command Center and caseload pages run by Streamlit's AppTest, and the
memory an idle session holds."""

from __future__ import annotations

import tracemalloc

from streamlit.testing.v1 import AppTest

from bench.harness import NOW, ROOT, med, open_session, p95, timed
from bench.records import Record
from runseason.db.session import create_db_engine, make_session_factory, use_session_factory
from runseason.demo.bulk import seed_bulk

APP = ROOT / "src" / "runseason" / "ui" / "app.py"
PAGES = ROOT / "src" / "runseason" / "ui" / "pages"


def run(url: str, db_name: str, smoke: bool, repeat: int) -> list[Record]:
    """A rerun of each page, then one idle session's memory."""
    athletes = 30 if smoke else 500
    session, close = open_session(url)
    seeded = seed_bulk(
        session, athletes=athletes, coaches=1, days=60, seed=9, today=NOW, slug="ui-bench"
    )
    session.commit()
    coach_id = seeded.coach_user_ids[0]
    close()
    engine = create_db_engine(url)
    use_session_factory(make_session_factory(engine))
    out = [
        _page(db_name, page, coach_id, athletes, repeat) for page in ("command_center", "caseload")
    ]
    out.append(_session_memory(db_name, coach_id))
    use_session_factory(None)
    engine.dispose()
    return out


def _signed_in(coach_id: int) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["test_user_id"] = coach_id
    at.run()
    return at


def _page(db_name: str, page: str, coach_id: int, athletes: int, repeat: int) -> Record:
    at = _signed_in(coach_id)
    at.switch_page(str(PAGES / f"{page}.py"))

    def rerun() -> None:
        at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].message)

    times = timed(rerun, repeat)
    return Record(
        f"ui-pages ({page})",
        db_name,
        f"{athletes} athletes",
        "ms",
        med(times),
        p95(times),
        target="<= 300 ms per run",
    )


def _session_memory(db_name: str, coach_id: int) -> Record:
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    _signed_in(coach_id)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(s.size_diff for s in after.compare_to(before, "filename")) / 1e6
    return Record(
        "ui-pages (session memory)",
        db_name,
        "one idle session",
        "MB",
        round(grown, 1),
        target="<= 30 MB per session",
    )
