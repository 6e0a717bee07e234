from __future__ import annotations

from django.urls import path

from communitydna.web.network.views import maps, organisations, relationships

app_name = "network"

_STUDY = "studies/<int:study_id>/"

urlpatterns = [
    path(f"{_STUDY}organisations/", organisations.organisation_list, name="organisations"),
    path(f"{_STUDY}organisations/new/", organisations.organisation_new, name="organisation_new"),
    path(
        f"{_STUDY}organisations/<int:organisation_id>/",
        organisations.organisation_detail,
        name="organisation",
    ),
    path(
        f"{_STUDY}organisations/<int:organisation_id>/edit/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        f"{_STUDY}organisations/<int:organisation_id>/merge/",
        organisations.organisation_merge,
        name="organisation_merge",
    ),
    path(f"{_STUDY}relationships/", relationships.relationship_list, name="relationships"),
    path(f"{_STUDY}relationships/new/", relationships.relationship_new, name="relationship_new"),
    path(
        f"{_STUDY}relationships/<int:relationship_id>/edit/",
        relationships.relationship_edit,
        name="relationship_edit",
    ),
    path(f"{_STUDY}map/", maps.network_map, name="map"),
    path(f"{_STUDY}map/data/", maps.network_map_data, name="map_data"),
]
