"""The athlete's whole story: check-ins, sessions, plan changes, notes, interventions,
recommendations, injuries and illnesses, tasks, marked days and session comments, newest first.

Each kind is read from the table that holds it, so history recorded before the timeline existed
(or loaded in bulk) shows too. One statement picks the page (a UNION ALL of ids and times, ordered
and cut in the database) and counts the whole; then one read per kind on the page fills in the
words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Select,
    String,
    and_,
    bindparam,
    case,
    func,
    literal,
    not_,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from runseason.db.models import (
    AvailabilityException,
    CaseNote,
    CheckIn,
    HealthCase,
    PlanRevision,
    Recommendation,
    SessionComment,
    TimelineEvent,
    TrainingLog,
    TrainingPlan,
    User,
)
from runseason.domain.units import Unit
from runseason.errors import InvalidInput
from runseason.schemas.common import Page
from runseason.schemas.timeline import KIND_LABELS, TimelineEntryRead
from runseason.services.identity.access import Actor, get_athlete, require_role, use_case
from runseason.services.paging import page_offset
from runseason.services.views import timeline_words as words

# Events the engine and the coaches record; notes and the opening of a health case are read from
# their own tables instead, so they are not counted twice.
_EVENT_KIND = case(
    (
        or_(TimelineEvent.ref_type == "intervention", TimelineEvent.kind.like("intervention%")),
        "intervention",
    ),
    (TimelineEvent.ref_type == "recommendation", "recommendation"),
    (TimelineEvent.ref_type == "health_case", "health_case"),
    (TimelineEvent.ref_type == "task", "task"),
    else_="other",
)
_EVENT_SHOWN = and_(
    TimelineEvent.kind != "note",
    not_(and_(TimelineEvent.ref_type == "health_case", TimelineEvent.kind.like("%_opened"))),
)


def _rows(kind: str, when: Any, ident: Any, athlete: Any, source: str = "") -> Select[Any]:
    return select(
        when.label("occurred_at"),
        literal(kind, String).label("kind"),
        literal(source or kind, String).label("source"),
        ident.label("ref_id"),
    ).where(athlete)


def _selects(athlete_id: int, kinds: set[str]) -> list[Select[Any]]:
    """One select of (time, kind, source, id) per kind asked for."""
    out: list[Select[Any]] = []
    tables = {
        "checkin": (CheckIn.submitted_at, CheckIn.id, CheckIn.athlete_id),
        "session": (TrainingLog.started_at, TrainingLog.id, TrainingLog.athlete_id),
        "note": (CaseNote.created_at, CaseNote.id, CaseNote.athlete_id),
        "recommendation": (Recommendation.created_at, Recommendation.id, Recommendation.athlete_id),
        "health_case": (HealthCase.created_at, HealthCase.id, HealthCase.athlete_id),
        "marked_days": (
            AvailabilityException.created_at,
            AvailabilityException.id,
            AvailabilityException.athlete_id,
        ),
        "comment": (SessionComment.created_at, SessionComment.id, SessionComment.athlete_id),
    }
    for kind, (when, ident, owner) in tables.items():
        if kind in kinds:
            out.append(_rows(kind, when, ident, owner == athlete_id))
    if "plan_edit" in kinds:
        out.append(
            _rows(
                "plan_edit",
                PlanRevision.created_at,
                PlanRevision.id,
                TrainingPlan.athlete_id == athlete_id,
            ).join(TrainingPlan, TrainingPlan.id == PlanRevision.plan_id)
        )
    event_kinds = kinds & {"intervention", "recommendation", "health_case", "task"}
    if event_kinds:
        event = select(
            TimelineEvent.occurred_at.label("occurred_at"),
            _EVENT_KIND.label("kind"),
            literal("event", String).label("source"),
            TimelineEvent.id.label("ref_id"),
        ).where(TimelineEvent.athlete_id == athlete_id, _EVENT_SHOWN)
        out.append(event.where(_EVENT_KIND.in_(sorted(event_kinds))))
    return out


def _kinds(asked: Sequence[str] | None) -> set[str]:
    if not asked:
        return set(KIND_LABELS)
    unknown = sorted(set(asked) - set(KIND_LABELS))
    if unknown:
        names = ", ".join(KIND_LABELS)
        raise InvalidInput(f"kind: {', '.join(unknown)} is not a kind of event (use {names})")
    return set(asked)


@use_case("athlete")
def get_timeline(
    session: Session,
    actor: Actor,
    athlete_id: int,
    *,
    kinds: Sequence[str] | None = None,
    page: int = 1,
    page_size: int = 50,
) -> Page[TimelineEntryRead]:
    """The athlete's story newest first, one page at a time, of every kind or of those asked."""
    athlete = get_athlete(session, actor, athlete_id)
    require_role(actor, "admin", "coach")
    wanted = _kinds(kinds)
    offset = page_offset(page, page_size)
    story = union_all(*_selects(athlete.id, wanted)).subquery()
    total = session.scalar(select(func.count()).select_from(story)) or 0
    picked = session.execute(
        select(story.c.occurred_at, story.c.kind, story.c.source, story.c.ref_id)
        .order_by(story.c.occurred_at.desc(), story.c.source, story.c.ref_id.desc())
        .offset(offset)
        .limit(page_size)
    ).all()
    unit: Unit = "mi" if session.scalar(_UNIT_OF, {"user": actor.user_id}) == "mi" else "km"
    titles = _titles(session, [(r.source, r.ref_id) for r in picked], unit)
    items = [
        TimelineEntryRead(
            occurred_at=r.occurred_at,
            kind=r.kind,
            label=KIND_LABELS.get(r.kind, "Event"),
            title=titles.get((r.source, r.ref_id), ""),
            ref_type=r.source,
            ref_id=r.ref_id,
        )
        for r in picked
    ]
    return Page[TimelineEntryRead](items=items, page=page, page_size=page_size, total=total)


_UNIT_OF = select(User.unit_preference).where(User.id == bindparam("user"))


def _titles(
    session: Session, picked: list[tuple[str, int]], unit: Unit
) -> dict[tuple[str, int], str]:
    """The words of each entry on the page: one read per kind present."""
    ids: dict[str, list[int]] = defaultdict(list)
    for source, ref_id in picked:
        ids[source].append(ref_id)
    out: dict[tuple[str, int], str] = {}
    for source, found in ids.items():
        for ref_id, title in words.TITLES[source](session, found, unit).items():
            out[(source, ref_id)] = title
    return out
