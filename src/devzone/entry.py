"""The ``devzone`` console script: ``devzone mu …`` loads only the 亩均 slice, everything else the full CLI.

The full command tree imports every slice (Django, SciPy and SALib for the assessment, the plan reader…):
seconds of start-up that a Parquet-to-Parquet ``devzone mu run`` does not need (issue 16, criterion 2).
"""

from __future__ import annotations

import importlib
import sys

# sub-commands that need no Django and no other slice, by the module that holds their Typer app: the plan
# reader's (``devzone plan parse``) starts Django only for the commands that store plans
LIGHT = {"mu": "devzone.enterprises.cli", "plan": "devzone.plans.cli"}


def main() -> None:
    """Run ``devzone``; a light sub-command is run straight from its own module."""
    argv = sys.argv[1:]
    if argv and argv[0] in LIGHT:
        light = importlib.import_module(LIGHT[argv[0]])
        light.OWN_PROCESS = True  # the command may set process-wide state (enterprises/cli.py)
        light.app(args=argv[1:], prog_name=f"devzone {argv[0]}")
        return
    from devzone.cli import app  # noqa: PLC0415 — imported only when a full sub-command is asked for

    app()
