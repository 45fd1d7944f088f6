"""Every model, imported so that ``Base.metadata`` knows the whole schema."""

from runseason.db.models.activities import ActivityFile, ActivityStream
from runseason.db.models.athletes import Athlete, AvailabilityException, CoachAssignment
from runseason.db.models.audit import AuditLog, ErrorEvent
from runseason.db.models.cases import CaseNote, HealthCase, Task, TimelineEvent
from runseason.db.models.checkins import CheckIn, ReadinessScore
from runseason.db.models.coaching import CoachAction, Intervention, Recommendation
from runseason.db.models.comments import SessionComment
from runseason.db.models.goals import RaceGoal
from runseason.db.models.groups import GroupMember, TrainingGroup
from runseason.db.models.imports import ActivitySource, ImportUpload
from runseason.db.models.integrations import (
    CalendarFeed,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookMessage,
)
from runseason.db.models.library import SessionTemplate
from runseason.db.models.metrics import (
    AthleteSnapshot,
    DailyMetric,
    LoadSeries,
    MetricRefreshJob,
)
from runseason.db.models.notifications import NotificationPreference, NotificationSend
from runseason.db.models.organizations import Organization, SettingOverride
from runseason.db.models.plans import PlannedSession, PlanRevision, PlanWeek, TrainingPlan
from runseason.db.models.training import ImportRun, TrainingLog
from runseason.db.models.users import ApiKey, IdempotencyRecord, RefreshToken, User, UserSession

__all__ = [
    "ActivityFile",
    "ActivitySource",
    "ActivityStream",
    "ApiKey",
    "Athlete",
    "AthleteSnapshot",
    "AuditLog",
    "AvailabilityException",
    "CalendarFeed",
    "CaseNote",
    "CheckIn",
    "CoachAction",
    "CoachAssignment",
    "DailyMetric",
    "ErrorEvent",
    "GroupMember",
    "HealthCase",
    "IdempotencyRecord",
    "ImportRun",
    "ImportUpload",
    "Intervention",
    "LoadSeries",
    "MetricRefreshJob",
    "NotificationPreference",
    "NotificationSend",
    "Organization",
    "PlanRevision",
    "PlanWeek",
    "PlannedSession",
    "RaceGoal",
    "ReadinessScore",
    "Recommendation",
    "RefreshToken",
    "SessionComment",
    "SessionTemplate",
    "SettingOverride",
    "Task",
    "TimelineEvent",
    "TrainingGroup",
    "TrainingLog",
    "TrainingPlan",
    "User",
    "UserSession",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookMessage",
]
