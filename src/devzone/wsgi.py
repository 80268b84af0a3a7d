from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.settings")
application = get_wsgi_application()

from django.urls import get_resolver  # noqa: E402 - after set-up

from devzone.core import collector, warm  # noqa: E402

get_resolver().url_patterns  # noqa: B018 - every slice imported before the first request
warm.warm()
collector.freeze()
