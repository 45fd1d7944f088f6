"""Settings: every tunable number, validated, with profiles ``dev``, ``test`` and ``prod``.

Environment variables use the prefix ``RUNSEASON_`` and ``__`` for nesting
(``RUNSEASON_COACHING__RISK__GUARDRAIL=0.8``). The ``coaching`` group is what an organization may
tune: ``services.coaching_settings`` merges its stored overrides over these defaults through the
same model, so an override is validated exactly like an environment value."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from runseason.domain.risk import DEFAULT_WEIGHTS
from runseason.errors import ConfigurationError

Profile = Literal["dev", "test", "prod"]
AutomationMode = Literal["manual", "assisted", "automatic"]

# A marker value: prod refuses to start with it.
DEFAULT_SECRET_KEY = "dev-only-secret-key-change-me-in-production-0000"  # noqa: S105
DEFAULT_DATABASE_URL = "sqlite:///./var/runseason.db"


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReadinessSettings(_Group):
    """How a check-in becomes a 0–100 readiness score and a briefing (SCIENCE.md section 6,
    docs/science.md "Recovery signals" and "The briefing")."""

    weights: dict[str, float] = Field(
        default_factory=lambda: {
            "sleep_quality": 0.30,
            "energy": 0.25,
            "recovery": 0.25,
            "stress": 0.20,
            "mood": 0.0,
            "sleep_hours": 0.15,
        }
    )
    green_min: int = Field(70, ge=1, le=100)
    amber_min: int = Field(50, ge=0, le=99)
    baseline_min_days: int = Field(14, ge=7, le=60)
    baseline_window_days: int = Field(28, ge=7, le=90)
    z_clip: float = Field(3.0, gt=0, le=5)
    item_sd_floor: float = Field(0.5, gt=0, le=2)
    hrv_yellow_sd: float = Field(1.0, gt=0, le=3)
    hrv_red_sd: float = Field(2.0, gt=0, le=4)
    hrv_sd_floor: float = Field(0.05, gt=0, le=0.5)
    rhr_rise_bpm: float = Field(5.0, gt=0, le=30)
    rhr_rise_z: float = Field(2.0, gt=0, le=4)
    rhr_sd_floor: float = Field(2.5, gt=0, le=10)
    sleep_minimum_h: float = Field(4.0, ge=0, le=8)
    sleep_target_h: float = Field(8.0, ge=4, le=12)
    short_sleep_h: float = Field(6.0, ge=0, le=10)
    sleep_sd_floor: float = Field(0.5, gt=0, le=3)
    cap_pain_severity: int = Field(4, ge=1, le=10)
    coach_pain_severity: int = Field(6, ge=1, le=10)
    clinician_pain_severity: int = Field(7, ge=1, le=10)

    @model_validator(mode="after")
    def _check(self) -> ReadinessSettings:
        known = {"sleep_quality", "energy", "recovery", "stress", "mood", "sleep_hours"}
        unknown = set(self.weights) - known
        if unknown:
            raise ValueError(f"unknown readiness weight(s): {', '.join(sorted(unknown))}")
        if any(w < 0 for w in self.weights.values()) or sum(self.weights.values()) <= 0:
            raise ValueError("readiness weights must be non-negative and not all zero")
        if self.amber_min >= self.green_min:
            raise ValueError("readiness: amber must start below green")
        if self.hrv_yellow_sd >= self.hrv_red_sd:
            raise ValueError("readiness hrv_yellow_sd must be below hrv_red_sd")
        if self.sleep_minimum_h >= self.sleep_target_h:
            raise ValueError("readiness sleep_minimum_h must be below sleep_target_h")
        if not self.cap_pain_severity <= self.coach_pain_severity <= self.clinician_pain_severity:
            raise ValueError(
                "readiness pain thresholds must rise: cap_pain_severity ≤ coach_pain_severity "
                "≤ clinician_pain_severity"
            )
        return self


class RiskSettings(_Group):
    """Risk buckets, the guardrail and the thresholds of the tunable signals (docs/science.md);
    the signals' weights default in ``domain.risk.DEFAULT_WEIGHTS``."""

    guardrail: float = Field(0.85, gt=0, le=1)
    at_risk_min: float = Field(0.6, gt=0, lt=1)
    watch_min: float = Field(0.3, gt=0, lt=1)
    weight_overrides: dict[str, float] = Field(default_factory=dict)
    # Foster's weekly load × monotony, in the platform's load points.
    strain_threshold: float = Field(1000.0, gt=0, le=100000)
    # Done over planned load of the last 7 days: above ``adherence_over`` is over-doing,
    # below ``adherence_under`` under-doing.
    adherence_over: float = Field(1.2, gt=1, le=3)
    adherence_under: float = Field(0.6, ge=0, lt=1)
    contact_days: int = Field(14, ge=1, le=90)  # days without a coach's action on the athlete
    race_days: int = Field(14, ge=1, le=60)  # days before an A race when it counts

    @model_validator(mode="after")
    def _check(self) -> RiskSettings:
        if round(self.watch_min, 9) >= round(self.at_risk_min, 9):
            raise ValueError("risk watch_min must be below at_risk_min")
        if round(self.guardrail, 9) <= round(self.at_risk_min, 9):
            raise ValueError(
                f"risk guardrail ({self.guardrail:g}) must be above the at-risk line "
                f"at_risk_min ({self.at_risk_min:g})"
            )
        unknown = set(self.weight_overrides) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise ValueError(f"unknown risk weight(s): {', '.join(sorted(unknown))}")
        if any(not 0 <= w < 1 for w in self.weight_overrides.values()):
            raise ValueError("risk weights must be in [0, 1)")
        return self


