"""Assemble a :class:`~communitydna.reports.model.Report` from a study snapshot."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from communitydna.framework import POSITIONS, Sector, Variant
from communitydna.reports.model import (
    EvidenceItem,
    Fact,
    FollowUpItem,
    Judgement,
    MeasureRef,
    MeasureSection,
    MethodSection,
    OrganisationRef,
    PlaceSection,
    RankingRow,
    RatingView,
    RecommendationItem,
    RecommendationRef,
    Report,
    SectorOrganisations,
    Summary,
    TitleBlock,
)
from communitydna.reports.network import measure_findings, network_findings, suggestion_for
from communitydna.snapshot import Evidence, FollowUp, Polarity, Rating, Snapshot

__all__ = ["build_report"]

# Anchors the report uses for its own sections; generated anchors never take these.
_SECTION_ANCHORS = (
    "top",
    "main",
    "contents",
    "summary",
    "overall",
    "rankings",
    "place",
    "method",
    "measures",
    "network",
    "uncoded-evidence",
    "recommendations",
    "organisations",
)


_METHOD_INTRODUCTION = (
    "A place is resilient when it can respond to and recover from economic, social and "
    "environmental shocks. That ability rests less on any single organisation than on the "
    "relationships between the public, commercial and social sectors of the local economy.",
    "The assessment looks at the place through ten measures and places each on a sliding "
    "scale, drawing on interviews, focus groups and a review of local strategies and data. "
    "The ratings are the assessors' judgement; the evidence behind each is set out under its "
    "measure, strengths and weaknesses alike.",
)


class _Anchors:
    """Hands out unique, readable anchors such as ``org-northgate-foodbank``.

    Renderers may derive ``<anchor>-heading`` from an anchor, so that is kept free too.
    """

    def __init__(self) -> None:
        self._taken: set[str] = set(_SECTION_ANCHORS)
        self._taken.update(f"{a}-heading" for a in _SECTION_ANCHORS)

    def make(self, prefix: str, text: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")
        base = f"{prefix}-{slug}" if slug else prefix
        anchor, n = base, 1
        while anchor in self._taken or f"{anchor}-heading" in self._taken:
            n += 1
            anchor = f"{base}-{n}"
        self._taken.update((anchor, f"{anchor}-heading"))
        return anchor


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _judgement(rating: Rating | None) -> Judgement:
    if rating is None:
        return Judgement(RatingView.of(None))
    return Judgement(
        rating=RatingView.of(rating.position),
        rationale=tuple(p for p in (r.strip() for r in rating.rationale) if p),
        assessor=rating.assessor,
        date=rating.date,
    )


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"\n\s*\n|\r\n\s*\r\n", text) if p.strip())


def _sector_order(variant: Variant) -> tuple[Sector, ...]:
    """The sectors in the order the variant's first three measures take them."""
    sectors = {s.value for s in Sector}
    return tuple(Sector(k) for k in variant.order if k in sectors)


def _organisation_refs(snapshot: Snapshot, anchors: _Anchors) -> dict[str, OrganisationRef]:
    return {
        o.id: OrganisationRef(
            id=o.id,
            name=o.name,
            sector=o.sector,
            anchor=anchors.make("org", o.id),
            type=o.type,
            ward=o.ward,
            size=o.size.value if o.size is not None else "",
            led_by=o.led_by,
        )
        for o in snapshot.organisations
    }


def _evidence_item(
    evidence: Evidence,
    organisations: Mapping[str, OrganisationRef],
    measures: Mapping[str, MeasureRef],
) -> EvidenceItem:
    coded = sorted(
        {measures[k].number: measures[k] for k in evidence.measures if k in measures}.items()
    )
    return EvidenceItem(
        id=evidence.id,
        text=evidence.text,
        source=evidence.source,
        date=evidence.date,
        polarity=evidence.polarity,
        weight=evidence.weight,
        organisations=tuple(organisations[o] for o in evidence.organisations if o in organisations),
        measures=tuple(ref for _, ref in coded),
        confidential=evidence.confidential,
    )


def _followup(f: FollowUp) -> FollowUpItem:
    return FollowUpItem(date=f.date, progress=f.progress, notes=f.notes)


def _recommendations(
    snapshot: Snapshot, measures: Mapping[str, MeasureRef], anchors: _Anchors
) -> tuple[RecommendationItem, ...]:
    items = []
    for number, rec in enumerate(snapshot.recommendations, 1):
        recorded = snapshot.followups_for(rec.id)
        followups = tuple(_followup(f) for f in recorded)
        latest = snapshot.latest_followup(rec.id)
        # The latest is one of the follow-ups itself, so renderers can mark it in the list.
        latest_item = next(
            (item for f, item in zip(recorded, followups, strict=True) if f is latest), None
        )
        items.append(
            RecommendationItem(
                number=number,
                id=rec.id,
                anchor=anchors.make("recommendation", rec.id),
                title=rec.title,
                text=rec.text,
                measures=tuple(
                    sorted(
                        {measures[k] for k in rec.measures if k in measures},
                        key=lambda m: m.number,
                    )
                ),
                owner=rec.owner,
                status=rec.status,
                followups=followups,
                latest=latest_item,
            )
        )
    return tuple(items)


def _by_polarity(items: Iterable[EvidenceItem], polarity: Polarity) -> tuple[EvidenceItem, ...]:
    return tuple(e for e in items if e.polarity is polarity)


