"""The demo study: a full, realistic, deterministic study of a fictional neighbourhood."""

from __future__ import annotations

import re
import time
from collections import Counter

import networkx as nx
import pytest

from communitydna.demo.study import demo_snapshot
from communitydna.framework import MEASURE_KEYS, Sector
from communitydna.snapshot import (
    RELATIONSHIP_TYPES,
    ActionStatus,
    ObservationKind,
    Polarity,
    Precision,
    Progress,
    RelationshipStatus,
    Snapshot,
)

POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}$")
EVIDENCE_CITED = re.compile(r"\bE\d{3}\b")


@pytest.fixture(scope="module")
def study() -> Snapshot:
    return demo_snapshot()


def active_network(study: Snapshot) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(o.id for o in study.organisations)
    graph.add_edges_from((r.source, r.target) for r in study.active_relationships())
    return graph


def sector_of(study: Snapshot, organisation_id: str) -> Sector:
    return study.organisation(organisation_id).sector


# -- building --------------------------------------------------------------------------------


def test_it_builds_an_equal_snapshot_on_every_call(study: Snapshot) -> None:
    again = demo_snapshot()
    assert again == study
    assert again is not study


def test_it_builds_in_well_under_a_second() -> None:
    started = time.perf_counter()
    demo_snapshot()
    assert time.perf_counter() - started < 1.0


def test_it_is_a_community_study_of_four_wards(study: Snapshot) -> None:
    assert study.place.variant == "community"
    assert len(study.place.wards) == 4
    assert study.place.description
    assert study.place.assessors
    assert {o.ward for o in study.organisations} == set(study.place.wards)


# -- organisations ---------------------------------------------------------------------------


def test_it_has_about_120_organisations_across_the_three_sectors(study: Snapshot) -> None:
    assert 100 <= len(study.organisations) <= 140
    counts = Counter(o.sector for o in study.organisations)
    assert all(counts[sector] >= 25 for sector in Sector)


def test_each_sector_has_a_variety_of_organisation_types(study: Snapshot) -> None:
    for sector in Sector:
        types = {o.type for o in study.organisations_in(sector)}
        assert len(types) >= 10, sector


def test_every_organisation_has_a_ward_and_a_size(study: Snapshot) -> None:
    assert all(o.ward and o.size is not None for o in study.organisations)


def test_postcodes_are_well_formed(study: Snapshot) -> None:
    postcodes = [o.postcode for o in study.organisations if o.postcode]
    assert len(postcodes) >= 100
    assert all(POSTCODE.match(p) for p in postcodes), postcodes


def test_some_organisations_have_org_id_identifiers(study: Snapshot) -> None:
    identifiers = [o.identifier for o in study.organisations if o.identifier]
    assert any(i.startswith("GB-CHC-") for i in identifiers)
    assert any(i.startswith("GB-COH-") for i in identifiers)
    assert all(re.fullmatch(r"GB-[A-Z]{3}-\w+", i) for i in identifiers)


def test_many_social_organisations_record_who_leads_them(study: Snapshot) -> None:
    social = study.organisations_in(Sector.SOCIAL)
    led = [o for o in social if o.led_by]
    assert len(led) >= len(social) // 3
    kinds = {k for o in led for k in o.led_by}
    assert {"bme", "women", "youth", "disabled people", "faith"} <= kinds


def test_some_organisations_have_notes_and_unknown_columns(study: Snapshot) -> None:
    assert sum(1 for o in study.organisations if o.notes) >= 3
    columns = {k for o in study.organisations for k in o.attributes}
    assert {"website", "employees"} <= columns


def test_a_ward_has_no_social_sector_organisation(study: Snapshot) -> None:
    with_social = {o.ward for o in study.organisations_in(Sector.SOCIAL)}
    without = [w for w in study.place.wards if w not in with_social]
    assert len(without) == 1
    assert any(o.ward == without[0] for o in study.organisations)


# -- relationships ---------------------------------------------------------------------------


def test_it_has_about_300_relationships(study: Snapshot) -> None:
    assert 260 <= len(study.relationships) <= 340