class InterventionSettings(_Group):
    """When interventions open, how they age against the SLA and how long a cooldown lasts."""

    open_threshold: float = Field(0.6, gt=0, le=1)
    red_days: int = Field(2, ge=1, le=14)
    missed_sessions: int = Field(3, ge=1, le=14)
    silence_days: int = Field(3, ge=1, le=30)
    sla_fresh_hours: int = Field(24, ge=1, le=24 * 14)
    sla_overdue_hours: int = Field(72, ge=2, le=24 * 30)
    cooldown_hours: int = Field(72, ge=0, le=24 * 60)
    # The athlete stable this many days running: the cause has cleared ...
    cleared_after_days: int = Field(3, ge=1, le=7)  # the engine looks back 7 days
    # ... and the intervention resolves itself once it has stayed cleared this long.
    auto_resolve_after_hours: int = Field(24, ge=0, le=24 * 14)

    @model_validator(mode="after")
    def _check(self) -> InterventionSettings:
        if self.sla_fresh_hours >= self.sla_overdue_hours:
            raise ValueError("sla_fresh_hours must be below sla_overdue_hours")
        return self


class PlanningSettings(_Group):
    """Plan-builder defaults a coach may change per organization."""

    cutback_every: int = Field(4, ge=3, le=4)
    cutback_reduction: float = Field(0.25, ge=0.2, le=0.3)
    max_weekly_increase: float = Field(0.10, gt=0, le=0.3)
    max_long_run_increase_m: float = Field(3000, gt=0, le=10000)


class CoachingSettings(_Group):
    """Everything an organization (or a coach or athlete, for the automation mode) may tune."""

    automation_mode: AutomationMode = "assisted"
    readiness: ReadinessSettings = Field(default_factory=ReadinessSettings)
    risk: RiskSettings = Field(default_factory=RiskSettings)
    interventions: InterventionSettings = Field(default_factory=InterventionSettings)
    planning: PlanningSettings = Field(default_factory=PlanningSettings)
    checkin_backdate_days: int = Field(7, ge=0, le=60)


class SecuritySettings(_Group):
    """Authentication limits (see SECURITY.md for the reasoning behind each number)."""

    password_min_length: int = Field(12, ge=12, le=64)
    password_max_length: int = Field(128, ge=64, le=1024)
    argon2_memory_kib: int = Field(19456, ge=1024)
    argon2_time_cost: int = Field(2, ge=1)
    argon2_parallelism: int = Field(1, ge=1)
    lockout_threshold: int = Field(5, ge=3, le=20)
    lockout_minutes: int = Field(15, ge=1, le=24 * 60)
    account_failures_per_hour: int = Field(100, ge=10, le=1000)
    login_attempts_per_ip: str = "20/minute"
    session_idle_minutes: int = Field(30, ge=5, le=24 * 60)
    session_absolute_hours: int = Field(12, ge=1, le=24 * 30)
    temp_password_hours: int = Field(72, ge=1, le=24 * 14)
    access_token_minutes: int = Field(15, ge=1, le=60)
    refresh_token_days: int = Field(14, ge=1, le=90)
    jwt_audience: str = "runseason-api"
    api_rate_per_user: str = "600/minute"
    api_rate_per_key: str = "600/minute"


