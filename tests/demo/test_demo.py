"""The living demo: created in one transaction, found again, its sign-ins kept private."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from runseason.demo import (
    DemoSpec,
    create_demo,
    database_is_empty,
    demo_exists,
    write_credentials,
)
from runseason.demo.generator import Account
from runseason.errors import InvalidInput
from tests.factories import NOW


def test_credentials_file_is_private(tmp_path: Path) -> None:
    path = write_credentials(tmp_path / "var" / "creds.txt", [Account("admin", "a@x.org", "pw")])
    assert path.read_text() == "admin\ta@x.org\tpw\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_spec_too_short_is_refused_before_anything_is_written(db: Session) -> None:
    with pytest.raises(InvalidInput):
        create_demo(DemoSpec(weeks=1), today=NOW)
    assert not demo_exists()


def test_a_small_demo_is_created_once_and_found(db: Session) -> None:
    assert not demo_exists("demo-small")
    result = create_demo(DemoSpec(athletes=1, coaches=1, weeks=2, slug="demo-small"), today=NOW)
    assert result.athletes == 1
    assert demo_exists("demo-small")
    assert not database_is_empty()
