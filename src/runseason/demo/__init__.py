"""The living demo organization and the season generator (see ``generator``).

``create_demo`` builds (or rebuilds) it through the services in one transaction and writes the
sign-ins to a file only the user can read; ``demo_exists`` lets ``runseason start`` seed an empty
database once.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from runseason.db.models import Organization, User
from runseason.db.session import session_scope
from runseason.demo.generator import Account, DemoResult, DemoSpec, Progress, generate, remove_demo

DEMO_SLUG = "demo"

__all__ = ["DemoResult", "DemoSpec", "create_demo", "demo_exists", "write_credentials"]


def demo_exists(slug: str = DEMO_SLUG) -> bool:
    """Whether the demo organization is already there."""
    with session_scope(readonly=True) as session:
        return session.scalar(select(Organization.id).where(Organization.slug == slug)) is not None


def database_is_empty() -> bool:
    """No accounts at all: a first start."""
    with session_scope(readonly=True) as session:
        return session.scalar(select(User.id).limit(1)) is None


def create_demo(
    spec: DemoSpec, *, today: datetime, progress: Progress | None = None, bulk: bool = False
) -> DemoResult:
    """Replace any earlier demo organization with the same slug by a freshly generated one."""
    with session_scope() as session:
        remove_demo(session, spec.slug)
        return generate(
            session, spec, today=today, progress=progress, path="bulk" if bulk else "services"
        )


def write_credentials(path: Path, accounts: list[Account]) -> Path:
    """One ``role<TAB>email<TAB>password`` line per account, readable only by the user (0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        for a in accounts:
            handle.write(f"{a.role}\t{a.email}\t{a.password}\n")
    path.chmod(0o600)
    return path
