"""The API's routes, one module per resource, named like the service and the page they serve."""

from __future__ import annotations

from fastapi import APIRouter

from runseason.api.routes import (
    activities,
    adherence,
    admin,
    analytics,
    athletes,
    auth,
    briefing,
    calculators,
    calendar_feed,
    caseload,
    cases,
    checkins,
    command_center,
    data_rights,
    day_exceptions,
    goals,
    imports,
    interventions,
    library,
    notifications,
    plans,
    portfolio,
    recommendations,
    reports,
    settings,
    suggestions,
    timeline,
    training,
    trends,
    webhooks,
    workouts,
    zones,
)

# In this order the OpenAPI document lists the paths: sign-in, an athlete's data, the coach's day.
ROUTERS: tuple[APIRouter, ...] = tuple(
    module.router
    for module in (
        auth,
        athletes,
        data_rights,
        checkins,
        briefing,
        suggestions,
        training,
        imports,
        activities,
        day_exceptions,
        adherence,
        analytics,
        trends,
        goals,
        plans,
        workouts,
        calendar_feed,
        zones,
        command_center,
        caseload,
        portfolio,
        recommendations,
        interventions,
        cases,
        timeline,
        reports,
        settings,
        notifications,
        library,
        calculators,
        admin,
        webhooks,
    )
)
