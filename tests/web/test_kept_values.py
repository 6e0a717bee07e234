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


def _change(cast: Cast, name: str) -> None:
    organisation_create(
        study=cast.study, organisation=Organisation("", name, Sector.SOCIAL), user=cast.contributor
    )


def _another_request_is_building(cast: Cast, name: str) -> str:
    lease = f"{selectors._recent_key(cast.study, name)}:building"
    assert cache.add(lease, 12345, 60)
    return lease


def test_a_recent_value_is_built_afresh_after_a_change_when_nobody_else_is_building(
    cast: Cast,
) -> None:
    made: list[int] = []

    def build() -> list[int]:
        made.append(1)
        return [len(made)]

    first = selectors.study_memo_recent(cast.study, "recent", build)
    assert (first.value, first.fresh) == ([1], True)
    assert selectors.study_memo_recent(cast.study, "recent", build).value is first.value
    _change(cast, "Youth Club")
    second = selectors.study_memo_recent(cast.study, "recent", build)
    assert (second.value, second.fresh) == ([2], True)
    assert second.version == selectors.study_version(cast.study) != first.version
    assert cache.get(f"{selectors._recent_key(cast.study, 'recent')}:building") is None


def test_while_another_request_builds_the_last_value_is_answered_with_its_version(
    cast: Cast,
) -> None:
    first = selectors.study_memo_recent(cast.study, "recent", lambda: ["before"])
    _change(cast, "Youth Club")
    lease = _another_request_is_building(cast, "recent")
    built: list[str] = []
    answer = selectors.study_memo_recent(cast.study, "recent", lambda: built.append("x") or [])
    assert (answer.value, answer.version, answer.fresh) == (["before"], first.version, False)
    assert built == []

    # Another server process, with nothing of its own, finds the same value shared.
    _forget_this_process()
    with selectors._memo_lock:
        selectors._recent.clear()
    elsewhere = selectors.study_memo_recent(cast.study, "recent", lambda: ["built"])
    assert (elsewhere.value, elsewhere.fresh) == (["before"], False)

    cache.delete(lease)
    now = selectors.study_memo_recent(cast.study, "recent", lambda: ["after"])
    assert (now.value, now.fresh) == (["after"], True)


def test_with_nothing_built_before_the_current_value_is_built_even_while_another_builds(
    cast: Cast,
) -> None:
    _another_request_is_building(cast, "recent")
    answer = selectors.study_memo_recent(cast.study, "recent", lambda: ["built here"])
    assert (answer.value, answer.fresh) == (["built here"], True)


def test_a_failed_build_lets_the_next_request_build(cast: Cast) -> None:
    def fail() -> list[str]:
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        selectors.study_memo_recent(cast.study, "recent", fail)
    assert selectors.study_memo_recent(cast.study, "recent", lambda: ["ok"]).value == ["ok"]


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
