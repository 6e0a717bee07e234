"""Gaps: organisations that slip through, and who they are.

- ``without_tie[sector][other]``: ids of the sector's organisations with no active tie to
  any organisation of the other sector;
- ``breakdown[attribute][value][other]``: for each group of organisations sharing a value of
  ``led_by``, ``size``, ``ward`` or ``type``, the share with at least one tie to the other
  sector, counting only the group's organisations that are not themselves in that sector
  (``None`` when none are). Blank values are left out;
- ``wards_without_social``: wards of the place (named in the study or given to an
  organisation, matched regardless of letter case) where no social-sector organisation is
  based.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from communitydna.analysis.graph import SECTOR_CODES, Network
from communitydna.framework import Sector

__all__ = ["ATTRIBUTES", "Gaps", "gaps", "ties_to_groups"]

ATTRIBUTES: tuple[str, ...] = ("led_by", "size", "ward", "type")
"""The organisation attributes the gaps are broken down by."""


@dataclass(frozen=True, slots=True)
class Gaps:
    """Organisations with no tie to a sector, and shares with a tie by attribute.

    Attributes
    ----------
    without_tie : dict
        ``without_tie[sector][other sector]`` = tuple of organisation ids.
    breakdown : dict
        ``breakdown[attribute][value][other sector]`` = share (0–1) or ``None``.
    group_sizes : dict
        ``group_sizes[attribute][value]`` = number of organisations in the group.
    wards_without_social : tuple of str
    """

    without_tie: dict[str, dict[str, tuple[str, ...]]]
    breakdown: dict[str, dict[str, dict[str, float | None]]]
    group_sizes: dict[str, dict[str, int]]
    wards_without_social: tuple[str, ...]


def ties_to_groups(network: Network) -> NDArray[np.bool_]:
    """``has[v, g]``: whether organisation ``v`` has a tie to some organisation of group ``g``.

    Examples
    --------
    >>> from communitydna.analysis.graph import network_from_edges
    >>> ties_to_groups(network_from_edges(3, [(0, 1)], groups=[0, 1, 1])).tolist()
    [[False, True], [True, False], [False, False]]
    """
    size = len(network.group_names)
    has = np.zeros((network.n, size), dtype=np.bool_)
    has[network.tie_u, network.groups[network.tie_v]] = True
    has[network.tie_v, network.groups[network.tie_u]] = True
    return has


def _values(network: Network, attribute: str) -> list[tuple[str, ...]]:
    if attribute == "led_by":
        return [tuple(dict.fromkeys(v)) for v in network.led_by]
    column = {"size": network.sizes, "ward": network.wards, "type": network.types}[attribute]
    return [(v,) if v else () for v in column]


def gaps(network: Network, place_wards: Sequence[str] = ()) -> Gaps:
    """The gaps of a network whose groups are the three sectors.

    Parameters
    ----------
    network : Network
        Built from a snapshot (groups are sector codes).
    place_wards : sequence of str
        The wards the study names for the place.

    Examples
    --------
    >>> from communitydna.framework import Sector
    >>> from communitydna.snapshot import Organisation, Place, Relationship, Snapshot
    >>> from communitydna.analysis.graph import network_from_snapshot
    >>> s = Snapshot(
    ...     place=Place("Northgate", wards=("Riverside", "Castle")),
    ...     organisations=(
    ...         Organisation("council", "Council", Sector.PUBLIC),
    ...         Organisation("foodbank", "Foodbank", Sector.SOCIAL, ward="Riverside"),
    ...         Organisation("youth", "Youth", Sector.SOCIAL, ward="Riverside", led_by=("bme",)),
    ...     ),
    ...     relationships=(Relationship("r1", "council", "foodbank"),),
    ... )
    >>> g = gaps(network_from_snapshot(s), s.place.wards)
    >>> g.without_tie["social"]["public"], g.breakdown["ward"]["Riverside"]["public"]
    (('youth',), 0.5)
    >>> g.breakdown["led_by"]["bme"], g.wards_without_social
    ({'public': 0.0, 'commercial': 0.0, 'social': None}, ('Castle',))
    """
    has = ties_to_groups(network)
    sectors = {s.value: SECTOR_CODES[s] for s in Sector}
    without: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, code in sectors.items():
        members = network.groups == code
        without[name] = {
            other: tuple(
                network.ids[v] for v in np.flatnonzero(members & ~has[:, other_code]).tolist()
            )
            for other, other_code in sectors.items()
            if other != name
        }
    breakdown: dict[str, dict[str, dict[str, float | None]]] = {}
    sizes: dict[str, dict[str, int]] = {}
    groups = network.groups.tolist()
    for attribute in ATTRIBUTES:
        members_of: dict[str, list[int]] = {}
        for v, values in enumerate(_values(network, attribute)):
            for value in values:
                members_of.setdefault(value, []).append(v)
        breakdown[attribute] = {}
        sizes[attribute] = {}
        for value in sorted(members_of):
            nodes = members_of[value]
            sizes[attribute][value] = len(nodes)
            shares: dict[str, float | None] = {}
            for other, code in sectors.items():
                eligible = [v for v in nodes if groups[v] != code]
                shares[other] = (
                    float(np.count_nonzero(has[eligible, code])) / len(eligible)
                    if eligible
                    else None
                )
            breakdown[attribute][value] = shares
    social = SECTOR_CODES[Sector.SOCIAL]
    social_wards = {
        w.casefold() for w, g in zip(network.wards, groups, strict=True) if g == social and w
    }
    every_ward: dict[str, str] = {}
    for ward in (*(w.strip() for w in place_wards), *network.wards):
        if ward:
            every_ward.setdefault(ward.casefold(), ward)
    return Gaps(
        without_tie=without,
        breakdown=breakdown,
        group_sizes=sizes,
        wards_without_social=tuple(w for k, w in every_ward.items() if k not in social_wards),
    )
