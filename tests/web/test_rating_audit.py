"""Every change of a rating, its rationale or the overall assessment is kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from communitydna.framework import OVERALL
from communitydna.snapshot import PartialDate
from communitydna.web.audit.models import AuditEvent
from communitydna.web.studies import models as m
from communitydna.web.studies.errors import RatingConflict
from communitydna.web.studies.selectors import rating_history, study_to_snapshot
from communitydna.web.studies.services import overall_set, rating_set
from communitydna.web.studies.services import ratings as ratings_module

from .support import Cast

pytestmark = pytest.mark.django_db


def _set(cast: Cast, **changes: Any) -> m.Rating:
    arguments: dict[str, Any] = {
        "study": cast.study,
        "measure": "public",
        "position": 5,
        "rationale": ["Joined up services"],
        "user": cast.assessor,
        "reason": "after the focus group",
    }
    arguments.update(changes)
    return rating_set(**arguments)


def test_a_rating_change_records_who_when_from_what_to_what_and_why(cast: Cast) -> None:
    rating_set(
        study=cast.study,
        measure="social",
        position=6,
        rationale=["Busy and connected", "  ", "Forum works"],
        user=cast.assessor,
        reason="new evidence from the forum",
    )
    change = rating_history(cast.study, "social").first()
    assert change is not None
    assert change.by == cast.assessor
    assert abs((timezone.now() - change.at).total_seconds()) < 60
    assert (change.position_before, change.position_after) == (4, 6)
    assert change.rationale_before == ["Fragile but busy."]
    assert change.rationale_after == ["Busy and connected", "Forum works"]
    assert change.reason == "new evidence from the forum"


def test_the_history_starts_with_the_import_and_lists_the_newest_first(cast: Cast) -> None:
    _set(cast, measure="social", position=5)
    _set(cast, measure="social", position=6)
    history = list(rating_history(cast.study, "social"))
    assert [(c.position_before, c.position_after) for c in history] == [
        (5, 6),
        (4, 5),
        (None, 4),
    ]
    assert history[-1].reason == "imported"


def test_each_change_raises_the_version_and_writes_an_audit_row(cast: Cast) -> None:
    first = _set(cast)
    second = _set(cast, position=6)
    assert (first.version, second.version) == (1, 2)
    events = AuditEvent.objects.filter(action="rating.set", study=cast.study, target="public")
    assert events.count() == 2
    latest = events.first()
    assert latest is not None
    assert latest.actor == cast.assessor
    assert latest.data["position"] == [5, 6]
    assert latest.data["reason"] == "after the focus group"


def test_saving_the_same_rating_again_changes_nothing(cast: Cast) -> None:
    first = _set(cast)
    again = _set(cast, rationale=["Joined up services", ""])
    assert again.version == first.version == 1
    assert rating_history(cast.study, "public").count() == 1


def test_the_rater_becomes_the_assessor_and_today_the_date(cast: Cast) -> None:
    _set(cast, measure="social")
    rating = study_to_snapshot(cast.study).rating("social")
    assert rating is not None
    assert rating.assessor == "Assessor Person"
    assert rating.date == PartialDate.from_date(timezone.localdate())
    assert rating.position == 5


def test_the_command_line_keeps_the_assessor_and_is_recorded_without_a_person(
    cast: Cast,
) -> None:
    _set(cast, measure="social", user=None)
    rating = m.Rating.objects.get(study=cast.study, measure="social")
    assert rating.assessor == "Ann"
    change = rating_history(cast.study, "social").first()
    assert change is not None
    assert change.by is None


def test_a_save_from_an_old_version_is_refused_and_shows_the_other_version(cast: Cast) -> None:
    mine = _set(cast, position=5, expected_version=0)
    _set(cast, position=3, user=cast.owner, expected_version=mine.version)
    with pytest.raises(RatingConflict) as refused:
        _set(cast, position=7, expected_version=mine.version)
    assert refused.value.current is not None
    assert (refused.value.current.position, refused.value.current.version) == (3, 2)
    assert m.Rating.objects.get(study=cast.study, measure="public").position == 3


def test_clearing_a_rating_is_a_change_too(cast: Cast) -> None:
    _set(cast, measure="social", position=None, reason="evidence withdrawn")
    change = rating_history(cast.study, "social").first()
    assert change is not None
    assert (change.position_before, change.position_after) == (4, None)
    assert study_to_snapshot(cast.study).measures_unrated()[0] == "social"


def test_the_overall_assessment_has_its_history_too(cast: Cast) -> None:
    overall_set(
        study=cast.study, position=4, rationale=["Thin economy"], user=cast.owner, reason="x"
    )
    overall_set(study=cast.study, position=5, rationale=["Better"], user=cast.owner, reason="y")
    snapshot = study_to_snapshot(cast.study)
    assert snapshot.overall is not None
    assert snapshot.overall.position == 5
    assert [c.reason for c in rating_history(cast.study, OVERALL)] == ["y", "x"]


def test_if_the_audit_row_cannot_be_written_the_rating_does_not_change(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(ratings_module, "audit_record", broken)
    with pytest.raises(RuntimeError):
        _set(cast, measure="social", position=7)
    rating = m.Rating.objects.get(study=cast.study, measure="social")
    assert (rating.position, rating.version) == (4, 1)
    assert rating_history(cast.study, "social").count() == 1


@pytest.mark.parametrize("role", ["contributor", "viewer", "outsider"])
def test_only_owners_and_assessors_may_rate(cast: Cast, role: str) -> None:
    with pytest.raises(PermissionDenied):
        _set(cast, user=cast.by_role(role))
    assert not m.Rating.objects.filter(study=cast.study, measure="public").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"measure": "happiness"}, "measure"), ({"position": 8}, "position")],
)
def test_an_unknown_measure_or_a_position_off_the_scale_is_refused(
    cast: Cast, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _set(cast, **changes)
    assert field in refused.value.message_dict
