"""What pages derive from a whole study is made once per state of the study, kept in each
server process in front of the shared cache, and made again after any change."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from communitydna.framework import Sector
from communitydna.snapshot import Organisation
from communitydna.web.studies import selectors
from communitydna.web.studies.services import organisation_create

from .support import Cast

pytestmark = pytest.mark.django_db


def _forget_this_process() -> None:
    with selectors._memo_lock:
        selectors._memo.clear()


def test_a_kept_value_is_the_same_object_until_the_study_changes(cast: Cast) -> None:
    made: list[int] = []

    def build() -> list[int]:
        made.append(1)
        return [len(made)]

    first = selectors.study_memo(cast.study, "test", build)
    assert selectors.study_memo(cast.study, "test", build) is first
    organisation_create(
        study=cast.study,
        organisation=Organisation("", "Youth Club", Sector.SOCIAL),
        user=cast.contributor,
    )
    assert selectors.study_memo(cast.study, "test", build) == [2]


def test_another_process_takes_the_value_from_the_shared_cache(cast: Cast) -> None:
    made: list[int] = []
    first = selectors.study_memo(cast.study, "test", lambda: made.append(1) or ["built"])
    _forget_this_process()
    again = selectors.study_memo(cast.study, "test", lambda: made.append(1) or ["built"])
    assert again == first
    assert made == [1]


def test_a_value_another_process_is_building_is_waited_for(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = selectors.study_version(cast.study)
    key = f"communitydna:test:{version}"
    cache.set(f"{key}:building", 12345, 60)
    sleeps: list[float] = []

    def other_process_finishes(seconds: float) -> None:
        sleeps.append(seconds)
        cache.set(key, ["from the other process"], 60)
        cache.delete(f"{key}:building")

    monkeypatch.setattr(selectors.time, "sleep", other_process_finishes)
    value = selectors.study_memo(cast.study, "test", lambda: ["built here"])
    assert value == ["from the other process"]
    assert len(sleeps) == 1


def test_the_version_names_the_study_and_its_latest_change(cast: Cast) -> None:
    before = selectors.study_version(cast.study)
    assert before.startswith(f"{cast.study.pk}-")
    organisation_create(
        study=cast.study,
        organisation=Organisation("", "Youth Club", Sector.SOCIAL),
        user=cast.contributor,
    )
    assert selectors.study_version(cast.study) != before


def test_the_dashboard_counts_follow_a_change(cast: Cast) -> None:
    before = selectors.study_counts(cast.study)["organisations"]
    organisation_create(
        study=cast.study,
        organisation=Organisation("", "Youth Club", Sector.SOCIAL),
        user=cast.contributor,
    )
    assert selectors.study_counts(cast.study)["organisations"] == before + 1
