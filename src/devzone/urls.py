from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from devzone import home
from devzone.accounts import signin
from devzone.accounts import users as account_users
from devzone.accounts import views as account_views
from devzone.api import api, unknown_path
from devzone.audit import views as audit_views
from devzone.core import document_jobs
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
        path("users/", account_users.user_list, name="users"),
        path("users/new/", account_users.user_new, name="user_new"),
        path("users/<int:user_id>/", account_users.user_detail, name="user"),
        path("users/<int:user_id>/profile/", account_users.user_profile, name="user_profile"),
        path("users/<int:user_id>/password/", account_users.user_password, name="user_password"),
        path("users/<int:user_id>/grant/", account_users.user_grant, name="user_grant"),
        path("users/<int:user_id>/lock/", account_users.user_lock, name="user_lock"),
        path("tokens/<int:token_id>/revoke/", account_views.token_revoke, name="token_revoke"),
        path("password/", signin.PasswordChange.as_view(), name="password_change"),
        path("login/code/", signin.second_factor, name="second_factor"),
        path("second-factor/", signin.second_factor_settings, name="second_factor_settings"),
        path(
            "password/done/",
            auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
            name="password_change_done",
        ),
    ],
    "accounts",
)
audit_patterns = (
    [
        path("", audit_views.audit_log, name="log"),
        path("export.csv", audit_views.audit_export, name="export"),
        path("<int:entry_id>/", audit_views.audit_entry, name="entry"),
    ],
    "audit",
)

urlpatterns = [
    path("", home.home, name="home"),
    path("accounts/login/", signin.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include(account_patterns)),
    path("orgs/", include(orgs_patterns)),
    path("audit/", include(audit_patterns)),
    path("plans/", include("devzone.plans.urls")),
    path("assessment/", include("devzone.assessment.urls")),
    path("indicators/", include("devzone.indicators.urls")),
    path("enterprises/", include("devzone.enterprises.urls")),
    path("land/", include("devzone.land.urls")),
    path("projects/", include("devzone.projects.urls")),
    path("pools/", include("devzone.pools.urls")),
    path("notices/", include("devzone.notices.urls")),
    path("documents/", include(document_jobs.urlpatterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/login/", signin.admin_login),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("api/<path:rest>", unknown_path),
]

admin.site.site_header = "devzone"
admin.site.site_title = "devzone"
