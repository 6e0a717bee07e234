"""What every command shares: the console, reading a study with progress, and clean exits.

User errors never end in a traceback: they are printed plainly and the command exits 1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from communitydna.io.problems import Problem
from communitydna.snapshot import Snapshot

__all__ = [
    "console",
    "err_console",
    "fail",
    "load_study_or_exit",
    "print_problems",
    "progress_bar",
    "study_argument",
]

# Messages are never folded at the terminal's width, so that a path or a URL in them stays
# whole for a script or a copy and paste; tables still fit the width.
console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

study_argument = click.argument(
    "study", type=click.Path(exists=False, path_type=Path), metavar="STUDY"
)
"""STUDY is an .xlsx workbook, a folder of .csv files or a .json archive, everywhere."""


def fail(message: str) -> NoReturn:
    """Print a user error and exit with status 1."""
    err_console.print(f"[bold red]Error:[/] {message}")
    sys.exit(1)


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[str, int, int | None], None]]:
    """A progress bar on stderr, given to readers as their ``progress`` callback.

    The bar appears only on a terminal, so piped output (``--json``) stays clean.
    """
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,} rows"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(f"{description}: {stage}", total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def print_problems(problems: tuple[Problem, ...] | list[Problem], *, limit: int = 200) -> None:
    """Every problem: where (sheet, row, column), the value, and why.

    A table on a terminal; one line per problem otherwise, so logs and pipes keep every
    value whole.
    """
    if not problems:
        return
    ordered = sorted(problems, key=lambda p: (not p.is_error,))
    if not err_console.is_terminal:
        for p in ordered[:limit]:
            err_console.print(str(p), markup=False, soft_wrap=True)
        if len(problems) > limit:
            err_console.print(f"… and {len(problems) - limit:,} more not shown.")
        return
    table = Table(show_lines=False, header_style="bold")
    table.add_column("", no_wrap=True)
    table.add_column("Sheet")
    table.add_column("Row", justify="right")
    table.add_column("Column")
    table.add_column("Value", overflow="fold", max_width=30)
    table.add_column("Problem", overflow="fold")
    for p in ordered[:limit]:
        label = "[red]error[/]" if p.is_error else "[yellow]warning[/]"
        table.add_row(
            label, p.sheet, "" if p.row is None else str(p.row), p.column, p.value, p.reason
        )
    err_console.print(table)
    if len(problems) > limit:
        err_console.print(f"… and {len(problems) - limit:,} more not shown.")


def load_study_or_exit(path: Path, *, show_warnings: bool = True) -> Snapshot:
    """Read a workbook or csv folder; on errors print them all and exit 1."""
    from communitydna.io import read_study

    if not path.exists():
        fail(
            f"{path} does not exist. STUDY is an .xlsx workbook, a folder of .csv files or a "
            ".json study archive."
        )
    with progress_bar(f"Reading {path.name}") as progress:
        result = read_study(path, progress=progress)
    if result.snapshot is None:
        print_problems(result.problems)
        n = len(result.errors)
        fail(f"{path} has {n} error{'s' if n != 1 else ''}; nothing was produced.")
    if show_warnings and result.warnings:
        print_problems(result.warnings)
    return result.snapshot
