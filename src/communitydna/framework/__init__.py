"""The assessment framework: the ten measures, the two variants and the sliding scale.

Pure Python with no dependencies; everything else in Community DNA speaks these keys.
"""

from communitydna.framework.measures import (
    MEASURE_KEYS,
    MEASURES,
    OVERALL,
    SECTORS,
    VARIANTS,
    Measure,
    MeasureGroup,
    Sector,
    Variant,
    get_measure,
    get_variant,
    parse_measure,
    parse_sector,
    parse_variant,
)
from communitydna.framework.scale import (
    LEVELS,
    POSITIONS,
    Position,
    format_rating,
    get_position,
    parse_rating,
)

__all__ = [
    "LEVELS",
    "MEASURES",
    "MEASURE_KEYS",
    "OVERALL",
    "POSITIONS",
    "SECTORS",
    "VARIANTS",
    "Measure",
    "MeasureGroup",
    "Position",
    "Sector",
    "Variant",
    "format_rating",
    "get_measure",
    "get_position",
    "get_variant",
    "parse_measure",
    "parse_rating",
    "parse_sector",
    "parse_variant",
]
