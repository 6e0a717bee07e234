"""The analysis behind the assessment pages is computed once per state of the study."""

from __future__ import annotations

from typing import Any

import pytest

from communitydna.web.assessment import selectors
from communitydna.web.studies.services import rating_set

from .support import Cast

pytestmark = pytest.mark.django_db


def test_the_analysis_is_reused_until_the_study_changes(cast: Cast, monkeypatch: Any) -> None:
    calls = []
    from communitydna.analysis import analyse as real

    def counting(snapshot: Any) -> Any:
        calls.append(snapshot.place.name)
        return real(snapshot)

    monkeypatch.setattr(selectors, "analyse", counting)
    selectors.study_report(cast.study)
    selectors.study_report(cast.study)
    assert len(calls) == 1
    rating_set(
        study=cast.study, measure="public", position=3, rationale=[], user=None, reason="New"
    )
    report = selectors.study_report(cast.study)
    assert len(calls) == 2
    public = next(section for section in report.measures if section.key == "public")
    assert public.judgement.rating.position == 3
