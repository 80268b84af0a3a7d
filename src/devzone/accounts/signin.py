"""Sign-in pages: password, then the one-time code when the account has (or must have) one; password change.

The password step proves the password only. When a second factor follows, the session holds the
pending user for a few minutes and the user is signed in (``login``) after the code; wrong codes
count as sign-in failures toward the same lockout as wrong passwords.
"""

from __future__ import annotations

import time
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView, PasswordChangeView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from devzone.accounts.actions import change_password
from devzone.accounts.lockout import FAILURE_REASON_ATTR, record_sign_in
from devzone.accounts.models import User
from devzone.accounts.passwords import password_expired
from devzone.accounts.second_factor import (
    ISSUER,
    confirm_device,
    has_second_factor,
    pending_device,
    remove_device,
    second_factor_required,
    verify_code,
)
from devzone.accounts.totp import provisioning_uri

PENDING_KEY = "devzone_pending_sign_in"
PENDING_SECONDS = 300


class SignInView(LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if has_second_factor(user) or second_factor_required(user):
            self.request.session[PENDING_KEY] = {
                "user": user.pk,
                "backend": user.backend,
                "at": time.time(),
                "next": self.get_success_url(),
            }
            return redirect("accounts:second_factor")
        response = super().form_valid(form)
        record_sign_in(self.request, user, second_factor=False)
        return response


def _pending_user(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - float(pending["at"]) > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user is not None else None


def _refuse_code(request: HttpRequest, user: User) -> HttpResponse | None:
    """Count a wrong code as a sign-in failure; the lockout page when that (or an earlier one) locked."""
    setattr(request, FAILURE_REASON_ATTR, "动态口令错误")
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
    if getattr(request, "axes_locked_out", False):
        return get_lockout_response(request, None, {"username": user.get_username()})
    return None


@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    found = _pending_user(request)
    if found is None:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("登录已超时，请重新输入用户名和密码。"))
        return redirect("login")
    user, pending = found
    credentials = {"username": user.get_username()}
    AxesProxyHandler.update_request(request)
    if not AxesProxyHandler.is_allowed(request, credentials):
        request.axes_locked_out = True
        return get_lockout_response(request, None, credentials)
    enrolling = not has_second_factor(user)
    device = pending_device(user) if enrolling else None
    error = ""
    if request.method == "POST":
        code = request.POST.get("code", "")
        ok = confirm_device(device, code, actor=user) if device is not None else verify_code(user, code)
        if ok:
            del request.session[PENDING_KEY]
            login(request, user, backend=pending["backend"])
            record_sign_in(request, user, second_factor=True)
            return HttpResponseRedirect(pending["next"])
        locked = _refuse_code(request, user)
        if locked is not None:
            return locked
        error = _("动态口令不正确或已使用，请输入验证器当前显示的 6 位数字。")
    context = {"error": error, "enrolling": enrolling, **_enrol_context(user, device)}
    return render(request, "accounts/sign_in_code.html", context)


def _enrol_context(user: User, device: Any) -> dict[str, str]:
    if device is None:
        return {}
    return {
        "secret": device.secret,
        "uri": provisioning_uri(device.secret, account=user.get_username(), issuer=ISSUER),
    }


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_settings(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own page: enable an authenticator app, or turn it off when not required."""
    user = request.user
    enabled = has_second_factor(user)
    required = second_factor_required(user)
    if request.method == "POST":
        code = request.POST.get("code", "")
        if not enabled:
            if confirm_device(pending_device(user), code, actor=user):
                messages.success(request, _("动态口令已启用，今后登录须输入验证器显示的口令。"))
                return redirect("accounts:second_factor_settings")
            messages.error(request, _("动态口令不正确，请核对验证器中的账号后重新输入。"))
        elif required:
            messages.error(request, _("按本系统安全设置，管理员账号须使用动态口令，不能停用。"))
        elif verify_code(user, code):
            remove_device(user, actor=user)
            messages.success(request, _("动态口令已停用。"))
            return redirect("accounts:second_factor_settings")
        else:
            messages.error(request, _("动态口令不正确，未停用。"))
    device = None if enabled else pending_device(user)
    context = {"enabled": enabled, "required": required, **_enrol_context(user, device)}
    return render(request, "accounts/second_factor.html", context)


class PasswordChange(PasswordChangeView):
    """Change one's own password through the audited action; also the page initial and expired passwords lead to."""

    form_class = PasswordChangeForm
    # Not registration/…: the admin app's template of that name comes first in the template search.
    template_name = "accounts/password_change.html"
    extra_context = {"title": _("修改密码")}

    def get_success_url(self) -> str:
        target = self.request.GET.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={self.request.get_host()}):
            return target
        return reverse("accounts:password_change_done")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.must_change_password:
            context["notice"] = _("本账号的初始密码由他人设定，首次登录须修改密码后方可使用本系统。")
        elif password_expired(user, timezone.now()):
            context["notice"] = _("密码已超过规定使用期限，请修改密码后继续使用。")
        return context

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        user = User.objects.get(pk=self.request.user.pk)  # the model itself, not the request's lazy wrapper
        change_password(actor=user, user=user, password=form.cleaned_data["new_password1"], must_change=False)
        update_session_auth_hash(self.request, user)
        messages.success(self.request, _("密码已修改。原有 API 令牌已全部停用，如需使用请重新申请。"))
        return HttpResponseRedirect(self.get_success_url())


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin site signs in through the same page (lockout, second factor, audit)."""
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{reverse('login')}?{query}" if query else reverse("login"))
