"""Sign-in pages and the user's own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from devzone.accounts.models import ApiToken
from devzone.accounts.tokens import issue_token, revoke_token

MAX_VALID_DAYS = 3660


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    new_key = None
    if request.method == "POST":
        days = request.POST.get("valid_days", "").strip()
        if days and not (days.isdigit() and 1 <= int(days) <= MAX_VALID_DAYS):
            messages.error(
                request, _("有效天数须为 1 至 %(n)d 之间的整数，留空表示长期有效。") % {"n": MAX_VALID_DAYS}
            )
        else:
            _token, new_key = issue_token(
                user=request.user,
                name=request.POST.get("name", "")[:100],
                valid_days=int(days) if days else None,
            )
            messages.warning(request, _("令牌只显示这一次，请妥善保存。"))
    context = {"tokens": ApiToken.objects.filter(user=request.user), "new_key": new_key}
    return render(request, "accounts/tokens.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)  # a token is its owner's alone
    revoke_token(token, actor=request.user)
    messages.success(request, _("令牌已停用"))
    return redirect("accounts:tokens")
