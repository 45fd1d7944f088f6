"""Schema migrations in code: upgrade, downgrade, current revision, and model/schema agreement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from runseason.db.base import Base

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config(connection: Any = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database up to ``revision``."""
    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def downgrade(engine: Engine, revision: str = "-1") -> None:
    """Migrate the database down to ``revision`` (``base`` for an empty schema)."""
    with engine.begin() as connection:
        command.downgrade(_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` for an unmigrated database."""
    with engine.connect() as connection:
        return revision_of(connection)


def revision_of(connection: Connection) -> str | None:
    """The revision seen through an open connection (a use-case's own)."""
    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision shipped with this version of the platform."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def schema_differences(engine: Engine) -> list[Any]:
    """What autogenerate would change: empty when the models and the migrated schema agree."""
    import runseason.db.models  # noqa: F401, PLC0415 (registers every table)

    with engine.connect() as connection:
        ctx = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(ctx, Base.metadata))