def _summary_facts(snapshot: Snapshot, report_measures: tuple[MeasureSection, ...]) -> list[Fact]:
    by_sector = ", ".join(
        f"{len(snapshot.organisations_in(s)):,} {s.value}" for s in _sector_order(snapshot.variant)
    )
    n_orgs = len(snapshot.organisations)
    n_rels = len(snapshot.relationships)
    n_active = len(snapshot.active_relationships())
    n_evidence = len(snapshot.evidence)
    n_uncoded = len(snapshot.uncoded_evidence())
    rated = sum(1 for m in report_measures if m.judgement.rating.rated)
    facts = [
        Fact("Organisations mapped", _plural(n_orgs, "organisation") + f" ({by_sector})"),
        Fact("Relationships recorded", _plural(n_rels, "relationship") + f", {n_active:,} active"),
        Fact(
            "Evidence items",
            _plural(n_evidence, "item")
            + (f", {n_uncoded:,} not yet coded to a measure" if n_uncoded else ""),
        ),
        Fact("Measures rated", f"{rated} of {len(report_measures)}"),
        Fact("Recommendations", f"{len(snapshot.recommendations):,}"),
    ]
    return facts


def build_report(
    snapshot: Snapshot,
    *,
    analysis: Mapping[str, Any] | None = None,
    generated_on: dt.date | None = None,
) -> Report:
    """Assemble the report of a study.

    Measures come in the order of the study's framework variant; each carries its rating
    (or "not rated"), rationale, and its coded evidence split into supporting (positive),
    contrary (negative) and neutral. Evidence coded to several measures appears under each;
    evidence coded to none is kept in ``uncoded_evidence``, so every item appears.

    Parameters
    ----------
    snapshot : Snapshot
        The study.
    analysis : mapping, optional
        The analysis of the snapshot as the ``analyse --json`` document. Without it the
        network section and each measure's network findings and suggestion are empty.
    generated_on : datetime.date, optional
        The date printed as the report's production date; today by default.

    Returns
    -------
    Report

    Examples
    --------
    >>> import datetime as dt
    >>> from communitydna.snapshot import Place, Rating, Snapshot
    >>> snapshot = Snapshot(
    ...     place=Place("Northgate", variant="place"),
    ...     ratings=(Rating("social", 6, ("Strong forum",)),),
    ... )
    >>> report = build_report(snapshot, generated_on=dt.date(2024, 5, 1))
    >>> [m.key for m in report.measures][:3]
    ['commercial', 'public', 'social']
    >>> report.measures[2].judgement.rating.words
    'between stable and resilient'
    >>> report.summary.rankings[0].rating.label
    'not rated'
    """
    variant = snapshot.variant
    anchors = _Anchors()
    measure_refs = {
        m.key: MeasureRef(m.key, n, m.title, m.short, anchors.make("measure", m.key))
        for n, m in enumerate(variant.measures(), 1)
    }
    organisations = _organisation_refs(snapshot, anchors)
    recommendations = _recommendations(snapshot, measure_refs, anchors)
    evidence = {e.id: _evidence_item(e, organisations, measure_refs) for e in snapshot.evidence}

    sections = []
    for key, rating in snapshot.ratings_in_order():
        ref = measure_refs[key]
        measure = variant.measures()[ref.number - 1]
        coded = [evidence[e.id] for e in snapshot.evidence_for(key)]
        sections.append(
            MeasureSection(
                number=ref.number,
                measure=measure,
                anchor=ref.anchor,
                judgement=_judgement(rating),
                supporting=_by_polarity(coded, Polarity.POSITIVE),
                contrary=_by_polarity(coded, Polarity.NEGATIVE),
                neutral=_by_polarity(coded, Polarity.NEUTRAL),
                recommendations=tuple(
                    RecommendationRef(r.number, r.title, r.anchor)
                    for r in recommendations
                    if ref in r.measures
                ),
                suggestion=suggestion_for(analysis, key),
                network=measure_findings(analysis, measure, snapshot),
            )
        )
    measures = tuple(sections)

    place = snapshot.place
    title = TitleBlock(
        place=place.name,
        subtitle=f"{variant.title} assessment",
        variant=variant,
        date=place.date,
        assessors=place.assessors,
        generated_on=generated_on or dt.date.today(),
    )
    summary = Summary(
        overall=_judgement(snapshot.overall),
        rankings=tuple(
            RankingRow(m.number, m.measure, m.judgement.rating, m.anchor) for m in measures
        ),
        facts=tuple(_summary_facts(snapshot, measures)),
    )
    place_section = PlaceSection(
        name=place.name,
        description=_paragraphs(place.description),
        wards=place.wards,
    )
    method = MethodSection(
        variant=variant,
        measures=variant.measures(),
        positions=POSITIONS,
        introduction=_METHOD_INTRODUCTION,
    )
    appendix = tuple(
        SectorOrganisations(
            sector=sector,
            anchor=anchors.make("organisations", sector.value),
            organisations=tuple(
                sorted(
                    (organisations[o.id] for o in snapshot.organisations_in(sector)),
                    key=lambda o: (o.name.casefold(), o.id),
                )
            ),
        )
        for sector in _sector_order(variant)
    )
    return Report(
        title=title,
        summary=summary,
        place=place_section,
        method=method,
        measures=measures,
        network=network_findings(analysis, snapshot),
        uncoded_evidence=tuple(evidence[e.id] for e in snapshot.uncoded_evidence()),
        recommendations=recommendations,
        organisations=appendix,
    )
