"""Every page a user reads is Chinese (issue 14, criterion 6).

The URL walk's routes are rendered as each role — the zone's own staff (on the zone's own records), the
coordinator and a read-only viewer — and the visible text of each page (and the words a screen reader or
a tooltip shows: title, placeholder, aria-label) is searched for English words, internal codes and raw
floats. What may appear is listed below with its reason; anything else fails with the page and the word.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from tests.personas import ZONE_B_MARK, World
from tests.test_zone_isolation import all_routes

# ASCII a Chinese user legitimately reads.
ALLOWED_WORDS = {
    "devzone",  # the product's name
    "API",
    "Bearer",  # how a script presents its token (the token page shows the header to copy)
    "Authorization",
    "PDF",
    "Excel",
    "Word",
    "xlsx",
    "docx",
    "csv",
    "txt",
    "pdf",
    "html",
    "htm",
    "doc",
    "wps",
    "rtf",
    "odt",
    "ofd",
    "jpg",
    "png",
    "GDP",
    "USCC",
    "TOTP",
    "JSON",
    "Token",
    "ECharts",
    "YAML",  # the framework file's format, named on the editor
    "SHA",
    "kWh",  # units as the statistics bureau writes them
    "tce",
    "Sobol",  # Sobol 指数: the sensitivity method's own name
    "LibreOffice",  # the program that reads .doc/.wps, named so an operator can install it
    # the software a stored run records it was computed with (软件版本), by their own names
    "Python",
    "Django",
    "numpy",
    "duckdb",
    "ibis",
    "SALib",
    "pydantic",
    # how 自然资源 staff and their GIS name a coordinate system and a parcel file (宗地导入, 宗地卡片)
    "CGCS",
    "EPSG",
    "WGS",
    "SRID",
    "WKT",
    "GeoJSON",
    "Shapefile",
    "geojson",
    "json",
    "zip",
}
SKIPPED_PREFIXES = ("admin/", "api/", "static/", "i18n/", "accounts/logout")
WORD = re.compile(r"[A-Za-z][A-Za-z_]{2,}")
RAW_FLOAT = re.compile(r"\d+\.\d{5,}")
FILE_NAME = re.compile(r"\S+\.(?:pdf|docx?|xlsx?|csv|txt|jpe?g|png|ofd|wps|zip|geojson|json)\b", re.I)
ATTRIBUTES = re.compile(r'\b(?:title|placeholder|aria-label)="([^"]*)"')


def visible_text(html: str) -> str:
    # code, pre and textarea hold identifiers and file text the user edits (a framework's YAML), not our words
    body = re.sub(r"<(script|style|code|pre|textarea)\b.*?</\1>", " ", html, flags=re.S | re.I)
    body = re.sub(
        r"<select\b[^>]*name=\"language\".*?</select>", " ", body, flags=re.S
    )  # 语言: English, 简体中文
    shown = " ".join(ATTRIBUTES.findall(body))
    text = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"&\w+;|&#\d+;", " ", text + " " + shown)


def breaches(html: str, *, data: set[str]) -> set[str]:
    """English words and raw floats on a page, less the allowed words and the test's own data."""
    text = FILE_NAME.sub(" ", visible_text(html))  # an uploaded file keeps its own name
    words = {w for w in WORD.findall(text) if w not in ALLOWED_WORDS and not any(w in d for d in data)}
    return words | set(RAW_FLOAT.findall(text))


@pytest.mark.parametrize("user_name", ["staff_b", "coordinator", "viewer"])
def test_every_page_is_chinese(world: World, user_name: str) -> None:
    client = world.client_for(getattr(world, user_name))
    # the personas' user names and zone-B marker are data a user typed, not the system's words
    data = {
        world.staff_a.username,
        world.staff_b.username,
        world.coordinator.username,
        world.admin.username,
        world.viewer.username,
        world.viewer_a.username,
        ZONE_B_MARK,
        world.token_b.name,
        "ECO",  # the test framework's category codes, typed without Chinese names
        "INNO",
    }
    found: dict[str, set[str]] = defaultdict(set)
    read = 0
    for route in all_routes():
        if (
            route.pattern.startswith(SKIPPED_PREFIXES)
            or "export" in route.pattern
            or "download" in route.pattern
        ):
            continue
        response = client.get(route.fill(world))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        read += 1
        words = breaches(response.content.decode(), data=data)
        if words:
            found[route.pattern] |= words
    assert read > 30
    assert not found, "\n".join(f"{page}: {sorted(words)}" for page, words in sorted(found.items()))
