"""The default task backend: work runs on a small pool of threads inside the server.

Nothing else needs to run, which suits one person on a laptop and a small team on one
server. The request that asks for the work returns at once; the page then follows the job's
progress. Work in progress when the server stops is marked interrupted when it next starts
(see :func:`communitydna.web.jobs.services.jobs_interrupted`). Larger deployments set
``COMMUNITYDNA_TASKS=database`` or ``rq`` and run ``communitydna worker``.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from django.db import close_old_connections, connections
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from typing_extensions import ParamSpec

__all__ = ["ThreadBackend"]

T = TypeVar("T")
P = ParamSpec("P")

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor(workers: int) -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="communitydna-task")
        return _pool


class ThreadBackend(ImmediateBackend):
    """Run each task on a thread of this process, after the current transaction commits.

    ``OPTIONS``: ``WORKERS``, the number of threads (default 2).
    """

    def __init__(self, alias: str, params: dict[str, Any]) -> None:
        super().__init__(alias, params)
        self.workers = int(self.options.get("WORKERS", 2))

    def _run(self, task_result: TaskResult[Any]) -> None:
        close_old_connections()
        try:
            self._execute_task(task_result)
        finally:
            connections.close_all()

    def enqueue(
        self,
        task: Task[P, T],
        args: P.args,  # type: ignore[valid-type]
        kwargs: P.kwargs,  # type: ignore[valid-type]
    ) -> TaskResult[T]:
        from django.db import transaction
        from django.utils.crypto import get_random_string

        self.validate_task(task)
        task_result: TaskResult[T] = TaskResult(
            task=task,
            id=get_random_string(32),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        pool = _executor(self.workers)
        # The work reads what the request wrote: it starts once that is committed.
        transaction.on_commit(lambda: pool.submit(self._run, task_result))
        return task_result
