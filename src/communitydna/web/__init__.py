"""The web application: how a team works on a study together.

A Django 5.2 project around the pure core. The database is the system of record; it
converts to and from :class:`communitydna.snapshot.Snapshot`, so every importer, exporter,
analysis and report is the core's own.

Apps, split by what users do:

- :mod:`communitydna.web.accounts` — people (e-mail login), workspaces, memberships with a
  role, invitations by link, and :mod:`~communitydna.web.accounts.permissions`, the one
  module that decides who may see and do what;
- :mod:`communitydna.web.studies` — a study's data (organisations, relationships, evidence,
  ratings and their history, recommendations, the action plan, indicators, tension
  reports), the converters to and from a snapshot, the services that change it and the
  selectors that read it;
- :mod:`communitydna.web.audit` — one log of every change, written by each service in the
  same transaction as the change.

Serving: ``communitydna serve`` runs the application with **waitress**, a pure-Python,
production-grade WSGI server that installs and runs the same way on Linux, macOS and
Windows (gunicorn does not run on Windows, and the users include council officers on
Windows laptops). Static files are served by **whitenoise** from the same process, with
hashed names, compression and far-future caching, so one command is the whole server; a
reverse proxy in front adds HTTPS.

Django itself is imported only when a web command runs (:func:`setup`), so the rest of the
command line does not pay for it.
"""

from __future__ import annotations

import os

__all__ = ["setup"]

SETTINGS_MODULE = "communitydna.web.settings"


def setup() -> None:
    """Configure Django with this application's settings, once.

    Raises
    ------
    ImportError
        If Django is not installed (``pip install 'communitydna[web]'``).
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
