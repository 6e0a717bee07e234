"""Long work in the background: imports, reports, analysis of a large place.

Each piece of work is a :class:`~communitydna.web.jobs.models.Job` row that the work itself
keeps up to date (stage, steps done of steps to do, result or error), so progress shows on
any page in any server process, whichever backend runs the work. The work is a
``django-tasks`` task; the backend is chosen with ``COMMUNITYDNA_TASKS``.
"""
