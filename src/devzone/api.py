"""The JSON API root: /api, OpenAPI at /api/docs. Slices add their routers here.

Every error answers JSON, a 500 included (logged with its traceback, none in the answer); request
bodies and query strings go through :class:`devzone.core.api_types.StrictParser`.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.openapi.schema import OpenAPISchema
from ninja.security import HttpBearer, django_auth
from ninja.throttling import BaseThrottle

from devzone import __version__
from devzone.accounts.api import router as accounts_router
from devzone.accounts.tokens import user_for_key
from devzone.assessment.api import router as assessment_router
from devzone.core.api_types import StrictParser
from devzone.core.throttle import seconds_to_next_window, within_rate
from devzone.enterprises.api import router as enterprises_router
from devzone.indicators.api import router as indicators_router
from devzone.orgs.api import router as orgs_router
from devzone.plans.api import router as plans_router


class TokenAuth(HttpBearer):
    """``Authorization: Bearer dz_…`` — tokens are issued on the 'API 令牌' page."""

    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        user = user_for_key(token)
        if user is not None:
            request.user = user
        return user


class PerPersonAndAddress(BaseThrottle):
    """Every API request counts for its person (token or session) and its address: at most
    ``DEVZONE_API_PER_MINUTE`` a minute each (``core.throttle``), then 429 with Retry-After."""

    def allow_request(self, request: HttpRequest) -> bool:
        return within_rate(request, "api", settings.DEVZONE_API_PER_MINUTE)

    def wait(self) -> float:
        return float(seconds_to_next_window())


class DevzoneAPI(NinjaAPI):
    """The schema is built once per path prefix: it depends only on the routers, which are all added
    when this module is imported, and building it walks every operation's pydantic models (0.6–0.9 s
    a request before; the fuzzing and every API client fetch it)."""

    _schemas: dict[str, OpenAPISchema]

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        cache = self.__dict__.setdefault("_schemas", {})
        if path_prefix not in cache:
            cache[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        return copy.deepcopy(cache[path_prefix])  # a caller may change what it gets; the cache stays whole


api = DevzoneAPI(
    title="devzone API",
    version=__version__,
    description="开发区行动方案管理 devzone 的接口。所有请求需登录会话（带 CSRF）或 API 令牌。",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    parser=StrictParser(),
    throttle=[PerPersonAndAddress()],
)
logger = logging.getLogger("django.request")


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "没有权限"}, status=403)


# ninja's own refusals, in the users' language: a body that is not JSON, a missing or unknown token
NINJA_TEXT = {
    "Cannot parse request body": "请求体不是有效的 JSON",
    "Unauthorized": "未登录或 API 令牌无效",
    "Too many requests.": "请求过于频繁，请稍后再试",
}


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = NINJA_TEXT.get(str(exc), str(exc))
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "未找到"}, status=404)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A fault of ours: the traceback goes to the log (as Django logs a 500), the client gets JSON only."""
    logger.error("Internal Server Error: %s", request.path, exc_info=exc, extra={"status_code": 500})
    response = api.create_response(request, {"detail": "服务器内部错误，已记录"}, status=500)
    response._has_been_logged = True  # type: ignore[attr-defined]  # Django would log it again, without the trace
    return response


api.add_router("/", accounts_router)
api.add_router("/", orgs_router)
api.add_router("/", plans_router)
api.add_router("/", indicators_router)
api.add_router("/", assessment_router)
api.add_router("/", enterprises_router)


def unknown_path(request: HttpRequest, rest: str) -> HttpResponse:
    """/api/… that matches no operation: JSON like every other API error, not the site's HTML page."""
    return api.create_response(request, {"detail": "未找到"}, status=404)
