"""Benchmark: a zone of 5,000 parcels drawn on the map page in Chromium (issue 19, criterion 7).

The zone's parcels (a grid of 100 × 50 rectangles 60 m × 40 m, 10 m roads, classes from a fixed seed)
are imported through the action, and the zone's boundary with them; Django serves the site on a local
port, and Playwright drives the system Chromium (/usr/bin/chromium) to the map page as the zone's staff.
Measured: the time from the start of the navigation until ECharts reports the parcel series drawn
(``finished``; the page writes ``performance.now()`` into ``#parcel-map[data-drawn]``) — the HTML, the
scripts, the GeoJSON request (database read, candidates, simplification), and the drawing.

Baseline, in the same run and the same browser: a hand-written page on the same origin that loads the
same vendored ECharts, fetches the same GeoJSON text already prepared (served from memory, no Django)
and draws it as one map series with one fill — the cost of the browser drawing 5,000 polygons at all.
Median of REPEATS page loads each, after one warm-up load (the scripts then come from the cache).
"""

from __future__ import annotations

import json
import os
import random
import statistics
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devzone.settings")
django.setup()

import shapely  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.testcases import LiveServerThread, _StaticFilesHandler  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from benchmarks.bench_land_web import ORIGIN, SEED, parcel_file  # noqa: E402
from devzone.accounts.models import Role, User  # noqa: E402
from devzone.land.actions import import_boundary, import_parcels  # noqa: E402
from devzone.orgs.models import Zone  # noqa: E402

CHROMIUM = os.environ.get("DEVZONE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]  # fmt: skip
REPEATS = 5
BASELINE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<div id="m" style="width:840px;height:630px"></div>
<script src="/static/vendor/echarts/echarts.min.js"></script>
<script>
fetch("/bench-baseline.geojson").then((r) => r.json()).then((geo) => {
  const el = document.getElementById("m");
  const chart = echarts.init(el);
  echarts.registerMap("p", geo);
  chart.on("finished", () => { if (!el.dataset.drawn) el.dataset.drawn = String(performance.now()); });
  chart.setOption({ animation: false, series: [{ type: "map", map: "p", roam: true, label: { show: false },
    itemStyle: { areaColor: "#91cf60", borderColor: "#555", borderWidth: 0.5 } }] });
});
</script></body></html>"""


def _drawn(page: Page, url: str) -> float:
    """Seconds from the navigation's start until the map's series are drawn."""
    page.goto(url)
    page.wait_for_selector("[data-drawn]", state="attached", timeout=60_000)
    return float(page.eval_on_selector("[data-drawn]", "el => el.dataset.drawn")) / 1000


def _figure(name: str, value: float, baseline: str, base: float) -> dict[str, Any]:
    return {"name": name, "value": value, "unit": "s", "baseline": baseline, "baseline_value": base,
            "ratio": base / value if value else None}  # fmt: skip


def run() -> list[dict[str, Any]]:
    call_command("devzone_setup")
    zone = Zone.objects.create(name="地图基准开发区", short_name="地图基准", level="provincial", kind="etdz",
                               region_code="520300", province="贵州省", city="遵义市")  # fmt: skip
    staff = User.objects.create_user("land_map_bench", role=Role.ZONE_STAFF)
    staff.zones.add(zone)
    edge = shapely.box(ORIGIN[0] - 20, ORIGIN[1] - 20, ORIGIN[0] + 100 * 70 + 20, ORIGIN[1] + 50 * 50 + 20)
    boundary = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:4545"}},
                "features": [{"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(edge)}]}  # fmt: skip
    import_boundary(zone=zone, name="边界.geojson", content=json.dumps(boundary).encode(), actor=staff,
                    source="bench")  # fmt: skip
    batch = import_parcels(zone=zone, name="宗地.geojson", content=parcel_file(random.Random(SEED)), actor=staff,
                           source="bench")  # fmt: skip
    client = Client()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    prepared = client.get(f"/land/zones/{zone.pk}/parcels.geojson?year=2024").content
    server = LiveServerThread("127.0.0.1", _StaticFilesHandler, port=0)  # collected (hashed) files
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    base = f"http://127.0.0.1:{server.port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
            context.add_cookies(
                [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
            )
            context.route(f"{base}/bench-baseline.html",
                          lambda route: route.fulfill(body=BASELINE, content_type="text/html"))  # fmt: skip
            context.route(f"{base}/bench-baseline.geojson",
                          lambda route: route.fulfill(body=prepared, content_type="application/geo+json"))  # fmt: skip
            page = context.new_page()
            ours_url, baseline_url = (
                f"{base}/land/zones/{zone.pk}/map/?year=2024",
                f"{base}/bench-baseline.html",
            )
            _drawn(page, ours_url), _drawn(page, baseline_url)  # warm-up: scripts into the cache
            ours, plain = [], []
            for _ in range(REPEATS):  # interleaved, so a load spike on the shared machine hits both
                ours.append(_drawn(page, ours_url))
                plain.append(_drawn(page, baseline_url))
            status = page.goto(ours_url)
            assert status is not None and status.ok
            browser.close()
    finally:
        server.terminate()
    n = batch.parcels
    return [
        _figure(f"land map page, {n} parcels drawn in Chromium (median of {REPEATS}; spread "
                f"{min(ours):.3f}–{max(ours):.3f} s)", statistics.median(ours),
                f"ECharts alone drawing the same GeoJSON (spread {min(plain):.3f}–{max(plain):.3f} s)",
                statistics.median(plain)),
    ]  # fmt: skip


if __name__ == "__main__":
    for figure in run():
        print(figure)
