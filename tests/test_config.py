"""Settings: validated defaults, production refusals, organization overrides and masking."""

from __future__ import annotations

import pytest

from runseason.config import (
    DEFAULT_SECRET_KEY,
    load_settings,
    masked_settings,
    startup_warnings,
)
from runseason.errors import ConfigurationError

STRONG_KEY = "k" * 40


def test_defaults_carry_the_documented_coaching_numbers() -> None:
    settings = load_settings()
    assert settings.coaching.risk.guardrail == 0.85
    assert settings.coaching.interventions.sla_fresh_hours == 24
    assert settings.coaching.interventions.sla_overdue_hours == 72
    assert settings.security.lockout_threshold == 5
    assert settings.security.access_token_minutes == 15


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"env": "prod"}, "prod refuses the default secret key"),
        ({"env": "prod", "secret_key": "short"}, "at least 32 characters"),
        (
            {"env": "prod", "secret_key": STRONG_KEY, "database_url": "sqlite:///var/x.db"},
            "prod refuses SQLite",
        ),
    ],
)
def test_prod_refuses_unsafe_settings_in_one_line(overrides: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message) as info:
        load_settings(**overrides)
    assert "\n" not in str(info.value)


def test_prod_accepts_postgres_and_a_real_key() -> None:
    settings = load_settings(
        env="prod", secret_key=STRONG_KEY, database_url="postgresql+psycopg://u:p@db/rs"
    )
    assert settings.effective_log_format == "json"
    assert load_settings(
        env="prod",
        secret_key=STRONG_KEY,
        database_url="sqlite:///var/x.db",
        allow_sqlite_in_prod=True,
    ).is_sqlite


def test_invalid_environment_value_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNSEASON_COACHING__RISK__GUARDRAIL", "7")
    with pytest.raises(ConfigurationError, match=r"coaching\.risk\.guardrail"):
        load_settings()


def test_masked_settings_hide_secrets_and_passwords() -> None:
    settings = load_settings(
        secret_key=STRONG_KEY,
        database_url="postgresql+psycopg://rs:hunter2hunter2@db:5432/rs",
        redis_url="redis://:redispass@cache:6379/0",
    )
    shown = str(masked_settings(settings))
    assert STRONG_KEY not in shown
    assert DEFAULT_SECRET_KEY not in shown
    assert "hunter2" not in shown
    assert "redispass" not in shown
    assert "postgresql+psycopg://rs:****@db:5432/rs" in shown


def test_secrets_come_from_files_named_by_their_file_variables(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / "secret_key"
    key_file.write_text(STRONG_KEY + "\n")
    url_file = tmp_path / "database_url"
    url_file.write_text("postgresql+psycopg://app:s3cret@db:5432/runseason\n")
    monkeypatch.setenv("RUNSEASON_SECRET_KEY_FILE", str(key_file))
    monkeypatch.setenv("RUNSEASON_DATABASE_URL_FILE", str(url_file))
    settings = load_settings()
    assert settings.secret_key.get_secret_value() == STRONG_KEY
    assert settings.database_url.get_secret_value().endswith("@db:5432/runseason")
    assert "s3cret" not in str(masked_settings(settings))


def test_an_unreadable_secret_file_names_its_variable(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNSEASON_SECRET_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigurationError, match="RUNSEASON_SECRET_KEY_FILE: cannot read"):
        load_settings()


def test_the_development_key_is_called_out_at_start_up() -> None:
    assert any("development secret key" in w for w in startup_warnings(load_settings()))
    assert startup_warnings(load_settings(secret_key=STRONG_KEY)) == []
