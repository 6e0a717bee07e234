"""The form both the measure page and the overall page use to rate."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from communitydna.web.accounts.models import User
from communitydna.web.assessment.forms import RatingForm
from communitydna.web.studies import models as m
from communitydna.web.studies.errors import RatingConflict
from communitydna.web.studies.services import rating_set

__all__ = ["RatingOutcome", "rating_form_for", "rating_submit"]


@dataclass
class RatingOutcome:
    """What a submitted rating came to: saved, or a form to show again (maybe a conflict)."""

    form: RatingForm
    saved: m.Rating | None = None
    conflict: RatingConflict | None = None


def rating_form_for(rating: m.Rating | None) -> RatingForm:
    """An unbound form showing the stored rating and the version it was read at."""
    if rating is None:
        return RatingForm(initial={"position": "", "rationale": "", "version": 0})
    return RatingForm(
        initial={
            "position": rating.position or "",
            "rationale": "\n".join(rating.rationale),
            "version": rating.version,
        }
    )


def rating_submit(request: HttpRequest, study: m.Study, measure: str, user: User) -> RatingOutcome:
    """Save the posted rating through :func:`rating_set` with the version the person saw.

    When someone else saved in between, nothing is saved: the form comes back with the
    person's input and the version now stored, so saving again is a deliberate choice.
    """
    form = RatingForm(request.POST)
    if not form.is_valid():
        return RatingOutcome(form)
    try:
        saved = rating_set(
            study=study,
            measure=measure,
            position=form.cleaned_data["position"],
            rationale=form.points(),
            user=user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except RatingConflict as conflict:
        data = request.POST.copy()
        data["version"] = str(conflict.current.version if conflict.current else 0)
        return RatingOutcome(RatingForm(data), conflict=conflict)
    return RatingOutcome(form, saved=saved)
