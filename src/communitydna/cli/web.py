"""Commands of the web application: serve, demo, user, study.

``communitydna serve`` runs the application with gunicorn: several worker processes (one per
processor core by default, at least two, at most eight), each serving requests on eight
threads, so pages are not queued behind one process's interpreter lock while another page is
drawn. The processes share the cache (files in the data folder, or Redis) and the database
(SQLite in WAL mode lets them read while one writes). On Windows, where gunicorn does not
run, or with ``--server waitress``, waitress serves instead: one process, pure Python, the
same everywhere. Either way whitenoise serves the static files from the same processes, so
one command is the whole server (a reverse proxy in front adds HTTPS). Each command applies
pending database migrations first, so the first command run on a new machine sets everything
up.

Django is imported only inside these commands, so the rest of the command line starts as
fast as before.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from communitydna.cli.common import console, err_console, fail, load_study_or_exit, study_argument

if TYPE_CHECKING:
    from communitydna.web.accounts.models import Workspace

__all__ = ["demo", "serve", "study", "user"]

ROLES = ("owner", "assessor", "contributor", "viewer")
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_WILDCARD = {"0.0.0.0", "::", ""}


def _django(*, migrate: bool = True) -> None:
    """Set Django up (once) and bring the database schema up to date."""
    try:
        from communitydna.web import setup
        from communitydna.web.env import SettingError
    except ImportError:
        fail("the web application needs its extra packages: pip install 'communitydna[web]'")
    try:
        setup()
    except ImportError:
        fail("the web application needs its extra packages: pip install 'communitydna[web]'")
    except SettingError as exc:
        fail(str(exc))
    if migrate:
        from django.core.management import call_command
        from django.db import DatabaseError

        try:
            call_command("migrate", interactive=False, verbosity=0)
        except DatabaseError as exc:
            fail(f"cannot prepare the database: {exc}")


def _url_host(host: str) -> str:
    if host in _WILDCARD:
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _prepare_to_serve(host: str, port: int) -> None:
    """Defaults that depend on where the server listens; settings read them at start-up.

    On the loopback address nothing leaves the machine, so cookies may travel over plain
    HTTP; anywhere else they are HTTPS-only unless the operator says otherwise.
    """
    if host in _LOOPBACK:
        os.environ.setdefault("COMMUNITYDNA_SECURE_COOKIES", "0")
    elif host not in _WILDCARD:
        os.environ.setdefault("COMMUNITYDNA_ALLOWED_HOSTS", f"localhost,127.0.0.1,[::1],{host}")
    os.environ.setdefault("COMMUNITYDNA_BASE_URL", f"http://{_url_host(host)}:{port}")
    # Each serving thread keeps its database connection for a minute rather than opening
    # one per request (with SQLite, opening costs about as much as a small page's queries).
    os.environ.setdefault("COMMUNITYDNA_CONN_MAX_AGE", "60")


def _warn_about_exposure(host: str) -> None:
    from django.conf import settings

    if host in _LOOPBACK:
        return
    if host in _WILDCARD and "COMMUNITYDNA_ALLOWED_HOSTS" not in os.environ:
        err_console.print(
            "[yellow]Note:[/] listening on every address; set COMMUNITYDNA_ALLOWED_HOSTS to "
            "the names people use to reach this server, or they will get 'Bad Request'."
        )
    if settings.SESSION_COOKIE_SECURE:
        err_console.print(
            "[yellow]Note:[/] cookies are sent over HTTPS only. Put an HTTPS reverse proxy in "
            "front (and set COMMUNITYDNA_BEHIND_PROXY=1), or set COMMUNITYDNA_SECURE_COOKIES=0 "
            "on a trusted network."
        )


SERVERS = ("auto", "gunicorn", "waitress")
MAX_WORKERS = 8


def default_workers() -> int:
    """One worker process per processor core, at least two and at most eight.

    Measured on two cores with the clients on the same machine, two processes of eight
    threads served 60-85 requests a second, four processes 40-65: each kept-alive
    connection stays with one process, and more processes meant more of them queued behind
    a busy one while another idled.
    """
    return max(2, min(MAX_WORKERS, os.cpu_count() or 1))


def _chosen_server(server: str) -> str:
    """``gunicorn`` where it runs and is installed, else ``waitress``."""
    if server != "auto":
        return server
    if sys.platform == "win32" or importlib.util.find_spec("gunicorn") is None:
        return "waitress"
    return "gunicorn"


def _run_server(host: str, port: int, threads: int, *, server: str = "auto", workers: int) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.urls import get_resolver

    # Collected before the application loads: whitenoise indexes the files when it starts.
    call_command("collectstatic", interactive=False, verbosity=0)
    from communitydna.web.wsgi import application

    _warn_about_exposure(host)
    chosen = _chosen_server(server)
    if chosen == "gunicorn" and sys.platform == "win32":
        fail("gunicorn does not run on Windows; use --server waitress")
    shown = f" ({workers} processes)" if chosen == "gunicorn" else ""
    console.print(
        f"Community DNA is running at [bold]{settings.BASE_URL}/[/]{shown} (Ctrl+C stops it)."
    )
    if settings.TASKS["default"]["BACKEND"].endswith(".ThreadBackend"):
        # This server runs its own background work: whatever was left running when it last
        # stopped can no longer finish, and its page should say so.
        from communitydna.web.jobs.services import jobs_interrupted

        if stopped := jobs_interrupted():
            err_console.print(f"[yellow]Note:[/] {stopped} background job(s) were interrupted.")
    # Every view and what it imports (the analysis, numpy) loaded once here, so that worker
    # processes forked from this one start with them instead of each paying on its first page.
    get_resolver().url_patterns  # noqa: B018 - read for its effect
    # None of them may inherit this process's database connection.
    connections.close_all()
    try:
        if chosen == "gunicorn":
            _gunicorn(application, host=host, port=port, threads=threads, workers=workers)
        else:
            from waitress import serve as waitress_serve

            waitress_serve(application, host=host, port=port, threads=threads, ident="communitydna")
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


def _gunicorn(application: Any, *, host: str, port: int, threads: int, workers: int) -> None:
    """Serve with gunicorn's threaded workers, configured here rather than on its command line."""
    import gunicorn.http.wsgi  # type: ignore[import-untyped]
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

    # The Server header names the application, as waitress's ident does, not the server's
    # name and version.
    gunicorn.http.wsgi.SERVER = "communitydna"
    options: dict[str, Any] = {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        # A request may run for minutes (a large study's first analysis); gthread workers
        # still answer the arbiter meanwhile, so this only catches a process that hangs.
        "timeout": 120,
        "graceful_timeout": 20,
        # Long enough that a process busy for a few seconds (a large place's first analysis
        # holds the interpreter) does not close idle connections that have a request waiting.
        "keepalive": 30,
        "proc_name": "communitydna",
        "preload_app": True,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        # The processes' heartbeat files in memory where there is a memory file system.
        "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            return application

    Server().run()


def _server_options(command: Any) -> Any:
    command = click.option(
        "--server",
        type=click.Choice(SERVERS),
        default="auto",
        show_default=True,
        help="gunicorn (several processes; not on Windows) or waitress (one process); "
        "auto picks gunicorn where it runs.",
    )(command)
    command = click.option(
        "--workers",
        default=default_workers(),
        show_default=True,
        type=click.IntRange(1, 64),
        help="Processes serving requests (gunicorn only).",
    )(command)
    command = click.option(
        "--threads",
        default=8,
        show_default=True,
        type=click.IntRange(1, 64),
        help="Requests each process serves at once.",
    )(command)
    command = click.option(
        "--port", default=8000, show_default=True, type=click.IntRange(1, 65535)
    )(command)
    return click.option(
        "--host",
        default="127.0.0.1",
        show_default=True,
        help="Address to listen on; 0.0.0.0 for every address.",
    )(command)


def _study_url(study_id: int) -> str:
    from django.conf import settings
    from django.urls import reverse

    return f"{settings.BASE_URL}{reverse('studies:dashboard', args=[study_id])}"


def _messages(exc: Any) -> str:
    return "; ".join(getattr(exc, "messages", None) or [str(exc)])


@click.command("serve")
@_server_options
def serve(host: str, port: int, threads: int, workers: int, server: str) -> None:
    """Serve the web application (applies pending database migrations first).

    Data lives in SQLite under $COMMUNITYDNA_HOME (a per-user folder by default) unless
    DATABASE_URL names PostgreSQL or another SQLite file.
    """
    _prepare_to_serve(host, port)
    _django()
    _run_server(host, port, threads, server=server, workers=workers)


@click.command("demo")
@_server_options
@click.option("--no-serve", is_flag=True, help="Set the demo up and stop, without serving.")
def demo(host: str, port: int, threads: int, workers: int, server: str, no_serve: bool) -> None:
    """Serve a fresh demo workspace: the demo study and an account per role.

    The accounts' passwords are made up afresh and printed with the address.
    """
    _prepare_to_serve(host, port)
    _django()
    from django.conf import settings
    from django.db import transaction

    from communitydna.demo import demo_snapshot
    from communitydna.web.accounts.models import User, Workspace
    from communitydna.web.accounts.services import membership_set, user_create, workspace_create
    from communitydna.web.studies.services import study_import

    accounts: list[tuple[str, str, str]] = []
    with transaction.atomic():
        name, n = "Demo", 1
        while Workspace.objects.filter(name__iexact=name).exists():
            n += 1
            name = f"Demo {n}"
        workspace = workspace_create(name=name, user=None)
        for role in ROLES:
            email = f"{role}@demo.example"
            password = secrets.token_urlsafe(9)
            person = User.objects.filter(email__iexact=email).first()
            if person is None:
                person = user_create(
                    email=email, password=password, name=f"Demo {role}", check_password=False
                )
            else:
                person.set_password(password)
                person.save(update_fields=["password"])
            membership_set(workspace=workspace, member=person, role=role, user=None)
            accounts.append((role, email, password))
        study_row = study_import(workspace=workspace, snapshot=demo_snapshot(), user=None)

    console.print(f"Workspace [bold]{workspace.name}[/] with the demo study {study_row.name}.")
    click.echo(f"Study: {_study_url(study_row.pk)}")
    click.echo(f"Log in at {settings.BASE_URL}/accounts/login/ as one of:")
    for role, email, password in accounts:
        click.echo(f"  {role:<12} {email:<26} password: {password}")
    if not no_serve:
        _run_server(host, port, threads, server=server, workers=workers)


# -- user -----------------------------------------------------------------------------------


@click.group("user")
def user() -> None:
    """Manage the people who log in to the web application."""


@user.command("create")
@click.option("--email", required=True, help="The address the person logs in with.")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="Asked for if not given.",
)
@click.option("--name", default="", help="How the person is shown.")
@click.option("--workspace", "workspace_name", required=True, help="Created if it does not exist.")
@click.option("--role", required=True, type=click.Choice(ROLES, case_sensitive=False))
def user_create_command(
    email: str, password: str, name: str, workspace_name: str, role: str
) -> None:
    """Create a person with a role in a workspace (creating the workspace if needed)."""
    _django()
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from communitydna.web.accounts.models import Workspace
    from communitydna.web.accounts.services import membership_set, user_create, workspace_create

    try:
        with transaction.atomic():
            workspace = Workspace.objects.filter(name__iexact=workspace_name.strip()).first()
            created = workspace is None
            if workspace is None:
                workspace = workspace_create(name=workspace_name, user=None)
            person = user_create(email=email, password=password, name=name)
            membership_set(workspace=workspace, member=person, role=role.lower(), user=None)
    except ValidationError as exc:
        fail(_messages(exc))
    made = " (new)" if created else ""
    click.echo(f"Created {person.email} as {role.lower()} of {workspace.name}{made}.")
    click.echo(f"Log in at {settings.BASE_URL}/accounts/login/")


