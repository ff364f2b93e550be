"""The layering the design card fixes, and the house rules for tests, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "powerquiz"

#: The library core: it must run with no terminal library at all.
CORE = ["bank", "bankcache", "marking", "qtypes", "progress", "session", "exports", "imports",
        "stats", "scheduling", "reports", "coverage.py"]
FRONT_END_LIBRARIES = {"typer", "rich", "questionary", "click", "prompt_toolkit"}

#: Which layers each layer may import (cli -> session/exports -> qtypes -> marking/scheduling/
#: progress -> bank).
ALLOWED = {
    "bank": {"bank"},
    "marking": {"bank", "marking"},
    "qtypes": {"bank", "marking", "qtypes"},
    "scheduling": {"scheduling"},
    "progress": {"bank", "progress", "scheduling"},
    "bankcache": {"bank", "bankcache", "progress"},
    "coverage": {"bank", "coverage"},
    "exports": {"bank", "exports", "marking", "qtypes"},
    "imports": {"bank", "imports", "marking", "exports"},
    "session": {"bank", "marking", "qtypes", "scheduling", "progress", "session", "stats"},
    "stats": {"bank", "marking", "qtypes", "scheduling", "progress", "stats"},
    "reports": {"bank", "marking", "qtypes", "scheduling", "progress", "stats", "reports"},
}


def imports(path: Path) -> set[str]:
    """Every module name ``path`` imports, at any depth of the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def core_files() -> list[Path]:
    files: list[Path] = []
    for part in CORE:
        target = PACKAGE / part
        files.extend(sorted(target.rglob("*.py")) if target.is_dir() else [target])
    return files


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_core_never_imports_a_front_end_library(path: Path) -> None:
    """No core module imports typer, rich, questionary or prompt_toolkit."""
    used = {name.split(".")[0] for name in imports(path)}
    assert not used & FRONT_END_LIBRARIES


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_dependencies_point_one_way(path: Path) -> None:
    """A core module imports only the layers below it."""
    layer = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    used = {
        name.split(".")[1].removesuffix(".py")
        for name in imports(path)
        if name.startswith("powerquiz.") and name.count(".") >= 1
    }
    assert used <= ALLOWED[layer] | {"exitcodes"}, f"{layer} imports {used - ALLOWED[layer]}"


def test_every_test_says_what_it_checks() -> None:
    """Every test function has a docstring naming the behaviour it checks."""
    missing = [
        f"{path.name}:{node.lineno} {node.name}"
        for path in sorted((ROOT / "tests").glob("test_*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
        and not ast.get_docstring(node)
    ]
    assert not missing


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the powerquiz modules it imports when it is imported (top-level imports)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str | None] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                deps.update(known(a.name) for a in node.names if a.name.startswith("powerquiz"))
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                    and node.module.startswith("powerquiz"):
                deps.add(known(node.module))
                deps.update(f"{node.module}.{a.name}" for a in node.names
                            if f"{node.module}.{a.name}" in modules)
        graph[name] = {d for d in deps if d is not None and d != name}
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle met in a depth-first walk of ``graph``, as a path back to its start."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for dep in sorted(graph.get(name, ())):
            if state.get(dep) == 1:
                cycles.append([*path[path.index(dep):], dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return cycles


def test_no_module_imports_itself_in_a_cycle() -> None:
    """No chain of top-level imports leads from a module back to itself."""
    assert find_cycles(import_graph()) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    """find_cycles reports a cycle in a made-up graph, and none in a chain."""
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_import_graph_holds_known_imports() -> None:
    """The graph the cycle check walks has the edges the source has."""
    graph = import_graph()
    assert "powerquiz.marking.phrases" in graph["powerquiz.marking.hedges"]
    assert "powerquiz.marking.normalize" in graph["powerquiz.marking.phrases"]
