"""The WSGI application, for `communitydna serve` or any WSGI server.

Another server needs ``collectstatic`` first (``python -m communitydna.web collectstatic``);
``communitydna serve`` does that itself.
"""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communitydna.web.settings")

application = get_wsgi_application()
