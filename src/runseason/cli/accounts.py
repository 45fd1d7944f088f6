"""``runseason org`` and ``runseason user``: an operator's onboarding commands."""

from __future__ import annotations

from typing import Literal

import typer
from pydantic import ValidationError

from runseason.cli.common import cli_command, fail
from runseason.db.session import session_scope
from runseason.db.types import utcnow
from runseason.errors import NotFound
from runseason.schemas.accounts import OrganizationCreate, UserCreate
from runseason.services.identity import organizations, users

org_app = typer.Typer(name="org", help="Organizations (tenants).", no_args_is_help=True)
user_app = typer.Typer(name="user", help="Accounts: create, reset passwords.", no_args_is_help=True)


def _invalid(error: ValidationError) -> typer.Exit:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return fail(f"{where}: {first['msg']}")


@org_app.command("create")
@cli_command
def create_org(
    name: str = typer.Argument(..., help="The organization's name."),
    slug: str = typer.Option(..., help="Short unique name used in commands (a-z, 0-9, -)."),
    timezone: str = typer.Option("UTC", help="IANA time zone, e.g. Europe/Oslo."),
) -> None:
    """Create an organization."""
    try:
        data = OrganizationCreate(name=name, slug=slug, timezone=timezone)
    except ValidationError as error:
        raise _invalid(error) from None
    with session_scope() as session:
        org = organizations.create_organization(session, data)
    typer.echo(f"organization {org.slug} created (id {org.id})")


@user_app.command("create")
@cli_command
def create_user(
    org: str = typer.Option(..., help="The organization's slug."),
    email: str = typer.Option(..., help="Sign-in email."),
    name: str = typer.Option(..., help="Full name."),
    role: str = typer.Option(..., help="coach, athlete or admin."),
    coach_email: str | None = typer.Option(None, help="For an athlete: the head coach's email."),
    timezone: str = typer.Option("UTC", help="IANA time zone."),
    unit: str = typer.Option("km", help="km or mi."),
) -> None:
    """Create an account and print its temporary password once."""
    with session_scope() as session:
        organization = organizations.get_organization_by_slug(session, org)
        coach_id = None
        if coach_email:
            coach = users.find_user_by_email(session, coach_email)
            if coach is None or coach.organization_id != organization.id:
                raise NotFound(f"No coach with the email {coach_email} in {org}.")
            coach_id = coach.id
        try:
            data = UserCreate(
                email=email,
                full_name=name,
                role=_role(role),
                timezone=timezone,
                unit_preference=_unit(unit),
                coach_id=coach_id,
            )
        except ValidationError as error:
            raise _invalid(error) from None
        created = users.create_user(
            session, None, data, now=utcnow(), organization_id=organization.id
        )
    typer.echo(f"{created.user.role} {created.user.email} created (id {created.user.id})")
    typer.echo(f"temporary password (shown once): {created.temporary_password}")


def _role(value: str) -> Literal["admin", "coach", "athlete"]:
    if value not in ("admin", "coach", "athlete"):
        raise fail("--role must be coach, athlete or admin")
    return value  # type: ignore[return-value]


def _unit(value: str) -> Literal["km", "mi"]:
    if value not in ("km", "mi"):
        raise fail("--unit must be km or mi")
    return value  # type: ignore[return-value]


@user_app.command("reset-password")
@cli_command
def reset_password(email: str = typer.Option(..., help="The account's email.")) -> None:
    """Give an account a new temporary password (printed once) and end its sessions."""
    with session_scope() as session:
        user = users.find_user_by_email(session, email)
        if user is None:
            raise NotFound(f"No account has the email {email}.")
        secret = users.reset_password(session, None, user.id, now=utcnow())
    typer.echo(f"temporary password for {email} (shown once): {secret}")