# -- study ----------------------------------------------------------------------------------


@click.group("study")
def study() -> None:
    """Studies in the web application's database: import, list, export."""


def _workspace_or_exit(name: str) -> Workspace:
    from communitydna.web.accounts.models import Workspace

    workspace = Workspace.objects.filter(name__iexact=name.strip()).first()
    if workspace is None:
        known = ", ".join(Workspace.objects.values_list("name", flat=True)[:10]) or "none yet"
        fail(
            f"there is no workspace called {name!r} (workspaces: {known}); "
            "`communitydna user create` makes one"
        )
    return workspace


@study.command("import")
@study_argument
@click.option("--workspace", "workspace_name", required=True, help="The workspace to add it to.")
@click.option("--name", default=None, help="The study's name (default: the place's).")
def study_import_command(study: Path, workspace_name: str, name: str | None) -> None:
    """Import a study into a workspace: all of it, or nothing.

    STUDY is an .xlsx workbook, a folder of .csv files, or a .json study archive (from
    `study export --archive`; a file starting with "{" is taken for one too). Prints the new
    study's id and its address, separated by a tab.
    """
    snapshot = load_study_or_exit(study)
    _django()
    from communitydna.web.studies.errors import StudyImportError
    from communitydna.web.studies.services import study_import

    workspace = _workspace_or_exit(workspace_name)
    try:
        row = study_import(workspace=workspace, snapshot=snapshot, user=None, name=name)
    except StudyImportError as exc:
        fail(f"nothing was imported: {exc}")
    click.echo(f"{row.pk}\t{_study_url(row.pk)}")
    err_console.print(f"Imported {row.name} into {workspace.name}.", markup=False)