class Settings(BaseSettings):
    """The effective configuration of one process."""

    model_config = SettingsConfigDict(
        env_prefix="RUNSEASON_",
        env_nested_delimiter="__",
        extra="ignore",
        frozen=True,
    )

    env: Profile = "dev"
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET_KEY)
    database_url: SecretStr = SecretStr(DEFAULT_DATABASE_URL)
    allow_sqlite_in_prod: bool = False
    redis_url: SecretStr | None = None
    db_pool_size: int = Field(10, ge=1, le=200)
    db_max_overflow: int = Field(30, ge=0, le=400)
    db_pool_timeout_s: float = Field(10.0, gt=0, le=120)
    db_connect_retries: int = Field(5, ge=1, le=30)
    db_connect_backoff_s: float = Field(0.5, gt=0, le=10)
    sqlite_busy_timeout_ms: int = Field(5000, ge=0, le=60000)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["auto", "json", "console"] = "auto"
    max_upload_bytes: int = Field(25 * 1024 * 1024, ge=1024, le=200 * 1024 * 1024)
    # A map tile server for routes ({z}/{x}/{y} in the URL); without one a route is drawn alone.
    map_tile_url: str | None = Field(None, max_length=500, pattern=r"^https?://.*\{z\}.*$")
    # What an archive may unpack to (uploads and `runseason import`), checked before unpacking; a
    # real export compresses a few to one, a zip bomb thousands to one.
    import_max_total_bytes: int = Field(2 * 1024**3, ge=1024 * 1024, le=64 * 1024**3)
    import_max_files: int = Field(50_000, ge=1, le=1_000_000)
    import_max_ratio: float = Field(100.0, ge=2, le=10_000)
    # How far back a session may be dated: a runner's whole history fits, year 1 does not.
    accepted_history_years: int = Field(30, ge=1, le=100)
    max_json_body_bytes: int = Field(1024 * 1024, ge=1024, le=50 * 1024 * 1024)
    # Retention: a check-in's own words (its note) are kept this many days, then the worker
    # blanks them (the scores stay); unset keeps them for as long as the athlete's data stays.
    retention_checkin_note_days: int | None = Field(None, ge=30, le=36_500)
    # Scheduled backups by the worker: a copy every backup_interval_hours into backup_dir (unset:
    # none), the newest backup_keep kept.
    backup_dir: str | None = Field(None, max_length=1000)
    backup_interval_hours: float = Field(24.0, ge=0.01, le=24 * 90)
    backup_keep: int = Field(7, ge=1, le=1000)
    # Scrapers of /metrics send it as a Bearer token; unset, /metrics answers anyone who reaches it.
    metrics_token: SecretStr | None = None
    ui_port: int = Field(8501, ge=1, le=65535)
    api_port: int = Field(8000, ge=1, le=65535)
    host: str = "127.0.0.1"
    cors_origins: list[str] = Field(default_factory=list)
    # After an athlete's check-in or log, the coach-facing recompute (daily metrics, snapshot,
    # risk, interventions) runs on the request ("inline") or in the refresh worker ("queued");
    # "auto" is inline under tests and queued otherwise.
    metrics_refresh: Literal["auto", "inline", "queued"] = "auto"
    refresh_worker_in_process: bool = True
    refresh_poll_seconds: float = Field(0.2, gt=0, le=60)
    # SQLite has one writer at a time and its waiters back off in growing sleeps, so a worker
    # that starts its next job at once starves requests; it pauses this many times each job's
    # duration there (PostgreSQL locks rows and needs no pause).
    refresh_sqlite_pause_ratio: float = Field(1.0, ge=0, le=10)
    # Athletes the worker refreshes together. Unset: 25 on SQLite, where a request waiting for
    # the one write lock waits for a batch's writes, and 100 on PostgreSQL, where only the
    # batch's own athletes wait.
    refresh_batch_size: int | None = Field(None, ge=1, le=1000)
    # Webhooks go to public addresses only; tests open 127.0.0.1 (and nothing else) with this.
    webhooks_allow_loopback: bool = False
    # The scheduler's periodic jobs (digests, reminders, SLA ageing, the nightly rollover) run in
    # ``runseason worker`` and, with refresh_worker_in_process, in the web process; "auto" runs
    # them everywhere but under tests, which call the jobs with their own clock.
    scheduler: Literal["auto", "on", "off"] = "auto"
    # Email (digests and reminders). Without a host nothing is sent and nothing is claimed.
    smtp_host: str | None = None
    smtp_port: int = Field(587, ge=1, le=65535)
    # "starttls" upgrades a plain connection (port 587), "tls" connects over TLS (port 465),
    # "none" sends in the clear (a relay on the same host, or tests).
    smtp_tls: Literal["starttls", "tls", "none"] = "starttls"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str = "Run Season Command <no-reply@localhost>"
    smtp_timeout_s: float = Field(20.0, gt=0, le=300)
    # A refused or dropped send is tried this many times in all, waiting backoff, 2×, 4× ...
    smtp_attempts: int = Field(4, ge=1, le=10)
    smtp_backoff_s: float = Field(2.0, ge=0, le=600)
    # Where people reach the web app: email links (Today, Command Center, unsubscribe) start here.
    public_url: str = "http://localhost:8501"
    coaching: CoachingSettings = Field(default_factory=CoachingSettings)
    security: SecuritySettings = Field(default_factory=SecuritySettings)

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.env != "prod":
            return self
        if self.secret_key.get_secret_value() == DEFAULT_SECRET_KEY:
            raise ValueError("prod refuses the default secret key: set RUNSEASON_SECRET_KEY")
        if len(self.secret_key.get_secret_value()) < 32:
            raise ValueError("prod needs a RUNSEASON_SECRET_KEY of at least 32 characters")
        if self.is_sqlite and not self.allow_sqlite_in_prod:
            raise ValueError(
                "prod refuses SQLite: set RUNSEASON_DATABASE_URL to PostgreSQL "
                "or RUNSEASON_ALLOW_SQLITE_IN_PROD=true"
            )
        return self

    @property
    def is_sqlite(self) -> bool:
        """Whether the configured database is the embedded SQLite."""
        return self.database_url.get_secret_value().startswith("sqlite")

    @property
    def effective_refresh_batch_size(self) -> int:
        """How many waiting athletes the refresh worker takes in one transaction."""
        if self.refresh_batch_size is not None:
            return self.refresh_batch_size
        return 25 if self.is_sqlite else 100

    @property
    def queued_refresh(self) -> bool:
        """Whether athletes' writes leave the coach-facing recompute to the refresh worker."""
        auto = self.metrics_refresh == "auto"
        return self.env != "test" if auto else self.metrics_refresh == "queued"

    @property
    def runs_scheduler(self) -> bool:
        """Whether a worker of this process runs the scheduler's periodic jobs."""
        return self.env != "test" if self.scheduler == "auto" else self.scheduler == "on"

    @property
    def effective_log_format(self) -> Literal["json", "console"]:
        """JSON in prod (and tests), a readable console in dev unless chosen explicitly."""
        if self.log_format != "auto":
            return self.log_format
        return "console" if self.env == "dev" else "json"


