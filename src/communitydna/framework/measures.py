"""The ten measures of place and community resilience, and the two framework variants.

Keys are stable identifiers used in every file format and API; titles and numbers are for
people. A "measure number" always means a position in the study's variant, so measure 5 is
``social-commercial`` in a community study and ``social-public`` in a place study.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "MEASURES",
    "MEASURE_KEYS",
    "OVERALL",
    "SECTORS",
    "VARIANTS",
    "Measure",
    "MeasureGroup",
    "Sector",
    "Variant",
    "get_measure",
    "get_variant",
    "parse_measure",
    "parse_sector",
    "parse_variant",
]


class Sector(StrEnum):
    """The three sectors of a local economy."""

    PUBLIC = "public"
    COMMERCIAL = "commercial"
    SOCIAL = "social"

    @property
    def label(self) -> str:
        """``"Public"``, ``"Commercial"`` or ``"Social"``."""
        return self.value.capitalize()


SECTORS: tuple[Sector, ...] = (Sector.PUBLIC, Sector.COMMERCIAL, Sector.SOCIAL)

_SECTOR_SYNONYMS: dict[str, Sector] = {
    "public": Sector.PUBLIC,
    "statutory": Sector.PUBLIC,
    "commercial": Sector.COMMERCIAL,
    "private": Sector.COMMERCIAL,
    "business": Sector.COMMERCIAL,
    "social": Sector.SOCIAL,
    "voluntary": Sector.SOCIAL,
    "community": Sector.SOCIAL,
    "third": Sector.SOCIAL,
    "vcs": Sector.SOCIAL,
    "vcse": Sector.SOCIAL,
    "vcfs": Sector.SOCIAL,
    "vcfse": Sector.SOCIAL,
    "charity": Sector.SOCIAL,
    "charitable": Sector.SOCIAL,
    "voluntary and community": Sector.SOCIAL,
}


def parse_sector(text: str) -> Sector:
    """Read a sector as people write it.

    Letter case, surrounding spaces and a trailing word "sector" are ignored; common synonyms
    are accepted.

    Parameters
    ----------
    text : str
        What was typed, e.g. ``"Private sector"`` or ``"VCSE"``.

    Returns
    -------
    Sector

    Raises
    ------
    ValueError
        If the text names no sector.

    Examples
    --------
    >>> parse_sector("Private sector")
    <Sector.COMMERCIAL: 'commercial'>
    >>> parse_sector(" VCSE ").value
    'social'
    """
    cleaned = re.sub(r"\s+", " ", str(text).strip().lower())
    cleaned = re.sub(r"\s*sector$", "", cleaned).strip()
    try:
        return _SECTOR_SYNONYMS[cleaned]
    except KeyError:
        raise ValueError(
            f"{text!r} is not a sector; use public, commercial or social "
            "(private, business, voluntary, community, third, VCS, VCSE and charity are "
            "also understood)"
        ) from None


class MeasureGroup(StrEnum):
    """How the measures are grouped in the method."""

    SHAPE = "shape of the place"
    RELATIONSHIPS = "relationships between sectors"
    WIDER = "wider influences"


@dataclass(frozen=True, slots=True)
class Measure:
    """One of the ten measures.

    Attributes
    ----------
    key : str
        Stable identifier, e.g. ``"social-public"``.
    title : str
        Full title for reports.
    short : str
        A short label for tables and charts.
    group : MeasureGroup
    description : str
        What the measure asks, in our own words.
    sectors : tuple of Sector
        The sectors the measure looks at: one for measures 1–3, two for 4–6, none otherwise.
    """

    key: str
    title: str
    short: str
    group: MeasureGroup
    description: str
    sectors: tuple[Sector, ...] = ()

    @property
    def is_network_measure(self) -> bool:
        """True for the six measures that the relationship network speaks to."""
        return bool(self.sectors)


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure(
            "social",
            "Strength and shape of the social sector",
            "Social sector",
            MeasureGroup.SHAPE,
            "How many community and voluntary organisations the place has and of what kinds, "
            "whether they are connected to one another or fragmented, whether a few large "
            "bodies dominate, and how well they can carry their communities through hard times.",
            (Sector.SOCIAL,),
        ),
        Measure(
            "public",
            "Strength and shape of the public sector",
            "Public sector",
            MeasureGroup.SHAPE,
            "Which public services are present locally, how joined up they are, whether they "
            "plan and deliver with a shared picture of the place, and how exposed they are to "
            "cuts and reorganisation.",
            (Sector.PUBLIC,),
        ),
        Measure(
            "commercial",
            "Strength and shape of the commercial sector",
            "Commercial sector",
            MeasureGroup.SHAPE,
            "The mix of local businesses, from large employers to small shops, how far they "
            "trade with and organise among themselves, and how dependent the place is on a "
            "few firms.",
            (Sector.COMMERCIAL,),
        ),
        Measure(
            "social-public",
            "Partnerships between the social and public sectors",
            "Social–public",
            MeasureGroup.RELATIONSHIPS,
            "Whether community organisations and public bodies work together in practice: "
            "shared forums, commissioning that reaches small groups, referrals both ways, and "
            "trust that holds when money is short.",
            (Sector.SOCIAL, Sector.PUBLIC),
        ),
        Measure(
            "social-commercial",
            "Partnerships between the social and commercial sectors",
            "Social–commercial",
            MeasureGroup.RELATIONSHIPS,
            "Whether businesses and community organisations know and support each other: "
            "local purchasing, sponsorship, volunteering, shared premises and joint ventures.",
            (Sector.SOCIAL, Sector.COMMERCIAL),
        ),
        Measure(
            "public-commercial",
            "Partnerships between the public and commercial sectors",
            "Public–commercial",
            MeasureGroup.RELATIONSHIPS,
            "Whether public bodies and businesses plan the local economy together: business "
            "forums the council listens to, procurement that keeps money local, and a shared "
            "view of the place's future.",
            (Sector.PUBLIC, Sector.COMMERCIAL),
        ),
        Measure(
            "health",
            "Health and wellbeing and the local economy",
            "Health and wellbeing",
            MeasureGroup.WIDER,
            "How people's physical and mental health shapes and is shaped by work, income and "
            "services locally, and whether organisations treat wellbeing as a shared concern.",
        ),
        Measure(
            "environment",
            "The local economy within environmental limits",
            "Environment",
            MeasureGroup.WIDER,
            "How far the place lives within its environmental means: green space, energy, "
            "transport and waste, and whether organisations act on them together.",
        ),
        Measure(
            "identity",
            "Local identity, history and context",
            "Identity and context",
            MeasureGroup.WIDER,
            "How the place's history, reputation, communities and sense of belonging help or "
            "hinder its ability to respond to change.",
        ),
        Measure(
            "governance",
            "National and local governance",
            "Governance",
            MeasureGroup.WIDER,
            "How decisions taken nationally and locally, and the way they are taken, open or "
            "close room for the place to shape its own response.",
        ),
    )
}

MEASURE_KEYS: tuple[str, ...] = tuple(MEASURES)

OVERALL = "overall"
"""The key used in the Ratings sheet for the overall assessment of the place."""


def get_measure(key: str) -> Measure:
    """Return the measure with this key.

    Examples
    --------
    >>> get_measure("health").short
    'Health and wellbeing'
    """
    return MEASURES[key]


@dataclass(frozen=True, slots=True)
class Variant:
    """A framework variant: the order in which measures are presented and their emphasis.

    Attributes
    ----------
    key : str
        ``"community"`` or ``"place"``.
    title : str
    description : str
    order : tuple of str
        Measure keys in presentation order; measure *n* is ``order[n - 1]``.
    weights : dict
        Emphasis weight per measure key; they average 1.0 so that a weighted mean of
        positions stays on the scale.
    """

    key: str
    title: str
    description: str
    order: tuple[str, ...]
    weights: dict[str, float]

    def number_of(self, key: str) -> int:
        """The 1-based number of a measure in this variant.

        >>> VARIANTS["place"].number_of("commercial")
        1
        """
        return self.order.index(key) + 1

    def measures(self) -> tuple[Measure, ...]:
        """The measures in this variant's order."""
        return tuple(MEASURES[k] for k in self.order)


