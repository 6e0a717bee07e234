"""Turn the analysis of a snapshot into the network parts of a report.

The analysis is taken as the plain document that ``communitydna analyse --json`` prints (a
mapping of ``sectors``, ``pairs``, ``ei_index``, ``brokers``, ``cut_points``, ``bridges``,
``gaps`` and ``suggestions``). This module is the one place that reads it: every part is
optional, anything missing or of an unexpected shape is left out rather than guessed at,
and nothing here raises on a malformed document.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from communitydna.framework import SECTORS, Measure, Sector
from communitydna.reports.figures.data import ShockCurve
from communitydna.reports.model import Figure, NetworkFindings, RatingView, Suggestion, Table
from communitydna.snapshot import Snapshot

__all__ = [
    "analysis_as_of",
    "bridge_pairs",
    "broker_ids",
    "cut_point_ids",
    "measure_findings",
    "network_findings",
    "shock_curves",
    "suggestion_for",
]

Analysis = Mapping[str, Any]

_LABELS = {
    "organisations": "Organisations",
    "count": "Organisations",
    "ties": "Ties",
    "density": "Density",
    "weighted_density": "Strength-weighted density",
    "ei_index": "E-I index",
    "ei_expected": "E-I index expected under random mixing",
    "tense_share": "Share of ties marked tense",
    "share_with_tie": "Share of organisations with a tie to the other sector",
    "robustness": "Robustness to closures",
    "components": "Components",
    "largest_component_share": "Share in the largest component",
    "centralisation": "Degree centralisation",
    "degree_centralisation": "Degree centralisation",
    "isolates": "Isolates",
    "shannon": "Type diversity (Shannon)",
    "simpson": "Type diversity (Simpson)",
    "types": "Organisations by type",
    "by_type": "Organisations by type",
    "betweenness": "Betweenness",
    "as_of": "Relationships active on",
}
_MAX_NAMES = 12
_MAX_BROKERS = 10


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _sequence(value: Any) -> Sequence[Any]:
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return value
    return ()


def _label(key: str) -> str:
    if key in _LABELS:
        return _LABELS[key]
    try:
        return Sector(key).label
    except ValueError:
        pass
    text = str(key).replace("_", " ").replace("-", "–").strip()
    return text[:1].upper() + text[1:]


def _is_scalar(value: Any) -> bool:
    return isinstance(value, bool | int | float | str) or value is None


def _number(value: float, key: str) -> str:
    if math.isnan(value) or math.isinf(value):
        return "not defined"
    if "share" in key:
        return f"{value:.0%}"
    return f"{value:.2f}"


def _name(snapshot: Snapshot, organisation_id: Any) -> str:
    text = str(organisation_id)
    if snapshot.has_organisation(text):
        return snapshot.organisation(text).name
    return text


def _names(snapshot: Snapshot, ids: Sequence[Any]) -> str:
    names = [_name(snapshot, i) for i in ids[:_MAX_NAMES]]
    more = len(ids) - len(names)
    text = ", ".join(names)
    if more > 0:
        text += f" and {more} more"
    return f"{len(ids)} ({text})" if ids else "none"


def _value(snapshot: Snapshot, key: str, value: Any) -> str | None:
    """A value as text, or ``None`` when it is not something a table cell can hold."""
    if value is None:
        return "not available"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return _number(value, key)
    if isinstance(value, str):
        return value
    items = _sequence(value)
    if items and all(isinstance(i, str) for i in items):
        return _names(snapshot, items)
    if isinstance(value, Sequence) and not items:
        return "none"
    return None


def _tables_from(snapshot: Snapshot, caption: str, figures: Mapping[str, Any]) -> list[Table]:
    """One table of the scalar figures, then one per mapping of scalars."""
    rows: list[tuple[str, ...]] = []
    extra: list[Table] = []
    for key, value in figures.items():
        if isinstance(value, Mapping):
            sub = [
                (_label(str(k)), text)
                for k, v in value.items()
                if (text := _value(snapshot, f"{key} {k}", v)) is not None
            ]
            if sub:
                extra.append(
                    Table(f"{caption}: {_label(str(key)).lower()}", ("Group", "Value"), tuple(sub))
                )
            continue
        text = _value(snapshot, str(key), value)
        if text is not None:
            rows.append((_label(str(key)), text))
    tables = [Table(caption, ("Figure", "Value"), tuple(rows))] if rows else []
    return tables + extra


def _figures(value: Any) -> tuple[Figure, ...]:
    return tuple(f for f in _sequence(value) if isinstance(f, Figure))


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return None if math.isnan(number) or math.isinf(number) else number


def analysis_as_of(analysis: Analysis | None) -> dt.date | None:
    """The day whose active relationships the analysis measured, if it says.

    Examples
    --------
    >>> analysis_as_of({"as_of": "2024-04-30"})
    datetime.date(2024, 4, 30)
    >>> analysis_as_of({"as_of": "soon"}) is None
    True
    """
    if analysis is None:
        return None
    value = analysis.get("as_of")
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def broker_ids(analysis: Analysis | None, limit: int = _MAX_BROKERS) -> list[str]:
    """The ids of the brokers with the highest betweenness, highest first.

    Examples
    --------
    >>> broker_ids({"brokers": [{"id": "a", "betweenness": 1}, {"id": "b", "betweenness": 3}]})
    ['b', 'a']
    """
    if analysis is None:
        return []
    scored = []
    for entry in _sequence(analysis.get("brokers")):
        if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
            continue
        value = _float(entry.get("betweenness"))
        if value is not None and value > 0:
            scored.append((-value, entry["id"]))
    return [oid for _, oid in sorted(scored)[:limit]]


def cut_point_ids(analysis: Analysis | None) -> list[str]:
    """The ids of the cut points, those that separate most organisations first when known."""
    if analysis is None:
        return []
    ids = [i for i in _sequence(analysis.get("cut_points")) if isinstance(i, str)]
    separated: dict[str, float] = {}
    for entry in _sequence(analysis.get("cut_point_details")):
        if isinstance(entry, Mapping) and isinstance(entry.get("id"), str):
            separated[entry["id"]] = _float(entry.get("separated")) or 0.0
    return sorted(ids, key=lambda i: -separated.get(i, 0.0))


def bridge_pairs(analysis: Analysis | None) -> list[tuple[str, str]]:
    """The bridges as pairs of organisation ids."""
    if analysis is None:
        return []
    return [e for b in _sequence(analysis.get("bridges")) if (e := _bridge_ends(b)) is not None]


_SEQUENCE_KINDS = ("random", "targeted", "named")


def _scenarios(analysis: Analysis) -> list[Mapping[str, Any]]:
    shocks = analysis.get("shocks")
    found = _mapping(shocks).get("scenarios") if isinstance(shocks, Mapping) else shocks
    return [s for s in _sequence(found) if isinstance(s, Mapping)]


def _series(value: Any) -> list[float | None]:
    return [_float(v) for v in _sequence(value)]


def shock_curves(analysis: Analysis | None) -> list[ShockCurve]:
    """The closure orders of ``shocks.scenarios`` as curves, x as the share of all closed.

    Whole-group closures (one step each) are left to the shock table.
    """
    if analysis is None:
        return []
    total = _float(_mapping(analysis.get("network")).get("organisations"))
    curves: list[ShockCurve] = []
    for scenario in _scenarios(analysis):
        if scenario.get("kind") not in _SEQUENCE_KINDS:
            continue
        curve = _mapping(scenario.get("curve"))
        removed = _series(curve.get("removed"))
        largest = _series(curve.get("largest_share"))
        if not removed or len(removed) != len(largest) or None in removed:
            continue
        whole = total or _float(scenario.get("count")) or max(x or 0.0 for x in removed) or 1.0
        pair_curves = {
            str(k): _series(v)
            for k, v in _mapping(curve.get("pairs")).items()
            if len(_series(v)) == len(removed)
        }
        curves.append(
            ShockCurve(
                key=str(scenario.get("key") or scenario.get("label") or len(curves)),
                label=str(scenario.get("label") or scenario.get("key") or "Closures"),
                removed=[(x or 0.0) / whole for x in removed],
                largest=largest,
                robustness=_float(scenario.get("robustness")),
                pairs=pair_curves,
                pair_robustness={
                    str(k): _float(_mapping(v).get("robustness"))
                    for k, v in _mapping(scenario.get("pairs")).items()
                },
            )
        )
    return curves


def _group_shocks(analysis: Analysis) -> Table | None:
    """The whole-group closures that leave the least of the network connected."""
    rows = []
    for scenario in _scenarios(analysis):
        if scenario.get("kind") != "group":
            continue
        after = _float(_mapping(scenario.get("after")).get("largest_share"))
        count = scenario.get("count")
        if after is None or not isinstance(count, int):
            continue
        rows.append((after, str(scenario.get("label") or scenario.get("key")), count))
    if not rows:
        return None
    rows.sort(key=lambda r: (r[0], r[1]))
    shown = rows[:_MAX_BROKERS]
    return Table(
        f"The {len(shown)} closures of a whole group that most break the network apart",
        ("Closure", "Organisations closing", "Share left in the largest connected group"),
        tuple((label, f"{count:,}", f"{after:.0%}") for after, label, count in shown),
    )


def suggestion_for(analysis: Analysis | None, key: str) -> Suggestion | None:
    """The analysis's suggested rating for a measure, if it made one.

    Parameters
    ----------
    analysis : mapping or None
        The analysis document; ``suggestions.<key>`` holds ``position`` (1–7, or none when
        the evidence is too thin), ``explanation``, ``evidence_count`` and ``confidence``.
    key : str
        The measure key.

    Returns
    -------
    Suggestion or None

    Examples
    --------
    >>> s = suggestion_for({"suggestions": {"health": {"position": 4}}}, "health")
    >>> s.rating.words
    'between vulnerable and stable'
    >>> suggestion_for(None, "health") is None
    True
    """
    if analysis is None:
        return None
    entry = _mapping(_mapping(analysis.get("suggestions")).get(key))
    if not entry:
        return None
    position = entry.get("position")
    count = entry.get("evidence_count")
    confidence = entry.get("confidence")
    if isinstance(confidence, float):
        confidence = f"{confidence:.0%}"
    return Suggestion(
        rating=RatingView.of(position if isinstance(position, int) else None),
        explanation=str(entry.get("explanation") or ""),
        evidence_count=count if isinstance(count, int) and not isinstance(count, bool) else None,
        confidence="" if confidence is None else str(confidence),
    )


def measure_findings(
    analysis: Analysis | None, measure: Measure, snapshot: Snapshot
) -> NetworkFindings:
    """What the network says about one of measures 1–6: its sector's or sector pair's figures.

    Parameters
    ----------
    analysis : mapping or None
        The analysis document (``sectors.<sector>`` or ``pairs.<measure key>``); optional
        ``figures.<measure key>`` holds ready-made :class:`Figure` objects.
    measure : Measure
    snapshot : Snapshot
        Used to name organisations listed by id.

    Returns
    -------
    NetworkFindings
        Empty without an analysis, and for measures 7–10.
    """
    if analysis is None or not measure.is_network_measure:
        return NetworkFindings()
    if len(measure.sectors) == 1:
        sector = measure.sectors[0]
        figures = _mapping(_mapping(analysis.get("sectors")).get(sector.value))
        caption = f"The {sector.value} sector in the network"
    else:
        figures = _mapping(_mapping(analysis.get("pairs")).get(measure.key))
        a, b = measure.sectors
        caption = f"Ties between the {a.value} and {b.value} sectors"
    return NetworkFindings(
        tables=tuple(_tables_from(snapshot, caption, figures)),
        figures=_figures(_mapping(analysis.get("figures")).get(measure.key)),
    )


def _brokers(snapshot: Snapshot, analysis: Analysis) -> Table | None:
    entries = [b for b in _sequence(analysis.get("brokers")) if isinstance(b, Mapping)]
    if not entries:
        return None

    def betweenness(entry: Mapping[str, Any]) -> float:
        value = entry.get("betweenness")
        return float(value) if isinstance(value, int | float) else -1.0

    ranked = sorted(entries, key=betweenness, reverse=True)[:_MAX_BROKERS]
    rows = []
    for entry in ranked:
        name = entry.get("name") or _name(snapshot, entry.get("id", ""))
        sector = entry.get("sector")
        value = entry.get("betweenness")
        rows.append(
            (
                str(name),
                _label(str(sector)) if sector else "",
                _value(snapshot, "betweenness", value) or "",
            )
        )
    return Table(
        f"Brokers: the {len(rows)} organisations that most often lie between others",
        ("Organisation", "Sector", "Betweenness"),
        tuple(rows),
    )


def _sector_of(snapshot: Snapshot, organisation_id: Any) -> str:
    text = str(organisation_id)
    return snapshot.organisation(text).sector.label if snapshot.has_organisation(text) else ""


def _cut_points(snapshot: Snapshot, analysis: Analysis) -> Table | None:
    ids = [i for i in _sequence(analysis.get("cut_points")) if isinstance(i, str)]
    if not ids:
        return None
    rows = tuple((_name(snapshot, i), _sector_of(snapshot, i)) for i in ids)
    return Table(
        "Single points of failure: organisations whose closure would split the network",
        ("Organisation", "Sector"),
        rows,
    )


def _bridge_ends(bridge: Any) -> tuple[str, str] | None:
    if isinstance(bridge, Mapping):
        for a, b in (("source", "target"), ("from", "to"), ("u", "v")):
            if isinstance(bridge.get(a), str) and isinstance(bridge.get(b), str):
                return bridge[a], bridge[b]
        return None
    ends = _sequence(bridge)
    if len(ends) == 2 and all(isinstance(e, str) for e in ends):
        return ends[0], ends[1]
    return None


def _bridges(snapshot: Snapshot, analysis: Analysis) -> Table | None:
    pairs = [e for b in _sequence(analysis.get("bridges")) if (e := _bridge_ends(b)) is not None]
    if not pairs:
        return None
    rows = tuple((_name(snapshot, a), _name(snapshot, b)) for a, b in pairs)
    return Table(
        "Bridges: ties whose loss would split the network",
        ("Between", "And"),
        rows,
    )


def _gaps(analysis: Analysis) -> list[Table]:
    gaps = _mapping(analysis.get("gaps"))
    tables: list[Table] = []
    without = _mapping(gaps.get("without_tie"))
    if without:
        rows = []
        for sector in SECTORS:
            by_other = _mapping(without.get(sector.value))
            if not by_other:
                continue
            cells = [sector.label]
            for other in SECTORS:
                ids = _sequence(by_other.get(other.value))
                cells.append("—" if other is sector else f"{len(ids):,}")
            rows.append(tuple(cells))
        if rows:
            tables.append(
                Table(
                    "Organisations with no active tie to another sector",
                    ("Sector", *(f"No tie to {s.value}" for s in SECTORS)),
                    tuple(rows),
                )
            )
    for attribute, groups in _mapping(gaps.get("breakdown")).items():
        rows = []
        for group, shares in _mapping(groups).items():
            share_map = _mapping(shares)
            if not share_map:
                continue
            cells = [str(group)]
            for other in SECTORS:
                share = share_map.get(other.value)
                cells.append(
                    _number(float(share), "share")
                    if isinstance(share, int | float) and not isinstance(share, bool)
                    else "—"
                )
            rows.append(tuple(cells))
        if rows:
            tables.append(
                Table(
                    "Share of organisations with a tie to each sector, "
                    f"by {_label(attribute).lower()}",
                    (_label(attribute), *(f"Tie to {s.value}" for s in SECTORS)),
                    tuple(rows),
                )
            )
    return tables


def network_findings(analysis: Analysis | None, snapshot: Snapshot) -> NetworkFindings:
    """The network section: the whole network, brokers, cut points, bridges and gaps.

    Parameters
    ----------
    analysis : mapping or None
        The analysis document; optional ``figures.network`` holds ready-made figures.
    snapshot : Snapshot
        Used to name organisations listed by id.

    Returns
    -------
    NetworkFindings
        Empty without an analysis.

    Examples
    --------
    >>> from communitydna.snapshot import Place, Snapshot
    >>> network_findings(None, Snapshot(place=Place("Northgate"))).is_empty
    True
    """
    if analysis is None:
        return NetworkFindings()
    whole = {k: analysis[k] for k in ("as_of", "ei_index", "ei_expected") if k in analysis}
    tables = _tables_from(snapshot, "The whole network", whole)
    robustness = [
        (_label(key), text)
        for key, pair in _mapping(analysis.get("pairs")).items()
        if (text := _value(snapshot, "robustness", _mapping(pair).get("robustness")))
        and isinstance(_mapping(pair).get("robustness"), int | float)
    ]
    if robustness:
        tables.append(
            Table(
                "Robustness of each sector pair's connection to closures",
                ("Sector pair", "Robustness"),
                tuple(robustness),
            )
        )
    shocks = _group_shocks(analysis)
    if shocks is not None:
        tables.append(shocks)
    for part in (_brokers, _cut_points, _bridges):
        table = part(snapshot, analysis)
        if table is not None:
            tables.append(table)
    tables.extend(_gaps(analysis))
    notes = tuple(str(n) for n in _sequence(analysis.get("notes")) if isinstance(n, str))
    return NetworkFindings(
        tables=tuple(tables),
        figures=_figures(_mapping(analysis.get("figures")).get("network")),
        notes=notes,
    )
