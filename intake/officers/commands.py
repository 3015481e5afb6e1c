"""`intake officers ...` and `intake tokens ...`: accounts and integration tokens from the command line."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from intake.errors import BadInputError
from intake.officers import accounts, tokens
from intake.services import services


@click.group("officers")
def officers_cli() -> None:
    """ASB officers' and managers' accounts."""


@officers_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in accounts.Role]), default="officer", show_default=True)
@click.password_option(help="Prompted for (twice) when not given.")
@with_appcontext
def create_officer(email: str, name: str, role: str, password: str) -> None:
    """Create an account; the password is stored only as an argon2 hash."""
    try:
        with services().db.transaction() as session:
            officer = accounts.create_officer(session, email, name, role, password)
            click.echo(f"created {officer.role} {officer.email} (id {officer.id})")
    except BadInputError as error:
        raise click.ClickException(str(error)) from None


@officers_cli.command("demo")
@with_appcontext
def demo_officer() -> None:
    """Create (or keep) the demo manager and print its sign-in. For a laptop copy only."""
    with services().db.transaction() as session:
        accounts.ensure_demo_officer(session)
    base = services().settings.public_base_url
    click.echo(f"Demo officer (demo only, never in production): sign in at {base}/officers/login")
    click.echo(f"  email:    {accounts.DEMO_EMAIL}")
    click.echo(f"  password: {accounts.DEMO_PASSWORD}")


@click.group("tokens")
def tokens_cli() -> None:
    """API tokens for the landlord's other systems (the /api/cases JSON API)."""


@tokens_cli.command("create")
@click.option("--name", required=True, help="The integration the token is for, e.g. 'partnership export'.")
@with_appcontext
def create_token(name: str) -> None:
    """Print a new token once; only its hash is kept."""
    with services().db.transaction() as session:
        row, token = tokens.create_token(session, name)
        click.echo(f"token {row.id} for {row.name} (shown once, keep it safe):")
        click.echo(token)


@tokens_cli.command("revoke")
@click.argument("token_id", type=int)
@with_appcontext
def revoke_token(token_id: int) -> None:
    with services().db.transaction() as session:
        if not tokens.revoke_token(session, token_id):
            raise click.ClickException(f"no token with id {token_id}")
    click.echo(f"token {token_id} revoked")
