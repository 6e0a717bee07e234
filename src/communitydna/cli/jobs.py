"""``communitydna worker``: run long work outside the web server.

By default the server runs long work (large imports, PDF reports, the analysis of a large
place) on threads of its own, and nothing else is needed. A deployment with several server
processes or machines sets ``COMMUNITYDNA_TASKS=database`` (the work waits in the database)
or ``COMMUNITYDNA_TASKS=rq`` with ``COMMUNITYDNA_REDIS_URL`` (the work waits in Redis) and
runs one or more workers with this command.
"""

from __future__ import annotations

import click

from communitydna.cli.common import console, fail

__all__ = ["worker"]


@click.command("worker")
@click.option(
    "--burst",
    is_flag=True,
    help="Run the work waiting now, then stop (for scripts and scheduled runs).",
)
def worker(burst: bool) -> None:
    """Run background work queued by the web application (with COMMUNITYDNA_TASKS=database
    or rq; by default the server runs its own work and needs no worker)."""
    from communitydna.cli.web import _django

    _django()
    from django.conf import settings
    from django.core.management import call_command

    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_db."):
        console.print("Running background work from the database (Ctrl+C stops).")
        options: dict[str, object] = {"startup_delay": False, "reload": False}
        if burst:
            options["batch"] = True
        call_command("db_worker", **options)
    elif backend.startswith("django_tasks_rq."):
        console.print(
            f"Running background work from Redis at {settings.RQ_QUEUES['default']['URL']}."
        )
        try:
            call_command(
                "rqworker",
                "default",
                burst=burst,
                with_scheduler=False,
                job_class="django_tasks_rq.backend.Job",
            )
        except Exception as exc:  # Redis unreachable: say so without a traceback
            if type(exc).__name__ in {"ConnectionError", "TimeoutError"}:
                fail(f"cannot reach Redis: {exc}")
            raise
    else:
        fail(
            "the web server runs its own background work with this configuration; set "
            "COMMUNITYDNA_TASKS=database or COMMUNITYDNA_TASKS=rq to run it in workers"
        )
