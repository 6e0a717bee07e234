"""``communitydna analyse STUDY``: the measured structure of a place's relationships."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from communitydna.analysis import Analysis, analysis_to_json
from communitydna.analysis import analyse as run_analysis
from communitydna.analysis.robustness import RANDOM_ORDERS
from communitydna.cli.common import console, fail, load_study_or_exit, study_argument
from communitydna.framework import SECTORS, format_rating, get_measure
from communitydna.snapshot import PartialDate, Snapshot

__all__ = ["analyse"]

_TOP = 10


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

    sectors = Table(title="Each sector (measures 1–3)", header_style="bold")
    for column in (
        "Sector",
        "Organisations",
        "Type diversity",
        "Ties within",
        "Density",
        "Groups",
        "In largest",
        "Hub-dominated",
        "No tie at all",
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
        "Type diversity is the chance two organisations differ in type (0–1); hub-dominated "
        "is degree centralisation (1 = everything goes through one organisation)."
    )

    pairs = Table(title="Ties between sectors (measures 4–6)", header_style="bold")
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
    brokers = Table(title="Brokers: who most often lies between others", header_style="bold")
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
        points = Table(
            title=f"Single points of failure: {len(a.cut_points):,} organisations whose "
            "closure would split the network",
            header_style="bold",
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

    gaps = Table(title="Gaps: organisations with no tie to another sector", header_style="bold")
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
        shocks = Table(title="Shocks: what is left as organisations close", header_style="bold")
        for column in ("Scenario", "Closes", "Robustness", "Largest group after"):
            shocks.add_column(column, justify="left" if column == "Scenario" else "right")
        for scenario in a.scenarios:
            figure = _number(scenario.robustness, 3)
            if scenario.robustness_sd is not None:
                figure += f" ± {scenario.robustness_sd:.3f}"
            after = _share(float(scenario.largest_share[-1]))
            shocks.add_row(scenario.label, f"{scenario.count:,}", figure, after)
        console.print(shocks)
        console.print(
            "Robustness is the mean share of organisations still in the largest connected "
            "group over the closures (0.5 at best)."
        )

    suggestions = Table(title="Suggested ratings, beside the assessor's", header_style="bold")
    for column in ("Measure", "Assessor's rating", "Suggested", "Confidence", "Evidence"):
        suggestions.add_column(column, justify="right" if column == "Evidence" else "left")
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
