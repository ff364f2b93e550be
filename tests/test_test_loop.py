"""The test loop's own machinery: Hypothesis profiles, the fsync stand-in, the slow marker."""

from __future__ import annotations

import ast
import os
import types
from pathlib import Path

import pytest
from hypothesis import settings

import conftest  # type: ignore[import-not-found]

TESTS = Path(__file__).resolve().parent


class TestHypothesisProfiles:
    """The dev and ci profiles, and which one a run loads."""

    def test_ci_runs_more_examples_derandomized_and_without_deadline(self) -> None:
        """ci has more examples than dev, a fixed order of examples and no deadline."""
        ci, dev = settings.get_profile("ci"), settings.get_profile("dev")
        assert ci.max_examples > dev.max_examples
        assert ci.derandomize is True
        assert ci.deadline is None and dev.deadline is None

    @pytest.mark.parametrize(
        ("env", "profile"),
        [
            ({}, "dev"),
            ({"CI": "true"}, "ci"),
            ({"CI": "TRUE"}, "ci"),
            ({"CI": "false"}, "dev"),
            ({"CI": "true", "HYPOTHESIS_PROFILE": "dev"}, "dev"),
            ({"HYPOTHESIS_PROFILE": "ci"}, "ci"),
            ({"HYPOTHESIS_PROFILE": "  "}, "dev"),
        ],
    )
    def test_the_profile_comes_from_the_environment(
        self, env: dict[str, str], profile: str
    ) -> None:
        """HYPOTHESIS_PROFILE wins; otherwise CI=true means ci and anything else dev."""
        assert conftest.hypothesis_profile(env) == profile

    def test_the_loaded_profile_is_the_one_the_environment_names(self) -> None:
        """This run's default settings are those of the profile its environment picks."""
        chosen = settings.get_profile(conftest.hypothesis_profile(os.environ))
        current = settings.default
        assert current is not None
        assert current.max_examples == chosen.max_examples
        assert current.derandomize == chosen.derandomize

    def test_no_test_file_sets_its_own_number_of_examples(self) -> None:
        """max_examples is set by the profiles only, never in a test file."""
        offenders = []
        for path in sorted(TESTS.glob("test_*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.keyword) and node.arg == "max_examples":
                    offenders.append(f"{path.name}:{node.value.lineno}")
        assert offenders == []


class TestFsync:
    """os.fsync is a no-op unless a test is marked durable."""

    def test_fsync_is_a_stand_in_by_default(self, tmp_path: Path) -> None:
        """An unmarked test gets the stand-in, which still accepts an open descriptor."""
        assert not isinstance(os.fsync, types.BuiltinFunctionType)
        with (tmp_path / "f").open("w") as f:
            os.fsync(f.fileno())

    def test_the_stand_in_refuses_a_closed_descriptor(self, tmp_path: Path) -> None:
        """Like the real fsync, the stand-in raises on a descriptor that is not open."""
        with (tmp_path / "f").open("w") as f:
            fd = f.fileno()
        with pytest.raises(OSError):
            os.fsync(fd)

    @pytest.mark.durable
    def test_a_durable_test_gets_the_real_fsync(self) -> None:
        """A test marked durable sees the real os.fsync."""
        assert os.fsync is conftest.REAL_FSYNC
        assert isinstance(os.fsync, types.BuiltinFunctionType)


class TestSlowMarker:
    """The slow tests are marked, so that -m "not slow" leaves them out."""

    @pytest.mark.parametrize(
        "name",
        ["test_progress_faults.py", "test_concurrent_sessions.py", "test_progress_properties.py",
         "test_loader_properties.py"],
    )
    def test_the_fault_concurrency_and_big_property_files_are_slow(self, name: str) -> None:
        """Each of these files marks all its tests slow (a module-level pytestmark)."""
        tree = ast.parse((TESTS / name).read_text(encoding="utf-8"))
        marks = [
            ast.unparse(node.value)
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets)
        ]
        assert any("pytest.mark.slow" in m for m in marks), name
