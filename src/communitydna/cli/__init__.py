"""The ``communitydna`` command.

Each family of commands lives in its own module and is registered here. Commands read a
STUDY — an ``.xlsx`` workbook or a folder of ``.csv`` files — and never show a traceback
for a user's mistake: they print what is wrong and exit 1.
"""

from __future__ import annotations

import sys

import click

from communitydna import __version__
from communitydna.cli.common import err_console
from communitydna.cli.report import report
from communitydna.cli.workbook import check, convert, demo_workbook, template

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="communitydna")
def cli() -> None:
    """Community DNA: map, assess and strengthen the resilience of places.

    STUDY is an .xlsx workbook, a folder of .csv files with the same sheet names, or a
    .json study archive.
    Start with `communitydna demo-workbook -o demo.xlsx` or `communitydna template -o study.xlsx`.
    """


for command in (template, check, report, convert, demo_workbook):
    cli.add_command(command)

try:
    from communitydna.cli.analyse import analyse
except ImportError:  # the analysis needs numpy and scipy: `pip install communitydna[all]`
    pass
else:
    cli.add_command(analyse)

try:
    from communitydna.cli.web import demo, serve, study, user
except ImportError:  # Django itself is imported only when a web command runs
    pass
else:
    for command in (serve, demo, user, study):
        cli.add_command(command)
    from communitydna.cli.backup import backup, restore
    from communitydna.cli.jobs import worker
    from communitydna.cli.tokens import token

    for command in (worker, backup, restore, token):
        cli.add_command(command)


def main() -> None:
    """Entry point of the console script."""
    try:
        cli.main(prog_name="communitydna", standalone_mode=True)
    except KeyboardInterrupt:
        err_console.print("Interrupted.")
        sys.exit(130)
