"""An athlete's zones: derived from the profile, updated by races, overridden by the coach.

Pace zones come from VDOT (set by hand, or from the best recent race or time trial); heart-rate
zones from LTHR (Friel) when known, else from resting and maximum heart rate (Karvonen), else from
maximum heart rate alone. A coach's override of one zone replaces its bounds until cleared.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from runseason.db.models import Athlete
from runseason.domain import paces
from runseason.domain import zones as zone_math
from runseason.errors import InvalidInput
from runseason.schemas.zones import ZoneOverride, ZoneRead, ZonesRead
from runseason.services.identity.access import Actor, get_athlete, require_role, use_case

MIN_RACE_M = 1500.0


def _apply(
    kind: str, derived: tuple[zone_math.Zone, ...], overrides: dict[str, Any]
) -> list[ZoneRead]:
    out = []
    for z in derived:
        bounds = overrides.get(f"{kind}:{z.name}")
        if bounds:
            out.append(ZoneRead(name=z.name, low=bounds[0], high=bounds[1], overridden=True))
        else:
            out.append(ZoneRead(name=z.name, low=round(z.low, 1), high=round(z.high, 1)))
    return out


def zones_of(athlete: Athlete) -> ZonesRead:
    """The zones of a loaded athlete (no access check: callers have done it)."""
    overrides = dict(athlete.zone_overrides or {})
    missing = []
    pace: list[ZoneRead] = []
    if athlete.vdot:
        pace = _apply("pace", zone_math.pace_zones(athlete.vdot), overrides)
    else:
        missing.append("a VDOT (log a race or time trial, or set it) for pace zones")
    method: str | None = None
    derived: tuple[zone_math.Zone, ...] = ()
    if athlete.lthr:
        method, derived = "Friel (LTHR)", zone_math.friel_zones(athlete.lthr)
    elif athlete.hr_max and athlete.hr_rest:
        method = "Karvonen (heart-rate reserve)"
        derived = zone_math.heart_rate_reserve_zones(athlete.hr_rest, athlete.hr_max)
    elif athlete.hr_max:
        method, derived = "% of HRmax", zone_math.hr_max_zones(athlete.hr_max)
    else:
        missing.append("maximum heart rate (and resting, or LTHR) for heart-rate zones")
    return ZonesRead(
        athlete_id=athlete.id,
        vdot=athlete.vdot,
        vdot_source=athlete.vdot_source,
        pace=pace,
        heart_rate=_apply("heart_rate", derived, overrides),
        heart_rate_method=method,
        missing=missing,
    )


@use_case("athlete")
def get_zones(session: Session, actor: Actor, athlete_id: int) -> ZonesRead:
    """The athlete's zones and paces as the briefing and the library resolve them."""
    return zones_of(get_athlete(session, actor, athlete_id))


@use_case("athlete", writes=True)
def override_zone(session: Session, actor: Actor, athlete_id: int, data: ZoneOverride) -> ZonesRead:
    """Set (or clear) a coach's bounds for one zone."""
    athlete = get_athlete(session, actor, athlete_id, write=True)
    require_role(actor, "admin", "coach")
    current = zones_of(athlete)
    names = {z.name for z in (current.pace if data.kind == "pace" else current.heart_rate)}
    if data.name not in names:
        raise InvalidInput(
            f"'{data.name}' is not one of this athlete's {data.kind.replace('_', '-')} zones"
            + (f" ({', '.join(sorted(names))})" if names else "; derive them first")
        )
    overrides = dict(athlete.zone_overrides or {})
    key = f"{data.kind}:{data.name}"
    if data.clear:
        overrides.pop(key, None)
    else:
        assert data.low is not None
        assert data.high is not None
        if data.kind == "heart_rate" and data.low > data.high:
            raise InvalidInput("a heart-rate zone's low bound must not exceed its high bound")
        if data.kind == "pace" and data.low < data.high:
            raise InvalidInput("pace zones go from the slower pace (more seconds) to the faster")
        overrides[key] = [data.low, data.high]
    athlete.zone_overrides = overrides
    session.flush()
    return zones_of(athlete)


def update_vdot_from_race(
    athlete: Athlete, distance_m: float | None, duration_s: float, label: str
) -> bool:
    """A race or time trial faster than the stored VDOT raises it (slower ones never lower it)."""
    if not distance_m or distance_m < MIN_RACE_M or duration_s <= 0:
        return False
    value = round(paces.vdot(distance_m, duration_s), 1)
    if not 20 <= value <= 90 or (athlete.vdot is not None and value <= athlete.vdot):
        return False
    athlete.vdot = value
    athlete.vdot_source = label
    return True
