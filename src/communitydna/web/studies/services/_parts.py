"""Helpers the services of a study's parts share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max

from communitydna.io.entities import slugify
from communitydna.web.studies import models as m
from communitydna.web.studies.models.base import KEY_LENGTH

__all__ = ["changes", "check_key", "next_ordinal", "unused_key"]


def next_ordinal(rows: models.QuerySet[Any]) -> int:
    """One past the last ``ordinal`` of the rows: where a new row goes.

    Inside a transaction, given a study's related rows (``study.evidence.all()``), it first
    locks the study's row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite lets one writer
    in at a time anyway), so two people adding to one study at the same moment are
    numbered one after the other and never given the same place or id.
    """
    owner = getattr(rows, "_hints", {}).get("instance")
    if isinstance(owner, m.Study) and transaction.get_connection().in_atomic_block:
        m.Study.objects.select_for_update().filter(pk=owner.pk).values_list("pk").first()
    highest = rows.aggregate(n=Max("ordinal"))["n"]
    return 0 if highest is None else highest + 1


def check_key(
    model: type[models.Model], study: m.Study, key: str, *, exclude: int | None = None
) -> None:
    """Raise ``ValidationError`` unless ``key`` is a usable, unused id in the study."""
    if not key.strip():
        raise ValidationError({"key": "an id cannot be blank"})
    if len(key) > KEY_LENGTH:
        raise ValidationError({"key": f"an id has at most {KEY_LENGTH} characters"})
    taken = model._default_manager.filter(study=study, key=key)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ValidationError({"key": f"{key!r} is already the id of another one in this study"})


def unused_key(model: type[models.Model], study: m.Study, name: str, fallback: str) -> str:
    """An id made from a name (``Northgate Food Bank`` → ``northgate-food-bank``), unused."""
    base = (slugify(name) or fallback)[: KEY_LENGTH - 6]
    taken = set(
        model._default_manager.filter(study=study, key__startswith=base).values_list(
            "key", flat=True
        )
    )
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields that differ, as ``{field: [before, after]}``, for the audit log."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value and not name.endswith("_start")
    }
