"""Commands about workbooks: template, check, convert, demo-workbook."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from communitydna.cli.common import (
    console,
    err_console,
    fail,
    load_study_or_exit,
    print_problems,
    progress_bar,
    study_argument,
)

__all__ = ["check", "convert", "demo_workbook", "template"]

output_option = click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(path_type=Path),
    help="Where to write: a .xlsx file, a .json archive, or a folder for .csv files.",
)
force_option = click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        fail(f"{path} already exists; choose another name or add --force to overwrite it.")


def _write(snapshot: object, output: Path) -> None:
    from communitydna.io import write_study
    from communitydna.snapshot import Snapshot

    assert isinstance(snapshot, Snapshot)
    try:
        write_study(snapshot, output)
    except OSError as exc:
        fail(f"could not write {output}: {exc.strerror or exc}")
    except ValueError as exc:  # what a workbook cannot hold; the .json archive holds it
        fail(f"could not write {output}: {exc}. A .json archive keeps everything.")


@click.command("template")
@output_option
@force_option
def template(output: Path, force: bool) -> None:
    """Write an empty study workbook with instructions for every column."""
    from communitydna.io import write_template

    if output.suffix.lower() != ".xlsx":
        fail("the template is an Excel workbook: give OUTPUT a .xlsx name.")
    _refuse_overwrite(output, force)
    try:
        write_template(output)
    except OSError as exc:
        fail(f"could not write {output}: {exc.strerror or exc}")
    console.print(f"Wrote an empty study workbook to [bold]{output}[/].")
    console.print(
        f"Read its Instructions sheet, fill it in, then run [bold]communitydna check {output}[/]."
    )


@click.command("check")
@study_argument
def check(study: Path) -> None:
    """Check a study (workbook, csv folder or .json archive) and list every problem (exit 1
    if there are errors)."""
    from communitydna.io import read_study

    if not study.exists():
        fail(
            f"{study} does not exist. STUDY is an .xlsx workbook, a folder of .csv files or a "
            ".json study archive."
        )
    with progress_bar(f"Checking {study.name}") as progress:
        result = read_study(study, progress=progress)
    print_problems(result.problems)
    if result.snapshot is None:
        n = len(result.errors)
        fail(f"{study} has {n} error{'s' if n != 1 else ''}.")
    snapshot = result.snapshot
    console.print(f"[bold]{snapshot.place.name}[/] ({snapshot.variant.title.lower()})")
    table = Table(header_style="bold")
    table.add_column("Sheet")
    table.add_column("Rows", justify="right")
    for name, count in snapshot.counts().items():
        table.add_row(name.capitalize(), f"{count:,}")
    console.print(table)
    unrated = snapshot.measures_unrated()
    if unrated:
        console.print(f"Not rated yet: {', '.join(unrated)}.")
    warnings = len(result.warnings)
    tail = f" with {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    console.print(f"[green]OK[/]: {study} is a valid study{tail}.")


@click.command("convert")
@study_argument
@output_option
@force_option
def convert(study: Path, output: Path, force: bool) -> None:
    """Convert a study between an .xlsx workbook, a folder of .csv files and a .json archive.

    The kind of OUTPUT is chosen by its name: .xlsx, .json, or else a folder.
    """
    _refuse_overwrite(output, force)
    snapshot = load_study_or_exit(study)
    _write(snapshot, output)
    kind = {".xlsx": "workbook", ".json": "study archive"}.get(
        output.suffix.lower(), "folder of csv files"
    )
    console.print(f"Wrote {snapshot.place.name} as a {kind} to [bold]{output}[/].")


@click.command("demo-workbook")
@output_option
@force_option
def demo_workbook(output: Path, force: bool) -> None:
    """Write the demo study (a fictional neighbourhood) as a workbook or csv folder."""
    from communitydna.demo import demo_snapshot

    _refuse_overwrite(output, force)
    snapshot = demo_snapshot()
    _write(snapshot, output)
    counts = snapshot.counts()
    console.print(
        f"Wrote the demo study of {snapshot.place.name} to [bold]{output}[/] "
        f"({counts['organisations']} organisations, {counts['relationships']} relationships, "
        f"{counts['evidence']} evidence items)."
    )
    err_console.print(f"Next: communitydna report {output} -o report.html")
