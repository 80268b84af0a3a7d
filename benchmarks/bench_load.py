"""Load on loopback (issue 16 C6, issue 15 C7): 20 clients for 60 s against ``devzone serve``.

The benchmark province (``province.py``) is served by ``devzone serve`` (several worker processes, each
with threads) on 127.0.0.1; half the clients are 连云港 coordinators walking the main pages, half are
开发区 staff reading their tasks and posting progress reports (each post reads the form first, for its
CSRF token, and follows the redirect as a browser would). Per page: p50/p95/p99 of the response time a
client saw. The run fails on any error (a status a browser would show as a failure, a dropped connection),
on any "database is locked" in the server's log, and when the reports stored differ from the posts that
were answered with success.

Each client is a user: between two pages it reads for a while (DEVZONE_LOAD_THINK, default 1–3 s, drawn
uniformly from a generator seeded by the client's number, as load tools model users, e.g. Locust's
``between(1, 3)``), and the users come in over the first 3 s rather than in one instant; the p95 goal of issue 15 C7 (< 1 s on the heavy pages) is judged on that run. A second
run with no reading time at all (every client fires its next request the moment the last one answers) is a
capacity test, reported beside it: on two cores its latency is set by throughput (Little's law: 20 clients /
requests per second), so its figures say how much headroom there is, not what a user waits.

Settings: DEVZONE_LOAD_SECONDS (default 60), DEVZONE_LOAD_CLIENTS (20), DEVZONE_LOAD_WORKERS (2: the
machine's cores), DEVZONE_LOAD_THREADS (8), DEVZONE_LOAD_THINK ("1-3", seconds; "0" for none). On PostgreSQL as well wherever a server is installed
(DEVZONE_TEST_DB=sqlite keeps to SQLite): a throw-away server from ``scripts/with-postgres.sh`` holds a second
province.

Bounded by construction: the clients stop at the deadline, talk only to 127.0.0.1, and the server is
stopped at the end whatever happened.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
MARK = "压测报送"
LOCKED = "database is locked"


def setting(name: str, default: int) -> int:
    return max(1, int(os.environ.get(name, str(default))))


Think = tuple[float, float]  # a user's reading time between two pages: uniform in [low, high] seconds
NO_THINK: Think = (0.0, 0.0)


def think_setting() -> Think:
    raw = os.environ.get("DEVZONE_LOAD_THINK", "1-3")
    low, _, high = raw.partition("-")
    try:
        bounds = (float(low), float(high or low))
    except ValueError as exc:
        raise SystemExit(f"DEVZONE_LOAD_THINK must be seconds or a range like 1-3, got {raw!r}") from exc
    if not 0 <= bounds[0] <= bounds[1] <= 60:
        raise SystemExit(f"DEVZONE_LOAD_THINK must lie within 0–60 s, low first, got {raw!r}")
    return bounds


class Reader:
    """A user's pauses: seeded by the client's number, so a run's pattern of requests repeats."""

    def __init__(self, think: Think, seed: int) -> None:
        self.think, self.rng = think, random.Random(seed)

    def arrive(self, deadline: float) -> None:
        """Users come in over the first reading time, not all in the same instant (a load tool's ramp-up)."""
        if self.think[1] > 0:
            time.sleep(max(0.0, min(self.rng.uniform(0, self.think[1]), deadline - time.monotonic())))

    def pause(self, deadline: float) -> None:
        if self.think[1] > 0:
            time.sleep(max(0.0, min(self.rng.uniform(*self.think), deadline - time.monotonic())))


@dataclass
class Plan:
    """Who the clients are and what they fetch, read from the built province."""

    coordinator_paths: list[str]
    staff: list[tuple[str, list[str], list[int]]]  # (session key, pages, assignment ids)
    coordinator_sessions: list[str]


