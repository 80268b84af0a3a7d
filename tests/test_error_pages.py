"""Error pages a user may meet are Chinese, with a way back (issue 14, criterion 6)."""

from __future__ import annotations

import re

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from devzone.accounts.models import Role, User
from tests.test_chinese_pages import visible_text

ENGLISH_WORDS = re.compile(
    r"\b(?:Not Found|Forbidden|Server Error|requested|resource|permission|CSRF)\b", re.I
)


@pytest.fixture
def staff(db: None) -> Client:
    client = Client()
    client.force_login(User.objects.create_user(username="z", role=Role.ZONE_STAFF))
    return client


def test_a_missing_page_is_chinese_with_the_navigation(staff: Client) -> None:
    response = staff.get("/plans/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and "返回首页" in page and 'id="nav"' in page
    assert not ENGLISH_WORDS.search(visible_text(page))


def test_a_refused_action_is_chinese(staff: Client) -> None:
    response = staff.get("/audit/")
    assert response.status_code in {403, 404}
    page = response.content.decode()
    assert ("无权操作" in page or "页面不存在" in page) and "返回首页" in page
    assert not ENGLISH_WORDS.search(visible_text(page))


def test_an_expired_form_is_chinese(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_user(username="z", role=Role.ZONE_STAFF))
    response = client.post("/accounts/tokens/", {"name": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期" in page and not ENGLISH_WORDS.search(visible_text(page))


def test_a_server_error_is_chinese_and_needs_nothing_from_the_database() -> None:
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错" in page and "返回首页" in page
    assert not ENGLISH_WORDS.search(visible_text(page))
