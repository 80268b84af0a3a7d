"""Account administration pages (账号管理), split by 三员分立 as ``devzone.accounts.access`` says.

The system administrator creates accounts (待授权, with a generated password shown once), edits
names, units and e-mail and resets passwords; the security administrator grants roles, zones and
jurisdictions and locks or unlocks accounts. Each acts on others' accounts only where the rules allow.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from devzone.accounts import actions
from devzone.accounts.access import (
    can_grant,
    can_lock,
    can_manage_account,
    may_manage_accounts,
    may_manage_security,
    require_account_manager,
    sees_accounts,
)
from devzone.accounts.demo import generate_password
from devzone.accounts.forms import GrantForm, NewAccountForm, ProfileForm
from devzone.accounts.models import Role, User


def _require_sees_accounts(request: HttpRequest) -> None:
    if not sees_accounts(request.user):
        raise PermissionDenied


@login_required
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    _require_sees_accounts(request)
    users = User.objects.select_related("unit").prefetch_related("zones").order_by("username")
    return render(
        request,
        "accounts/users.html",
        {"users": users, "can_create": may_manage_accounts(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_new(request: HttpRequest) -> HttpResponse:
    require_account_manager(request.user)
    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        password = generate_password()
        try:
            user = actions.create_user(
                actor=request.user,
                username=data["username"],
                password=password,
                role=Role.PENDING,
                unit=data["unit"],
                display_name=data["display_name"],
                must_change_password=True,
            )
        except ValidationError as exc:
            form.add_error("username", exc)
        else:
            if data["email"]:
                actions.update_profile(
                    actor=request.user, user=user, display_name=data["display_name"], unit=data["unit"],
                    email=data["email"],
                )  # fmt: skip
            messages.warning(
                request,
                _(
                    "账号 %(name)s 已创建（待授权），初始密码：%(password)s（只显示这一次），角色由安全管理员授予"
                )
                % {"name": user.username, "password": password},
            )
            return redirect("accounts:user", user_id=user.pk)
    return render(request, "accounts/user_new.html", {"form": form}, status=400 if form.errors else 200)


def _detail(
    request: HttpRequest, target: User, *, profile: ProfileForm, grant: GrantForm, status: int = 200
) -> HttpResponse:
    context = {
        "target": target,
        "profile_form": profile if can_manage_account(request.user, target) else None,
        "grant_form": grant if can_grant(request.user, target, Role.VIEWER) else None,
        "can_lock": can_lock(request.user, target),
        "can_reset": can_manage_account(request.user, target),
    }
    return render(request, "accounts/user_detail.html", context, status=status)


def _forms_of(target: User) -> tuple[ProfileForm, GrantForm]:
    profile = ProfileForm(
        initial={"display_name": target.first_name, "email": target.email, "unit": target.unit_id}
    )
    grant = GrantForm(
        initial={
            "role": target.role,
            "zones": list(target.zones.values_list("pk", flat=True)),
            "province": target.province,
            "city": target.city,
        }
    )
    return profile, grant


@login_required
@require_GET
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_sees_accounts(request)
    target = get_object_or_404(User, pk=user_id)
    profile, grant = _forms_of(target)
    return _detail(request, target, profile=profile, grant=grant)


@login_required
@require_POST
def user_profile(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_sees_accounts(request)
    target = get_object_or_404(User, pk=user_id)
    if not can_manage_account(request.user, target):
        raise PermissionDenied
    form = ProfileForm(request.POST)
    if not form.is_valid():
        _profile, grant = _forms_of(target)
        return _detail(request, target, profile=form, grant=grant, status=400)
    data = form.cleaned_data
    actions.update_profile(
        actor=request.user,
        user=target,
        display_name=data["display_name"],
        unit=data["unit"],
        email=data["email"],
    )
    messages.success(request, _("账号信息已保存"))
    return redirect("accounts:user", user_id=target.pk)


@login_required
@require_POST
def user_password(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_sees_accounts(request)
    target = get_object_or_404(User, pk=user_id)
    if not can_manage_account(request.user, target):
        raise PermissionDenied
    password = generate_password()
    actions.change_password(actor=request.user, user=target, password=password, must_change=True)
    messages.warning(request, _("新密码：%(password)s（只显示这一次）") % {"password": password})
    return redirect("accounts:user", user_id=target.pk)


@login_required
@require_POST
def user_grant(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_sees_accounts(request)
    target = get_object_or_404(User, pk=user_id)
    if not may_manage_security(request.user) or target.pk == request.user.pk:
        raise PermissionDenied  # nobody grants themselves anything
    form = GrantForm(request.POST)
    if form.is_valid() and not can_grant(request.user, target, form.cleaned_data["role"]):
        raise PermissionDenied
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.grant_role(
                actor=request.user, user=target, role=data["role"], zones=list(data["zones"]),
                province=data["province"].strip(), city=data["city"].strip(),
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已授予 %(role)s") % {"role": target.get_role_display()})
            return redirect("accounts:user", user_id=target.pk)
    profile, _grant = _forms_of(target)
    return _detail(request, target, profile=profile, grant=form, status=400)


@login_required
@require_POST
def user_lock(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_sees_accounts(request)
    target = get_object_or_404(User, pk=user_id)
    if not can_lock(request.user, target):
        raise PermissionDenied
    locked = request.POST.get("locked") == "1"
    actions.set_locked(actor=request.user, user=target, locked=locked)
    messages.success(request, _("账号已锁定") if locked else _("账号已解锁"))
    return redirect("accounts:user", user_id=target.pk)