def test_every_relationship_type_and_some_other_types_appear(study: Snapshot) -> None:
    types = {r.type for r in study.relationships}
    assert set(RELATIONSHIP_TYPES) <= types
    assert len(types - set(RELATIONSHIP_TYPES)) >= 1


def test_every_relationship_status_appears_and_ended_ones_have_an_end(study: Snapshot) -> None:
    statuses = Counter(r.status for r in study.relationships)
    assert set(statuses) == set(RelationshipStatus)
    ended = [r for r in study.relationships if r.status is RelationshipStatus.ENDED]
    assert all(r.until is not None for r in ended)
    assert all(r.until is None for r in study.relationships if r not in ended)


def test_some_relationships_are_tense(study: Snapshot) -> None:
    assert sum(r.tense for r in study.relationships) >= 5


def test_grants_and_contracts_are_directed(study: Snapshot) -> None:
    for r in study.relationships:
        if r.type in ("grant", "contract"):
            assert r.directed, r.id
    assert any(not r.directed for r in study.relationships)


def test_strengths_run_from_one_to_five(study: Snapshot) -> None:
    assert {r.strength for r in study.relationships} == {1, 2, 3, 4, 5}


def test_start_dates_have_every_precision(study: Snapshot) -> None:
    precisions = {r.since.precision for r in study.relationships if r.since is not None}
    assert precisions == set(Precision)


def test_relationships_cite_evidence_that_exists(study: Snapshot) -> None:
    cited = [e for r in study.relationships for e in r.evidence]
    assert cited
    for evidence_id in cited:
        study.evidence_item(evidence_id)


# -- the shape of the network ----------------------------------------------------------------


def test_the_cvs_and_the_council_neighbourhoods_team_are_the_best_connected(
    study: Snapshot,
) -> None:
    graph = active_network(study)
    top = sorted(graph.degree, key=lambda pair: pair[1], reverse=True)[:2]
    assert {node for node, _ in top} == {"cvs", "council-nbh"}


def test_the_commercial_sector_is_more_fragmented_than_the_social(study: Snapshot) -> None:
    graph = active_network(study)

    def within(sector: Sector) -> nx.Graph:
        return graph.subgraph(o.id for o in study.organisations_in(sector))

    commercial, social = within(Sector.COMMERCIAL), within(Sector.SOCIAL)
    assert nx.number_connected_components(commercial) > nx.number_connected_components(social)
    assert nx.density(commercial) < nx.density(social)


def test_an_articulation_point_cuts_businesses_off_from_the_social_sector(
    study: Snapshot,
) -> None:
    graph = active_network(study)
    cutters = []
    for point in nx.articulation_points(graph):
        reached_social = any(
            sector_of(study, n) is Sector.SOCIAL for n in nx.node_connected_component(graph, point)
        )
        rest = graph.copy()
        rest.remove_node(point)
        for part in nx.connected_components(rest):
            sectors = {sector_of(study, n) for n in part}
            if reached_social and Sector.COMMERCIAL in sectors and Sector.SOCIAL not in sectors:
                cutters.append(point)
    assert cutters


def test_some_ties_between_social_and_commercial_organisations_are_bridges(
    study: Snapshot,
) -> None:
    graph = active_network(study)
    pair = {Sector.SOCIAL, Sector.COMMERCIAL}
    bridges = [
        (a, b) for a, b in nx.bridges(graph) if {sector_of(study, a), sector_of(study, b)} == pair
    ]
    assert bridges


def test_some_bme_led_organisations_have_no_tie_to_the_public_sector(study: Snapshot) -> None:
    graph = active_network(study)
    bme = [o for o in study.organisations if "bme" in o.led_by]
    gaps = [
        o
        for o in bme
        if not any(sector_of(study, n) is Sector.PUBLIC for n in graph.neighbors(o.id))
    ]
    assert len(gaps) >= 3
    assert len(gaps) < len(bme)


# -- evidence --------------------------------------------------------------------------------


def test_it_has_about_100_evidence_items(study: Snapshot) -> None:
    assert 85 <= len(study.evidence) <= 115


