"""What a report says: its figures, charts and tables, in words and the reader's units.

A ``Report`` is format-free: ``render.py`` lays the same report out as a PDF, a workbook or CSV.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import altair as alt
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import HealthCase, TrainingLog, User
from runseason.domain.dates import local_date, week_start
from runseason.domain.load import RUNNING_SPORTS
from runseason.domain.units import Unit, format_distance, format_duration
from runseason.errors import InvalidInput
from runseason.schemas.trends import AthleteTrendsRead, PortfolioRead
from runseason.services.identity.access import Actor, coached_athletes, get_athlete, use_case
from runseason.services.views import caseload, portfolio, trends

Cell = str | float | int | None
BUCKETS = {"at_risk": "At risk", "watch": "Watch", "stable": "Stable"}
PAGE = 200


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a title: column names and rows of cells (text or numbers)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart as a Vega-Lite specification, drawn to an image by the PDF."""

    title: str
    spec: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Report:
    """A report: its title, a line under it, headline figures, charts and tables."""

    title: str
    subtitle: str
    file_stem: str
    figures: tuple[tuple[str, str], ...]
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = field(default=())


def _season_of(season: int | None, today: date) -> int:
    year = season or today.year
    if not 2000 <= year <= today.year:
        raise InvalidInput(f"season must be a year between 2000 and {today.year}")
    return year


@use_case("athlete")
def athlete_season(
    session: Session, actor: Actor, athlete_id: int, *, now: datetime, season: int | None = None
) -> Report:
    """An athlete's season: volume, races and bests, month by month, injuries, in their units."""
    athlete = get_athlete(session, actor, athlete_id)
    unit: Unit = "mi" if athlete.unit_preference == "mi" else "km"
    today = local_date(now, athlete.timezone)
    year = _season_of(season, today)
    read = trends.get_trends(
        session, actor, athlete_id, now=now, by="month", years=today.year - year + 1
    )
    logs = _season_runs(session, athlete.id, year)
    in_season = [r for r in read.races if r.day.year == year]
    bests = [b for b in read.personal_bests if b.day.year == year]
    vdots = [p for p in read.vdot.points if p.period.startswith(str(year))]
    figures = (
        *_volume(logs, unit),
        ("Races and time trials", str(len(in_season))),
        ("Personal bests", str(len(bests))),
        ("Best VDOT", f"{max(p.value for p in vdots):.1f}" if vdots else "–"),
    )
    return Report(
        title=f"Season report {year}: {athlete.display_name}",
        subtitle=f"Prepared {today.day} {today:%B %Y}. Distances in {unit}, times h:mm:ss.",
        file_stem=f"season-{year}-{_slug(athlete.display_name)}",
        figures=figures,
        charts=_athlete_charts(logs, vdots, unit),
        tables=(
            _months(read, year),
            Table(
                "Races and time trials",
                ("Date", "Race", "Distance", "Time", "VDOT"),
                tuple(
                    (_day(r.day), r.title, r.distance_text, r.time_text, r.vdot) for r in in_season
                ),
            ),
            Table(
                "Personal bests",
                ("Date", "Distance", "Time", "Previous best", "Where"),
                tuple(
                    (_day(b.day), b.distance, b.time_text, b.previous_text or "first", b.label)
                    for b in bests
                ),
            ),
            _health(session, athlete.id, year),
        ),
    )


def _season_runs(session: Session, athlete_id: int, year: int) -> Sequence[TrainingLog]:
    return session.scalars(
        select(TrainingLog)
        .where(
            TrainingLog.athlete_id == athlete_id,
            TrainingLog.sport.in_(RUNNING_SPORTS),
            TrainingLog.local_date.between(date(year, 1, 1), date(year, 12, 31)),
        )
        .order_by(TrainingLog.local_date)
    ).all()


def _volume(logs: Sequence[TrainingLog], unit: Unit) -> tuple[tuple[str, str], ...]:
    longest = max((log.distance_m or 0.0 for log in logs), default=0.0)
    return (
        ("Runs", str(len(logs))),
        ("Distance", format_distance(sum(log.distance_m or 0.0 for log in logs), unit, 0)),
        ("Time", format_duration(sum(log.duration_s for log in logs))),
        ("Longest run", format_distance(longest, unit, 1)),
    )


def caseload_report(
    session: Session,
    actor: Actor,
    *,
    now: datetime,
    season: int | None = None,
    coach_id: int | None = None,
) -> Report:
    """A coach's caseload: the season's outcomes and every athlete's figures today."""
    year = _season_of(season, now.date())
    outcomes = portfolio.get_portfolio(session, actor, now=now, season=year, coach_id=coach_id)
    owner = session.get(User, coach_id or actor.user_id)
    name = owner.full_name if owner else "Caseload"
    rows = _caseload_rows(session, actor, coach_id)
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[str(row[2])] += 1
    return Report(
        title=f"Caseload report {year}: {name}",
        subtitle=f"Prepared {now.day} {now:%B %Y}; the athletes' figures as of today.",
        file_stem=f"caseload-{year}-{_slug(name)}",
        figures=_outcomes(outcomes),
        charts=(_bar("Athletes by risk today", counts, "Risk", "Athletes"),) if rows else (),
        tables=(
            Table(
                "Athletes",
                (
                    "Athlete",
                    "Risk",
                    "Status",
                    "Readiness",
                    "Form",
                    "ACWR",
                    "Adherence 7 d",
                    "Open items",
                    "Last check-in",
                    "Next race",
                ),
                tuple(rows),
            ),
        ),
    )