def describe_error(error: ValidationError) -> str:
    """A settings validation error in one line, naming the setting."""
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"invalid setting {where}: {message}{more}" if where else f"{message}{more}"


def startup_warnings(settings: Settings) -> list[str]:
    """What an operator must hear when a server starts with settings unfit for real use."""
    warnings = []
    if settings.secret_key.get_secret_value() == DEFAULT_SECRET_KEY:
        warnings.append(
            "The built-in development secret key signs sign-ins: anyone can forge them. "
            "Set RUNSEASON_SECRET_KEY (or RUNSEASON_SECRET_KEY_FILE) before real use."
        )
    return warnings


def _secrets_from_files() -> dict[str, str]:
    """Secrets named by ``RUNSEASON_<NAME>_FILE`` (container secrets), read from their files."""
    found: dict[str, str] = {}
    for name in sorted(SECRET_FIELDS):
        variable = f"RUNSEASON_{name.upper()}_FILE"
        path = os.environ.get(variable)
        if not path:
            continue
        try:
            found[name] = Path(path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ConfigurationError(f"{variable}: cannot read {path} ({error.strerror})") from None
        if not found[name]:
            raise ConfigurationError(f"{variable}: {path} is empty")
    return found


def load_settings(**overrides: Any) -> Settings:
    """Read the settings from the environment, turning validation errors into one clear line."""
    try:
        return Settings(**{**_secrets_from_files(), **overrides})
    except ValidationError as error:
        raise ConfigurationError(describe_error(error)) from None


@functools.cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()


def reset_settings_cache() -> None:
    """Forget the cached settings (tests and the CLI's ``--env`` handling use this)."""
    get_settings.cache_clear()


SECRET_FIELDS = frozenset(
    {"secret_key", "database_url", "redis_url", "metrics_token", "smtp_password"}
)


def masked_settings(settings: Settings) -> dict[str, Any]:
    """The effective settings as plain data with secrets masked (for ``runseason config show``)."""
    data = settings.model_dump(mode="json")
    data["secret_key"] = "********"  # noqa: S105
    data["database_url"] = _mask_url(settings.database_url.get_secret_value())
    if settings.redis_url is not None:
        data["redis_url"] = _mask_url(settings.redis_url.get_secret_value())
    if settings.smtp_password is not None:
        data["smtp_password"] = "********"  # noqa: S105
    return data


def _mask_url(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:****@{host}" if ":" in credentials else f"{scheme}://{user}@{host}"
