"""Django's management commands for the web application: ``python -m communitydna.web``.

For example ``python -m communitydna.web migrate`` or ``… makemigrations``; everyday use
goes through ``communitydna serve``, ``communitydna user`` and ``communitydna study``.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run a management command with this application's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communitydna.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"{sys.executable} -m communitydna.web", *sys.argv[1:]])


if __name__ == "__main__":
    main()
