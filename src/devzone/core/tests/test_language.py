from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_english_browser_gets_chinese_pages_until_its_user_chooses_english() -> None:
    client = Client(headers={"accept-language": "en-US,en;q=0.9"})
    page = client.get("/accounts/login/")
    assert page.status_code == 200 and 'lang="zh-hans"' in page.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert 'lang="en"' in client.get("/accounts/login/").content.decode()
