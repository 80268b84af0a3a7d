"""Chinese by default, English on request, and the English catalogue complete and compiled."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from django.conf import settings

from tests.personas import World

LOCALE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"


def test_pages_are_chinese_by_default(world: World) -> None:
    page = world.client_for(world.staff_a).get("/orgs/zones/").content.decode()
    assert "开发区名录" in page


def test_english_is_available(world: World) -> None:
    client = world.client_for(world.staff_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/orgs/zones/"})
    page = client.get("/orgs/zones/").content.decode()
    assert "Zone directory" in page
    assert "开发区名录" not in page


def test_every_message_is_translated_and_compiled() -> None:
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    untranslated = re.findall(r'msgid "(.+)"\nmsgstr ""\n\n', po)
    assert untranslated == []
    with (LOCALE / "django.mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for msgid in re.findall(r'^msgid "(.+)"$', po, flags=re.M):
        assert catalog.gettext(msgid.replace('\\"', '"')) != msgid or msgid in {"English", "简体中文"}, msgid
