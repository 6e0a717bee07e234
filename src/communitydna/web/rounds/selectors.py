"""Two studies side by side: what moved between rounds of a place, or between places."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from communitydna.framework import OVERALL, VARIANTS, Measure
from communitydna.web.rounds.models import RoundLink
from communitydna.web.studies import models as m

__all__ = [
    "LISTED",
    "Comparison",
    "FigurePair",
    "RatingMove",
    "compare",
    "network_figures",
    "round_chain",
]

LISTED = 200
"""At most this many organisations and relationships are listed in each group; the counts
are always whole."""


@dataclass(frozen=True, slots=True)
class RatingMove:
    """One measure's rating in each study (``None``: not rated)."""

    number: int
    measure: Measure | None
    before: int | None
    after: int | None

    @property
    def moved(self) -> int | None:
        """Positions moved towards resilient (negative: towards brittle); ``None`` unless
        both are rated."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class FigurePair:
    """One network figure before and after."""

    label: str
    before: float | int | None
    after: float | int | None
    places: int = 0

    @property
    def change(self) -> float | int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class Group:
    """Names in a group (at most :data:`LISTED`) and how many there are in all."""

    names: tuple[str, ...]
    count: int


@dataclass(frozen=True, slots=True)
class Comparison:
    before: m.Study
    after: m.Study
    ratings: tuple[RatingMove, ...]
    overall: RatingMove
    organisations_new: Group
    organisations_gone: Group
    organisations_kept: int
    relationships_formed: Group
    relationships_ended: Group


def _positions(study: m.Study) -> dict[str, int | None]:
    return dict(study.ratings.values_list("measure", "position"))


def _group(names: Iterable[str], count: int) -> Group:
    return Group(tuple(sorted(names, key=str.casefold)[:LISTED]), count)


def _organisations(study: m.Study) -> dict[str, str]:
    return dict(study.organisations.values_list("key", "name"))


def _identities(
    before: Mapping[str, str], after: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Who is who in both studies: the same id, or failing that the same name (ignoring
    case and spacing); the common identity is the earlier study's id."""
    by_name = {" ".join(name.casefold().split()): key for key, name in before.items()}
    after_ids: dict[str, str] = {}
    for key, name in after.items():
        if key in before:
            after_ids[key] = key
        else:
            after_ids[key] = by_name.get(" ".join(name.casefold().split()), f"new:{key}")
    return {key: key for key in before}, after_ids


def _active_ties(study: m.Study, identity: Mapping[str, str]) -> set[tuple[str, str, str]]:
    rows = study.relationships.filter(status="active").values_list(
        "source__key", "target__key", "type"
    )
    ties = set()
    for source, target, kind in rows:
        a, b = identity[source], identity[target]
        ties.add((min(a, b), max(a, b), kind))
    return ties


def compare(before: m.Study, after: m.Study) -> Comparison:
    """What changed from ``before`` to ``after``: ratings, organisations, relationships.

    Organisations are the same if they have the same id (as a new round's are) or else the
    same name; relationships are the same if they join the same two organisations with the
    same type, and count as formed or ended by whether they are active in each study.
    """
    positions_before, positions_after = _positions(before), _positions(after)
    variant = VARIANTS[after.variant]
    ratings = tuple(
        RatingMove(n, measure, positions_before.get(measure.key), positions_after.get(measure.key))
        for n, measure in enumerate(variant.measures(), start=1)
    )
    overall = RatingMove(0, None, positions_before.get(OVERALL), positions_after.get(OVERALL))

    orgs_before, orgs_after = _organisations(before), _organisations(after)
    ids_before, ids_after = _identities(orgs_before, orgs_after)
    kept = set(ids_after.values()) & set(ids_before.values())
    new = [orgs_after[k] for k, ident in ids_after.items() if ident not in ids_before]
    gone = [orgs_before[k] for k in orgs_before if k not in kept]

    names = {ident: orgs_before[ident] for ident in ids_before}
    names.update({ident: orgs_after[k] for k, ident in ids_after.items() if ident not in names})
    ties_before = _active_ties(before, ids_before)
    ties_after = _active_ties(after, ids_after)
    formed = ties_after - ties_before
    ended = ties_before - ties_after

    def label(tie: tuple[str, str, str]) -> str:
        return f"{names[tie[0]]} – {names[tie[1]]} ({tie[2]})"

    return Comparison(
        before=before,
        after=after,
        ratings=ratings,
        overall=overall,
        organisations_new=_group(new, len(new)),
        organisations_gone=_group(gone, len(gone)),
        organisations_kept=len(kept),
        relationships_formed=_group(map(label, formed), len(formed)),
        relationships_ended=_group(map(label, ended), len(ended)),
    )


_FIGURES: tuple[tuple[str, str, int], ...] = (
    ("Organisations with an active relationship or none", "network.organisations", 0),
    ("Active relationships (ties)", "network.ties", 0),
    ("Density", "network.density", 3),
    ("Connected groups (components)", "network.components", 0),
    ("Share in the largest group", "network.largest_component_share", 2),
    ("Organisations with no tie", "network.isolates", 0),
    ("E-I index (−1 inward, +1 across sectors)", "ei_index", 2),
    ("Brokers", "brokers", 0),
    ("Cut points", "cut_points", 0),
    ("Bridges", "bridges", 0),
)


def _figure(analysis: Mapping[str, Any], path: str) -> float | int | None:
    value: Any = analysis
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    if isinstance(value, list):
        return len(value)
    return value if isinstance(value, int | float) else None


def network_figures(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[FigurePair, ...]:
    """Headline figures of two analysis documents (``analysis_to_json``), side by side.

    >>> pairs = network_figures({"network": {"ties": 10}, "brokers": [1, 2]},
    ...                         {"network": {"ties": 14}, "brokers": [1]})
    >>> [(p.label, p.before, p.after, p.change) for p in pairs if p.before is not None]
    [('Active relationships (ties)', 10, 14, 4), ('Brokers', 2, 1, -1)]
    """
    return tuple(
        FigurePair(label, _figure(before, path), _figure(after, path), places)
        for label, path, places in _FIGURES
    )


def round_chain(study: m.Study) -> list[tuple[int, m.Study]]:
    """The rounds of the study's place this study belongs to, first to last, that still
    exist: (round number, study)."""
    earlier: list[tuple[int, m.Study]] = []
    current: m.Study | None = study
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        link = RoundLink.objects.select_related("previous").filter(study=current).first()
        earlier.append((link.number if link else 1, current))
        current = link.previous if link else None
    chain = list(reversed(earlier))
    later = study
    while True:
        nxt = (
            RoundLink.objects.select_related("study")
            .filter(previous=later)
            .order_by("number", "id")
            .first()
        )
        if nxt is None or nxt.study.pk in seen:
            break
        seen.add(nxt.study.pk)
        chain.append((nxt.number, nxt.study))
        later = nxt.study
    return chain
