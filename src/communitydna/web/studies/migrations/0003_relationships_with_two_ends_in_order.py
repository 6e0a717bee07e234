"""Relationships of an organisation with itself, and ones that end before they begin, are
no longer accepted (a study holding one cannot be analysed or exported). Rows saved before
are repaired: a relationship with itself is removed, and the two dates of one that ends
before it begins are swapped. Each repair is written to the study's history."""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.models import F

from communitydna.snapshot import PartialDate


def _ends_before_it_begins(since: str, until: str) -> bool:
    try:
        return PartialDate.parse(until).end() < PartialDate.parse(since).start()
    except (TypeError, ValueError):
        return False


def repair(apps: Any, schema_editor: Any) -> None:
    relationship = apps.get_model("studies", "Relationship")
    audit = apps.get_model("audit", "AuditEvent")

    def record(row: Any, action: str, data: dict[str, Any]) -> None:
        audit.objects.create(
            action=action,
            study_id=row.study_id,
            study_label=row.study.name,
            workspace_id=row.study.workspace_id,
            actor_label="Community DNA upgrade",
            target=row.key,
            data=data,
        )

    for row in relationship.objects.filter(source_id=F("target_id")).select_related("study"):
        record(row, "relationship.removed", {"reason": "it tied an organisation to itself"})
        row.delete()
    dated = relationship.objects.exclude(since="").exclude(until="").select_related("study")
    for row in dated:
        if _ends_before_it_begins(row.since, row.until):
            record(
                row,
                "relationship.updated",
                {"since": [row.since, row.until], "until": [row.until, row.since]},
            )
            row.since, row.until = row.until, row.since
            row.since_start, row.until_start = row.until_start, row.since_start
            row.save(update_fields=["since", "since_start", "until", "until_start"])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("studies", "0002_action_updates_and_tension_rule"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
