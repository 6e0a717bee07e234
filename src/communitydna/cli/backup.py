"""``communitydna backup`` and ``communitydna restore``: the SQLite database to a file and back.

A backup uses SQLite's online backup, so it is consistent even while the server is writing:
it holds every transaction committed before it started and nothing half-written. The copy is
checked (``PRAGMA integrity_check``) before the command says it is done. A restore checks the
file first, keeps a copy of the database it replaces, copies the backup in, and brings the
schema up to date. With PostgreSQL use ``pg_dump`` and ``pg_restore`` (DEPLOYMENT.md).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import click

from communitydna.cli.common import console, fail

__all__ = ["backup", "restore"]


def _database_file() -> Path:
    from communitydna.cli.web import _django

    _django(migrate=False)
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        fail(
            "the database is not SQLite; back PostgreSQL up with pg_dump and restore it with "
            "pg_restore (see DEPLOYMENT.md)"
        )
    return Path(str(database["NAME"]))


def _copy(source: Path, target: Path) -> None:
    """Copy one SQLite database into another with the online backup API."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.execute("PRAGMA busy_timeout = 20000")
        src.backup(dst, pages=4096)
    # the connections' context managers commit; close them explicitly
    src.close()
    dst.close()


def _check(path: Path) -> str:
    """Why the file is not a usable backup, or an empty string."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {
                row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        db.close()
    except sqlite3.DatabaseError as error:
        return f"it is not an SQLite database ({error})"
    if verdict != "ok":
        return f"it is damaged ({verdict})"
    if not {"django_migrations", "studies_study", "accounts_user"} <= tables:
        return "it is not a Community DNA database"
    return ""


@click.command("backup")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The backup file (default: backups/communitydna-<time>.sqlite3 in the data folder).",
)
def backup(output: Path | None) -> None:
    """Back the SQLite database up to a file, safely while the server runs."""
    database = _database_file()
    if not database.exists():
        fail(f"there is no database at {database} yet")
    if output is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        output = database.parent / "backups" / f"communitydna-{stamp}.sqlite3"
    if output.exists():
        fail(f"{output} exists already; choose another name")
    output.parent.mkdir(parents=True, exist_ok=True)
    _copy(database, output)
    problem = _check(output)
    if problem:
        output.unlink(missing_ok=True)
        fail(f"the backup could not be checked: {problem}")
    console.print(f"Backed up to [bold]{output}[/] ({output.stat().st_size:,} bytes).")
    click.echo(str(output))


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(file: Path, yes: bool) -> None:
    """Replace the SQLite database with a backup (stop the server first).

    The database being replaced is kept beside the backups first.
    """
    database = _database_file()
    problem = _check(file)
    if problem:
        fail(f"{file} cannot be restored: {problem}; nothing was changed")
    if not yes:
        click.confirm(
            f"Replace everything in {database} with {file}? Stop the server first.", abort=True
        )
    if database.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = database.parent / "backups" / f"before-restore-{stamp}.sqlite3"
        kept.parent.mkdir(parents=True, exist_ok=True)
        _copy(database, kept)
        console.print(f"The database being replaced is kept in {kept}.")
    _copy(file, database)
    from django.core.management import call_command
    from django.db import connections

    connections.close_all()
    call_command("migrate", interactive=False, verbosity=0)
    console.print(f"Restored {file} into {database}.")