@study.command("list")
@click.option("--workspace", "workspace_name", default=None, help="Only this workspace's.")
def study_list_command(workspace_name: str | None) -> None:
    """List studies, one per line: id, a tab, name."""
    _django()
    from communitydna.web.studies.models import Study

    studies = Study.objects.order_by("id")
    if workspace_name is not None:
        studies = studies.filter(workspace=_workspace_or_exit(workspace_name))
    for study_id, name in studies.values_list("id", "name"):
        click.echo(f"{study_id}\t{name}")


@study.command("export")
@click.argument("study_id", metavar="ID", type=int)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="A .xlsx file, a .json archive, or a folder for .csv files.",
)
@click.option(
    "--archive",
    is_flag=True,
    help="Write the whole study as a versioned JSON archive (OUTPUT must end in .json); "
    "a .json OUTPUT is an archive anyway.",
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def study_export_command(study_id: int, output: Path, archive: bool, force: bool) -> None:
    """Write a study from the database as a workbook, a csv folder or a JSON archive.

    The archive keeps everything exactly and `study import` reads it back.
    """
    if archive and output.suffix.lower() != ".json":
        fail(f"an archive is a .json file; name OUTPUT like {output.stem or 'study'}.json")
    if output.exists() and not force:
        fail(f"{output} already exists; choose another name or add --force to overwrite it.")
    _django()
    from communitydna.web.studies.models import Study
    from communitydna.web.studies.services import study_export

    row = Study.objects.filter(pk=study_id).first()
    if row is None:
        fail(f"there is no study {study_id}; `communitydna study list` shows them")
    try:
        study_export(study=row, path=output, user=None)
    except (OSError, ValueError) as exc:
        fail(f"could not write {output}: {getattr(exc, 'strerror', None) or exc}")
    err_console.print(f"Wrote {row.name} to {output}.", markup=False)
