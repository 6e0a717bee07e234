"""Personal API tokens: hashed at rest, scoped to a workspace and a role, revocable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from .support import Cast

pytestmark = pytest.mark.django_db


def _token(cast: Cast, who: str = "owner", **options: Any) -> tuple[Any, str]:
    from communitydna.web.api.services import token_create

    user = cast.by_role(who)
    return token_create(user=user, workspace=cast.workspace, actor=user, **options)


def _client(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_the_secret_is_not_stored_only_its_sha256(cast: Cast) -> None:
    import hashlib

    from communitydna.web.api.models import ApiToken

    made, secret = _token(cast, name="laptop")
    assert secret.startswith(f"cdna_{made.prefix}_")
    assert len(secret) > 40
    row = ApiToken.objects.get(pk=made.pk)
    stored = " ".join(str(value) for value in row.__dict__.values())
    assert secret not in stored
    assert secret.split("_")[-1] not in stored
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()


def test_a_token_works_and_records_when_it_was_last_used(cast: Cast) -> None:
    from communitydna.web.api.models import ApiToken

    made, secret = _token(cast)
    assert made.last_used_at is None
    assert _client(secret).get("/api/studies").status_code == 200
    assert ApiToken.objects.get(pk=made.pk).last_used_at is not None


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer cdna_nothing_here", "Basic b3duZXI6cGFzcw==", "Bearer " + "x" * 300],
)
def test_a_request_without_a_good_token_is_a_401_problem(cast: Cast, header: str) -> None:
    client = Client(HTTP_AUTHORIZATION=header) if header else Client()
    response = client.get(f"/api/studies/{cast.study.pk}")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


def test_a_revoked_token_is_refused_and_the_revocation_is_audited(cast: Cast) -> None:
    from communitydna.web.api.services import token_revoke
    from communitydna.web.audit.models import AuditEvent

    made, secret = _token(cast)
    client = _client(secret)
    assert client.get("/api/studies").status_code == 200
    token_revoke(token=made, actor=cast.owner)
    assert client.get("/api/studies").status_code == 401
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"api_token.created", "api_token.revoked"} <= actions


def test_people_make_and_revoke_only_their_own_tokens(cast: Cast) -> None:
    from communitydna.web.api.services import token_create, token_revoke

    with pytest.raises(PermissionDenied):
        token_create(user=cast.viewer, workspace=cast.workspace, actor=cast.owner)
    made, _ = _token(cast, "viewer")
    with pytest.raises(PermissionDenied):
        token_revoke(token=made, actor=cast.owner)


def test_a_token_cannot_be_made_for_more_than_its_holders_role(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        _token(cast, "contributor", role="owner")
    from communitydna.web.api.services import token_create

    with pytest.raises(ValidationError):
        token_create(user=cast.outsider, workspace=cast.workspace, actor=cast.outsider)


def test_a_token_with_a_lower_role_can_do_only_what_that_role_may(cast: Cast) -> None:
    _, secret = _token(cast, "owner", role="viewer")
    client = _client(secret)
    path = f"/api/studies/{cast.study.pk}/organisations"
    assert client.get(path).status_code == 200
    response = client.post(
        path, json.dumps({"name": "Library", "sector": "public"}), content_type="application/json"
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert client.get("/api/workspaces").json()[0]["role"] == "viewer"


def test_a_demoted_members_token_shrinks_with_them(cast: Cast) -> None:
    from communitydna.web.accounts.services import membership_set

    _, secret = _token(cast, "assessor")
    client = _client(secret)
    rate = f"/api/studies/{cast.study.pk}/ratings/public"
    body = json.dumps({"position": 3, "version": 0})
    membership_set(workspace=cast.workspace, member=cast.assessor, role="viewer", user=cast.owner)
    assert client.put(rate, body, content_type="application/json").status_code == 403
    assert client.get(f"/api/studies/{cast.study.pk}").status_code == 200


def test_a_token_of_one_workspace_cannot_see_another(cast: Cast) -> None:
    from communitydna.web.accounts.services import membership_set
    from communitydna.web.studies.services import study_import

    from .support import small_snapshot

    # the owner also belongs to the other workspace, but the token is not for it
    membership_set(
        workspace=cast.other_workspace, member=cast.owner, role="owner", user=cast.outsider
    )
    elsewhere = study_import(
        workspace=cast.other_workspace, snapshot=small_snapshot("Elsewhere"), user=cast.outsider
    )
    _, secret = _token(cast, "owner")
    client = _client(secret)
    assert client.get(f"/api/studies/{elsewhere.pk}").status_code == 404
    assert client.get(f"/api/studies/{elsewhere.pk}/organisations").status_code == 404
    assert [s["id"] for s in client.get("/api/studies").json()["results"]] == [cast.study.pk]
    assert [w["slug"] for w in client.get("/api/workspaces").json()] == [cast.workspace.slug]


def test_a_browser_session_may_read_but_writes_need_the_csrf_token(cast: Cast) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.owner)
    path = f"/api/studies/{cast.study.pk}/organisations"
    assert browser.get(path).status_code == 200
    refused = browser.post(
        path, json.dumps({"name": "Library", "sector": "public"}), content_type="application/json"
    )
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"


def test_a_write_with_no_credentials_at_all_is_a_401_not_a_csrf_failure(cast: Cast) -> None:
    nobody = Client(enforce_csrf_checks=True)
    response = nobody.post(
        f"/api/studies/{cast.study.pk}/organisations",
        json.dumps({"name": "Library", "sector": "public"}),
        content_type="application/json",
    )
    assert response.status_code == 401


def test_a_rating_can_be_cleared_with_null(cast: Cast) -> None:
    _, secret = _token(cast)
    client = _client(secret)
    path = f"/api/studies/{cast.study.pk}/ratings/social"
    version = client.get(path).json()["version"]
    cleared = client.put(
        path, json.dumps({"position": None, "version": version}), content_type="application/json"
    )
    assert cleared.status_code == 200, cleared.content
    assert (cleared.json()["position"], cleared.json()["label"]) == (None, "not rated")
    wrong = client.put(
        path, json.dumps({"position": 9, "version": 0}), content_type="application/json"
    )
    assert wrong.status_code == 422


def test_a_bad_token_is_refused_even_beside_a_session(cast: Cast) -> None:
    browser = Client(HTTP_AUTHORIZATION="Bearer cdna_forged_token")
    browser.force_login(cast.owner)
    assert browser.get(f"/api/studies/{cast.study.pk}").status_code == 401


def test_the_command_line_prints_the_token_on_its_last_line(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from communitydna.cli import cli

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    made = runner.invoke(
        cli,
        ["token", "create", "--email", "Viewer@Example.org", "--name", "script"],
        catch_exceptions=False,
    )
    assert made.exit_code == 0, made.output
    secret = made.output.strip().splitlines()[-1]
    assert secret.startswith("cdna_")
    assert _client(secret).get(f"/api/studies/{cast.study.pk}").status_code == 200

    too_much = runner.invoke(
        cli, ["token", "create", "--email", "viewer@example.org", "--role", "owner"]
    )
    assert too_much.exit_code == 1

    prefix = secret.split("_")[1]
    listed = runner.invoke(cli, ["token", "list", "--email", "viewer@example.org"])
    assert prefix in listed.output
    revoked = runner.invoke(cli, ["token", "revoke", prefix], catch_exceptions=False)
    assert revoked.exit_code == 0, revoked.output
    assert _client(secret).get(f"/api/studies/{cast.study.pk}").status_code == 401


def test_the_command_line_asks_which_workspace_when_there_are_several(cast: Cast) -> None:
    from communitydna.cli import cli
    from communitydna.web.accounts.services import membership_set

    membership_set(
        workspace=cast.other_workspace, member=cast.viewer, role="viewer", user=cast.outsider
    )
    runner = CliRunner()
    unsure = runner.invoke(cli, ["token", "create", "--email", "viewer@example.org"])
    assert unsure.exit_code == 1
    chosen = runner.invoke(
        cli,
        ["token", "create", "--email", "viewer@example.org", "--workspace", "Elsewhere Council"],
    )
    assert chosen.exit_code == 0, chosen.output
    assert "Elsewhere Council" in chosen.output


def test_people_make_and_revoke_their_tokens_on_a_page_of_their_own(cast: Cast) -> None:
    from communitydna.web.api.models import ApiToken

    browser = Client()
    browser.force_login(cast.contributor)
    page = browser.get("/account/api-tokens/")
    assert page.status_code == 200
    # a member of one workspace need not say which
    made = browser.post("/account/api-tokens/", {"action": "create", "name": "scripts"})
    assert made.status_code == 200
    assert made["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=cast.contributor)
    secret = made.context["secret"]
    assert secret.startswith(f"cdna_{token.prefix}_")
    assert token.role == "contributor"
    assert _client(secret).get(f"/api/studies/{cast.study.pk}").status_code == 200
    assert secret not in browser.get("/account/api-tokens/").content.decode()

    too_much = browser.post(
        "/account/api-tokens/",
        {"action": "create", "workspace": cast.workspace.slug, "role": "owner"},
    )
    assert too_much.status_code == 400
    assert ApiToken.objects.filter(user=cast.contributor).count() == 1

    someone_elses = browser.post(
        "/account/api-tokens/",
        {"action": "create", "workspace": cast.other_workspace.slug},
    )
    assert someone_elses.status_code == 400

    other = Client()
    other.force_login(cast.viewer)
    assert (
        other.post("/account/api-tokens/", {"action": "revoke", "prefix": token.prefix}).status_code
        == 404
    )
    revoked = browser.post("/account/api-tokens/", {"action": "revoke", "prefix": token.prefix})
    assert revoked.status_code == 302
    assert _client(secret).get(f"/api/studies/{cast.study.pk}").status_code == 401
