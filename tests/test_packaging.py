"""The README's run command installs a wheel: it must carry everything the app loads."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_templates_static_translations_canvases_and_migrations(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("pajapohja-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [
        "app/templates/base.html",
        "app/static/js/lib/board.js",
        "app/static/vendor/socket.io/socket.io.esm.min.js",
        "app/static/css/app.css",
        "app/translations/fi/LC_MESSAGES/messages.mo",
        "app/translations/sv/LC_MESSAGES/messages.mo",
        "app/shipped_canvases/need.yaml",
        "app/migrations/env.py",
        "app/migrations/script.py.mako",
    ]
    for name in expected:
        assert name in names, name
    assert any(n.startswith("app/shipped_canvases/templates/") for n in names)
    migrations = [
        n for n in names if n.startswith("app/migrations/versions/") and n.endswith(".py")
    ]
    shipped = [p for p in (ROOT / "app/migrations/versions").glob("*.py")]
    assert len(migrations) == len(shipped)
    packages = {
        str(p.parent.relative_to(ROOT)).replace("/", ".")
        for p in (ROOT / "app").rglob("__init__.py")
    }
    for package in packages:
        assert f"{package.replace('.', '/')}/__init__.py" in names, (
            f"{package} missing from pyproject"
        )


def _requirement_name(requirement: str) -> str:
    import re

    return re.split(r"[<>=\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imports(tree) -> list[tuple[str, bool]]:
    """Each third-party-or-not top-level name imported, and whether inside a function (loaded
    only when that code runs)."""
    import ast

    deferred = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for inner in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        found += [(name.split(".")[0], id(node) in deferred) for name in names]
    return found


def test_every_third_party_import_of_the_app_is_a_declared_dependency():
    """`pip install .` must bring everything the app imports (a test environment that happens
    to have a package installed would hide a missing one). The drivers of the ``scale`` extra
    (PostgreSQL, Redis) may only be imported inside functions, on the path that needs them:
    the embedded default runs without them (tests/test_schema_on_start.py)."""
    import ast
    import tomllib
    from importlib.metadata import packages_distributions

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_requirement_name(d) for d in project["dependencies"]}
    scale = {_requirement_name(d) for d in project["optional-dependencies"]["scale"]}
    owners = packages_distributions()
    stdlib = set(sys.stdlib_module_names)
    missing = set()
    for path in (ROOT / "app").rglob("*.py"):
        for top, deferred in _imports(ast.parse(path.read_text())):
            if top in stdlib or top == "app":
                continue
            distributions = {d.lower().replace("_", "-") for d in owners.get(top, [top])}
            if not distributions & (declared | scale if deferred else declared):
                missing.add((top, path.relative_to(ROOT).as_posix()))
    assert not missing, sorted(missing)


def test_every_declared_dependency_is_pinned_in_the_constraints_file():
    """The README's commands install with ``-c constraints.txt``: a dependency missing from it
    would float to whatever is newest on the day (pytest 9.2 broke schemathesis that way)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    wanted = [*project["dependencies"], *(r for extra in extras.values() for r in extra)]
    wanted = [r for r in wanted if _requirement_name(r) != project["name"]]  # pajapohja[scale]
    name = _requirement_name

    pinned = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            package, _, version = line.partition("==")
            pinned[name(package)] = version
    assert all(pinned.values()), "every line of constraints.txt is name==version"
    assert not [name(r) for r in wanted if name(r) not in pinned]
