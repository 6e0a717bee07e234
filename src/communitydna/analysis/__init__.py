"""The measured structure of a place's relationships, and suggested ratings.

Pure and typed, no Django: functions take a :class:`~communitydna.snapshot.Snapshot` or
plain arrays and return plain results. One module per family of measures:

- :mod:`~communitydna.analysis.graph`: snapshot → :class:`Network` (compact arrays);
- :mod:`~communitydna.analysis.sectors`: the shape of each sector (measures 1–3);
- :mod:`~communitydna.analysis.mixing`: sector pairs (measures 4–6) and the E-I index;
- :mod:`~communitydna.analysis.brokerage`: Gould–Fernandez brokerage roles;
- :mod:`~communitydna.analysis.centrality`: betweenness and centralisation;
- :mod:`~communitydna.analysis.cuts`: cut points and bridges;
- :mod:`~communitydna.analysis.gaps`: organisations with no tie to a sector;
- :mod:`~communitydna.analysis.robustness`: shocks, robustness curves and R;
- :mod:`~communitydna.analysis.suggestions`: suggested ratings;
- :mod:`~communitydna.analysis.output`: the ``--json`` document and its schema.

:func:`analyse` runs them all.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

if importlib.util.find_spec("igraph") is None:  # imported only when first needed: it is slow
    raise ImportError(
        "the analysis needs igraph (and numpy and scipy): pip install 'communitydna[analysis]'"
    )

from communitydna.analysis.brokerage import ROLES, Brokerage, gould_fernandez
from communitydna.analysis.centrality import (
    EXACT_WORK,
    Betweenness,
    betweenness_centralisation,
    default_jobs,
    start_betweenness,
)
from communitydna.analysis.cuts import Bridge, CutPoint, cuts
from communitydna.analysis.exceptions import (
    AnalysisError,
    InvalidGraphError,
    UnknownOrganisationError,
)
from communitydna.analysis.gaps import Gaps, gaps
from communitydna.analysis.graph import (
    PAIRS,
    SECTOR_CODES,
    Network,
    network_from_edges,
    network_from_snapshot,
)
from communitydna.analysis.mixing import PairFigures, network_ei, pair_figures
from communitydna.analysis.output import SCHEMA_PATH, analysis_to_json, load_schema
from communitydna.analysis.robustness import RANDOM_ORDERS, Scenario, scenarios
from communitydna.analysis.sectors import (
    NetworkFigures,
    SectorFigures,
    network_figures,
    sector_figures,
)
from communitydna.analysis.suggestions import Suggestion, suggestions
from communitydna.framework import SECTORS
from communitydna.snapshot import Snapshot

__all__ = [
    "ROLES",
    "SCHEMA_PATH",
    "Analysis",
    "AnalysisError",
    "Betweenness",
    "Bridge",
    "Brokerage",
    "CutPoint",
    "Gaps",
    "InvalidGraphError",
    "Network",
    "NetworkFigures",
    "PairFigures",
    "Scenario",
    "SectorFigures",
    "Suggestion",
    "UnknownOrganisationError",
    "analyse",
    "analysis_to_json",
    "load_schema",
    "network_from_edges",
    "network_from_snapshot",
]


@dataclass(frozen=True, eq=False)
class Analysis:
    """Everything measured about one study on one day.

    Attributes
    ----------
    place : str
    as_of : datetime.date
        Relationships active on this day were analysed.
    variant : str
    seed : int
    network : Network
    whole : NetworkFigures
    sectors : dict of str to SectorFigures
        By sector name.
    pairs : dict of str to PairFigures
        By measure key (``social-public``, ``social-commercial``, ``public-commercial``).
    ei_index, ei_expected : float or None
        Whole-network E-I index over sectors, and its random-mixing value.
    brokerage : Brokerage
    betweenness : Betweenness
    betweenness_centralisation : float or None
    cut_points : list of CutPoint
    bridges : list of Bridge
    gaps : Gaps
    scenarios : list of Scenario
        Empty when shocks were not asked for.
    suggestions : dict of str to Suggestion
        By measure key, in the variant's order.
    timings : dict of str to float
        Seconds spent on each part (not part of the results).
    """

    place: str
    as_of: dt.date
    variant: str
    seed: int
    network: Network
    whole: NetworkFigures
    sectors: dict[str, SectorFigures]
    pairs: dict[str, PairFigures]
    ei_index: float | None
    ei_expected: float | None
    brokerage: Brokerage
    betweenness: Betweenness
    betweenness_centralisation: float | None
    cut_points: list[CutPoint]
    bridges: list[Bridge]
    gaps: Gaps
    scenarios: list[Scenario]
    suggestions: dict[str, Suggestion]
    timings: dict[str, float] = field(default_factory=dict)

    def scenario(self, key: str) -> Scenario | None:
        """The shock scenario with this key, if it was run."""
        return next((s for s in self.scenarios if s.key == key), None)


def analyse(
    snapshot: Snapshot,
    *,
    as_of: dt.date | None = None,
    seed: int = 0,
    orders: int = RANDOM_ORDERS,
    remove: Sequence[str] = (),
    shocks: bool = True,
    exact_work: int = EXACT_WORK,
    jobs: int | None = None,
) -> Analysis:
    """Analyse the relationships of a study active on a day.

    Parameters
    ----------
    snapshot : Snapshot
    as_of : datetime.date, optional
        Default: today.
    seed : int
        Seeds everything random (random closure orders, sampled betweenness), so the same
        inputs give the same results.
    orders : int
        Random closure orders.
    remove : sequence of str
        Organisation ids for a ``named`` closure scenario, in closing order.
    shocks : bool
        Run the closure scenarios (the slowest part after betweenness).
    exact_work : int
        Largest *sources × ties* for exact betweenness (see
        :mod:`~communitydna.analysis.centrality`).
    jobs : int, optional
        Processes betweenness may use; default: the cores available, at most four.

    Returns
    -------
    Analysis

    Raises
    ------
    UnknownOrganisationError
        If ``remove`` names an organisation not in the study.

    Examples
    --------
    >>> import datetime as dt
    >>> from communitydna.framework import Sector
    >>> from communitydna.snapshot import Organisation, Place, Relationship, Snapshot
    >>> s = Snapshot(
    ...     place=Place("Northgate"),
    ...     organisations=(
    ...         Organisation("council", "Council", Sector.PUBLIC),
    ...         Organisation("foodbank", "Foodbank", Sector.SOCIAL),
    ...         Organisation("bakery", "Bakery", Sector.COMMERCIAL),
    ...     ),
    ...     relationships=(
    ...         Relationship("r1", "council", "foodbank"),
    ...         Relationship("r2", "foodbank", "bakery"),
    ...     ),
    ... )
    >>> a = analyse(s, as_of=dt.date(2024, 1, 1), orders=10)
    >>> a.pairs["social-public"].ties, [c.id for c in a.cut_points]
    (1, ['foodbank'])
    >>> a.suggestions["social"].label
    'not enough evidence'
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now

    day = as_of or dt.date.today()
    unknown = [i for i in remove if not snapshot.has_organisation(i)]
    if unknown:
        raise UnknownOrganisationError(unknown)
    network = network_from_snapshot(snapshot, day)
    lap("network")
    # betweenness runs in helper processes while the rest is measured here
    pending = start_betweenness(
        network, exact_work=exact_work, seed=seed, jobs=default_jobs() if jobs is None else jobs
    )
    lap("betweenness started")
    try:
        sector_results = {s.value: sector_figures(network, SECTOR_CODES[s]) for s in SECTORS}
        pair_results = {key: pair_figures(network, key, a, b) for key, a, b in PAIRS}
        ei, expected = network_ei(network)
        whole = network_figures(network)
        lap("sectors and pairs")
        brokerage = gould_fernandez(network)
        lap("brokerage")
        cut_points, bridges = cuts(network)
        lap("cuts")
        gap_results = gaps(network, snapshot.place.wards)
        lap("gaps")
        shock_results = (
            scenarios(
                network,
                seed=seed,
                orders=orders,
                betweenness_values=lambda: pending.result().values,
                remove=remove,
            )
            if shocks
            else []
        )
        lap("shocks")
        between = pending.result()
        lap("betweenness finished")
    except BaseException:
        pending.cancel()
        raise
    figures: dict[str, SectorFigures | PairFigures] = {**sector_results, **pair_results}
    suggested = suggestions(snapshot, figures, day)
    lap("suggestions")
    return Analysis(
        place=snapshot.place.name,
        as_of=day,
        variant=snapshot.place.variant,
        seed=seed,
        network=network,
        whole=whole,
        sectors=sector_results,
        pairs=pair_results,
        ei_index=ei,
        ei_expected=expected,
        brokerage=brokerage,
        betweenness=between,
        betweenness_centralisation=betweenness_centralisation(between.values),
        cut_points=cut_points,
        bridges=bridges,
        gaps=gap_results,
        scenarios=shock_results,
        suggestions=suggested,
        timings=timings,
    )
