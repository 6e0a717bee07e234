"""People log in with their e-mail address; owners manage members; invitations by link."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from communitydna.web.accounts.models import Invitation, Membership, Role, User
from communitydna.web.accounts.permissions import role_of
from communitydna.web.accounts.services import (
    invitation_accept,
    invitation_create,
    membership_set,
    user_create,
    workspace_create,
)
from communitydna.web.audit.models import AuditEvent

from .support import PASSWORD, Cast, make_user

pytestmark = pytest.mark.django_db


# -- logging in -----------------------------------------------------------------------------


def test_a_person_logs_in_with_their_email_in_any_letter_case(cast: Cast, client: Client) -> None:
    response = client.post(
        "/accounts/login/", {"username": "Owner@Example.ORG", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_wrong_password_shows_the_form_again_with_an_error(cast: Cast, client: Client) -> None:
    response = client.post("/accounts/login/", {"username": "owner@example.org", "password": "x"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


def test_logging_out_takes_a_post(cast: Cast, client: Client) -> None:
    client.force_login(cast.owner)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_a_password_can_be_changed(cast: Cast, client: Client) -> None:
    client.force_login(cast.viewer)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another long password 2",
            "new_password2": "another long password 2",
        },
    )
    assert response.status_code == 302
    cast.viewer.refresh_from_db()
    assert cast.viewer.check_password("another long password 2")


def test_a_forgotten_password_is_reset_through_an_emailed_link(cast: Cast, client: Client) -> None:
    client.post("/accounts/password_reset/", {"email": "viewer@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a brand new password 3", "new_password2": "a brand new password 3"},
    )
    assert done.status_code == 302
    cast.viewer.refresh_from_db()
    assert cast.viewer.check_password("a brand new password 3")


def test_a_reset_for_an_unknown_address_sends_nothing_and_says_the_same(
    db: None, client: Client
) -> None:
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


# -- people and workspaces ------------------------------------------------------------------


def test_an_email_address_is_one_account_whatever_its_letter_case(cast: Cast) -> None:
    with pytest.raises(ValidationError) as refused:
        user_create(email="OWNER@example.org", password=PASSWORD)
    assert "email" in refused.value.message_dict


def test_a_weak_password_is_refused(db: None) -> None:
    with pytest.raises(ValidationError) as refused:
        user_create(email="new@example.org", password="password")
    assert "password" in refused.value.message_dict
    assert not User.objects.filter(email="new@example.org").exists()


def test_whoever_creates_a_workspace_owns_it(db: None) -> None:
    ann = make_user("ann@example.org")
    workspace = workspace_create(name="  Tarnley   Council ", user=ann)
    assert (workspace.name, workspace.slug) == ("Tarnley Council", "tarnley-council")
    assert role_of(ann, workspace) == Role.OWNER
    assert AuditEvent.objects.filter(action="workspace.created", actor=ann).exists()


def test_two_workspaces_cannot_share_a_name(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        workspace_create(name="northgate partnership", user=None)


def test_an_owner_changes_and_removes_roles_and_the_audit_log_says_so(cast: Cast) -> None:
    membership_set(workspace=cast.workspace, member=cast.viewer, role="assessor", user=cast.owner)
    assert role_of(cast.viewer, cast.workspace) == Role.ASSESSOR
    membership_set(workspace=cast.workspace, member=cast.viewer, role=None, user=cast.owner)
    assert role_of(cast.viewer, cast.workspace) is None
    changes = [
        e.data["role"]
        for e in AuditEvent.objects.filter(action="membership.set", target="viewer@example.org")
    ]
    assert changes == [["assessor", None], ["viewer", "assessor"], [None, "viewer"]]


@pytest.mark.parametrize("role", ["assessor", "contributor", "viewer", "outsider"])
def test_only_owners_manage_members(cast: Cast, role: str) -> None:
    with pytest.raises(PermissionDenied):
        membership_set(
            workspace=cast.workspace, member=cast.outsider, role="viewer", user=cast.by_role(role)
        )


def test_a_workspace_keeps_at_least_one_owner(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        membership_set(workspace=cast.workspace, member=cast.owner, role="viewer", user=cast.owner)
    membership_set(workspace=cast.workspace, member=cast.assessor, role="owner", user=cast.owner)
    membership_set(workspace=cast.workspace, member=cast.owner, role="viewer", user=cast.assessor)
    assert role_of(cast.owner, cast.workspace) == Role.VIEWER


def test_an_unknown_role_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        membership_set(workspace=cast.workspace, member=cast.viewer, role="boss", user=None)


# -- invitations ----------------------------------------------------------------------------


def test_an_invitation_link_lets_a_newcomer_make_an_account_and_join(
    cast: Cast, client: Client
) -> None:
    _, token = invitation_create(
        workspace=cast.workspace, email="New@Example.org", role="contributor", user=cast.owner
    )
    page = client.get(f"/invitations/{token}/")
    assert "Make your account for new@example.org" in page.content.decode()
    response = client.post(
        f"/invitations/{token}/",
        {"name": "Nia New", "password": PASSWORD, "password_again": PASSWORD},
    )
    assert response["Location"] == f"/w/{cast.workspace.slug}/"
    newcomer = User.objects.get(email="new@example.org")
    assert role_of(newcomer, cast.workspace) == Role.CONTRIBUTOR
    assert client.get(f"/studies/{cast.study.pk}/").status_code == 200


def test_an_invitation_works_once(cast: Cast, client: Client) -> None:
    _, token = invitation_create(
        workspace=cast.workspace, email="outsider@example.org", role="viewer", user=cast.owner
    )
    client.force_login(cast.outsider)
    assert client.post(f"/invitations/{token}/").status_code == 302
    assert role_of(cast.outsider, cast.workspace) == Role.VIEWER
    assert client.get(f"/invitations/{token}/").status_code == 404


def test_an_invitation_for_someone_else_is_not_accepted(cast: Cast, client: Client) -> None:
    _, token = invitation_create(
        workspace=cast.workspace, email="someone@example.org", role="owner", user=cast.owner
    )
    client.force_login(cast.outsider)
    page = client.get(f"/invitations/{token}/").content.decode()
    assert "This invitation is for someone@example.org" in page
    client.post(f"/invitations/{token}/")
    assert role_of(cast.outsider, cast.workspace) is None


def test_an_expired_or_unknown_invitation_is_not_found(cast: Cast, client: Client) -> None:
    invitation, token = invitation_create(
        workspace=cast.workspace, email="late@example.org", role="viewer", user=cast.owner
    )
    invitation.expires_at = timezone.now() - dt.timedelta(seconds=1)
    invitation.save()
    assert client.get(f"/invitations/{token}/").status_code == 404
    assert client.get("/invitations/made-up/").status_code == 404
    with pytest.raises(Invitation.DoesNotExist):
        invitation_accept(token=token, user=make_user("late@example.org"))


def test_a_member_who_accepts_a_lesser_invitation_keeps_their_role(cast: Cast) -> None:
    _, token = invitation_create(
        workspace=cast.workspace, email="assessor@example.org", role="viewer", user=cast.owner
    )
    invitation_accept(token=token, user=cast.assessor)
    assert role_of(cast.assessor, cast.workspace) == Role.ASSESSOR


def test_only_a_hash_of_the_invitation_token_is_stored(cast: Cast) -> None:
    invitation, token = invitation_create(
        workspace=cast.workspace, email="x@example.org", role="viewer", user=cast.owner
    )
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()


@pytest.mark.parametrize("role", ["assessor", "contributor", "viewer"])
def test_only_owners_invite(cast: Cast, role: str) -> None:
    with pytest.raises(PermissionDenied):
        invitation_create(
            workspace=cast.workspace, email="x@example.org", role="viewer", user=cast.by_role(role)
        )
    assert not Membership.objects.filter(user__email="x@example.org").exists()