def session_for(username: str) -> str:
    """A signed-in session for ``username``, made as ``login`` would (no password round: Argon2 and the
    per-address sign-in limit are not what this test measures)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from devzone.accounts.models import User

    user = User.objects.get(username=username)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def plan(clients: int) -> Plan:
    from devzone.assessment.models import AssessmentRun
    from devzone.enterprises.models import MuRun
    from devzone.plans.models import Assignment
    from devzone.plans.models import Plan as ActionPlan

    mu_run = MuRun.objects.filter(zone__isnull=True).order_by("-pk").first()
    run = AssessmentRun.objects.order_by("-pk").first()
    plan_id = ActionPlan.objects.order_by("-pk").values_list("pk", flat=True).first()
    coordinator_paths = [
        "/",
        "/plans/",
        "/plans/dashboard/",
        f"/plans/{plan_id}/",
        "/indicators/",
        "/indicators/reporting/",
        "/orgs/zones/",
        "/notices/",
        f"/enterprises/runs/{mu_run.pk}/" if mu_run else "/enterprises/runs/",
        f"/assessment/runs/{run.pk}/" if run else "/assessment/runs/",
    ]
    staff = []
    names = ("lyg_kfq", "lyg_xw")
    for index in range(clients - clients // 2):
        username = names[index % len(names)]
        from devzone.accounts.models import User

        user = User.objects.get(username=username)
        mine = list(
            Assignment.objects.filter(unit=user.unit, task__plan__status="published")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        # each client its own assignments, so the "not lower than the last report" rule never refuses
        own = mine[index // len(names) :: max(1, (clients - clients // 2) // len(names) + 1)] or mine
        zone = user.zones.order_by("pk").first()
        pages = [
            "/",
            "/plans/my/",
            "/enterprises/",
            f"/indicators/zones/{zone.pk}/" if zone else "/indicators/",
        ]
        staff.append((session_for(username), pages, own))
    return Plan(coordinator_paths, staff, [session_for("lyg_coord") for _ in range(clients // 2)])


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    posted: int = 0
    lock = threading.Lock()

    def add(self, label: str, seconds: float) -> None:
        with self.lock:
            self.times[label].append(seconds * 1000)

    def fail(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


class Browser:
    """One client: a keep-alive connection and the cookies of its session (standard library only)."""

    def __init__(self, port: int, session: str) -> None:
        self.port = port
        self.cookies = {"sessionid": session}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str, dict[str, str]]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        if body is not None:
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}{path}",
            }
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()  # the server closed an idle keep-alive connection: reconnect once
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt == 2:
                    raise
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text, dict(response.headers)


def timed_get(browser: Browser, tally: Tally, path: str, label: str) -> str | None:
    started = time.perf_counter()
    try:
        status, text, _ = browser.request("GET", path)
    except OSError as exc:
        tally.fail(f"GET {path}: {exc!r}")
        return None
    tally.add(label, time.perf_counter() - started)
    if status != 200:
        tally.fail(f"GET {path}: {status}")
        return None
    return text


def post_report(browser: Browser, tally: Tally, assignment_id: int, period: str) -> None:
    path = f"/plans/assignments/{assignment_id}/"
    page = timed_get(browser, tally, path, "GET /plans/assignments/<id>/")
    if page is None:
        return
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        tally.fail(f"GET {path}: no report form")
        return
    body = urlencode({
        "csrfmiddlewaretoken": token.group(1), "period": period, "percent": "100",
        "narrative": f"{MARK}：按计划推进。",
    })  # fmt: skip
    started = time.perf_counter()
    try:
        status, _, headers = browser.request("POST", path, body)
        if status == 302:
            browser.request("GET", headers.get("Location", path))  # the page the browser lands on
    except OSError as exc:
        tally.fail(f"POST {path}: {exc!r}")
        return
    tally.add("POST /plans/assignments/<id>/ (report + redirect)", time.perf_counter() - started)
    if status != 302:
        tally.fail(f"POST {path}: {status}")
        return
    with tally.lock:
        tally.posted += 1


def label_of(path: str) -> str:
    return "GET " + re.sub(r"/\d+/", "/<id>/", path)


def coordinator_loop(  # noqa: PLR0917 — one thread's arguments
    port: int, session: str, paths: list[str], deadline: float, tally: Tally, reader: Reader
) -> None:
    browser = Browser(port, session)
    offset = int(session[:6], 36) % len(paths)  # the clients start at different pages
    i = offset
    reader.arrive(deadline)
    while time.monotonic() < deadline:
        path = paths[i % len(paths)]
        timed_get(browser, tally, path, label_of(path))
        i += 1
        reader.pause(deadline)


def staff_loop(  # noqa: PLR0917 — one thread's arguments
    port: int,
    member: tuple[str, list[str], list[int]],
    deadline: float,
    tally: Tally,
    period: str,
    reader: Reader,
) -> None:
    session, pages, assignments = member
    browser = Browser(port, session)
    i = 0
    reader.arrive(deadline)
    while time.monotonic() < deadline:
        if i % 3 == 2 and assignments:
            post_report(browser, tally, assignments[(i // 3) % len(assignments)], period)
        else:
            path = pages[i % len(pages)]
            timed_get(browser, tally, path, label_of(path))
        i += 1
        reader.pause(deadline)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_listening(port: int, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"devzone serve exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("devzone serve did not start listening")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def load(database: str, think: Think | None = None) -> dict[str, object]:
    """Build the province in the configured database, serve it, load it; the figures of one database."""
    from django.db import connections
    from django.utils import timezone

    from benchmarks import province
    from devzone.plans.models import ProgressReport

    built = province.build()
    seconds = setting("DEVZONE_LOAD_SECONDS", 60)
    clients = setting("DEVZONE_LOAD_CLIENTS", 20)
    workers = setting("DEVZONE_LOAD_WORKERS", 2)
    threads = setting("DEVZONE_LOAD_THREADS", 8)
    think = think_setting() if think is None else think
    who = plan(clients)
    before = ProgressReport.objects.filter(narrative__startswith=MARK).count()
    connections.close_all()
    port = free_port()
    log = Path(os.environ.get("DEVZONE_VAR_DIR", "var")) / f"serve-{database}.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "devzone.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(workers), "--threads", str(threads), "--no-notices"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_listening(port, server)
            tally = Tally()
            period = timezone.localdate().strftime("%Y-%m")
            deadline = time.monotonic() + seconds
            loops = [
                threading.Thread(
                    target=coordinator_loop,
                    args=(port, s, who.coordinator_paths, deadline, tally, Reader(think, n)),
                )
                for n, s in enumerate(who.coordinator_sessions)
            ] + [
                threading.Thread(
                    target=staff_loop,
                    args=(port, m, deadline, tally, period, Reader(think, 1000 + n)),
                )
                for n, m in enumerate(who.staff)
            ]
            started = time.monotonic()
            for t in loops:
                t.start()
            for t in loops:
                t.join(timeout=seconds + 120)
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    stored = ProgressReport.objects.filter(narrative__startswith=MARK).count() - before
    text = log.read_text("utf-8", "replace")
    pages = {
        label: {
            "n": len(v), "p50": statistics.median(v), "p95": percentile(v, 0.95), "p99": percentile(v, 0.99)
        }
        for label, v in sorted(tally.times.items())
    }  # fmt: skip
    return {
        "database": database,
        "think_s": list(think),
        "province_build_s": built.seconds,
        "clients": clients,
        "workers": workers,
        "threads": threads,
        "seconds": elapsed,
        "requests": sum(p["n"] for p in pages.values()),
        "errors": len(tally.errors),
        "first_errors": tally.errors[:10],
        "database_locked": text.count(LOCKED),
        "posted": tally.posted,
        "stored": stored,
        "pages": pages,
        "load_average": os.getloadavg(),
    }


def figures_of(result: dict[str, object]) -> list[dict[str, object]]:
    think: list[float] = result["think_s"]  # type: ignore[assignment]
    db = f"{result['database']}.users" if think[1] > 0 else f"{result['database']}.capacity"
    pages: dict[str, dict[str, float]] = result["pages"]  # type: ignore[assignment]

    def fig(name: str, value: object, unit: str, goal: float | None = None) -> dict[str, object]:
        return {
            "name": f"load.{db}.{name}", "value": value, "unit": unit, "baseline": None if goal is None else "goal",
            "baseline_value": goal, "ratio": None if goal is None or not goal else float(value) / goal,  # type: ignore[arg-type]
        }  # fmt: skip

    out = [
        fig("clients x seconds", f"{result['clients']} x {result['seconds']:.0f}", "(workers x threads "
            f"{result['workers']} x {result['threads']}; reading {think[0]:g}–{think[1]:g} s between pages)"),
        fig("requests per second", float(result["requests"]) / float(result["seconds"]), "1/s"),  # type: ignore[arg-type]
        fig("requests", result["requests"], "requests"),
        fig("errors", result["errors"], "requests", 0),
        fig("database_locked", result["database_locked"], "log lines", 0),
        fig("reports posted / stored", f"{result['posted']} / {result['stored']}", "reports"),
        # the goal (issue 15 C7) is a user's wait; a capacity run's latency is throughput's, shown without one
        fig("worst p95", max(p["p95"] for p in pages.values()), "ms", 1000 if think[1] > 0 else None),
    ]  # fmt: skip
    for label, p in pages.items():
        out.append(fig(f"{label} p50/p95/p99", f"{p['p50']:.0f} / {p['p95']:.0f} / {p['p99']:.0f}", "ms"))
    return out


def on_postgres() -> list[dict[str, object]]:
    """The same runs on a throw-away PostgreSQL server, wherever one is installed (as the suite finds it);
    DEVZONE_TEST_DB=sqlite keeps to SQLite."""
    if os.environ.get("DEVZONE_TEST_DB", "postgres") != "postgres":
        return []
    if not any(Path("/usr/lib/postgresql").glob("*/bin/postgres")):
        print(
            "load: no PostgreSQL server on this machine (apt-get install postgresql): SQLite only",
            file=sys.stderr,
        )
        return []
    code = (
        "import json, benchmarks.bench_load as m; print('LOAD-JSON ' + json.dumps("
        "[m.load('postgres'), m.load('postgres', m.NO_THINK)]))"
    )
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, "-c", code],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    line = next((x for x in done.stdout.splitlines() if x.startswith("LOAD-JSON ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"load on PostgreSQL failed:\n{done.stderr[-4000:]}")
    return json.loads(line.removeprefix("LOAD-JSON "))  # type: ignore[no-any-return]


def check(result: dict[str, object]) -> None:
    problems = []
    if result["errors"]:
        problems.append(f"{result['errors']} errors, e.g. {result['first_errors']}")
    if result["database_locked"]:
        problems.append(f"{result['database_locked']} '{LOCKED}' in the server log")
    if result["posted"] != result["stored"]:
        problems.append(f"{result['posted']} reports answered as stored, {result['stored']} in the database")
    if problems:
        raise SystemExit(f"load on {result['database']}: " + "; ".join(problems))


def run() -> list[dict[str, object]]:
    # users reading between pages (the goal), then the same clients with no pause (capacity)
    results = [load("sqlite"), load("sqlite", NO_THINK), *on_postgres()]
    for result in results:
        print(json.dumps(result, ensure_ascii=False), file=sys.stderr)
    for result in results:
        check(result)
    return [f for result in results for f in figures_of(result)]


if __name__ == "__main__":
    result = load(os.environ.get("DEVZONE_LOAD_DATABASE", "sqlite"))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    check(result)
