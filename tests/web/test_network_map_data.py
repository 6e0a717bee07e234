"""The map's data: its shape and flags on the demo study, and its size at 5,000
organisations."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from communitydna.web.network.mapdata import map_data

from .support import Cast

pytestmark = pytest.mark.django_db

NODE_KEYS = {
    "id",
    "key",
    "name",
    "sector",
    "type",
    "ward",
    "led_by",
    "x",
    "y",
    "broker",
    "cut_point",
    "gaps",
}
EDGE_KEYS = {
    "id",
    "source",
    "target",
    "type",
    "strength",
    "status",
    "tense",
    "directed",
    "since",
    "until",
}


@pytest.fixture
def demo_study(cast: Cast) -> object:
    from communitydna.demo import demo_snapshot
    from communitydna.web.studies.services import study_import

    return study_import(workspace=cast.workspace, snapshot=demo_snapshot(), user=None)


def test_map_data_gives_every_organisation_and_relationship_with_its_fields(
    cast: Cast, demo_study: object
) -> None:
    from communitydna.demo import demo_snapshot

    client = Client()
    client.force_login(cast.viewer)
    response = client.get(f"/studies/{demo_study.pk}/map/data/")  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    snapshot = demo_snapshot()
    assert [n["key"] for n in data["nodes"]] == [o.id for o in snapshot.organisations]
    edges = data["edges"]
    assert set(edges) == EDGE_KEYS
    assert edges["id"] == [r.id for r in snapshot.relationships]
    assert all(len(column) == len(snapshot.relationships) for column in edges.values())
    assert all(set(n) == NODE_KEYS for n in data["nodes"])
    assert set(edges["strength"]) <= {1, 2, 3, 4, 5}
    assert set(edges["tense"]) <= {0, 1}
    assert all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in data["nodes"])
    assert {n["sector"] for n in data["nodes"]} == {"public", "commercial", "social"}
    count = len(data["nodes"])
    assert all(0 <= i < count for i in edges["source"] + edges["target"])


def test_map_data_flags_match_the_core_analysis(cast: Cast, demo_study: object) -> None:
    import datetime as dt

    from communitydna.analysis import analyse
    from communitydna.demo import demo_snapshot

    day = dt.date(2025, 6, 1)
    data = map_data(demo_study, today=day)  # type: ignore[arg-type]
    analysis = analyse(demo_snapshot(), as_of=day, shocks=False, jobs=1)
    flagged_cuts = {n["key"] for n in data["nodes"] if n["cut_point"]}
    assert flagged_cuts == {c.id for c in analysis.cut_points}
    without_tie = {
        key
        for by_other in analysis.gaps.without_tie.values()
        for ids in by_other.values()
        for key in ids
    }
    assert {n["key"] for n in data["nodes"] if n["gaps"]} == without_tie
    brokers = [n for n in data["nodes"] if n["broker"]]
    assert brokers, "the demo study has brokers"
    ids = analysis.network.ids
    assert all(analysis.brokerage.counts[ids.index(n["key"]), -1] > 0 for n in brokers)


def test_map_data_positions_are_the_same_on_every_request(cast: Cast, demo_study: object) -> None:
    first = map_data(demo_study)  # type: ignore[arg-type]
    second = map_data(demo_study)  # type: ignore[arg-type]
    assert [(n["x"], n["y"]) for n in first["nodes"]] == [(n["x"], n["y"]) for n in second["nodes"]]


@pytest.mark.slow
def test_map_data_for_5000_organisations_stays_within_a_few_megabytes(cast: Cast) -> None:
    from communitydna.demo import synthetic_snapshot
    from communitydna.web.studies.services import study_import

    study = study_import(
        workspace=cast.workspace, snapshot=synthetic_snapshot(5000, 25000, seed=1), user=None
    )
    client = Client()
    client.force_login(cast.viewer)
    response = client.get(f"/studies/{study.pk}/map/data/")
    data = json.loads(response.content)
    assert (len(data["nodes"]), len(data["edges"]["id"])) == (5000, 25000)
    assert len(response.content) < 3_000_000


def test_the_kept_map_data_follows_a_change_to_the_study(cast: Cast) -> None:
    from communitydna.framework import Sector
    from communitydna.snapshot import Organisation
    from communitydna.web.network.mapdata import map_data_json
    from communitydna.web.studies.services import organisation_create

    before = map_data_json(cast.study)
    assert map_data_json(cast.study) == before
    organisation_create(
        study=cast.study,
        organisation=Organisation("", "Youth Club", Sector.SOCIAL),
        user=cast.contributor,
    )
    after = map_data_json(cast.study)
    assert after.etag != before.etag
    nodes = json.loads(after.body)["nodes"]
    assert [n["name"] for n in nodes][-1] == "Youth Club"
    assert len(nodes) == len(json.loads(before.body)["nodes"]) + 1


def test_a_browser_holding_the_current_map_data_is_told_it_has_not_changed(cast: Cast) -> None:
    from communitydna.framework import Sector
    from communitydna.snapshot import Organisation
    from communitydna.web.studies.services import organisation_create

    client = Client()
    client.force_login(cast.viewer)
    url = f"/studies/{cast.study.pk}/map/data/"
    first = client.get(url)
    tag = first["ETag"]
    assert first.status_code == 200
    assert tag
    again = client.get(url, headers={"If-None-Match": tag})
    assert (again.status_code, again.content) == (304, b"")
    organisation_create(
        study=cast.study,
        organisation=Organisation("", "Youth Club", Sector.SOCIAL),
        user=cast.contributor,
    )
    changed = client.get(url, headers={"If-None-Match": tag})
    assert changed.status_code == 200
    assert changed["ETag"] != tag
    assert "Youth Club" in {n["name"] for n in json.loads(changed.content)["nodes"]}


@pytest.mark.parametrize(
    ("accepted", "compressed"),
    [("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.5", True), ("gzip;q=0", False), ("", False)],
)
def test_the_map_data_is_sent_compressed_to_browsers_that_accept_it(
    cast: Cast, accepted: str, compressed: bool
) -> None:
    import gzip

    client = Client()
    client.force_login(cast.viewer)
    response = client.get(
        f"/studies/{cast.study.pk}/map/data/", headers={"Accept-Encoding": accepted}
    )
    assert response.status_code == 200
    assert "Accept-Encoding" in response["Vary"]
    plain = client.get(f"/studies/{cast.study.pk}/map/data/").content
    if compressed:
        assert response["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.content) == plain
    else:
        assert not response.has_header("Content-Encoding")
        assert response.content == plain
    assert json.loads(plain)["nodes"]
