"""The ``devzone`` console script run as its own process, to see what a command imports."""

from __future__ import annotations

import json
import subprocess
import sys


def imported_by(argv: list[str], watched: tuple[str, ...]) -> list[str]:
    """Which of ``watched`` modules ``devzone`` (``argv[0]`` is the program's name) has imported once its
    command ends, in order; the command must succeed."""
    code = "\n".join([
        "import json, sys",
        "from devzone.entry import main",
        f"sys.argv = {argv!r}",
        "try:",
        "    main()",
        "finally:",
        f"    print('IMPORTED', json.dumps(sorted(m for m in {watched!r} if m in sys.modules)))",
    ])  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    line = next(x for x in reversed(done.stdout.splitlines()) if x.startswith("IMPORTED "))
    names: list[str] = json.loads(line.removeprefix("IMPORTED "))
    return names