_COMMUNITY_WEIGHTS_RAW = {
    "social": 1.5,
    "public": 1.0,
    "commercial": 1.0,
    "social-public": 1.25,
    "social-commercial": 1.25,
    "public-commercial": 1.0,
    "health": 0.75,
    "environment": 0.75,
    "identity": 0.75,
    "governance": 0.75,
}
_mean = sum(_COMMUNITY_WEIGHTS_RAW.values()) / len(_COMMUNITY_WEIGHTS_RAW)

VARIANTS: dict[str, Variant] = {
    "community": Variant(
        key="community",
        title="Community resilience",
        description=(
            "For neighbourhood studies: starts from the social sector and gives more weight "
            "to it and its relationships, less to the wider influences."
        ),
        order=(
            "social",
            "public",
            "commercial",
            "social-public",
            "social-commercial",
            "public-commercial",
            "health",
            "environment",
            "identity",
            "governance",
        ),
        weights={k: round(v / _mean, 6) for k, v in _COMMUNITY_WEIGHTS_RAW.items()},
    ),
    "place": Variant(
        key="place",
        title="Place resilience",
        description=(
            "For local-authority and sub-regional studies: starts from the commercial sector "
            "and weighs every measure equally."
        ),
        order=(
            "commercial",
            "public",
            "social",
            "public-commercial",
            "social-public",
            "social-commercial",
            "health",
            "environment",
            "identity",
            "governance",
        ),
        weights=dict.fromkeys(MEASURE_KEYS, 1.0),
    ),
}


