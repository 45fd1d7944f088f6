"""``runseason import-export`` and ``runseason org erase``: an operator's data-rights commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from runseason.cli.common import cli_command, fail
from runseason.db.session import session_scope
from runseason.db.types import utcnow
from runseason.services import erasure, export_import
from runseason.services.identity import organizations

# Far above any one athlete's export; a larger file is not read into memory at all.
MAX_EXPORT_BYTES = 1024**3


@cli_command
def import_export(
    path: Annotated[Path, typer.Argument(help="An athlete's export ZIP, as downloaded.")],
    org: Annotated[str, typer.Option("--org", help="The organization's slug.")],
    coach: Annotated[
        str | None, typer.Option("--coach", help="The email of the athlete's coach here.")
    ] = None,
) -> None:
    """Import an athlete's export into an organization: a new account with a temporary password
    (printed once), all their data, and their metrics computed again."""
    if not path.is_file():
        raise fail(f"{path} is not a file")
    if path.stat().st_size > MAX_EXPORT_BYTES:
        raise fail(f"{path} is larger than any export")
    content = path.read_bytes()
    with session_scope() as session:
        organization = organizations.get_organization_by_slug(session, org)
        imported = export_import.import_athlete_export(
            session, content, organization_id=organization.id, coach_email=coach, now=utcnow()
        )
    rows = sum(imported.rows.values())
    typer.echo(
        f"athlete {imported.email} imported into {org} (id {imported.athlete_id}), {rows} rows"
    )
    for name, count in sorted(imported.rows.items()):
        typer.echo(f"  {name}: {count}")
    typer.echo(f"temporary password (shown once): {imported.temporary_password}")


@cli_command
def erase_org(
    slug: Annotated[str, typer.Argument(help="The organization's slug.")],
    confirm: Annotated[
        str | None, typer.Option("--confirm", help="The slug again, to confirm without a prompt.")
    ] = None,
) -> None:
    """Erase an organization: every person in it and everything held about them, for good."""
    typed = confirm if confirm is not None else typer.prompt(f"Type {slug} to erase it for good")
    with session_scope() as session:
        counts = erasure.erase_organization_by_slug(session, slug, confirmation=typed, now=utcnow())
    typer.echo(f"organization {slug} erased: {sum(counts.values())} rows")
    for name, count in sorted(counts.items()):
        typer.echo(f"  {name}: {count}")