def _caseload_rows(session: Session, actor: Actor, coach_id: int | None) -> list[tuple[Cell, ...]]:
    wanted = (
        None if coach_id is None else coached_athletes(session, actor.organization_id, coach_id)
    )
    rows: list[tuple[Cell, ...]] = []
    page = 1
    while True:
        read = caseload.get_caseload(session, actor, page=page, page_size=PAGE, sort="name")
        for r in read.items:
            if wanted is not None and r.athlete_id not in wanted:
                continue
            rows.append(
                (
                    r.name,
                    f"{r.risk:.0%}",
                    BUCKETS.get(r.risk_bucket, r.risk_bucket),
                    None if r.readiness_score is None else round(r.readiness_score),
                    None if r.form is None else round(r.form, 1),
                    None if r.acwr is None else round(r.acwr, 2),
                    None if r.adherence_7d is None else f"{r.adherence_7d:.0%}",
                    r.open_interventions,
                    _day(r.last_checkin_date) if r.last_checkin_date else "never",
                    _day(r.next_race_date) if r.next_race_date else "–",
                )
            )
        if page * PAGE >= read.total:
            return rows
        page += 1


def _outcomes(p: PortfolioRead) -> tuple[tuple[str, str], ...]:
    def share(value: float | None) -> str:
        return "–" if value is None else f"{value:.0%}"

    return (
        ("Athletes", str(p.athletes)),
        ("Active now", str(p.active)),
        ("Retained", share(p.retention)),
        ("Goals reached", f"{p.goals_reached} of {p.goal_races}"),
        ("Personal bests", str(p.personal_bests)),
        ("Adherence", share(p.adherence)),
        ("Check-in rate", share(p.check_in_rate)),
        ("Acted on within the SLA", share(p.sla_rate)),
        ("Injuries", str(p.injuries)),
        (
            "Back to running (median)",
            "–" if p.return_to_run_days is None else f"{p.return_to_run_days:.0f} days",
        ),
    )


def _months(read: AthleteTrendsRead, year: int) -> Table:
    by_month: dict[str, dict[str, str]] = defaultdict(dict)
    labels: dict[str, str] = {}
    for key, series in (
        ("Weekly distance", read.weekly_distance),
        ("Long run", read.long_run),
        ("VDOT", read.vdot),
        ("Threshold pace", read.threshold_pace),
        ("Resting HR", read.resting_hr),
    ):
        for p in series.points:
            if p.period.startswith(str(year)):
                by_month[p.period][key] = p.text
                labels[p.period] = p.label
    columns = ("Month", "Weekly distance", "Long run", "VDOT", "Threshold pace", "Resting HR")
    return Table(
        "Month by month",
        columns,
        tuple(
            (labels[m], *(by_month[m].get(c, "–") for c in columns[1:])) for m in sorted(by_month)
        ),
    )


def _health(session: Session, athlete_id: int, year: int) -> Table:
    cases = session.scalars(
        select(HealthCase)
        .where(
            HealthCase.athlete_id == athlete_id,
            HealthCase.started_on.between(date(year, 1, 1), date(year, 12, 31)),
        )
        .order_by(HealthCase.started_on)
    ).all()
    return Table(
        "Injury and illness",
        ("Started", "Kind", "Where", "Back to running"),
        tuple(
            (
                _day(c.started_on),
                c.kind.capitalize(),
                c.location or "–",
                f"{(c.closed_on - c.started_on).days} days" if c.closed_on else "still open",
            )
            for c in cases
        ),
    )


def _athlete_charts(logs: Any, vdots: Any, unit: Unit) -> tuple[Chart, ...]:
    weekly: dict[str, float] = defaultdict(float)
    for log in logs:
        weekly[week_start(log.local_date).isoformat()] += (log.distance_m or 0.0) / (
            1609.344 if unit == "mi" else 1000.0
        )
    charts = []
    if weekly:
        charts.append(_bar(f"Distance per week ({unit})", weekly, "Week", unit, temporal=True))
    if vdots:
        frame = pd.DataFrame({"Month": [p.label for p in vdots], "VDOT": [p.value for p in vdots]})
        spec = (
            alt.Chart(frame, title="VDOT by month")
            .mark_line(point=True)
            .encode(x=alt.X("Month:N", sort=None), y=alt.Y("VDOT:Q", scale=alt.Scale(zero=False)))
            .properties(width=460, height=180)
            .to_dict()
        )
        charts.append(Chart("VDOT by month", spec))
    return tuple(charts)


def _bar(title: str, values: dict[str, Any], x: str, y: str, *, temporal: bool = False) -> Chart:
    frame = pd.DataFrame({x: list(values), y: list(values.values())})
    spec = (
        alt.Chart(frame, title=title)
        .mark_bar(color="#1f77b4")
        .encode(x=alt.X(f"{x}:{'T' if temporal else 'N'}"), y=alt.Y(f"{y}:Q"))
        .properties(width=460, height=180)
        .to_dict()
    )
    return Chart(title, spec)


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _slug(name: str) -> str:
    return (
        "-".join("".join(c for c in word if c.isalnum()) for word in name.lower().split())
        or "report"
    )
