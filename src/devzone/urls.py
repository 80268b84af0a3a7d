from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from devzone.accounts import views as account_views
from devzone.api import api
from devzone.audit import views as audit_views
from devzone.orgs import views as org_views

orgs_patterns = (
    [
        path("zones/", org_views.zone_list, name="zones"),
        path("zones/new/", org_views.zone_create, name="zone_new"),
        path("zones/<int:zone_id>/", org_views.zone_detail, name="zone"),
        path("zones/<int:zone_id>/edit/", org_views.zone_edit, name="zone_edit"),
        path("units/", org_views.unit_list, name="units"),
        path("units/new/", org_views.unit_create, name="unit_new"),
        path("groups/new/", org_views.group_create, name="group_new"),
        path("units/<int:unit_id>/", org_views.unit_detail, name="unit"),
        path("units/<int:unit_id>/edit/", org_views.unit_edit, name="unit_edit"),
        path("resolve/", org_views.resolve, name="resolve"),
    ],
    "orgs",
)
account_patterns = (
    [
        path("tokens/", account_views.tokens, name="tokens"),
        path("tokens/<int:token_id>/revoke/", account_views.token_revoke, name="token_revoke"),
        path(
            "password/",
            auth_views.PasswordChangeView.as_view(
                success_url="/accounts/password/done/", extra_context={"title": _("修改密码")}
            ),
            name="password_change",
        ),
        path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    ],
    "accounts",
)
audit_patterns = (
    [
        path("", audit_views.audit_log, name="log"),
        path("<int:entry_id>/", audit_views.audit_entry, name="entry"),
    ],
    "audit",
)

urlpatterns = [
    path("", org_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include(account_patterns)),
    path("orgs/", include(orgs_patterns)),
    path("audit/", include(audit_patterns)),
    path("plans/", include("devzone.plans.urls")),
    path("assessment/", include("devzone.assessment.urls")),
    path("indicators/", include("devzone.indicators.urls")),
    path("enterprises/", include("devzone.enterprises.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

admin.site.site_header = "devzone"
admin.site.site_title = "devzone"
