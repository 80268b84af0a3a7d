"""House rules checked by machine: the layers point down, engines load without Django, what is imported
is declared, and the suite leaves the checkout as it found it."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from datetime import timedelta
from importlib.metadata import packages_distributions
from pathlib import Path

import hypothesis
from hypothesis.configuration import storage_directory

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
PACKAGE = SRC / "devzone"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
# The one list of engine modules, shared with `make lint` (mypy --strict runs on exactly these files).
ENGINE_FILES: list[str] = PYPROJECT["tool"]["mypy"]["files"]
# Imported only by code that asks for it, and declared in the extra that installs it.
OPTIONAL_IMPORTS = {"pyspark": "spark"}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module a file imports, absolute, with its line (``from a import b`` yields a and a.b)."""
    source = path.read_text(encoding="utf-8")
    yield from parse_imports(source, module_name(path), is_package=path.name == "__init__.py")


def parse_imports(source: str, module: str, *, is_package: bool) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative (ruff bans them, but a scan must not be fooled): resolve
                package = module.split(".")
                keep = len(package) - node.level + (1 if is_package else 0)
                base = ".".join([*package[:keep], *([base] if base else [])])
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def is_devzone_module(name: str) -> bool:
    """True when ``name`` is a module or package of devzone (not an attribute such as devzone.__version__)."""
    parts = name.split(".")
    if parts[0] != "devzone" or len(parts) == 1:
        return False
    path = SRC.joinpath(*parts)
    return path.is_dir() or path.with_suffix(".py").exists()


def test_core_imports_no_slice() -> None:
    # core is the floor: files, documents, env, figures. The roots (urls.py, api.py, cli.py, the demo
    # app) and the slices stand on it, so an import from core into any of them is a cycle in the making.
    offending = [
        f"{path.relative_to(REPO)}:{line} imports {name}"
        for path in sorted((PACKAGE / "core").rglob("*.py"))
        for line, name in imports(path)
        if is_devzone_module(name) and not (name == "devzone.core" or name.startswith("devzone.core."))
    ]
    assert not offending, "\n".join(offending)


def test_the_import_scan_sees_every_form_of_import() -> None:
    source = (
        "from devzone import plans, __version__\nimport devzone.orgs.models\nfrom devzone.core import env\n"
        "from ..accounts import access\nimportlib.import_module('devzone.indicators.targets')\n"
    )
    found = {
        name
        for _line, name in parse_imports(source, "devzone.core.probe", is_package=False)
        if is_devzone_module(name)
    }
    assert found == {
        "devzone.plans",
        "devzone.orgs.models",
        "devzone.core",
        "devzone.core.env",
        "devzone.accounts",
        "devzone.accounts.access",
        "devzone.indicators.targets",
    }


# Run in a fresh interpreter: the test process has Django loaded already. A finder at the front of the
# import path notes where the first Django import came from, so a failure names the line to fix.
ENGINE_PROBE = """
import importlib, json, sys, traceback

class FirstDjangoImport:
    stack = None

    def find_spec(self, name, path=None, target=None):
        if FirstDjangoImport.stack is None and name.split(".")[0] == "django":
            FirstDjangoImport.stack = [
                f"{f.filename}:{f.lineno}" for f in traceback.extract_stack() if "devzone" in f.filename
            ]
        return None

sys.meta_path.insert(0, FirstDjangoImport())
for name in sys.argv[1:]:
    importlib.import_module(name)
    if "django" in sys.modules:
        print(json.dumps({"module": name, "via": FirstDjangoImport.stack}))
        break
else:
    print(json.dumps({"module": None, "django_loaded": "django" in sys.modules}))
"""


def test_engine_modules_load_without_django() -> None:
    assert ENGINE_FILES, "pyproject.toml [tool.mypy] files lists the engine modules"
    missing = [f for f in ENGINE_FILES if not (REPO / f).is_file()]
    assert missing == [], "listed as engines in pyproject.toml but not on disk"
    engines = [module_name(REPO / f) for f in ENGINE_FILES]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-c", ENGINE_PROBE, *engines],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    verdict = json.loads(result.stdout.strip().splitlines()[-1])
    assert verdict["module"] is None, (
        f"engine module {verdict['module']} loads Django, first via {verdict['via']}; "
        "engines compute without Django (move the Django part into the slice's actions or views)"
    )
    assert verdict["django_loaded"] is False


def requirement_name(requirement: str) -> str:
    name = re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_imported_package_is_declared() -> None:
    project = PYPROJECT["project"]
    declared = {requirement_name(r) for r in project["dependencies"]}
    extras = {
        extra: {requirement_name(r) for r in reqs} for extra, reqs in project["optional-dependencies"].items()
    }
    distributions = packages_distributions()
    undeclared: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "tests" in path.relative_to(PACKAGE).parts:
            continue  # test code runs on the dev extra
        for line, name in imports(path):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top in {"__future__", "devzone"}:
                continue
            names = {requirement_name(d) for d in distributions.get(top, [top])}
            wanted = extras[OPTIONAL_IMPORTS[top]] if top in OPTIONAL_IMPORTS else declared
            if not names & wanted:
                undeclared.append(
                    f"{path.relative_to(REPO)}:{line} imports {top} ({', '.join(sorted(names))})"
                )
    assert not undeclared, "\n".join(undeclared)
    for top, extra in OPTIONAL_IMPORTS.items():
        assert top not in declared | extras["dev"], f"{top} belongs to the {extra} extra only"


def test_hypothesis_writes_nothing_into_the_checkout() -> None:
    # conftest.py moves Hypothesis's home (example database, Unicode tables) out of ./.hypothesis.
    home = storage_directory("examples", intent_to_write=False).home_directory.resolve()
    assert not home.is_relative_to(REPO)
    database = hypothesis.settings().database
    assert database is None or not Path(getattr(database, "path", home)).resolve().is_relative_to(REPO)


def test_the_ci_profile_is_derandomized_and_bounded() -> None:
    ci = hypothesis.settings.get_profile("ci")
    assert ci.derandomize is True
    assert ci.database is None
    assert ci.deadline == timedelta(seconds=2)
    assert ci.max_examples == 100
