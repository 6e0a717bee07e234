"""Random studies of any size with a realistic shape, for benchmarks and scale tests.

The shape follows what studies of neighbourhoods find: a social sector of many small groups
and a few large charities, a public sector of fewer, larger bodies, small businesses with a
few big employers; relationships concentrated on hubs (ties are drawn with preferential
attachment, so some organisations have hundreds); grants and contracts running from
funders to the social sector; some tense, ended or proposed relationships; evidence coded
to every measure and ratings for most. The text is generated, not meaningful.

The same arguments always give the same snapshot; 100,000 organisations and 300,000
relationships take a few seconds.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from itertools import accumulate

from communitydna.framework import MEASURE_KEYS, OVERALL, Sector
from communitydna.snapshot import (
    DIRECTED_BY_DEFAULT,
    Evidence,
    Organisation,
    PartialDate,
    Place,
    Polarity,
    Rating,
    Relationship,
    RelationshipStatus,
    Size,
    Snapshot,
)

__all__ = ["synthetic_snapshot"]

_WARDS = (
    "Northgate",
    "Eastfield",
    "Southmoor",
    "Westbrook",
    "Millbank",
    "Harefield",
    "Ashworth",
    "Kingsholme",
    "Brookside",
    "Oakdene",
    "Riverside",
    "Hillcrest",
    "Fernlea",
    "Stonebridge",
    "Castleton",
    "Larkhill",
    "Meadowcroft",
    "Thornley",
    "Whitecross",
    "Elmstead",
)

_TYPES: dict[Sector, tuple[tuple[str, int], ...]] = {
    Sector.SOCIAL: (
        ("community group", 30),
        ("charity", 20),
        ("faith group", 10),
        ("tenants' association", 8),
        ("sports club", 8),
        ("social enterprise", 7),
        ("mutual aid group", 5),
        ("housing association", 3),
        ("development trust", 3),
        ("credit union", 2),
        ("co-operative", 4),
    ),
    Sector.PUBLIC: (
        ("school", 30),
        ("GP practice", 15),
        ("council service", 20),
        ("neighbourhood police team", 8),
        ("library", 8),
        ("college", 5),
        ("job centre", 4),
        ("fire station", 4),
        ("health centre", 6),
    ),
    Sector.COMMERCIAL: (
        ("shop", 30),
        ("café", 12),
        ("pub", 10),
        ("builder", 10),
        ("manufacturer", 6),
        ("pharmacy", 6),
        ("supermarket", 4),
        ("consultancy", 10),
        ("bank branch", 3),
        ("business association", 2),
    ),
}
_SECTOR_SHARE = ((Sector.SOCIAL, 55), (Sector.PUBLIC, 15), (Sector.COMMERCIAL, 30))
_SIZES: dict[Sector, tuple[int, ...]] = {  # micro, small, medium, large
    Sector.SOCIAL: (45, 35, 15, 5),
    Sector.PUBLIC: (5, 25, 45, 25),
    Sector.COMMERCIAL: (50, 30, 15, 5),
}
_SIZE_PULL = {Size.MICRO: 1.0, Size.SMALL: 2.0, Size.MEDIUM: 4.0, Size.LARGE: 8.0}
_LED_BY = ("bme", "women", "youth", "disabled people", "older people", "lgbt+", "faith")
_QUALITIES = (
    "Community",
    "Family",
    "United",
    "Friends of",
    "Together",
    "Neighbourhood",
    "Central",
    "Park",
    "Valley",
    "Heritage",
    "Green",
    "New Start",
)
_RELATIONSHIP_TYPES = (
    ("partnership", 25),
    ("informal", 15),
    ("referral", 12),
    ("forum", 12),
    ("grant", 8),
    ("supply chain", 8),
    ("contract", 7),
    ("co-location", 5),
    ("board", 4),
    ("joint venture", 2),
    ("mentoring", 2),
)
_SOURCES = (
    "Interview: {}",
    "Focus group: {}",
    "Desk review: area action plan",
    "Desk review: ward profile",
    "Survey of organisations",
)


def _table(options: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    return [o for o, _ in options], list(accumulate(w for _, w in options))


_TYPE_TABLES = {sector: _table(options) for sector, options in _TYPES.items()}
_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _organisations(rng: random.Random, count: int, wards: tuple[str, ...]) -> list[Organisation]:
    sectors = rng.choices(
        [s for s, _ in _SECTOR_SHARE], weights=[w for _, w in _SECTOR_SHARE], k=count
    )
    used: dict[str, int] = {}
    organisations: list[Organisation] = []
    for i, sector in enumerate(sectors):
        kinds, weights = _TYPE_TABLES[sector]
        kind = rng.choices(kinds, cum_weights=weights)[0]
        ward = rng.choice(wards)
        base = f"{ward} {rng.choice(_QUALITIES)} {kind.title()}"
        used[base] = used.get(base, 0) + 1
        name = base if used[base] == 1 else f"{base} {used[base]}"
        size = rng.choices(tuple(Size), weights=_SIZES[sector])[0]
        led_by: tuple[str, ...] = ()
        identifier = ""
        attributes: dict[str, str] = {}
        if sector is Sector.SOCIAL:
            if rng.random() < 0.25:
                led_by = tuple(sorted(set(rng.choices(_LED_BY, k=rng.randint(1, 2)))))
            if kind in {"charity", "development trust"} or rng.random() < 0.2:
                identifier = f"GB-CHC-{rng.randrange(200_000, 1_200_000)}"
        elif sector is Sector.COMMERCIAL:
            if rng.random() < 0.4:
                identifier = f"GB-COH-{rng.randrange(1_000_000, 14_000_000):08d}"
            if rng.random() < 0.3:
                attributes["employees"] = str(int(rng.paretovariate(1.2) * 3))
        organisations.append(
            Organisation(
                id=f"o{i + 1}",
                name=name,
                sector=sector,
                type=kind,
                ward=ward,
                postcode=f"NG{1 + int(rng.random() * 30)} {1 + int(rng.random() * 9)}"
                f"{_LETTERS[int(rng.random() * 20)]}{_LETTERS[int(rng.random() * 20)]}",
                identifier=identifier,
                led_by=led_by,
                size=size,
                notes="",
                attributes=attributes,
            )
        )
    return organisations


def _relationships(
    rng: random.Random, organisations: list[Organisation], count: int
) -> list[Relationship]:
    n = len(organisations)
    if n < 2 or count <= 0:
        return []
    # preferential attachment: a heavy-tailed pull, larger for larger organisations
    pull = [rng.paretovariate(2.0) * _SIZE_PULL[o.size or Size.SMALL] for o in organisations]
    cumulative = list(accumulate(pull))
    total = cumulative[-1]
    types = [t for t, _ in _RELATIONSHIP_TYPES]
    kinds = rng.choices(types, weights=[w for _, w in _RELATIONSHIP_TYPES], k=count)
    strengths = rng.choices((1, 2, 3, 4, 5), weights=(10, 20, 35, 25, 10), k=count)
    relationships: list[Relationship] = []
    for i in range(count):
        a = bisect_left(cumulative, rng.random() * total)
        b = bisect_left(cumulative, rng.random() * total)
        while b == a:
            b = rng.randrange(n)
        source, target = organisations[min(a, n - 1)], organisations[min(b, n - 1)]
        kind = kinds[i]
        if kind in DIRECTED_BY_DEFAULT and source.sector is Sector.SOCIAL:
            source, target = target, source  # funders give to the social sector
        roll = rng.random()
        status = (
            RelationshipStatus.ACTIVE
            if roll < 0.85
            else RelationshipStatus.ENDED
            if roll < 0.95
            else RelationshipStatus.PROPOSED
        )
        since = until = None
        if rng.random() < 0.4:
            year = rng.randint(1998, 2011)
            since = (
                PartialDate(year, rng.randint(1, 12)) if rng.random() < 0.5 else PartialDate(year)
            )
            if status is RelationshipStatus.ENDED:
                until = PartialDate(rng.randint(year, 2012))
        relationships.append(
            Relationship(
                id=f"r{i + 1}",
                source=source.id,
                target=target.id,
                type=kind,
                directed=kind in DIRECTED_BY_DEFAULT or rng.random() < 0.05,
                strength=strengths[i],
                tense=rng.random() < 0.08,
                status=status,
                since=since,
                until=until,
            )
        )
    return relationships


def _evidence(rng: random.Random, organisations: list[Organisation]) -> list[Evidence]:
    count = max(20, min(400, len(organisations) // 50))
    items: list[Evidence] = []
    for i in range(count):
        about = rng.sample(organisations, k=min(len(organisations), rng.randint(0, 2)))
        who = about[0].type if about else "resident"
        items.append(
            Evidence(
                id=f"e{i + 1}",
                text=f"Finding {i + 1} of the fieldwork, about {who}s in the area.",
                source=rng.choice(_SOURCES).format(who),
                date=PartialDate(2012, rng.randint(1, 9)),
                measures=tuple(sorted(set(rng.choices(MEASURE_KEYS, k=rng.randint(1, 2))))),
                polarity=rng.choices(tuple(Polarity), weights=(45, 40, 15))[0],
                weight=rng.choices((1, 2, 3), weights=(50, 35, 15))[0],
                organisations=tuple(o.id for o in about),
                confidential=rng.random() < 0.1,
            )
        )
    return items


def synthetic_snapshot(organisations: int, relationships: int, *, seed: int = 0) -> Snapshot:
    """A random study with ``organisations`` organisations and ``relationships`` ties.

    Parameters
    ----------
    organisations : int
    relationships : int
        Ties are drawn between distinct organisations; with fewer than two organisations
        there are none.
    seed : int
        The same seed gives the same snapshot.

    Examples
    --------
    >>> study = synthetic_snapshot(200, 600, seed=1)
    >>> len(study.organisations), len(study.relationships)
    (200, 600)
    >>> study == synthetic_snapshot(200, 600, seed=1)
    True
    """
    rng = random.Random(seed)
    wards = _WARDS[: max(3, min(len(_WARDS), organisations // 2_000 + 3))]
    orgs = _organisations(rng, organisations, wards)
    ties = _relationships(rng, orgs, relationships)
    evidence = _evidence(rng, orgs) if orgs else []
    unrated = rng.choice(MEASURE_KEYS)
    ratings = tuple(
        Rating(
            measure=key,
            position=None if key == unrated else rng.randint(2, 6),
            rationale=(f"Judged from {sum(key in e.measures for e in evidence)} items.",),
            assessor="Synthetic assessor",
            date=PartialDate(2012, 10),
        )
        for key in MEASURE_KEYS
    )
    if ties and evidence:
        # a few relationships cite the evidence that tells of them
        for index in rng.sample(range(len(ties)), k=min(len(ties), len(evidence))):
            cited = rng.choice(evidence).id
            tie = ties[index]
            ties[index] = Relationship(
                id=tie.id,
                source=tie.source,
                target=tie.target,
                type=tie.type,
                directed=tie.directed,
                strength=tie.strength,
                tense=tie.tense,
                status=tie.status,
                since=tie.since,
                until=tie.until,
                evidence=(cited,),
            )
    return Snapshot(
        place=Place(
            name=f"Synthetic place {seed}",
            variant="community",
            date=PartialDate(2012, 10),
            description=(
                f"A generated study of {organisations:,} organisations and "
                f"{relationships:,} relationships."
            ),
            wards=wards,
            assessors=("Synthetic assessor",),
        ),
        organisations=tuple(orgs),
        relationships=tuple(ties),
        evidence=tuple(evidence),
        ratings=ratings,
        overall=Rating(OVERALL, rng.randint(3, 5), ("Generated.",)),
        recommendations=(),
    )
