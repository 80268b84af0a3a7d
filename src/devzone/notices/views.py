"""The signed-in user's notices: the list, opening one (marks it read), marking all read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from devzone.notices.actions import mark_all_read, mark_read
from devzone.notices.models import Notice

PER_PAGE = 50


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    mine = Notice.objects.filter(user=request.user)
    unread_only = request.GET.get("unread") == "1"
    shown = mine.filter(read_at__isnull=True) if unread_only else mine
    page = Paginator(shown, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notices/list.html",
        {
            "page": page,
            "unread_only": unread_only,
            "unread": mine.filter(read_at__isnull=True).count(),
        },
    )


@login_required
@require_POST
def notice_open(request: HttpRequest, notice_id: int) -> HttpResponse:
    # Only one's own notices exist for a user: another person's id answers 404 like a missing one.
    notice = get_object_or_404(Notice, user=request.user, pk=notice_id)
    mark_read(notice, actor=request.user)
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None):
        return redirect(notice.url)
    return redirect("notices:list")


@login_required
@require_POST
def notice_read_all(request: HttpRequest) -> HttpResponse:
    count = mark_all_read(request.user)
    messages.success(request, f"已将 {count} 条通知标为已读")
    return redirect("notices:list")