def test_every_measure_has_positive_and_negative_evidence(study: Snapshot) -> None:
    for key in MEASURE_KEYS:
        assert study.evidence_for(key, Polarity.POSITIVE), key
        assert study.evidence_for(key, Polarity.NEGATIVE), key


def test_some_evidence_is_neutral_confidential_double_coded_or_uncoded(
    study: Snapshot,
) -> None:
    assert any(e.polarity is Polarity.NEUTRAL for e in study.evidence)
    assert 1 <= sum(e.confidential for e in study.evidence) <= 10
    assert sum(1 for e in study.evidence if len(e.measures) == 2) >= 3
    assert 1 <= len(study.uncoded_evidence()) <= 2


def test_evidence_has_weights_dates_organisations_and_varied_sources(study: Snapshot) -> None:
    assert {e.weight for e in study.evidence} == {1, 2, 3}
    assert all(e.date is not None and e.text for e in study.evidence)
    assert sum(1 for e in study.evidence if e.organisations) >= len(study.evidence) // 2
    kinds = {e.source.split(":")[0] for e in study.evidence}
    assert {"Interview", "Focus group", "Desk review"} <= kinds
    assert "Interview: tenants' association chair" in {e.source for e in study.evidence}


def test_evidence_texts_are_not_repeated(study: Snapshot) -> None:
    texts = [e.text for e in study.evidence]
    assert len(set(texts)) == len(texts)


# -- ratings and ways forward ----------------------------------------------------------------


def test_exactly_one_measure_is_unrated(study: Snapshot) -> None:
    assert study.measures_unrated() == ("environment",)
    assert study.counts()["ratings"] == len(MEASURE_KEYS) - 1


def test_every_rating_row_has_a_rationale_an_assessor_and_a_date(study: Snapshot) -> None:
    rows = [*study.ratings, study.overall]
    for rating in rows:
        assert rating is not None
        assert 2 <= len(rating.rationale) <= 4, rating.measure
        assert rating.assessor
        assert rating.date is not None


def test_there_is_an_overall_assessment(study: Snapshot) -> None:
    assert study.overall is not None
    assert study.overall.position is not None


def test_rationales_cite_evidence_that_exists(study: Snapshot) -> None:
    points = [p for r in (*study.ratings, study.overall) if r is not None for p in r.rationale]
    cited = {m for point in points for m in EVIDENCE_CITED.findall(point)}
    assert len(cited) >= 30
    for evidence_id in cited:
        study.evidence_item(evidence_id)


def test_recommendations_are_tied_to_measures_and_followed_up(study: Snapshot) -> None:
    assert 6 <= len(study.recommendations) <= 10
    for rec in study.recommendations:
        assert rec.measures, rec.id
        assert rec.owner, rec.id
        assert study.followups_for(rec.id)
    assert {f.progress for f in study.followups} == set(Progress)


# -- action plan, indicators, tensions -------------------------------------------------------


def test_the_action_plan_has_three_themes_and_numbered_refs(study: Snapshot) -> None:
    assert 10 <= len(study.actions) <= 15
    assert len({a.theme for a in study.actions}) == 3
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", a.ref) for a in study.actions)
    assert any("\n" in a.action for a in study.actions)
    assert all(a.outcome and a.status is not None and a.measures for a in study.actions)
    assert any(a.recommendations for a in study.actions)
    assert len({a.status for a in study.actions}) >= 4
    assert ActionStatus.DONE in {a.status for a in study.actions}


def test_milestones_are_due_to_the_month_and_to_the_day(study: Snapshot) -> None:
    milestones = [m for a in study.actions for m in a.milestones]
    assert any(len(a.milestones) > 1 for a in study.actions)
    precisions = {m.due.precision for m in milestones if m.due is not None}
    assert {Precision.MONTH, Precision.DAY} <= precisions


