"""``communitydna token``: personal tokens for the JSON API.

``token create`` prints the new token on its last line (and nowhere else, ever: only its
hash is kept), so a script can take it with ``tail -n 1``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from communitydna.cli.common import fail

if TYPE_CHECKING:
    from communitydna.web.accounts.models import User, Workspace

__all__ = ["token"]

ROLES = ("owner", "assessor", "contributor", "viewer")


@click.group("token")
def token() -> None:
    """Personal tokens for the JSON API (sent as 'Authorization: Bearer <token>')."""


def _user_or_exit(email: str) -> User:
    from communitydna.web.accounts.models import User

    person = User.objects.filter(email__iexact=email.strip()).first()
    if person is None or not person.is_active:
        fail(f"there is no active person with the address {email!r}")
    return person


def _workspace_or_exit(person: User, name: str | None) -> Workspace:
    from django.db.models import Q

    from communitydna.web.accounts.models import Workspace

    theirs = Workspace.objects.filter(memberships__user=person).order_by("name")
    if name is not None:
        found = theirs.filter(Q(name__iexact=name.strip()) | Q(slug=name.strip())).first()
        if found is None:
            fail(f"{person.email} is not a member of a workspace called {name!r}")
        return found
    workspaces = list(theirs[:2])
    if len(workspaces) != 1:
        listed = ", ".join(theirs.values_list("name", flat=True)) or "none"
        fail(f"say which workspace with --workspace (theirs: {listed})")
    return workspaces[0]


@token.command("create")
@click.option("--email", required=True, help="Whose token it is.")
@click.option(
    "--workspace",
    "workspace_name",
    default=None,
    help="Its workspace (name or slug); needed if they belong to more than one.",
)
@click.option(
    "--role",
    default=None,
    type=click.Choice(ROLES, case_sensitive=False),
    help="The most it may do (default and highest: the person's own role).",
)
@click.option("--name", default="", help="What it is for, to tell tokens apart.")
def token_create_command(
    email: str, workspace_name: str | None, role: str | None, name: str
) -> None:
    """Make a personal API token; the token itself is the last line printed."""
    from communitydna.cli.web import _django

    _django()
    from django.core.exceptions import ValidationError

    from communitydna.web.api.services import token_create

    person = _user_or_exit(email)
    workspace = _workspace_or_exit(person, workspace_name)
    try:
        made, secret = token_create(
            user=person,
            workspace=workspace,
            role=role.lower() if role else None,
            name=name,
            actor=None,
        )
    except ValidationError as exc:
        fail("; ".join(exc.messages))
    click.echo(
        f"Token {made.prefix} for {person.email} in {workspace.name} as {made.role}. "
        "Keep it secret; it is not shown again."
    )
    click.echo(secret)


@token.command("revoke")
@click.argument("prefix")
def token_revoke_command(prefix: str) -> None:
    """Revoke the token whose public part (shown when it was made) is PREFIX."""
    from communitydna.cli.web import _django

    _django()
    from communitydna.web.api.models import ApiToken
    from communitydna.web.api.services import token_revoke

    found = ApiToken.objects.select_related("user", "workspace").filter(prefix=prefix).first()
    if found is None:
        fail(f"there is no token {prefix!r}")
    token_revoke(token=found, actor=None)
    click.echo(f"Revoked token {found.prefix} of {found.user.email} in {found.workspace.name}.")


@token.command("list")
@click.option("--email", required=True, help="Whose tokens.")
def token_list_command(email: str) -> None:
    """A person's tokens: public part, workspace, role, name, last used, revoked."""
    from communitydna.cli.web import _django

    _django()
    from communitydna.web.api.models import ApiToken

    person = _user_or_exit(email)
    for found in ApiToken.objects.filter(user=person).select_related("workspace"):
        used = found.last_used_at.isoformat(timespec="minutes") if found.last_used_at else "never"
        state = "revoked" if found.revoked_at else "active"
        click.echo(
            f"{found.prefix}\t{found.workspace.name}\t{found.role}\t{found.name}\t{used}\t{state}"
        )
