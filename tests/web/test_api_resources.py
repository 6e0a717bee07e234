"""The JSON API's resources: each read and write, pages, filters and problem details."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from .support import Cast

pytestmark = pytest.mark.django_db


def bearer(cast: Cast, role: str = "owner", **options: Any) -> Client:
    """A client sending a new token of one of the cast as ``Authorization: Bearer``."""
    from communitydna.web.api.services import token_create

    user = cast.by_role(role)
    _, secret = token_create(user=user, workspace=cast.workspace, actor=user, **options)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def send(client: Client, method: str, path: str, body: object) -> Any:
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


@pytest.fixture
def owner(cast: Cast) -> Client:
    return bearer(cast)


def base(cast: Cast) -> str:
    return f"/api/studies/{cast.study.pk}"


def test_it_lists_the_studies_and_workspaces_a_token_may_see(cast: Cast, owner: Client) -> None:
    studies = owner.get("/api/studies").json()
    assert studies["count"] == 1
    assert studies["results"][0]["id"] == cast.study.pk
    assert studies["results"][0]["counts"]["organisations"] == 4
    assert owner.get("/api/workspaces").json() == [
        {"slug": cast.workspace.slug, "name": "Northgate Partnership", "role": "owner"}
    ]
    one = owner.get(base(cast)).json()
    assert (one["place"], one["variant"], one["wards"]) == (
        "Northgate",
        "community",
        ["North", "South"],
    )


def test_it_reads_organisations_in_the_workbooks_words(cast: Cast, owner: Client) -> None:
    body = owner.get(f"{base(cast)}/organisations").json()
    assert body["count"] == 4
    council = body["results"][0]
    assert council == {
        "id": "council",
        "name": "Northgate Council",
        "sector": "public",
        "type": "",
        "ward": "North",
        "postcode": "",
        "identifier": "",
        "led_by": [],
        "size": None,
        "notes": "",
        "attributes": {},
    }
    assert owner.get(f"{base(cast)}/organisations/bakery").json()["sector"] == "commercial"


def test_it_pages_lists_with_limit_and_offset(cast: Cast, owner: Client) -> None:
    first = owner.get(f"{base(cast)}/organisations?limit=3").json()
    assert [o["id"] for o in first["results"]] == ["council", "foodbank", "food-bank"]
    assert first["previous"] is None
    second = owner.get(first["next"]).json()
    assert [o["id"] for o in second["results"]] == ["bakery"]
    assert second["next"] is None
    assert second["count"] == 4
    assert owner.get(second["previous"]).json()["results"] == first["results"]


def test_it_filters_organisations(cast: Cast, owner: Client) -> None:
    def ids(query: str) -> list[str]:
        return [o["id"] for o in owner.get(f"{base(cast)}/organisations?{query}").json()["results"]]

    assert ids("sector=social") == ["foodbank", "food-bank"]
    assert ids("type=Charity") == ["foodbank"]
    assert ids("ward=north") == ["council"]
    assert ids("search=food%20bank") == ["food-bank"]
    assert ids("search=bakery&sector=commercial") == ["bakery"]


def test_it_filters_relationships_and_evidence(cast: Cast, owner: Client) -> None:
    def ids(what: str, query: str) -> list[str]:
        return [x["id"] for x in owner.get(f"{base(cast)}/{what}?{query}").json()["results"]]

    assert ids("relationships", "organisation=bakery") == ["R2"]
    assert ids("relationships", "type=GRANT") == ["R1"]
    assert ids("relationships", "status=ended") == []
    assert ids("evidence", "measure=social-public") == ["E1"]
    r1 = owner.get(f"{base(cast)}/relationships/R1").json()
    assert (r1["source"], r1["target"], r1["evidence"], r1["directed"]) == (
        "council",
        "foodbank",
        ["E1"],
        True,
    )
    r4 = owner.get(f"{base(cast)}/relationships?organisation=council").json()["results"][1]
    assert r4["since"] == "2019-03"


def test_it_adds_and_changes_an_organisation_through_the_service(cast: Cast, owner: Client) -> None:
    from communitydna.web.audit.models import AuditEvent

    made = send(
        owner,
        "post",
        f"{base(cast)}/organisations",
        {"name": "Northgate Library", "sector": "public"},
    )
    assert made.status_code == 201, made.content
    assert made.json()["id"] == "northgate-library"
    changed = send(
        owner,
        "put",
        f"{base(cast)}/organisations/northgate-library",
        {"name": "Northgate Library", "sector": "public", "ward": "South", "led_by": ["women"]},
    )
    assert changed.status_code == 200
    assert (changed.json()["ward"], changed.json()["led_by"]) == ("South", ["women"])
    actions = list(
        AuditEvent.objects.filter(study=cast.study).values_list("action", "actor__email")
    )
    assert ("organisation.created", "owner@example.org") in actions
    assert ("organisation.updated", "owner@example.org") in actions


def test_a_change_keeps_unknown_columns_unless_it_sends_them(cast: Cast, owner: Client) -> None:
    path = f"{base(cast)}/organisations"
    send(
        owner, "post", path, {"name": "Hub", "sector": "social", "attributes": {"charity no": "1"}}
    )
    kept = send(owner, "put", f"{path}/hub", {"name": "The Hub", "sector": "social"}).json()
    assert kept["attributes"] == {"charity no": "1"}
    cleared = send(
        owner, "put", f"{path}/hub", {"name": "Hub", "sector": "social", "attributes": {}}
    )
    assert cleared.json()["attributes"] == {}


def test_it_adds_and_changes_relationships_and_evidence(cast: Cast, owner: Client) -> None:
    made = send(
        owner,
        "post",
        f"{base(cast)}/relationships",
        {"source": "council", "target": "bakery", "type": "contract", "since": "July 2021"},
    )
    assert made.status_code == 201, made.content
    assert (made.json()["id"], made.json()["since"]) == ("R0005", "2021-07")
    changed = send(
        owner,
        "put",
        f"{base(cast)}/relationships/R0005",
        {"source": "council", "target": "bakery", "strength": 5, "evidence": ["E2"]},
    )
    assert (changed.json()["strength"], changed.json()["evidence"]) == (5, ["E2"])
    evidence = send(
        owner,
        "post",
        f"{base(cast)}/evidence",
        {"text": "Rooms are free.", "measures": ["social"], "polarity": "positive", "weight": 2},
    )
    assert evidence.status_code == 201
    key = evidence.json()["id"]
    again = send(
        owner,
        "put",
        f"{base(cast)}/evidence/{key}",
        {"text": "Rooms are free.", "organisations": ["council"], "date": "2024"},
    )
    assert (again.json()["organisations"], again.json()["date"]) == (["council"], "2024")


def test_invalid_input_is_a_problem_listing_every_problem(cast: Cast, owner: Client) -> None:
    response = send(
        owner,
        "post",
        f"{base(cast)}/relationships",
        {"source": "nowhere", "target": "bakery", "evidence": ["E9"]},
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["type"], body["title"], body["status"]) == (
        "/api/problems/validation",
        "Unprocessable Content",
        422,
    )
    locations = {e["location"] for e in body["errors"]}
    assert locations == {"body.source", "body.evidence"}
    schema = send(owner, "post", f"{base(cast)}/organisations", {"sector": "nowhere"}).json()
    assert schema["status"] == 422
    assert {e["location"] for e in schema["errors"]} == {"body.name", "body.sector"}


def test_text_no_database_keeps_is_refused(cast: Cast, owner: Client) -> None:
    response = send(
        owner, "post", f"{base(cast)}/organisations", {"name": "a\u0000b", "sector": "public"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["detail"].endswith("NUL characters")


def test_a_missing_thing_is_a_404_problem(cast: Cast, owner: Client) -> None:
    response = owner.get(f"{base(cast)}/organisations/nobody")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Not Found"
    assert owner.get("/api/studies/999999").status_code == 404


def test_ratings_come_in_the_studys_order_and_refuse_a_stale_version(
    cast: Cast, owner: Client
) -> None:
    ratings = owner.get(f"{base(cast)}/ratings").json()
    assert [r["measure"] for r in ratings][:3] == ["social", "public", "commercial"]
    assert ratings[-1]["measure"] == "overall"
    social = ratings[0]
    assert (social["position"], social["label"], social["number"]) == (4, "vulnerable–stable", 1)
    path = f"{base(cast)}/ratings/social"
    body = {"position": 5, "rationale": ["More forums"], "reason": "After the forum"}
    done = send(owner, "put", path, {**body, "version": social["version"]})
    assert done.status_code == 200, done.content
    assert (done.json()["position"], done.json()["version"]) == (5, social["version"] + 1)
    stale = send(owner, "put", path, {**body, "position": 6, "version": social["version"]})
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    assert stale.json()["current_version"] == social["version"] + 1
    assert owner.get(path).json()["position"] == 5
    assert owner.get(f"{base(cast)}/ratings/nonsense").status_code == 404


def test_recommendations_and_their_follow_ups(cast: Cast, owner: Client) -> None:
    path = f"{base(cast)}/recommendations"
    made = send(owner, "post", path, {"title": "Meet monthly", "measures": ["social-public"]})
    assert made.status_code == 201, made.content
    key = made.json()["id"]
    followed = send(
        owner, "post", f"{path}/{key}/followups", {"progress": "in progress", "date": "2025-06"}
    )
    assert followed.status_code == 201
    listed = owner.get(f"{path}?measure=social-public").json()["results"]
    assert listed[0]["followups"] == [
        {"recommendation": key, "date": "2025-06", "progress": "in progress", "notes": ""}
    ]
    changed = send(owner, "put", f"{path}/{key}", {"title": "Meet every month", "owner": "Ann"})
    assert (changed.json()["title"], changed.json()["owner"]) == ("Meet every month", "Ann")


def test_actions_indicators_observations_and_tensions(cast: Cast, owner: Client) -> None:
    actions = owner.get(f"{base(cast)}/actions").json()["results"]
    assert actions[0]["lead"] == [
        {"name": "Northgate Food Bank", "organisation": "food-bank"},
        {"name": "Someone else", "organisation": None},
    ]
    made = send(
        owner,
        "post",
        f"{base(cast)}/actions",
        {
            "ref": "2.1",
            "action": "Open on Sundays",
            "milestones": [{"text": "Agree", "due": "2025-09"}],
        },
    )
    assert made.status_code == 201, made.content
    update = send(
        owner,
        "post",
        f"{base(cast)}/actions/2.1/updates",
        {"date": "2025-10", "status": "on track"},
    )
    assert update.json()["updates"] == [{"date": "2025-10", "status": "on track", "note": ""}]

    indicator = send(
        owner, "post", f"{base(cast)}/indicators", {"name": "Residents who volunteer", "unit": "%"}
    )
    assert indicator.status_code == 201, indicator.content
    key = indicator.json()["id"]
    value = send(
        owner,
        "post",
        f"{base(cast)}/indicators/{key}/observations",
        {"period": "2024/25", "kind": "baseline", "value": "less than 40%", "area": "North"},
    )
    assert value.status_code == 201, value.content
    assert value.json()["value"] == "less than 40%"
    assert (value.json()["number"], value.json()["qualifier"]) == ("40", "<")
    found = owner.get(f"{base(cast)}/observations?indicator={key}&area=north").json()
    assert found["count"] == 1
    assert owner.get(f"{base(cast)}/observations?period=2030").json()["count"] == 0

    tension = send(
        owner, "post", f"{base(cast)}/tensions", {"date": "2024-05", "area": "North", "severity": 3}
    )
    assert tension.status_code == 201, tension.content
    assert owner.get(f"{base(cast)}/tensions?area=NORTH").json()["results"][0]["severity"] == 3


def test_it_gives_the_analysis_document(cast: Cast, owner: Client) -> None:
    response = owner.get(f"{base(cast)}/analysis")
    assert response.status_code == 200
    assert "sectors" in response.json() or response.json()


def test_a_large_place_is_analysed_in_the_background(
    cast: Cast, owner: Client, settings: Any
) -> None:
    settings.BACKGROUND_ORGANISATIONS = 1
    # a backend that keeps the work waiting, as a busy worker would
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = owner.get(f"{base(cast)}/analysis")
    assert response.status_code == 202, response.content
    job = response.json()
    assert (job["kind"], job["status"], job["result_url"]) == ("analysis", "queued", None)
    assert owner.get(job["url"]).json()["status"] == "queued"
    # asked again, the same job is followed rather than another started
    assert owner.get(f"{base(cast)}/analysis").json()["id"] == job["id"]


def test_it_writes_a_report_in_the_background_and_hands_over_the_file(
    cast: Cast, owner: Client
) -> None:
    started = send(owner, "post", f"{base(cast)}/reports", {"format": "html"})
    assert started.status_code == 202, started.content
    job = started.json()
    assert job["kind"] == "report"
    status = owner.get(job["url"]).json()
    assert status["status"] == "done", status
    result = owner.get(status["result_url"])
    assert result.status_code == 200
    assert result["Content-Type"].startswith("text/html")
    assert b"Northgate" in b"".join(result.streaming_content)


def test_it_renders_the_report_inline(cast: Cast, owner: Client) -> None:
    response = owner.get(f"{base(cast)}/report.html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"Northgate" in response.content


def test_the_openapi_document_is_public_and_lists_every_resource(client: Client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for resource in (
        "organisations",
        "relationships",
        "evidence",
        "ratings",
        "recommendations",
        "actions",
        "indicators",
        "observations",
        "tensions",
        "analysis",
        "reports",
    ):
        assert f"/api/studies/{{study_id}}/{resource}" in paths


def test_it_imports_a_study_from_a_workbook_or_an_archive(
    cast: Cast, owner: Client, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from communitydna.io import write_study
    from communitydna.io.archive import snapshot_to_archive

    from .support import small_snapshot

    path = tmp_path / "southgate.xlsx"
    write_study(small_snapshot("Southgate"), path)
    upload = SimpleUploadedFile("southgate.xlsx", path.read_bytes())
    slug = cast.workspace.slug
    made = owner.post(f"/api/workspaces/{slug}/studies/workbook", {"workbook": upload})
    assert made.status_code == 201, made.content
    assert (made.json()["place"], made.json()["counts"]["organisations"]) == ("Southgate", 4)

    archive = snapshot_to_archive(small_snapshot("Eastgate"))
    again = send(owner, "post", f"/api/workspaces/{slug}/studies", archive)
    assert again.status_code == 201, again.content
    assert again.json()["place"] == "Eastgate"

    archive["organisations"][0]["sector"] = "nowhere"
    refused = send(owner, "post", f"/api/workspaces/{slug}/studies", archive)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["location"].startswith("$.organisations[0]")


def test_a_contributor_cannot_import_a_study_through_the_api(cast: Cast) -> None:
    from communitydna.io.archive import snapshot_to_archive

    from .support import small_snapshot

    contributor = bearer(cast, "contributor")
    archive = snapshot_to_archive(small_snapshot("Eastgate"))
    response = send(contributor, "post", f"/api/workspaces/{cast.workspace.slug}/studies", archive)
    assert response.status_code == 403


def test_a_body_that_is_not_json_is_a_400_problem(cast: Cast, owner: Client) -> None:
    response = owner.post(
        f"{base(cast)}/organisations", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Bad Request"


def test_a_failure_of_ours_is_a_500_problem_that_tells_nothing_of_the_inside(
    cast: Cast, owner: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from communitydna.web.api.routers import studies

    def broken(study: Any) -> dict[str, int]:
        raise RuntimeError("secret detail of the database")

    monkeypatch.setattr(studies, "study_counts", broken)
    response = owner.get(base(cast))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["title"] == "Internal Server Error"
    assert "secret" not in response.content.decode()