def test_one_lead_agency_matches_no_organisation(study: Snapshot) -> None:
    leads = [lead for a in study.actions for lead in a.lead]
    unlinked = [lead for lead in leads if not lead.linked]
    assert len(unlinked) == 1
    assert not any(o.name == unlinked[0].name for o in study.organisations)
    for lead in leads:
        if lead.organisation is not None:
            assert study.organisation(lead.organisation).name == lead.name


def test_indicators_have_baselines_targets_and_ward_level_actuals(study: Snapshot) -> None:
    assert 5 <= len(study.indicators) <= 8
    for indicator in study.indicators:
        assert indicator.type, indicator.id
        assert indicator.unit, indicator.id
        assert indicator.responsible, indicator.id
        assert indicator.direction is not None
        kinds = {o.kind for o in study.observations_of(indicator.id)}
        assert kinds == set(ObservationKind), indicator.id
    wards = set(study.place.wards)
    assert any(o.kind is ObservationKind.ACTUAL and o.area in wards for o in study.observations)
    assert any(re.fullmatch(r"\d{4}/\d{2}", o.period) for o in study.observations)


def test_a_baseline_is_to_be_determined(study: Snapshot) -> None:
    assert any(o.kind is ObservationKind.BASELINE and not o.value.known for o in study.observations)


def test_some_values_are_qualified_or_percentages(study: Snapshot) -> None:
    values = [o.value for o in study.observations]
    assert any(v.qualifier == "<" for v in values)
    assert any(v.percent for v in values)
    assert any(str(v).startswith("less than") for v in values)


def test_some_observations_are_broken_down_by_age_gender_and_ethnicity(study: Snapshot) -> None:
    keys = {k for o in study.observations for k, _ in o.breakdown}
    assert {"age", "gender", "ethnicity"} <= keys
    assert ("ethnicity", "Pakistani") in {pair for o in study.observations for pair in o.breakdown}


def test_tension_reports_cover_a_year_month_by_month(study: Snapshot) -> None:
    months = {(t.date.year, t.date.month) for t in study.tensions}
    assert len(months) == 12
    assert all(t.date.precision is Precision.MONTH for t in study.tensions)
    assert {t.area for t in study.tensions} <= set(study.place.wards)
    assert len({t.category for t in study.tensions}) >= 4
    assert all(1 <= t.severity <= 5 for t in study.tensions)


def test_tension_rises_visibly_in_one_ward(study: Snapshot) -> None:
    def mean_severity(ward: str, first_half: bool) -> float:
        reports = sorted((t for t in study.tensions if t.area == ward), key=lambda t: t.date)
        half = reports[:6] if first_half else reports[6:]
        return sum(t.severity for t in half) / len(half)

    rises = {
        ward: mean_severity(ward, False) - mean_severity(ward, True)
        for ward in study.place.wards
        if sum(1 for t in study.tensions if t.area == ward) == 12
    }
    rising = [ward for ward, rise in rises.items() if rise >= 1.5]
    assert len(rising) == 1


def test_actions_have_dated_updates_and_one_moved_its_status_on(study: Snapshot) -> None:
    updated = [a for a in study.actions if a.updates]
    assert len(updated) >= len(study.actions) // 2
    assert any(len(a.updates) > 1 for a in updated)
    assert any(a.current_status is not a.status for a in updated)
    assert any(u.status is None for a in updated for u in a.updates)  # a note without a status
    assert {u.date.precision for a in updated for u in a.updates} >= {
        Precision.MONTH,
        Precision.DAY,
    }


def test_the_early_warning_rule_flags_the_protest_in_sowden_park(study: Snapshot) -> None:
    from communitydna.monitoring import Month, early_warnings

    flagged = [(w.area, w.month) for w in early_warnings(study.tensions)]
    assert flagged == [("Sowden Park", Month(2023, 10))]


def test_indicator_progress_can_be_told_for_most_indicators(study: Snapshot) -> None:
    from communitydna.monitoring import Standing, indicator_progress

    standings = [
        indicator_progress(i, study.observations_of(i.id), area=study.place.name).standing
        for i in study.indicators
    ]
    assert Standing.MET in standings
    assert Standing.ON_THE_WAY in standings
    assert Standing.NOT_KNOWN in standings  # a value still to be determined