def get_variant(key: str) -> Variant:
    """Return a variant by key."""
    return VARIANTS[key]


def parse_variant(text: str | None) -> Variant:
    """Read a variant name; blank means ``community``.

    Examples
    --------
    >>> parse_variant(" Place ").key
    'place'
    >>> parse_variant("").key
    'community'
    """
    cleaned = (text or "").strip().lower()
    if not cleaned:
        return VARIANTS["community"]
    cleaned = re.sub(r"\s*(resilience|variant|framework)$", "", cleaned).strip()
    if cleaned in {"neighbourhood", "neighborhood"}:
        cleaned = "community"
    if cleaned in VARIANTS:
        return VARIANTS[cleaned]
    raise ValueError(f"{text!r} is not a framework variant; use community or place")


def _norm_words(text: str) -> str:
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[‐‑‒–—―\-/]", " ", text)
    text = re.sub(r"[^a-z0-9 ]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _measure_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for m in MEASURES.values():
        for alias in (m.key, m.title, m.short):
            aliases[_norm_words(alias)] = m.key
    # "Strength and shape of the social sector" and friends as written in the method
    for s in ("social", "public", "commercial"):
        aliases[_norm_words(f"{s} sector")] = s
        aliases[_norm_words(f"strength and shape of the {s} sector")] = s
    for a, b in (("social", "public"), ("social", "commercial"), ("public", "commercial")):
        key = f"{a}-{b}"
        for x, y in ((a, b), (b, a)):
            aliases[_norm_words(f"{x}-{y}")] = key
            aliases[_norm_words(f"{x} and {y}")] = key
            aliases[_norm_words(f"{x} {y} partnerships")] = key
            aliases[_norm_words(f"{x} and {y} sector partnerships")] = key
            aliases[_norm_words(f"partnerships between the {x} and {y} sectors")] = key
            aliases[_norm_words(f"relationships between the {x} and {y} sectors")] = key
    for extra, key in (
        ("health and wellbeing", "health"),
        ("wellbeing", "health"),
        ("environmental", "environment"),
        ("environmental limits", "environment"),
        ("local identity", "identity"),
        ("identity and history", "identity"),
        ("history", "identity"),
        ("local identity and history", "identity"),
        ("national and local governance", "governance"),
    ):
        aliases[_norm_words(extra)] = key
    return aliases


_MEASURE_ALIASES = _measure_aliases()


def parse_measure(text: str | int, variant: Variant | str = "community") -> str:
    """Read a measure reference and return its stable key.

    Accepts a key, a number in the study's variant (``5``, ``"5"``, ``"M5"``,
    ``"measure 5"``), a title or a short title, in any letter case.

    Parameters
    ----------
    text : str or int
    variant : Variant or str
        The study's variant; numbers are read in its order.

    Raises
    ------
    ValueError
        If nothing matches.

    Examples
    --------
    >>> parse_measure("5", "community")
    'social-commercial'
    >>> parse_measure("measure 5", "place")
    'social-public'
    >>> parse_measure("Public and commercial")
    'public-commercial'
    >>> parse_measure("Health & wellbeing")
    'health'
    """
    var = VARIANTS[variant] if isinstance(variant, str) else variant
    if isinstance(text, bool):
        raise ValueError(f"{text!r} is not a measure")
    if isinstance(text, int | float):
        if float(text).is_integer() and 1 <= int(text) <= len(var.order):
            return var.order[int(text) - 1]
        raise ValueError(f"{text!r} is not a measure number (1 to {len(var.order)})")
    raw = str(text).strip()
    match = re.fullmatch(r"(?i)(?:measure|m)?\s*(\d+)(?:\.0)?", raw)
    if match:
        n = int(match.group(1))
        if 1 <= n <= len(var.order):
            return var.order[n - 1]
        raise ValueError(f"{raw!r} is not a measure number (1 to {len(var.order)})")
    key = _MEASURE_ALIASES.get(_norm_words(raw))
    if key is None:
        raise ValueError(
            f"{raw!r} is not a measure; use a key ({', '.join(MEASURE_KEYS)}), "
            f"a number from 1 to {len(var.order)} or a title"
        )
    return key
