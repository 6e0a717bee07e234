"""The assessment: ratings (with their version check), recommendations and follow-ups."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.params.functions import Query

from communitydna.framework import MEASURE_KEYS, OVERALL, VARIANTS, format_rating
from communitydna.web.accounts.permissions import Capability
from communitydna.web.api.auth import principal
from communitydna.web.api.common import (
    LIMIT_QUERY,
    OFFSET_QUERY,
    STUDY_ID,
    Page,
    page,
    parse_date,
    part_or_404,
    study_for,
)
from communitydna.web.api.schemas import (
    FollowUpIn,
    FollowUpOut,
    RatingIn,
    RatingOut,
    RecommendationIn,
    RecommendationOut,
)
from communitydna.web.studies import models as m
from communitydna.web.studies.services import (
    followup_add,
    rating_set,
    recommendation_create,
    recommendation_update,
)

__all__ = ["router"]

router = Router(tags=["assessment"])

_RECOMMENDATIONS_MEASURE = Query(None, max_length=30, description="Tied to this measure.")

StudyId = STUDY_ID


def _rating_out(study: m.Study, measure: str, row: m.Rating | None) -> dict[str, Any]:
    number = 0 if measure == OVERALL else VARIANTS[study.variant].number_of(measure)
    position = row.position if row is not None else None
    return {
        "measure": measure,
        "number": number,
        "position": position,
        "label": format_rating(position),
        "rationale": [str(x) for x in row.rationale] if row is not None else [],
        "assessor": row.assessor if row is not None else "",
        "date": (row.date or None) if row is not None else None,
        "version": row.version if row is not None else 0,
    }


def _measure(measure: str) -> str:
    if measure != OVERALL and measure not in MEASURE_KEYS:
        raise Http404(f"{measure!r} is not a measure; use a measure's key or 'overall'")
    return measure


@router.get(
    "/studies/{study_id}/ratings",
    response=list[RatingOut],
    summary="The ten ratings in the study's order, then the overall assessment",
)
def ratings(request: HttpRequest, study_id: int = StudyId) -> list[dict[str, Any]]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    by_measure = {r.measure: r for r in study.ratings.all()}
    order = [*VARIANTS[study.variant].order, OVERALL]
    return [_rating_out(study, key, by_measure.get(key)) for key in order]


@router.get(
    "/studies/{study_id}/ratings/{measure}", response=RatingOut, summary="One measure's rating"
)
def rating(request: HttpRequest, measure: str, study_id: int = StudyId) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    key = _measure(measure)
    return _rating_out(study, key, study.ratings.filter(measure=key).first())


@router.put(
    "/studies/{study_id}/ratings/{measure}",
    response=RatingOut,
    summary="Rate a measure (or 'overall'); refused with 409 if it changed since your version",
)
def rating_change(
    request: HttpRequest, measure: str, body: RatingIn, study_id: int = StudyId
) -> dict[str, Any]:
    """Send the ``version`` you read (``0`` for a measure not yet rated). If someone has
    changed the rating since, nothing is saved and the answer is a ``409`` problem with
    the ``current_version``."""
    study = study_for(request, study_id, Capability.RATE)
    key = _measure(measure)
    row = rating_set(
        study=study,
        measure=key,
        position=body.position,
        rationale=body.rationale,
        user=principal(request).user,
        reason=body.reason.strip(),
        expected_version=body.version,
    )
    return _rating_out(study, key, row)


def recommendations_out(rows: list[m.Recommendation]) -> list[dict[str, Any]]:
    followups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    keys = {r.pk: r.key for r in rows}
    for f in m.FollowUp.objects.filter(recommendation_id__in=list(keys)).order_by("ordinal", "id"):
        followups[f.recommendation_id].append(_followup_out(f, keys[f.recommendation_id]))
    return [
        {
            "id": r.key,
            "title": r.title,
            "text": r.text,
            "measures": [str(x) for x in r.measures],
            "owner": r.owner,
            "status": r.status,
            "followups": followups[r.pk],
        }
        for r in rows
    ]


def _followup_out(f: m.FollowUp, key: str) -> dict[str, Any]:
    return {
        "recommendation": key,
        "date": f.date or None,
        "progress": f.progress,
        "notes": f.notes,
    }


@router.get(
    "/studies/{study_id}/recommendations",
    response=Page[RecommendationOut],
    summary="Recommendations with their follow-ups",
)
def recommendations(
    request: HttpRequest,
    study_id: int = StudyId,
    measure: str | None = _RECOMMENDATIONS_MEASURE,
    limit: int = LIMIT_QUERY,
    offset: int = OFFSET_QUERY,
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    rows: list[m.Recommendation] = list(study.recommendations.order_by("ordinal", "id"))
    if measure:
        rows = [r for r in rows if measure in r.measures]
    return page(request, rows, limit, offset, recommendations_out)


@router.get(
    "/studies/{study_id}/recommendations/{key}",
    response=RecommendationOut,
    summary="One recommendation",
)
def recommendation(request: HttpRequest, key: str, study_id: int = StudyId) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.VIEW_STUDY)
    return recommendations_out([part_or_404(study.recommendations.all(), key=key)])[0]


@router.post(
    "/studies/{study_id}/recommendations",
    response={201: RecommendationOut},
    summary="Add a recommendation",
)
def recommendation_add(
    request: HttpRequest, body: RecommendationIn, study_id: int = StudyId
) -> Status[dict[str, Any]]:
    study = study_for(request, study_id, Capability.RATE)
    row = recommendation_create(
        study=study,
        key=body.id.strip(),
        title=body.title,
        text=body.text,
        measures=[k.strip() for k in body.measures if k.strip()],
        owner=body.owner,
        status=body.status,
        user=principal(request).user,
    )
    return Status(201, recommendations_out([row])[0])


@router.put(
    "/studies/{study_id}/recommendations/{key}",
    response=RecommendationOut,
    summary="Change a recommendation (its id stays)",
)
def recommendation_change(
    request: HttpRequest, key: str, body: RecommendationIn, study_id: int = StudyId
) -> dict[str, Any]:
    study = study_for(request, study_id, Capability.RATE)
    row = part_or_404(study.recommendations.all(), key=key)
    row = recommendation_update(
        recommendation=row,
        title=body.title,
        text=body.text,
        measures=[k.strip() for k in body.measures if k.strip()],
        owner=body.owner,
        status=body.status,
        user=principal(request).user,
    )
    return recommendations_out([row])[0]


@router.post(
    "/studies/{study_id}/recommendations/{key}/followups",
    response={201: FollowUpOut},
    summary="Record what became of a recommendation",
)
def followup(
    request: HttpRequest, key: str, body: FollowUpIn, study_id: int = StudyId
) -> Status[dict[str, Any]]:
    study = study_for(request, study_id, Capability.EDIT_STUDY)
    row = part_or_404(study.recommendations.all(), key=key)
    made = followup_add(
        recommendation=row,
        date=parse_date("date", body.date),
        progress=body.progress,
        notes=body.notes,
        user=principal(request).user,
    )
    return Status(201, _followup_out(made, row.key))
