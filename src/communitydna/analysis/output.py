"""The analysis as one JSON document, described by ``schema.json`` beside this module.

Numbers that are undefined (a density of a sector with one organisation, a z-score with no
variance) are ``null``, never NaN. Curves are given at no more than :data:`CURVE_POINTS`
evenly spread numbers of closures; robustness figures are computed from the full curves.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from communitydna.analysis.brokerage import ROLES
from communitydna.analysis.centrality import EXACT_WORK
from communitydna.analysis.graph import PAIRS
from communitydna.analysis.robustness import Scenario
from communitydna.analysis.suggestions import MIN_EVIDENCE

if TYPE_CHECKING:
    from communitydna.analysis import Analysis

__all__ = ["CURVE_POINTS", "MAX_BROKERS", "SCHEMA_PATH", "analysis_to_json", "load_schema"]

CURVE_POINTS = 101
"""Most points given for each curve in the document."""

SCHEMA_PATH = Path(__file__).with_name("schema.json")
"""Where the JSON Schema of the document is kept."""

_FIRST_REMOVED = 10

MAX_BROKERS = 1000
"""Most organisations listed under ``brokers`` by default."""


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`analysis_to_json`'s document.

    Examples
    --------
    >>> load_schema()["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    """
    text = resources.files("communitydna.analysis").joinpath("schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _num(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) or math.isinf(number) else number


def _roles(row: NDArray[Any], integer: bool) -> dict[str, Any]:
    keys = (*ROLES, "total")
    if integer:
        return {k: int(v) for k, v in zip(keys, row.tolist(), strict=True)}
    return {k: _num(v) for k, v in zip(keys, row.tolist(), strict=True)}


def _sample(q: int) -> NDArray[np.int64]:
    points = np.unique(np.rint(np.linspace(0, q, min(q + 1, CURVE_POINTS))).astype(np.int64))
    return points


def _curve(values: NDArray[np.float64] | None, points: NDArray[np.int64]) -> list[Any] | None:
    if values is None:
        return None
    return [_num(v) for v in values[points].tolist()]


def _scenario(s: Scenario) -> dict[str, Any]:
    q = s.count
    points = _sample(q)
    return {
        "key": s.key,
        "label": s.label,
        "kind": s.kind,
        "count": q,
        "robustness": _num(s.robustness),
        "robustness_sd": _num(s.robustness_sd),
        "pairs": {
            key: {
                "robustness": _num(s.pair_robustness.get(key)),
                "robustness_sd": _num(s.pair_robustness_sd.get(key)),
            }
            for key, _, _ in PAIRS
        },
        "after": {
            "largest_share": _num(s.largest_share[-1]),
            "pairs": {
                key: (_num(c[-1]) if (c := s.pair_shares.get(key)) is not None else None)
                for key, _, _ in PAIRS
            },
        },
        "first_removed": list(s.removed[:_FIRST_REMOVED]),
        "method": s.method,
        "curve": {
            "removed": points.tolist(),
            "largest_share": [_num(v) for v in s.largest_share[points].tolist()],
            "pairs": {key: _curve(s.pair_shares.get(key), points) for key, _, _ in PAIRS},
        },
    }


def analysis_to_json(analysis: Analysis, *, brokers: int = MAX_BROKERS) -> dict[str, Any]:
    """The analysis as plain JSON-ready data (the ``analyse --json`` document).

    Parameters
    ----------
    analysis : Analysis
    brokers : int
        Most organisations listed under ``brokers`` (those with the highest betweenness,
        then the most brokerage); a note says when some are left out.

    Examples
    --------
    >>> import datetime as dt
    >>> from communitydna.analysis import analyse
    >>> from communitydna.framework import Sector
    >>> from communitydna.snapshot import Organisation, Place, Snapshot
    >>> s = Snapshot(
    ...     place=Place("Northgate"),
    ...     organisations=(Organisation("council", "Council", Sector.PUBLIC),),
    ... )
    >>> doc = analysis_to_json(analyse(s, as_of=dt.date(2024, 1, 1), orders=2))
    >>> doc["place"], doc["as_of"], doc["sectors"]["public"]["isolates"]
    ('Northgate', '2024-01-01', ['council'])
    """
    net = analysis.network
    group_names = net.group_names
    between = analysis.betweenness
    normalised = between.normalised
    b = analysis.brokerage
    sectors = {
        name: {
            "organisations": f.organisations,
            "types": dict(f.types),
            "shannon": _num(f.shannon),
            "simpson": _num(f.simpson),
            "ties": f.ties,
            "density": _num(f.density),
            "weighted_density": _num(f.weighted_density),
            "components": f.components,
            "largest_component_share": _num(f.largest_component_share),
            "degree_centralisation": _num(f.degree_centralisation),
            "isolates": list(f.isolates),
            "isolated_in_sector": f.isolated_in_sector,
            "tense_share": _num(f.tense_share),
            "ei_index": _num(f.ei_index),
            "ei_expected": _num(f.ei_expected),
        }
        for name, f in analysis.sectors.items()
    }
    random = analysis.scenario("random")
    pairs: dict[str, Any] = {}
    for key, p in analysis.pairs.items():
        pairs[key] = {
            "ties": p.ties,
            "density": _num(p.density),
            "weighted_density": _num(p.weighted_density),
            "ei_index": _num(p.ei_index),
            "ei_expected": _num(p.ei_expected),
            "tense_share": _num(p.tense_share),
            "share_with_tie": {k: _num(v) for k, v in p.share_with_tie.items()},
            "connected_share": _num(p.connected_share),
            "robustness": _num(random.pair_robustness.get(key)) if random else None,
        }
    order = sorted(
        (v for v in range(net.n) if b.counts[v, -1] > 0 or between.values[v] > 0),
        key=lambda v: (-round(float(between.values[v]), 9), -int(b.counts[v, -1]), v),
    )
    listed = order[:brokers]
    broker_entries = [
        {
            "id": net.ids[v],
            "name": net.names[v],
            "sector": group_names[net.groups[v]],
            "roles": _roles(b.counts[v], True),
            "expected": _roles(b.expected[v], False),
            "z": _roles(b.z[v], False),
            "betweenness": _num(between.values[v]),
            "betweenness_normalised": _num(normalised[v]),
        }
        for v in listed
    ]
    gaps = analysis.gaps
    largest_now = analysis.whole.largest_component_share
    notes = [
        f"Relationships active on {analysis.as_of.isoformat()}: {net.m:,} ties among "
        f"{net.n:,} organisations.",
        f"Betweenness is {between.method}.",
    ]
    adaptive = analysis.scenario("betweenness-adaptive")
    if adaptive is not None and adaptive.method:
        notes.append(f"In the adaptive betweenness scenario, betweenness is {adaptive.method}.")
    if len(order) > len(listed):
        notes.append(
            f"Brokers lists the {len(listed):,} organisations with the highest betweenness "
            f"of the {len(order):,} that broker at all."
        )
    notes.append(
        f"Suggested ratings follow a fixed rule from the balance of coded evidence (at least "
        f"{MIN_EVIDENCE} items) and, for measures 1–6, the network figures; they sit beside "
        "the assessor's ratings and never replace them."
    )
    return {
        "place": analysis.place,
        "as_of": analysis.as_of.isoformat(),
        "variant": analysis.variant,
        "seed": analysis.seed,
        "network": {
            "organisations": analysis.whole.organisations,
            "ties": analysis.whole.ties,
            "density": _num(analysis.whole.density),
            "components": analysis.whole.components,
            "largest_component_share": _num(largest_now),
            "isolates": analysis.whole.isolates,
            "degree_centralisation": _num(analysis.whole.degree_centralisation),
            "betweenness_centralisation": _num(analysis.betweenness_centralisation),
        },
        "sectors": sectors,
        "pairs": pairs,
        "ei_index": _num(analysis.ei_index),
        "ei_expected": _num(analysis.ei_expected),
        "betweenness": {
            "method": "exact" if between.exact else "sampled",
            "description": between.method,
            "sources": between.sources,
            "pivots": between.pivots,
            "seed": between.seed,
            "exact_work": EXACT_WORK,
        },
        "brokerage": {
            "density": _num(b.density),
            "totals": _roles(b.totals, True),
            "expected": _roles(b.expected_totals, False),
        },
        "brokers": broker_entries,
        "cut_points": [c.id for c in analysis.cut_points],
        "cut_point_details": [
            {
                "id": c.id,
                "name": net.names[c.node],
                "sector": group_names[net.groups[c.node]],
                "separated": c.separated,
                "pairs": dict(c.pairs),
            }
            for c in analysis.cut_points
        ],
        "bridges": [
            {
                "source": br.source,
                "target": br.target,
                "separated": br.separated,
                "pairs": dict(br.pairs),
            }
            for br in analysis.bridges
        ],
        "gaps": {
            "without_tie": {
                s: {o: list(ids) for o, ids in others.items()}
                for s, others in gaps.without_tie.items()
            },
            "breakdown": {
                attr: {
                    value: {k: _num(v) for k, v in shares.items()}
                    for value, shares in groups.items()
                }
                for attr, groups in gaps.breakdown.items()
            },
            "group_sizes": {attr: dict(groups) for attr, groups in gaps.group_sizes.items()},
            "wards_without_social": list(gaps.wards_without_social),
        },
        "shocks": {
            "scenarios": [_scenario(s) for s in analysis.scenarios],
        },
        "suggestions": {
            key: {
                "position": s.position,
                "label": s.label,
                "evidence_count": s.evidence_count,
                "confidence": s.confidence,
                "explanation": s.explanation,
                "balance": _num(s.balance),
                "evidence_position": _num(s.evidence_position),
                "network_position": _num(s.network_position),
            }
            for key, s in analysis.suggestions.items()
        },
        "notes": notes,
    }
