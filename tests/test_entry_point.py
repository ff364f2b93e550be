"""The installed ``powerquiz`` script works, and starting it stays light.

These tests run real subprocesses: the console script as a student would run it, and
a fresh interpreter that checks which heavy libraries a command imports.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"

#: Libraries only some commands need; importing them must wait until then.
HEAVY = ("questionary", "fsrs", "rapidfuzz", "genanki", "xlsxwriter", "openpyxl")

PROBE = """\
import sys
from powerquiz.cli import main

sys.argv = ["powerquiz", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = set({heavy!r})
print("HEAVY-MODULES:", sorted(m for m in sys.modules if m.split(".")[0] in heavy))
"""


def child_env() -> dict[str, str]:
    """The test's environment, with the source tree importable and plain output."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "120"
    return env


class TestEntryPoint:
    """The installed console script."""

    def test_installed_script_lists_topics(self, tmp_path: Path) -> None:
        """The installed powerquiz script runs 'topics' from any folder, with the bundled bank."""
        beside = Path(sys.executable).with_name("powerquiz")
        script = str(beside) if beside.exists() else shutil.which("powerquiz")
        if script is None:
            if os.environ.get("CI"):
                pytest.fail("CI installs powerquiz, but its script is not beside the interpreter")
            pytest.skip("the powerquiz script is not installed (pip install .)")
        result = subprocess.run(
            [script, "topics"], cwd=tmp_path, capture_output=True, text=True,
            encoding="utf-8", timeout=60, env={**os.environ, "NO_COLOR": "1"},
        )
        assert result.returncode == 0, result.stderr
        assert "factions" in result.stdout
        assert "Traceback" not in result.stderr


class TestStartUp:
    """Start-up stays light: no heavy library for help, version or topics."""

    @pytest.mark.parametrize(
        "args", [["--help"], ["--version"], ["topics", "--bank", str(MINI)]],
        ids=["help", "version", "topics"],
    )
    def test_no_heavy_imports(self, tmp_path: Path, args: list[str]) -> None:
        """--help, --version and topics import none of the heavy libraries."""
        result = subprocess.run(
            [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], cwd=tmp_path,
            capture_output=True, text=True, encoding="utf-8", timeout=60, env=child_env(),
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr, result.stderr
        line = next(x for x in result.stdout.splitlines() if x.startswith("HEAVY-MODULES:"))
        imported = ast.literal_eval(line.split(":", 1)[1].strip())
        assert imported == [], f"'powerquiz {' '.join(args)}' imports {imported}"
