"""The JSON API root: /api, OpenAPI at /api/docs. Slices add their routers here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from devzone import __version__
from devzone.accounts.api import router as accounts_router
from devzone.accounts.tokens import user_for_key
from devzone.assessment.api import router as assessment_router
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


api = NinjaAPI(
    title="devzone API",
    version=__version__,
    description="开发区行动方案管理 devzone 的接口。所有请求需登录会话（带 CSRF）或 API 令牌。",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "permission denied"}, status=403)


api.add_router("/", accounts_router)
api.add_router("/", orgs_router)
api.add_router("/", plans_router)
api.add_router("/", indicators_router)
api.add_router("/", assessment_router)
api.add_router("/", enterprises_router)
