"""The packages stand in layers (docs/architecture.md): the web/socket edge imports the features,
the features import the core, and never the other way round; no module imports itself round a
circle; no module uses another's private names. The layers are the import-linter contracts in
pyproject.toml, checked here through import-linter's Python API (``lint-imports`` prints the
same with the chains of a broken contract)."""

import ast
from pathlib import Path

import grimp
import pytest
from importlinter import api
from importlinter.application import use_cases
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = str(ROOT / "pyproject.toml")
SCANNED = ("app", "tests", "bench")


def _layers_contract() -> LayersContract:
    config = api.read_configuration(PYPROJECT)
    (layers,) = (c for c in config["contracts_options"] if c.get("id") == "layers")
    return LayersContract(
        name=layers["name"], session_options=config["session_options"], contract_options=layers
    )


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("app", include_external_packages=False)


def _layer_modules(contract: LayersContract) -> list[set[str]]:
    """Each layer's module names, top first (the optional ones too)."""
    return [{tail.name for tail in layer.module_tails} for layer in contract.layers]


def _in(module: str, names: set[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in names)


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The import circles between modules: each set of modules that reach each other
    (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_the_import_contracts_hold():
    """What ``lint-imports`` runs; on failure the output above names each import that breaks a
    contract, with the chain that leads to it."""
    assert use_cases.lint_imports(config_filename=PYPROJECT, cache_dir=None, no_logo=True)


def test_every_module_stands_in_a_layer():
    """A new module is placed on purpose: in a layer, or inside a package that is."""
    graph = _graph()
    named = set().union(*_layer_modules(_layers_contract()))
    unplaced = [
        module
        for module in sorted(graph.modules)
        if not _in(module, named)
        and module != "app"  # create_app, checked below
        # a package's empty __init__ (app/notes/__init__.py) holds nothing to place
        and graph.find_modules_directly_imported_by(module)
    ]
    assert not unplaced, f"name these in a layer in pyproject.toml: {unplaced}"


def test_only_the_edge_calls_the_app_factory():
    graph = _graph()
    edge = _layer_modules(_layers_contract())[0]
    callers = sorted(graph.find_modules_that_directly_import("app"))
    assert callers and all(_in(module, edge) for module in callers), callers


def test_no_module_imports_itself_round_a_circle():
    assert circles(_graph()) == []


def test_a_planted_upward_import_breaks_the_layers():
    contract = _layers_contract()
    assert contract.check(_graph(), verbose=False).kept
    plants = [
        ("app.core.log", "app.notes.service"),  # the core importing a feature
        ("app.workshops.service", "app.notes.service"),  # a feature importing a higher one
        ("app.exports.service", "app.exports.routes"),  # a feature importing the edge
        ("app.db", "app.core.workshop_models"),  # the base importing the models
    ]
    for importer, imported in plants:
        graph = _graph()
        graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="-")
        check = contract.check(graph, verbose=False)
        assert not check.kept, (importer, imported)
        reported = {
            (route["chain"][0]["importer"], route["chain"][-1]["imported"])
            for dependency in check.metadata["invalid_dependencies"]
            for route in dependency["routes"]
        }
        assert (importer, imported) in reported


def package_circles(graph: grimp.ImportGraph) -> list[tuple[str, str]]:
    """Pairs of top-level packages (``app.notes``, ``app.core``, ...; a top-level module counts
    as its own package) that import each other, directly or through other packages. The root
    package (``create_app``) wires everything together and is left out."""
    top = {module: ".".join(module.split(".")[:2]) for module in graph.modules - {"app"}}
    reaches: dict[str, set[str]] = {}
    for module in top:
        for imported in graph.find_modules_directly_imported_by(module) & top.keys():
            if top[module] != top[imported]:
                reaches.setdefault(top[module], set()).add(top[imported])
    changed = True
    while changed:  # the transitive closure; a few dozen packages
        changed = False
        for targets in reaches.values():
            more = set().union(*(reaches.get(t, set()) for t in targets)) - targets
            if more:
                targets |= more
                changed = True
    return sorted(
        (a, b)
        for a, targets in reaches.items()
        for b in targets
        if a < b and a in reaches.get(b, ())
    )


def test_no_two_packages_import_each_other():
    """Issue 17: notes<->workshops, notes<->realtime, facilitation<->workshops and api<->exports
    imported each other."""
    assert package_circles(_graph()) == []


def test_a_planted_package_circle_is_found():
    graph = _graph()
    graph.add_import(
        importer="app.core.log", imported="app.workshops.service", line_number=1, line_contents="-"
    )
    assert ("app.core", "app.workshops") in package_circles(graph)


def test_a_planted_circle_is_found():
    graph = _graph()
    graph.add_import(
        importer="app.core.note_models", imported="app.core.log", line_number=1, line_contents="-"
    )
    (circle,) = circles(graph)
    assert {"app.core.log", "app.core.note_models"} <= set(circle)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _ours(module: str) -> bool:
    return module.split(".")[0] in SCANNED


def private_uses(source: str, module: str, is_package: bool = False) -> list[str]:
    """Where ``module``'s source imports another module's private name (``from .steps import
    _helper``), a private module, or reads a private name off an imported module
    (``realtime._connections``) — of this project (a library's are its own business)."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    tree = ast.parse(source)
    modules_bound: dict[str, str] = {}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _ours(alias.name) and any(_private(part) for part in alias.name.split(".")):
                    found.append(f"{node.lineno}: import {alias.name}")
                modules_bound[alias.asname or alias.name.split(".")[0]] = alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            source_module = ".".join(base + ([node.module] if node.module else []))
            if not _ours(source_module):
                continue
            if any(_private(part) for part in (node.module or "").split(".")):
                found.append(f"{node.lineno}: from {source_module} (a private module)")
            for alias in node.names:
                if _private(alias.name) and source_module != module:
                    found.append(f"{node.lineno}: {alias.name} from {source_module}")
                modules_bound[alias.asname or alias.name] = f"{source_module}.{alias.name}"
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and _ours(modules_bound.get(node.value.id, ""))
            and _private(node.attr)
        ):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return found


def _python_files():
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "versions" not in path.parts:
                yield path


def test_no_module_uses_another_modules_private_names():
    found = []
    for path in _python_files():
        module = _module_name(path)
        uses = private_uses(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
        found += [f"{path.relative_to(ROOT)}:{use}" for use in uses]
    assert not found, "make the name public where it is defined, or move the code: " + str(found)


@pytest.mark.parametrize(
    ("source", "found"),
    [
        (
            "from .steps import _group_audience\n",
            ["1: _group_audience from app.facilitation.steps"],
        ),
        ("from .. import realtime\nrealtime._connections\n", ["2: realtime._connections"]),
        ("from app.notes import _log\n", ["1: _log from app.notes"]),
        ("from .steps import group_audience\n", []),
        ("def _mine():\n    pass\n\n\n_mine()\n", []),
        ("from flask import request\nrequest._get_current_object()\n", []),
    ],
)
def test_the_private_name_scan_finds_a_planted_use(source, found):
    assert private_uses(source, "app.facilitation.timer") == found
