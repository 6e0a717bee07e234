"""Saving the excerpts of one source at once."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from communitydna.snapshot import Evidence, PartialDate
from communitydna.web.accounts.models import User
from communitydna.web.studies import models as m
from communitydna.web.studies.services.evidence import evidence_create

__all__ = ["excerpts_create"]


def excerpts_create(
    *,
    study: m.Study,
    source: str,
    date: PartialDate | None,
    texts: Sequence[str],
    user: User | None,
) -> list[m.Evidence]:
    """Add each excerpt as a piece of evidence from the same source and date, all or none.

    Each goes through :func:`evidence_create`, which checks the user and writes its audit
    row; they share one transaction so a failure saves none.

    Raises
    ------
    django.core.exceptions.ValidationError
        If there is no excerpt with text.
    django.core.exceptions.PermissionDenied
    """
    kept = [t.strip() for t in texts if t.strip()]
    if not kept:
        raise ValidationError("there is no excerpt to save")
    with transaction.atomic():
        return [
            evidence_create(
                study=study,
                evidence=Evidence(id="", text=text, source=source.strip(), date=date),
                user=user,
            )
            for text in kept
        ]
