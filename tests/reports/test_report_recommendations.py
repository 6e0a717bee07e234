"""Recommendations show the measures they address and their follow-ups over time."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from communitydna.reports import Report
from communitydna.snapshot import Progress

from .support import by_id, tag, text_of


def test_recommendations_are_numbered_in_the_order_given(report: Report) -> None:
    assert [(r.number, r.id) for r in report.recommendations] == [(1, "r1"), (2, "r2"), (3, "r3")]


def test_follow_ups_are_listed_oldest_first_with_the_latest_progress(
    report: Report, tree: ET.Element
) -> None:
    first = report.recommendations[0]
    assert [f.progress for f in first.followups] == [
        Progress.NOT_STARTED,
        Progress.IN_PROGRESS,
        Progress.DONE,
    ]
    assert first.latest is first.followups[-1]

    section = by_id(tree, first.anchor)
    table = section.find(f".//{tag('table')}")
    assert table is not None
    rows = [text_of(r) for r in table.findall(f"./{tag('tbody')}/{tag('tr')}")]
    assert rows[0].startswith("December 2012 Not started")
    assert rows[1].startswith("March 2013 In progress")
    assert rows[2].startswith("30 June 2013 Done latest")
    assert "Latest progress Done (30 June 2013)" in text_of(section)


def test_a_recommendation_without_follow_ups_says_there_is_none_yet(
    report: Report, tree: ET.Element
) -> None:
    third = report.recommendations[2]
    assert third.latest is None
    assert "Latest progress no follow-up yet" in text_of(by_id(tree, third.anchor))


def test_a_recommendation_names_the_measures_it_addresses_by_number_and_title(
    report: Report, tree: ET.Element
) -> None:
    text = text_of(by_id(tree, report.recommendations[0].anchor))
    assert (
        "Measures addressed 1. Strength and shape of the social sector; "
        "4. Partnerships between the social and public sectors" in text
    )
    assert "Owner Northgate CVS" in text
    assert "Status Agreed" in text


def test_a_measure_links_to_the_recommendations_that_address_it(
    report: Report, tree: ET.Element
) -> None:
    section = by_id(tree, "measure-public-commercial")
    hrefs = [a.get("href") for a in section.iter(tag("a"))]
    assert f"#{report.recommendations[1].anchor}" in hrefs
