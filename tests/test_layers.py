"""The package's import graph runs one way.

Layers, lowest first: `compat` (the only door to private upstream APIs),
`about` (the package's own metadata), `formats` (the data formats' names),
`lru` (the one cache shape) and `binding` (variational binding of QIR text,
plain Python, shared by the Q# and Qiskit paths and the workers), `providers`
(what each provider does differently, and the target catalog), `local` (the
workspace service), `connection` (the one place a Workspace is made), `budgets`
(the budget book, a JSON file per session) and `costs` (a job's cost before it
runs), `views` (plain models of SDK objects, no I/O), `client` (tracking,
polling and closing sessions, fetching results: no widget code), `widgets`
(the panel: ipywidgets only), then `kernel` and `server` side by side (neither
imports the other), then `qiskit`.
A module may import its own layer and the layers below it, never its own
package's `__init__` (import the module that defines the name), and no import
cycle may form. Imports inside functions count: they run sooner or later.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "qsession_jupyter"
ROOT = "qsession_jupyter"
LAYERS = {
    "compat": 0,
    "about": 0,
    "formats": 0,
    "lru": 0,
    "binding": 0,
    "providers": 1,
    "local": 2,
    "connection": 3,
    "budgets": 3,
    "costs": 3,
    "views": 4,
    "client": 5,
    "widgets": 6,
    "kernel": 7,
    "server": 7,
    "qiskit": 8,
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = [ROOT, *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that `module` imports (the longest importable prefix)."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            names += [f"{base}.{alias.name}" for alias in node.names] or [base]
    found = set()
    for name in names:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name and name != module:
            found.add(name)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _layer(module: str, package: str = ROOT, layers: dict[str, int] = LAYERS) -> tuple[str, int]:
    """The part of `package` that `module` belongs to, and that part's rank."""
    if module == package:
        return package, max(layers.values()) + 1
    part = module[len(package) + 1 :].split(".")[0]
    return part, layers.get(part, -1)


def _against_layers(package: str, layers: dict[str, int]) -> list[str]:
    """Imports between parts of `package` that go up or sideways."""
    wrong = []
    for module, imported in _graph().items():
        if not module.startswith(package + ".") and module != package:
            continue
        name, rank = _layer(module, package, layers)
        for other in imported:
            if not other.startswith(package + "."):
                continue
            other_name, other_rank = _layer(other, package, layers)
            if other_name != name and other_rank >= rank:
                wrong.append(f"{module} -> {other}")
    return sorted(wrong)


def test_every_top_level_module_has_a_layer():
    unplaced = {_layer(m)[0] for m in _graph() if _layer(m)[1] < 0}
    assert not unplaced, f"give these a layer in LAYERS: {sorted(unplaced)}"


def test_no_module_imports_a_layer_above_it_or_a_sibling_layer():
    wrong = _against_layers(ROOT, LAYERS)
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


#: The local service's groups, lowest first: what every group shares (`errors`,
#: `config`); `storage` (the SQLite store, its records, blob files, repair) and
#: `execution` (workers and simulators) side by side; `wire` (request checks,
#: OData filters, the JSON bodies and times clients get back); `domain` (the
#: session state machine, lifecycles, scheduler, holds, the read side and the
#: `service` facade); `http` (the routes, thin over the service); `app` (the
#: server process, the CLI, finding the service, idle shutdown); `__main__`.
LOCAL = f"{ROOT}.local"
LOCAL_LAYERS = {
    "errors": 0,
    "config": 0,
    "storage": 1,
    "execution": 1,
    "wire": 2,
    "domain": 3,
    "http": 4,
    "app": 5,
    "__main__": 6,
}


