"""``communitydna analyse STUDY``: the measured structure of a place's relationships."""

from __future__ import annotations

import json
import math
from pathlib import Path

import click
from rich import box
from rich.table import Table

from communitydna.analysis import Analysis, analysis_to_json
from communitydna.analysis import analyse as run_analysis
from communitydna.analysis.robustness import RANDOM_ORDERS
from communitydna.cli.common import console, fail, load_study_or_exit, study_argument
from communitydna.framework import SECTORS, format_rating, get_measure
from communitydna.snapshot import PartialDate, Snapshot

__all__ = ["analyse"]

_TOP = 10


def _table(title: str) -> Table:
    return Table(
        title=title,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _number(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _resolve(snapshot: Snapshot, names: tuple[str, ...]) -> list[str]:
    """Organisation ids from ids or exact names; a name that matches nothing is an error."""
    by_name: dict[str, list[str]] = {}
    for o in snapshot.organisations:
        by_name.setdefault(o.name.strip().casefold(), []).append(o.id)
    ids: list[str] = []
    for text in names:
        if snapshot.has_organisation(text):
            ids.append(text)
            continue
        found = by_name.get(text.strip().casefold(), [])
        if len(found) != 1:
            reason = "matches no organisation" if not found else "matches several organisations"
            fail(f"--remove {text!r} {reason}; give an organisation id or its exact name.")
        ids.append(found[0])
    return ids


def _print_summary(snapshot: Snapshot, a: Analysis) -> None:
    net = a.network
    console.print(
        f"[bold]{a.place}[/]: relationships active on {a.as_of.isoformat()} — "
        f"{net.n:,} organisations, {net.m:,} ties, "
        f"{a.whole.components:,} connected group{'s' if a.whole.components != 1 else ''}, "
        f"{_share(a.whole.largest_component_share)} in the largest."
    )
    console.print(
        f"Ties between sectors against ties within them (E-I index): "
        f"{_number(a.ei_index)}; {_number(a.ei_expected)} would be expected by chance."
    )

    sectors = _table("Each sector (measures 1–3)")
    for column in (
        "Sector",
        "Orgs",
        "Variety",
        "Ties",
        "Density",
        "Groups",
        "Largest",
        "Hubs",
        "Isolates",
    ):
        sectors.add_column(column, justify="left" if column == "Sector" else "right")
    for name, f in a.sectors.items():
        sectors.add_row(
            name.capitalize(),
            f"{f.organisations:,}",
            _number(f.simpson),
            f"{f.ties:,}",
            _number(f.density, 3),
            f"{f.components:,}",
            _share(f.largest_component_share),
            _number(f.degree_centralisation),
            f"{len(f.isolates):,}",
        )
    console.print(sectors)
    console.print(
        "Variety: the chance two of its organisations differ in type. Ties, density, "
        "groups and largest: ties within the sector, the share of possible ties, how many "
        "separate groups they form and the share in the biggest. Hubs: 1 when every tie "
        "goes through one organisation. Isolates: organisations with no tie at all."
    )

    pairs = _table("Ties between sectors (measures 4–6)")
    for column in ("Sectors", "Ties", "Density", "With a tie", "Tense", "E-I", "Robustness"):
        pairs.add_column(column, justify="left" if column == "Sectors" else "right")
    for key, p in a.pairs.items():
        with_tie = " / ".join(f"{k} {_share(v)}" for k, v in p.share_with_tie.items())
        random = a.scenario("random")
        r = random.pair_robustness.get(key) if random else None
        pairs.add_row(
            get_measure(key).short,
            f"{p.ties:,}",
            _number(p.density, 3),
            with_tie,
            _share(p.tense_share),
            _number(p.ei_index),
            _number(r),
        )
    console.print(pairs)

    ranked = sorted(range(net.n), key=lambda v: (-a.betweenness.values[v], v))[:_TOP]
    brokers = _table("Brokers: who most often lies between others")
    for column in ("Organisation", "Sector", "Betweenness", "Liaison", "Gatekeeper", "Total"):
        brokers.add_column(
            column, justify="left" if column in {"Organisation", "Sector"} else "right"
        )
    for v in ranked:
        if a.betweenness.values[v] <= 0:
            break
        counts = a.brokerage.counts[v]
        brokers.add_row(
            net.names[v],
            net.group_names[net.groups[v]],
            f"{a.betweenness.values[v]:,.1f}",
            f"{counts[4]:,}",
            f"{counts[3]:,}",
            f"{counts[5]:,}",
        )
    console.print(brokers)
    console.print(f"Betweenness is {a.betweenness.method}.")

    if a.cut_points:
        points = _table(
            f"Single points of failure: {len(a.cut_points):,} organisations whose "
            "closure would split the network"
        )
        for column in ("Organisation", "Sector", "Cut off", "Cross-sector pairs lost"):
            points.add_column(column, justify="right" if column == "Cut off" else "left")
        for c in a.cut_points[:_TOP]:
            lost = ", ".join(f"{k} {v:,}" for k, v in c.pairs.items() if v) or "none"
            points.add_row(
                net.names[c.node], net.group_names[net.groups[c.node]], f"{c.separated:,}", lost
            )
        console.print(points)
    else:
        console.print("No single organisation's closure would split the network.")
    console.print(f"Bridges (ties whose loss would split the network): {len(a.bridges):,}.")

    gaps = _table("Gaps: organisations with no tie to another sector")
    gaps.add_column("Sector")
    for s in SECTORS:
        gaps.add_column(f"No tie to {s.value}", justify="right")
    for s in SECTORS:
        row = a.gaps.without_tie[s.value]
        gaps.add_row(s.label, *("—" if o is s else f"{len(row[o.value]):,}" for o in SECTORS))
    console.print(gaps)
    if a.gaps.wards_without_social:
        console.print(
            "Wards with no social-sector organisation: " + ", ".join(a.gaps.wards_without_social)
        )

    if a.scenarios:
        tenth = max(1, math.ceil(net.n / 10))
        shocks = _table("Shocks: closures one after another")
        for column in ("Scenario", "Robustness", "Left connected after 10% close"):
            shocks.add_column(column, justify="left" if column == "Scenario" else "right")
        for scenario in a.scenarios:
            if scenario.kind not in {"random", "targeted"}:
                continue
            figure = _number(scenario.robustness, 3)
            if scenario.robustness_sd is not None:
                figure += f" ± {scenario.robustness_sd:.3f}"
            after = _share(float(scenario.largest_share[min(tenth, scenario.count)]))
            shocks.add_row(scenario.label, figure, after)
        console.print(shocks)
        console.print(
            "Robustness: the mean share of organisations still in the largest connected "
            "group as they close one by one (0.5 at best)."
        )
        named = [s for s in a.scenarios if s.kind == "named"]
        groups = (
            named
            + sorted(
                (s for s in a.scenarios if s.kind == "group"),
                key=lambda s: (float(s.largest_share[-1]), s.key),
            )[:_TOP]
        )
        if groups:
            losses = _table("Losing a whole group: the most damaging")
            for column in ("If these close", "Organisations", "Left connected"):
                losses.add_column(column, justify="left" if column == "If these close" else "right")
            for scenario in groups:
                losses.add_row(
                    scenario.label.removesuffix(" closes").removesuffix(" close"),
                    f"{scenario.count:,}",
                    _share(float(scenario.largest_share[-1])),
                )
            console.print(losses)

    suggestions = _table("Suggested ratings, beside the assessor's")
    for column in ("Measure", "Assessor's rating", "Suggested", "Confidence", "Items"):
        suggestions.add_column(
            column,
            justify="right" if column == "Items" else "left",
            min_width=18 if column in {"Assessor's rating", "Suggested"} else None,
        )
    for key, suggestion in a.suggestions.items():
        rating = snapshot.rating(key)
        suggestions.add_row(
            f"{snapshot.variant.number_of(key)}. {get_measure(key).short}",
            format_rating(rating.position if rating else None),
            suggestion.label,
            suggestion.confidence,
            f"{suggestion.evidence_count:,}",
        )
    console.print(suggestions)
    console.print(
        "Suggestions come from the balance of coded evidence and, for measures 1–6, the "
        "network figures; use --json to see how each was reached."
    )


@click.command("analyse")
@study_argument
@click.option("--json", "as_json", is_flag=True, help="Print the analysis as one JSON document.")
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="Analyse the relationships active on this day (default: today), e.g. 2012-07-15.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for everything random.")
@click.option(
    "--orders",
    type=click.IntRange(1, 100_000),
    default=RANDOM_ORDERS,
    show_default=True,
    help="Random closure orders to average over.",
)
@click.option(
    "--remove",
    "remove",
    multiple=True,
    metavar="ORG",
    help="Add a scenario in which this organisation (id or exact name) closes; repeat for more.",
)
@click.option("--no-shocks", is_flag=True, help="Skip the closure scenarios.")
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes for betweenness (default: the cores available, at most 4).",
)
def analyse(
    study: Path,
    as_json: bool,
    as_of: str | None,
    seed: int,
    orders: int,
    remove: tuple[str, ...],
    no_shocks: bool,
    jobs: int | None,
) -> None:
    """Measure the network of a study: sectors, pairs, brokers, gaps, shocks, suggestions."""
    day = None
    if as_of is not None:
        try:
            day = PartialDate.parse(as_of).start()
        except ValueError as exc:
            fail(f"--as-of: {exc}")
    snapshot = load_study_or_exit(study, show_warnings=not as_json)
    ids = _resolve(snapshot, remove)
    result = run_analysis(
        snapshot,
        as_of=day,
        seed=seed,
        orders=orders,
        remove=ids,
        shocks=not no_shocks,
        jobs=jobs,
    )
    if as_json:
        click.echo(json.dumps(analysis_to_json(result), ensure_ascii=False, indent=2))
    else:
        _print_summary(snapshot, result)
