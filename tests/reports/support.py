"""Small study snapshots for the report tests, and helpers to read the rendered HTML."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from typing import Any

import html5lib

from communitydna.framework import Sector
from communitydna.reports import build_report, render_html
from communitydna.snapshot import (
    Evidence,
    FollowUp,
    Organisation,
    PartialDate,
    Place,
    Polarity,
    Progress,
    Rating,
    Recommendation,
    Relationship,
    Snapshot,
)

GENERATED_ON = dt.date(2024, 5, 1)
XHTML = "{http://www.w3.org/1999/xhtml}"

HOSTILE = "<script>alert('owned')</script>"


def _d(text: str) -> PartialDate:
    return PartialDate.parse(text)


def make_snapshot(variant: str = "community", *, name: str = "Northgate") -> Snapshot:
    """A small study: three sectors, evidence of every polarity, ratings, recommendations.

    - ``social`` is rated between stable and resilient; ``public`` has a rating row with no
      position; ``health`` has no rating row at all.
    - ``e-both`` is coded to two measures; ``e-loose`` and ``e-loose-2`` to none.
    - Recommendation ``r1`` has three follow-ups given out of date order.
    """
    organisations = (
        Organisation("council", "Northgate Borough Council", Sector.PUBLIC, type="local authority"),
        Organisation(
            "gp", "Riverside Health Centre", Sector.PUBLIC, type="health", ward="Riverside"
        ),
        Organisation("bakery", "Hill Street Bakery", Sector.COMMERCIAL, type="SME", size=None),
        Organisation(
            "retail", "Northgate Traders' Association", Sector.COMMERCIAL, type="business body"
        ),
        Organisation(
            "foodbank",
            "Northgate Foodbank",
            Sector.SOCIAL,
            type="charity",
            ward="Riverside",
            led_by=("women",),
        ),
        Organisation("youth", "Castle Youth Project", Sector.SOCIAL, type="community group"),
    )
    relationships = (
        Relationship("rel1", "council", "foodbank", "grant", directed=True),
        Relationship("rel2", "bakery", "foodbank", "informal", strength=2),
        Relationship("rel3", "council", "retail", "forum", tense=True),
    )
    evidence = (
        Evidence(
            "e-social-plus",
            "The foodbank and the youth project share volunteers every winter.",
            source="Interview: foodbank manager",
            date=_d("2012-07-15"),
            measures=("social",),
            polarity=Polarity.POSITIVE,
            weight=2,
            organisations=("foodbank", "youth"),
        ),
        Evidence(
            "e-social-minus",
            "Small groups say they never hear about funding rounds.",
            source="Focus group: residents",
            date=_d("2012-08"),
            measures=("social",),
            polarity=Polarity.NEGATIVE,
        ),
        Evidence(
            "e-both",
            "The council's grant to the foodbank was renewed for three years.",
            source="Desk review: area action plan",
            date=_d("2012"),
            measures=("social-public", "public"),
            polarity=Polarity.POSITIVE,
            organisations=("council", "foodbank"),
        ),
        Evidence(
            "e-tense",
            "Traders walked out of the town-centre forum in March.",
            source="Interview: traders' association",
            measures=("public-commercial",),
            polarity=Polarity.NEGATIVE,
            weight=3,
            organisations=("retail", "council"),
        ),
        Evidence(
            "e-neutral",
            "Most residents work outside the borough.",
            source="Desk review: census",
            measures=("identity",),
            polarity=Polarity.NEUTRAL,
        ),
        Evidence(
            "e-confidential",
            "A councillor privately doubts the partnership will last.",
            source="Interview: councillor",
            measures=("governance",),
            polarity=Polarity.NEGATIVE,
            confidential=True,
        ),
        Evidence("e-loose", "The bakery donates bread on Fridays.", source="Site visit"),
        Evidence(
            "e-loose-2",
            "Parking near the health centre is a complaint.\nIt comes up at every meeting.",
            source="Interview: GP practice manager",
            organisations=("gp",),
        ),
    )
    ratings = (
        Rating(
            "social",
            6,
            ("Dense web of mutual support", "Funding information does not reach small groups"),
            assessor="A. Assessor",
            date=_d("2012-09"),
        ),
        Rating("public", None),
        Rating("commercial", 3, ("Few links beyond the high street",)),
        Rating("social-public", 5),
        Rating("social-commercial", 2),
        Rating("public-commercial", 1, ("Forum has collapsed",)),
        Rating("environment", 4),
        Rating("identity", 7),
        Rating("governance", 3),
    )
    recommendations = (
        Recommendation(
            "r1",
            "Set up a small-grants bulletin",
            "A monthly bulletin of funding rounds, written with the small groups.",
            measures=("social", "social-public"),
            owner="Northgate CVS",
            status="agreed",
        ),
        Recommendation(
            "r2",
            "Reconvene the town-centre forum",
            measures=("public-commercial",),
            owner="Northgate Borough Council",
        ),
        Recommendation("r3", "Map green spaces with residents", measures=("environment",)),
    )
    followups = (
        FollowUp(
            "r1", _d("2013-03"), Progress.IN_PROGRESS, "Two issues sent; groups asked for more."
        ),
        FollowUp("r1", _d("2012-12"), Progress.NOT_STARTED, "Waiting for a lead officer."),
        FollowUp("r1", _d("2013-06-30"), Progress.DONE, "Bulletin now runs monthly."),
        FollowUp("r2", _d("2013-03"), Progress.DROPPED, "Traders declined."),
    )
    return Snapshot(
        place=Place(
            name,
            variant=variant,
            date=_d("2012-09"),
            description="A market town on the river.\n\nThree wards, one high street.",
            wards=("Riverside", "Castle", "Hilltop"),
            assessors=("A. Assessor", "B. Researcher"),
        ),
        organisations=organisations,
        relationships=relationships,
        evidence=evidence,
        ratings=ratings,
        overall=Rating("overall", 4, ("Strong social sector, weak business links",)),
        recommendations=recommendations,
        followups=followups,
    )


def make_hostile_snapshot() -> Snapshot:
    """A study whose every kind of user text carries markup."""
    return Snapshot(
        place=Place(
            f"Evil {HOSTILE} town",
            description=f"Described as {HOSTILE}",
            wards=(HOSTILE,),
            assessors=(HOSTILE,),
        ),
        organisations=(
            Organisation("o1", f"Org {HOSTILE}", Sector.SOCIAL, type=HOSTILE, ward=HOSTILE),
        ),
        evidence=(
            Evidence(
                "e1",
                f"Quote {HOSTILE} <img src=x onerror=alert(1)>",
                source=HOSTILE,
                measures=("social",),
                polarity=Polarity.POSITIVE,
                organisations=("o1",),
            ),
            Evidence("e2", f"Loose {HOSTILE}", source="<b>bold</b>"),
        ),
        ratings=(Rating("social", 5, (f"Because {HOSTILE}",), assessor=HOSTILE),),
        overall=Rating("overall", 5, (HOSTILE,)),
        recommendations=(Recommendation("r<1>", f"Do {HOSTILE}", HOSTILE, ("social",), HOSTILE),),
        followups=(FollowUp("r<1>", _d("2013"), Progress.DONE, HOSTILE),),
    )


def parse(page: str) -> ET.Element:
    """Parse HTML strictly (any parse error raises) into an element tree."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    tree: ET.Element = parser.parse(page)
    return tree


def render(snapshot: Snapshot, analysis: Mapping[str, Any] | None = None) -> str:
    """Build and render the report of a snapshot."""
    return render_html(build_report(snapshot, analysis=analysis, generated_on=GENERATED_ON))


def tag(name: str) -> str:
    return f"{XHTML}{name}"


def text_of(element: ET.Element) -> str:
    """All text inside an element, with runs of white space made single spaces."""
    return " ".join("".join(element.itertext()).split())


def by_id(root: ET.Element, element_id: str) -> ET.Element:
    for element in root.iter():
        if element.get("id") == element_id:
            return element
    raise AssertionError(f"no element with id {element_id!r}")


def headings(root: ET.Element) -> Iterator[tuple[int, str]]:
    """Every heading in document order, as (level, text)."""
    levels = {tag(f"h{n}"): n for n in range(1, 7)}
    for element in root.iter():
        if element.tag in levels:
            yield levels[element.tag], text_of(element)


def sections_of_class(root: ET.Element, class_name: str) -> list[ET.Element]:
    return [e for e in root.iter(tag("section")) if class_name in (e.get("class") or "").split()]
