"""Evidence cited in a rating's rationale, as links to the evidence itself."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from communitydna.web.studies import models as m

register = template.Library()

__all__ = ["cited_keys", "cited_links", "linked"]

_CITATION = re.compile(r"[(\[]([^()\[\]]+)[)\]]")
_SEPARATOR = re.compile(r"(\s*[,;]\s*|\s+and\s+)")


def cited_keys(points: Iterable[str]) -> set[str]:
    """Every id cited in brackets in the points: ``(E012)``, ``[E3, E4]``.

    >>> sorted(cited_keys(["Busy forum (E012).", "Two sides [E3; E4] and (see E9)"]))
    ['E012', 'E3', 'E4', 'see E9']
    """
    found: set[str] = set()
    for point in points:
        for group in _CITATION.findall(point):
            found.update(p.strip() for p in _SEPARATOR.split(group)[::2] if p.strip())
    return found


def cited_links(study: m.Study, points: Iterable[str]) -> dict[str, str]:
    """The study's evidence cited in the points: each id with the address of its page."""
    from django.urls import reverse

    keys = cited_keys(points)
    if not keys:
        return {}
    rows = m.Evidence.objects.filter(study=study, key__in=keys).values_list("key", "pk")
    return {
        key: reverse("evidence:detail", kwargs={"study_id": study.pk, "evidence_id": pk})
        for key, pk in rows
    }


@register.simple_tag
def linked(point: str, links: Mapping[str, str]) -> SafeString:
    """The point as HTML, each cited id that names evidence of the study a link to it."""
    pieces: list[str] = []
    last = 0
    for match in _CITATION.finditer(point):
        pieces.append(format_html("{}", point[last : match.start(1)]))
        for part in _SEPARATOR.split(match.group(1)):
            key = part.strip()
            if key in links:
                lead = part[: len(part) - len(part.lstrip())]
                trail = part[len(part.rstrip()) :]
                pieces.append(
                    format_html(
                        '{}<a class="govuk-link" href="{}">{}</a>{}', lead, links[key], key, trail
                    )
                )
            else:
                pieces.append(format_html("{}", part))
        last = match.end(1)
    pieces.append(format_html("{}", point[last:]))
    return mark_safe("".join(pieces))
