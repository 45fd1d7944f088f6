"""``runseason report``: an athlete's season or a coach's caseload written to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from runseason.cli.common import cli_command
from runseason.db.models import User
from runseason.db.session import session_scope
from runseason.db.types import utcnow
from runseason.errors import NotFound
from runseason.services.identity import users
from runseason.services.identity.access import actor_for_user
from runseason.services.reports import files

report_app = typer.Typer(
    name="report", help="Season and caseload reports as PDF, workbook or CSV.", no_args_is_help=True
)

Email = Annotated[str, typer.Argument(help="Whose report, by sign-in email.")]
Season = Annotated[int | None, typer.Option(min=2000, max=2200, help="The year (this one).")]
FormatOption = Annotated[str, typer.Option("--format", help="pdf, xlsx or csv.")]
Output = Annotated[
    Path | None, typer.Option(help="The file or folder to write (the current folder).")
]


@report_app.command("athlete")
@cli_command
def athlete(
    email: Email, season: Season = None, fmt: FormatOption = "pdf", output: Output = None
) -> None:
    """An athlete's season report, read as the athlete themselves."""
    with session_scope() as session:
        user = _user(session, email)
        actor = actor_for_user(session, user)
        if actor.athlete_id is None:
            raise NotFound(f"{email} is not an athlete.")
        made = files.athlete_report(
            session, actor, actor.athlete_id, now=utcnow(), fmt=_format(fmt), season=season
        )
    _write(made, output)


@report_app.command("caseload")
@cli_command
def caseload(
    email: Annotated[str, typer.Argument(help="The coach (or an admin: the organization).")],
    season: Season = None,
    fmt: FormatOption = "pdf",
    output: Output = None,
) -> None:
    """A coach's caseload report, read as that coach (or an admin over the organization)."""
    with session_scope() as session:
        actor = actor_for_user(session, _user(session, email))
        made = files.caseload_report(session, actor, now=utcnow(), fmt=_format(fmt), season=season)
    _write(made, output)


def _user(session: Session, email: str) -> User:
    found = users.find_user_by_email(session, email)
    if found is None:
        raise NotFound(f"No account with the email {email}.")
    return found


def _format(text: str) -> files.Format:
    if text not in files.MEDIA_TYPES:
        raise typer.BadParameter("use pdf, xlsx or csv", param_hint="--format")
    return text


def _write(made: files.ReportFile, output: Path | None) -> None:
    target = output or Path.cwd()
    if target.is_dir():
        target = target / made.filename
    target.write_bytes(made.content)
    typer.echo(f"wrote {target} ({len(made.content):,} bytes)")
