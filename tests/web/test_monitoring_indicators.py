"""Indicators: definitions, values kept exactly, progress, and the all-or-nothing CSV import."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communitydna.monitoring import Standing
from communitydna.snapshot import Direction, Indicator, Observation, ObservationKind, Quantity
from communitydna.web.audit.models import AuditEvent
from communitydna.web.monitoring.selectors import indicator_views
from communitydna.web.studies.models import Indicator as IndicatorRow
from communitydna.web.studies.models import Observation as ObservationRow
from communitydna.web.studies.selectors import study_to_snapshot
from communitydna.web.studies.services.indicators import (
    ObservationImportError,
    indicator_create,
    observation_add,
    observations_import,
)

from .support import Cast

pytestmark = pytest.mark.django_db


def _indicator(cast: Cast, direction: Direction | None = Direction.DOWN) -> IndicatorRow:
    return indicator_create(
        study=cast.study,
        indicator=Indicator(
            "NI 152", "Out-of-work benefit claimants", unit="%", direction=direction
        ),
        user=None,
    )


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


GOOD = """indicator,period,kind,value,area,breakdown,source
NI 152,2022/23,baseline,20%,,,ONS
NI 152,2024/25,target,less than 10%,,,
NI 152,2023/24,actual,16%,,,ONS
NI 152,2023/24,actual,to be determined,North,,
Out-of-work benefit claimants,2023/24,actual,,South,age=16-24; gender=female,
"""


def test_a_csv_file_is_imported_whole_keeping_qualifiers_and_unknown_values(cast: Cast) -> None:
    _indicator(cast)
    assert observations_import(study=cast.study, data=_csv(GOOD), user=cast.contributor) == 5
    saved = study_to_snapshot(cast.study).observations
    assert [str(o.value) for o in saved] == [
        "20%",
        "less than 10%",
        "16%",
        "to be determined",
        "to be determined",
    ]
    assert saved[4].breakdown == (("age", "16-24"), ("gender", "female"))
    assert saved[0].attributes == {"source": "ONS"}
    assert not ObservationRow.objects.filter(value="0").exists()
    assert AuditEvent.objects.get(action="observations.imported").data["rows"] == 5


def test_a_csv_file_with_any_problem_imports_nothing_and_names_each_by_row_and_column(
    cast: Cast,
) -> None:
    _indicator(cast)
    bad = """indicator,period,kind,value,breakdown
NI 152,2022/23,baseline,20%,
NI 999,2023/24,actual,16%,
NI 152,,sometimes,lots,
NI 152,2023/24,actual,12,=16-24
"""
    with pytest.raises(ObservationImportError) as caught:
        observations_import(study=cast.study, data=_csv(bad), user=None)
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (3, "indicator"),
        (4, "period"),
        (4, "kind"),
        (4, "value"),
        (5, "breakdown"),
    ]
    assert not ObservationRow.objects.exists()
    assert not AuditEvent.objects.filter(action="observations.imported").exists()


def test_a_file_without_the_needed_columns_is_refused(cast: Cast) -> None:
    with pytest.raises(ObservationImportError) as caught:
        observations_import(study=cast.study, data=_csv("name,when\nx,y\n"), user=None)
    assert sorted((p.row, p.column) for p in caught.value.problems) == [
        (1, "indicator"),
        (1, "kind"),
        (1, "period"),
    ]


def test_a_viewer_may_not_import_or_add_values(cast: Cast) -> None:
    row = _indicator(cast)
    with pytest.raises(PermissionDenied):
        observations_import(study=cast.study, data=_csv(GOOD), user=cast.viewer)
    with pytest.raises(PermissionDenied):
        observation_add(
            indicator=row,
            observation=Observation("", "2024", ObservationKind.ACTUAL, Quantity.parse("3")),
            user=cast.viewer,
        )
    client = Client()
    client.force_login(cast.viewer)
    upload = SimpleUploadedFile("values.csv", _csv(GOOD), content_type="text/csv")
    url = reverse("monitoring:observations_import", args=[cast.study.pk])
    assert client.post(url, {"file": upload}).status_code == 403
    assert not ObservationRow.objects.exists()


def test_the_import_page_lists_the_problems_and_imports_nothing(cast: Cast) -> None:
    _indicator(cast)
    client = Client()
    client.force_login(cast.contributor)
    upload = SimpleUploadedFile(
        "values.csv",
        _csv("indicator,period,kind,value\nNI 152,2024,actual,12\nNope,2024,actual,about\n"),
    )
    response = client.post(
        reverse("monitoring:observations_import", args=[cast.study.pk]), {"file": upload}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "nothing was imported" in page
    assert (
        '<td class="govuk-table__cell">3</td><td class="govuk-table__cell">indicator</td>' in page
    )
    assert not ObservationRow.objects.exists()


def test_progress_goes_the_better_way_and_to_be_determined_is_never_zero(cast: Cast) -> None:
    _indicator(cast)
    observations_import(study=cast.study, data=_csv(GOOD), user=None)
    view = indicator_views(cast.study)[0]
    whole = view.main
    assert whole is not None
    assert whole.progress.standing is Standing.ON_THE_WAY  # 20% → 16%, target below 10%
    assert whole.progress.words == "about 40% of the way from the baseline to the target"
    north = next(s for s in view.series if s.area == "North")
    assert north.progress.standing is Standing.NOT_KNOWN
    assert north.progress.share is None
    client = Client()
    client.force_login(cast.viewer)
    page = client.get(reverse("monitoring:indicators", args=[cast.study.pk])).content.decode()
    assert "About 40% of the way" in page


def test_an_indicator_and_a_value_are_added_through_the_pages(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.contributor)
    response = client.post(
        reverse("monitoring:indicator_new", args=[cast.study.pk]),
        {"name": "Residents who volunteer", "unit": "%", "direction": "up"},
    )
    assert response.status_code == 302
    row = cast.study.indicators.get()
    assert (row.key, row.direction) == ("residents-who-volunteer", "up")
    response = client.post(
        reverse("monitoring:observation_new", args=[cast.study.pk, row.pk]),
        {"kind": "target", "period": "2025/26", "value": "", "area": "North"},
    )
    assert response.status_code == 302
    saved = row.observations.get()
    assert (saved.value, saved.value_float, saved.area) == ("", None, "North")
    page = client.get(response["Location"]).content.decode()
    assert "to be determined" in page


def test_the_indicator_pages_need_the_same_queries_for_many_values(cast: Cast) -> None:
    row = _indicator(cast)
    client = Client()
    client.force_login(cast.viewer)
    urls = [
        reverse("monitoring:indicators", args=[cast.study.pk]),
        reverse("monitoring:indicator", args=[cast.study.pk, row.pk]),
    ]
    few = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        few.append(len(queries.captured_queries))
    lines = ["indicator,period,kind,value,area,breakdown"]
    lines += [
        f"NI 152,{2000 + i % 20}/{i % 20 + 1:02d},actual,{i % 50}%,Ward {i % 7},age={i % 3}"
        for i in range(600)
    ]
    observations_import(study=cast.study, data=_csv("\n".join(lines)), user=None)
    for url, before in zip(urls, few, strict=True):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries.captured_queries) == before
