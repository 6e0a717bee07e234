"""Nobody sees what is not theirs: the role table and the checks built on it.

Every page and action × each of the standard cast is in ``test_permission_matrix``."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from communitydna.web.accounts import permissions
from communitydna.web.accounts.models import Role
from communitydna.web.accounts.permissions import Capability
from communitydna.web.studies.services import study_import

from .support import Cast, small_snapshot

pytestmark = pytest.mark.django_db

# What each role may do, written out as the permission module's docstring shows it.
#                        owner  assessor contributor viewer outsider
CAPABILITIES = {
    Capability.VIEW_WORKSPACE: (1, 1, 1, 1, 0),
    Capability.VIEW_STUDY: (1, 1, 1, 1, 0),
    Capability.EXPORT_STUDY: (1, 1, 1, 1, 0),
    Capability.EDIT_STUDY: (1, 1, 1, 0, 0),
    Capability.RATE: (1, 1, 0, 0, 0),
    Capability.CREATE_STUDY: (1, 1, 0, 0, 0),
    Capability.DELETE_STUDY: (1, 0, 0, 0, 0),
    Capability.MANAGE_MEMBERS: (1, 0, 0, 0, 0),
    Capability.VIEW_TENSIONS: (1, 1, 0, 0, 0),
}
CAST = ("owner", "assessor", "contributor", "viewer", "outsider")


def test_the_role_table_covers_every_role_and_capability() -> None:
    assert set(permissions.ROLE_CAPABILITIES) == set(Role)
    assert set(CAPABILITIES) == set(Capability)


@pytest.mark.parametrize("capability", list(Capability))
def test_each_role_has_exactly_the_capabilities_of_the_table(
    cast: Cast, capability: Capability
) -> None:
    allowed = tuple(
        int(permissions.can(cast.by_role(person), capability, cast.workspace)) for person in CAST
    )
    assert allowed == CAPABILITIES[capability]


def test_the_named_checks_agree_with_the_table(cast: Cast) -> None:
    checks = {
        permissions.can_view_study: Capability.VIEW_STUDY,
        permissions.can_export_study: Capability.EXPORT_STUDY,
        permissions.can_edit_study: Capability.EDIT_STUDY,
        permissions.can_rate: Capability.RATE,
        permissions.can_delete_study: Capability.DELETE_STUDY,
    }
    for check, capability in checks.items():
        expected = CAPABILITIES[capability]
        assert tuple(int(check(cast.by_role(p), cast.study)) for p in CAST) == expected
    assert (
        tuple(int(permissions.can_manage_members(cast.by_role(p), cast.workspace)) for p in CAST)
        == (CAPABILITIES[Capability.MANAGE_MEMBERS])
    )


def test_being_a_superuser_grants_nothing_inside_a_workspace(cast: Cast) -> None:
    cast.outsider.is_superuser = cast.outsider.is_staff = True
    cast.outsider.save()
    assert not permissions.can_view_study(cast.outsider, cast.study)


def test_a_deactivated_member_loses_every_capability(cast: Cast) -> None:
    cast.owner.is_active = False
    cast.owner.save()
    assert permissions.role_of(cast.owner, cast.workspace) is None


def _without_csrf(page: bytes) -> bytes:
    """The page with its CSRF token (different in every response) blanked out."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", page)


def test_an_outsider_cannot_tell_a_hidden_study_from_a_missing_one(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.outsider)
    hidden = client.get(f"/studies/{cast.study.pk}/")
    missing = client.get(f"/studies/{cast.study.pk + 1000}/")
    assert hidden.status_code == missing.status_code == 404
    assert _without_csrf(hidden.content) == _without_csrf(missing.content)
    assert cast.study.name.encode() not in hidden.content
    hidden_workspace = client.get(f"/w/{cast.workspace.slug}/")
    missing_workspace = client.get("/w/no-such-workspace/")
    assert _without_csrf(hidden_workspace.content) == _without_csrf(missing_workspace.content)


def test_an_outsiders_home_does_not_list_other_workspaces(cast: Cast, client: Client) -> None:
    client.force_login(cast.outsider)
    page = client.get("/").content.decode()
    assert "Elsewhere Council" in page
    assert "Northgate Partnership" not in page


def test_only_those_who_may_rate_see_the_rating_form(cast: Cast, client: Client) -> None:
    url = f"/studies/{cast.study.pk}/measures/social/"
    sees_form = {"owner": True, "assessor": True, "contributor": False, "viewer": False}
    for who, sees in sees_form.items():
        client.force_login(cast.by_role(who))
        page = client.get(url).content.decode()
        assert ('name="position"' in page) is sees, who


def test_an_outsider_cannot_reach_another_studys_organisation_through_their_own_study(
    cast: Cast, client: Client
) -> None:
    theirs = study_import(
        workspace=cast.other_workspace, snapshot=small_snapshot("Elsewhere"), user=cast.outsider
    )
    ours = cast.study.organisations.get(key="foodbank")
    client.force_login(cast.outsider)
    assert client.get(f"/studies/{theirs.pk}/organisations/{ours.pk}/").status_code == 404