#: The workers' code, lowest first: what all of it shares (errors, the request and
#: outcome `contract`, noise models, then limits and parameter readers); `sim`
#: (the simulators); `qir` (reading and running QIR); `formats` (one handler per
#: input format, QIR's among them, and their registry); the `runner` and the
#: `pool` that call them; the `worker` process.
EXECUTION = f"{LOCAL}.execution"
EXECUTION_LAYERS = {
    "errors": 0,
    "contract": 0,
    "noise": 0,
    "limits": 1,
    "params": 1,
    "sim": 1,
    "qir": 2,
    "formats": 3,
    "runner": 4,
    "pool": 4,
    "worker": 5,
}


#: Packages whose parts have an order of their own.
GROUPED = {LOCAL: LOCAL_LAYERS, EXECUTION: EXECUTION_LAYERS}


@pytest.mark.parametrize("package", sorted(GROUPED))
def test_every_module_of_a_grouped_package_has_a_group(package):
    layers = GROUPED[package]
    parts = {_layer(m, package, layers)[0] for m in _graph() if m.startswith(package + ".")}
    unplaced = sorted(part for part in parts if part not in layers)
    assert not unplaced, f"give these a place in the layers of {package}: {unplaced}"


@pytest.mark.parametrize("package", sorted(GROUPED))
def test_a_grouped_package_imports_down_its_groups(package):
    """E.g. storage never imports domain or app; the QIR engine never imports the formats."""
    wrong = _against_layers(package, GROUPED[package])
    assert not wrong, f"imports against the layers of {package}:\n" + "\n".join(wrong)


def test_no_module_imports_its_own_package_init():
    wrong = [
        f"{module} -> {other}"
        for module, imported in _graph().items()
        for other in imported
        if module.startswith(other + ".")
    ]
    assert not wrong, "import the defining module instead:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles():
    graph = _graph()
    cycles: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if node.startswith(nxt + "."):
                continue  # reported by the test above
            if state.get(nxt) == 1:
                cycles.add(tuple(path[path.index(nxt) :]))
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in sorted(cycles))


def _outside_imports(layer: str) -> list[tuple[str, str]]:
    """(module, imported name) for every absolute import of a module in `layer`
    that leaves the package (the standard library and third parties)."""
    found = []
    for module, path in _modules().items():
        if _layer(module)[0] != layer:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            found += [(module, n) for n in names if n.split(".")[0] != ROOT]
    return found


#: What `views` may import from outside the package: the standard library without
#: its network modules, and the SDK's exception classes (to name a failure).
_VIEWS_NO_IO = {"http", "socket", "ssl", "urllib", "asyncio", "subprocess"}
_VIEWS_THIRD_PARTY = {"azure.core.exceptions"}


def test_views_do_no_io():
    """Views are models: fetching what they show belongs to `client`."""
    import sys

    wrong = [
        f"{module} imports {name}"
        for module, name in _outside_imports("views")
        if name not in _VIEWS_THIRD_PARTY
        and (
            name.split(".")[0] in _VIEWS_NO_IO or name.split(".")[0] not in sys.stdlib_module_names
        )
    ]
    assert not wrong, "views must stay free of I/O:\n" + "\n".join(sorted(wrong))


#: Drawing libraries: the widgets' business, never the client layer's.
_DRAWING = {"ipywidgets", "matplotlib", "IPython", "traitlets"}


def test_client_draws_nothing():
    """Tracking, polling and closing serve the panel and the sidebar alike."""
    wrong = [
        f"{module} imports {name}"
        for module, name in _outside_imports("client")
        if name.split(".")[0] in _DRAWING
    ]
    assert not wrong, "the client layer must not draw:\n" + "\n".join(sorted(wrong))


def test_binding_is_plain_python():
    """The Q# path, the Qiskit primitives and the workers share it: it needs none of their libraries."""
    import sys

    wrong = [
        f"{module} imports {name}"
        for module, name in _outside_imports("binding")
        if name.split(".")[0] not in sys.stdlib_module_names
    ]
    assert not wrong, "binding must need only the standard library:\n" + "\n".join(sorted(wrong))
