"""Sign-in figures: the memory 16 concurrent bad sign-ins take with Argon2, bounded and not.

Each variant runs in a fresh interpreter, because peak RSS (``ru_maxrss``) only ever grows. The 16
threads verify a wrong password, which is the hashing 16 bad sign-ins do (an unknown username
hashes a dummy password too). Issue 15 measured 0.7 → 1.45 GB on the server for the unbounded case.
"""

from __future__ import annotations

import json
import subprocess
import sys

CONCURRENT = 16
PROBE = """
import json, resource, sys, threading, time
import django
from django.conf import settings
settings.configure(DEVZONE_PASSWORD_HASH_CONCURRENCY=2)
django.setup()
from django.contrib.auth.hashers import Argon2PasswordHasher
from devzone.accounts.hashers import BoundedArgon2PasswordHasher
hasher = {"plain": Argon2PasswordHasher, "bounded": BoundedArgon2PasswordHasher}[sys.argv[1]]()
encoded = hasher.encode("Correct-Horse-42", hasher.salt())
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
threads = [threading.Thread(target=hasher.verify, args=("wrong-password", encoded)) for _ in range(int(sys.argv[2]))]
for t in threads:
    t.start()
for t in threads:
    t.join()
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"growth_mib": (peak - before) / 1024, "seconds": seconds}))
"""


def probe(variant: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, variant, str(CONCURRENT)], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def figure(name: str, value: float, unit: str, baseline: str, baseline_value: float) -> dict[str, object]:
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "baseline_value": baseline_value,
        "ratio": value / baseline_value if baseline_value else None,
    }


def run() -> list[dict[str, object]]:
    bounded, plain = probe("bounded"), probe("plain")
    return [
        figure(
            f"RSS growth, {CONCURRENT} concurrent bad sign-ins (Argon2, 2 slots)",
            bounded["growth_mib"],
            "MiB",
            "unbounded Argon2",
            plain["growth_mib"],
        ),
        figure(
            f"time for {CONCURRENT} concurrent bad sign-ins (Argon2, 2 slots)",
            bounded["seconds"],
            "s",
            "unbounded Argon2",
            plain["seconds"],
        ),
    ]
