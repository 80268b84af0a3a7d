"""The interface speaks Chinese unless the user chose another language.

Django's ``LocaleMiddleware`` follows the browser's Accept-Language; a bureau's computer with an English
browser then got the pages in a partial English translation (the newer slices have none: menus half in
English, half in Chinese, the bar wider than the screen). The language is the user's choice instead:
the ``set_language`` view's cookie, else ``LANGUAGE_CODE`` (简体中文).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ChosenLanguageMiddleware:
    """Before ``LocaleMiddleware``: the browser's Accept-Language is not read when no language was chosen."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
