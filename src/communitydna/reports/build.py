"""Assemble a :class:`~communitydna.reports.model.Report` from a study snapshot."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from communitydna.framework import POSITIONS, Measure, Sector, Variant
from communitydna.reports import figures as draw
from communitydna.reports.context import (
    action_items,
    action_themes,
    context_indicators,
    indicator_summaries,
    tension_summary,
)
from communitydna.reports.model import (
    EvidenceItem,
    Fact,
    Figure,
    FollowUpItem,
    Judgement,
    MeasureRef,
    MeasureSection,
    MethodSection,
    NetworkFindings,
    OrganisationRef,
    PlaceSection,
    RankingRow,
    RatingView,
    RecommendationItem,
    RecommendationRef,
    Report,
    SectorOrganisations,
    Summary,
    Table,
    TitleBlock,
)
from communitydna.reports.network import (
    analysis_as_of,
    bridge_pairs,
    broker_ids,
    cut_point_ids,
    measure_findings,
    network_findings,
    shock_curves,
    suggestion_for,
)
from communitydna.reports.public import Anonymiser, describe
from communitydna.snapshot import Evidence, FollowUp, Organisation, Polarity, Rating, Snapshot

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
    "actions",
    "indicators",
    "tensions",
    "organisations",
    "method-notes",
)

_BROKERS_ON_MAP = 6


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


def _described(ref: OrganisationRef) -> OrganisationRef:
    """An organisation as a public report refers to it: by sector and type, with no link."""
    text = describe(Organisation(ref.id, ref.name, ref.sector, type=ref.type))
    return OrganisationRef(id="", name=text, sector=ref.sector, anchor="", type=ref.type)


def _evidence_item(
    evidence: Evidence,
    organisations: Mapping[str, OrganisationRef],
    measures: Mapping[str, MeasureRef],
    anonymiser: Anonymiser | None = None,
) -> EvidenceItem:
    coded = sorted(
        {measures[k].number: measures[k] for k in evidence.measures if k in measures}.items()
    )
    linked = tuple(organisations[o] for o in evidence.organisations if o in organisations)
    text, source = evidence.text, evidence.source
    if anonymiser is not None:
        text, source = anonymiser.replace(text), anonymiser.replace(source)
        linked = tuple({d.name: d for d in map(_described, linked)}.values())
    return EvidenceItem(
        id=evidence.id,
        text=text,
        source=source,
        date=evidence.date,
        polarity=evidence.polarity,
        weight=evidence.weight,
        organisations=linked,
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


def _summary_facts(
    snapshot: Snapshot,
    report_measures: tuple[MeasureSection, ...],
    shown: Mapping[str, EvidenceItem],
) -> list[Fact]:
    by_sector = ", ".join(
        f"{len(snapshot.organisations_in(s)):,} {s.value}" for s in _sector_order(snapshot.variant)
    )
    n_orgs = len(snapshot.organisations)
    n_rels = len(snapshot.relationships)
    n_active = len(snapshot.active_relationships())
    n_evidence = len(shown)
    n_uncoded = sum(1 for e in snapshot.uncoded_evidence() if e.id in shown)
    rated = sum(1 for m in report_measures if m.judgement.rating.rated)
    facts = []
    if n_orgs or report_measures:
        facts += [
            Fact("Organisations mapped", _plural(n_orgs, "organisation") + f" ({by_sector})"),
            Fact(
                "Relationships recorded", _plural(n_rels, "relationship") + f", {n_active:,} active"
            ),
        ]
    if report_measures:
        facts += [
            Fact(
                "Evidence items",
                _plural(n_evidence, "item")
                + (f", {n_uncoded:,} not yet coded to a measure" if n_uncoded else ""),
            ),
            Fact("Measures rated", f"{rated} of {len(report_measures)}"),
        ]
    else:
        facts.append(Fact("Assessment", "no measure has been rated and no evidence recorded yet"))
    facts.append(Fact("Recommendations", f"{len(snapshot.recommendations):,}"))
    if snapshot.actions:
        facts.append(Fact("Actions in the plan", f"{len(snapshot.actions):,}"))
    if snapshot.indicators:
        facts.append(
            Fact(
                "Indicators tracked",
                _plural(len(snapshot.indicators), "indicator")
                + f", {_plural(len(snapshot.observations), 'value')} recorded",
            )
        )
    return facts


def _scale_figure(section: MeasureSection) -> Figure:
    return draw.sliding_scale(
        section.judgement.rating,
        figure_id=f"scale-{section.key}",
        what=f"Measure {section.number}, {section.measure.short.lower()}, rating",
        caption=f"Measure {section.number} on the sliding scale: {section.judgement.rating.words}.",
    )


def _summary_figures(
    overall: Judgement, measures: tuple[MeasureSection, ...]
) -> tuple[Figure, ...]:
    rankings = tuple(
        RankingRow(m.number, m.measure, m.judgement.rating, m.anchor) for m in measures
    )
    return (
        draw.overall_figure(
            overall.rating,
            [(m.number, m.judgement.rating) for m in measures],
            caption="The overall assessment on the sliding scale; the numbered discs show "
            "where each measure sits.",
        ),
        draw.dna_strip_figure(
            [(m.key, m.judgement.rating.position) for m in measures],
            caption="The place's DNA strip: the ten measures in order, each bar as tall as "
            "its position on the scale (1 brittle to 7 resilient); a hatched column is not "
            "rated.",
        ),
        draw.rankings_chart(
            rankings,
            caption="The qualitative rankings: each bar reaches the measure's position on "
            "the scale.",
        ),
    )


def _with_figures(findings: NetworkFindings, figures: Iterable[Figure | None]) -> NetworkFindings:
    drawn = tuple(f for f in figures if f is not None)
    if not drawn:
        return findings
    return dataclasses.replace(findings, figures=(*drawn, *findings.figures))


def _measure_map(
    graph: draw.MapGraph, measure: Measure, number: int, as_of: dt.date | None
) -> Figure | None:
    figure = draw.sector_map(graph, measure.sectors, figure_id=f"map-{measure.key}", as_of=as_of)
    if figure is None:
        return None
    return dataclasses.replace(figure, caption=f"Measure {number}: {figure.caption}")


def _network_figures(
    graph: draw.MapGraph, analysis: Mapping[str, Any], place: str, as_of: dt.date | None
) -> tuple[Figure | None, ...]:
    return (
        draw.network_map(
            graph,
            place=place,
            brokers=broker_ids(analysis, _BROKERS_ON_MAP),
            cut_points=cut_point_ids(analysis),
            bridges=bridge_pairs(analysis),
            as_of=as_of,
        ),
        draw.robustness_curves(shock_curves(analysis), place=place),
    )


def _sources(items: Iterable[EvidenceItem]) -> tuple[Table, ...]:
    """Evidence counted by kind of source (the words before a colon, e.g. "Interview")."""
    kinds: Counter[str] = Counter()
    distinct: dict[str, set[str]] = {}
    for e in items:
        source = " ".join(e.source.split())
        kind = source.split(":", 1)[0].strip() if ":" in source else (source or "Not recorded")
        kind = kind[:1].upper() + kind[1:]
        kinds[kind] += 1
        distinct.setdefault(kind, set()).add(source)
    if not kinds:
        return ()
    rows = tuple(
        (kind, f"{count:,}", f"{len(distinct[kind]):,}")
        for kind, count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return (
        Table("Evidence by kind of source", ("Kind of source", "Evidence items", "Sources"), rows),
    )


def _method_notes(
    snapshot: Snapshot, *, public: bool, analysis: Mapping[str, Any] | None, figures: bool
) -> tuple[str, ...]:
    confidential = sum(1 for e in snapshot.evidence if e.confidential)
    notes = []
    if public:
        notes.append(
            "This is the public version of the report. "
            + (
                f"{_plural(confidential, 'evidence item')} marked confidential "
                f"{'is' if confidential == 1 else 'are'} left out, and "
                if confidential
                else "No evidence was marked confidential; "
            )
            + "organisations named in the evidence are described by their sector and type "
            "instead of their names."
        )
    elif confidential:
        notes.append(
            f"This version includes {_plural(confidential, 'evidence item')} marked "
            "confidential and names the organisations in the evidence: it is not for "
            "publication. Produce the public version to publish."
        )
    notes.append(
        "Ratings are the assessors' judgement on the sliding scale, argued from the evidence "
        "set out under each measure. Evidence is coded to measures with a polarity (a "
        "strength, a weakness or neutral) and a weight from 1 to 3."
    )
    if analysis is not None:
        as_of = analysis_as_of(analysis)
        day = f" on {as_of.day} {as_of:%B %Y}" if as_of else ""
        notes.append(
            f"The network figures are measured from the relationships active{day} between "
            "the organisations mapped; they are offered beside the ratings, not in their place."
        )
        if figures:
            notes.append(
                "Network maps are laid out by a force-directed layout with a fixed seed, so "
                "the same study always gives the same map; nearness on a map shows ties, "
                "not geography."
            )
    return tuple(notes)


def build_report(
    snapshot: Snapshot,
    *,
    analysis: Mapping[str, Any] | None = None,
    generated_on: dt.date | None = None,
    public: bool = False,
    figures: bool = True,
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
        network section, each measure's network findings and suggestion, and the figures
        drawn from the network are left out.
    generated_on : datetime.date, optional
        The date printed as the report's production date; today by default.
    public : bool, optional
        Make the version safe to publish: evidence marked confidential is left out, and
        organisations named in the evidence (in its list of organisations, its text and its
        source) are described by their sector and type instead.
    figures : bool, optional
        Draw the figures (sliding scales, rankings chart, overall assessment, DNA strip,
        network and sector maps, robustness curves, indicator charts). True by default.

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
    >>> report.measures[2].figures[0].alt
    'Measure 3, social sector, rating: between stable and resilient (position 6 of 7)'
    """
    variant = snapshot.variant
    today = generated_on or dt.date.today()
    anchors = _Anchors()
    measure_refs = {
        m.key: MeasureRef(m.key, n, m.title, m.short, anchors.make("measure", m.key))
        for n, m in enumerate(variant.measures(), 1)
    }
    organisations = _organisation_refs(snapshot, anchors)
    recommendations = _recommendations(snapshot, measure_refs, anchors)
    anonymiser = Anonymiser(snapshot) if public else None
    evidence = {
        e.id: _evidence_item(e, organisations, measure_refs, anonymiser)
        for e in snapshot.evidence
        if not (public and e.confidential)
    }
    as_of = analysis_as_of(analysis)
    graph = (
        draw.MapGraph.from_snapshot(snapshot, as_of) if figures and analysis is not None else None
    )

    # A study that records only its plan and indicators has no findings by measure: its
    # report leaves the measures out rather than show ten empty ones.
    assessed = bool(snapshot.evidence or snapshot.overall) or any(
        r.position is not None or r.rationale for r in snapshot.ratings
    )
    sections = []
    for key, rating in snapshot.ratings_in_order() if assessed else ():
        ref = measure_refs[key]
        measure = variant.measures()[ref.number - 1]
        coded = [evidence[e.id] for e in snapshot.evidence_for(key) if e.id in evidence]
        findings = measure_findings(analysis, measure, snapshot)
        if graph is not None and measure.is_network_measure:
            findings = _with_figures(findings, [_measure_map(graph, measure, ref.number, as_of)])
        section = MeasureSection(
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
            network=findings,
        )
        if figures:
            section = dataclasses.replace(section, figures=(_scale_figure(section),))
        sections.append(section)
    measures = tuple(sections)

    place = snapshot.place
    title = TitleBlock(
        place=place.name,
        subtitle=f"{variant.title} assessment",
        variant=variant,
        date=place.date,
        assessors=place.assessors,
        generated_on=today,
        public=public,
    )
    overall = _judgement(snapshot.overall)
    summary = Summary(
        overall=overall,
        rankings=tuple(
            RankingRow(m.number, m.measure, m.judgement.rating, m.anchor) for m in measures
        ),
        facts=tuple(_summary_facts(snapshot, measures, evidence)),
        figures=_summary_figures(overall, measures) if figures and assessed else (),
    )
    context_tables, context_figures = context_indicators(snapshot, figures=figures)
    place_section = PlaceSection(
        name=place.name,
        description=_paragraphs(place.description),
        wards=place.wards,
        figures=context_figures,
        tables=context_tables,
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
    network = network_findings(analysis, snapshot)
    if graph is not None and analysis is not None:
        network = _with_figures(network, _network_figures(graph, analysis, place.name, as_of))
    recommendation_refs = {
        r.id: RecommendationRef(r.number, r.title, r.anchor) for r in recommendations
    }
    # The public version names lead agencies but links nothing to organisations by name.
    lead_refs = (
        {k: dataclasses.replace(o, anchor="") for k, o in organisations.items()}
        if public
        else organisations
    )
    actions = action_items(snapshot, measure_refs, recommendation_refs, lead_refs, on=today)
    theme_anchors = {a.theme: anchors.make("theme", a.theme or "other") for a in snapshot.actions}
    indicator_anchors = {i.id: anchors.make("indicator", i.id) for i in snapshot.indicators}
    return Report(
        title=title,
        summary=summary,
        place=place_section,
        method=method,
        measures=measures,
        network=network,
        uncoded_evidence=tuple(
            evidence[e.id] for e in snapshot.uncoded_evidence() if e.id in evidence
        ),
        recommendations=recommendations,
        organisations=appendix,
        actions=actions,
        indicators=indicator_summaries(snapshot, indicator_anchors, figures=figures),
        method_notes=_method_notes(snapshot, public=public, analysis=analysis, figures=figures),
        sources=_sources(evidence.values()),
        action_themes=action_themes(actions, theme_anchors),
        plan_as_of=today if snapshot.actions else None,
        tensions=None if public else tension_summary(snapshot),
        assessed=assessed,
    )
