"""The layering the design card fixes, and the house rules for tests, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "powerquiz"

#: The library core: it must run with no terminal library at all.
CORE = ["bank", "marking", "progress", "session", "exports", "imports", "scheduling.py",
        "coverage.py"]
FRONT_END_LIBRARIES = {"typer", "rich", "questionary", "click", "prompt_toolkit"}

#: Which layers each layer may import (cli -> session/exports -> marking/scheduling/progress
#: -> bank).
ALLOWED = {
    "bank": {"bank"},
    "marking": {"bank", "marking"},
    "scheduling": {"scheduling"},
    "progress": {"progress", "scheduling"},
    "coverage": {"bank", "coverage"},
    "exports": {"bank", "exports", "marking"},
    "imports": {"bank", "imports", "marking", "exports"},
    "session": {"bank", "marking", "scheduling", "progress", "session"},
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
