"""Shared test set-up: no test touches the real user directory or a real terminal.

- Hypothesis runs under a profile: ``dev`` (fewer examples, the everyday loop) unless
  ``HYPOTHESIS_PROFILE`` names another or ``CI=true`` picks ``ci`` (more examples,
  derandomized so that a run's examples and its time do not swing).
- ``os.fsync`` is a no-op: what a file holds is the same without it, and the disk's
  speed is not what a test checks.  A test of crash safety is marked
  ``@pytest.mark.durable`` and gets the real one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

# typer reads these when it is first imported: plain, stable help output in tests.
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ["TERMINAL_WIDTH"] = "120"
os.environ["NO_COLOR"] = "1"

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.errors import InvalidArgument

from powerquiz.bank import Bank, load_bank
from powerquiz.bank.loader import parse

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"

#: Examples per property test in each profile (a per-test max_examples is not allowed).
DEV_EXAMPLES = 50
CI_EXAMPLES = 200

settings.register_profile(
    "dev", max_examples=DEV_EXAMPLES, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci", max_examples=CI_EXAMPLES, deadline=None, derandomize=True, database=None,
    print_blob=True, suppress_health_check=[HealthCheck.too_slow],
)


def hypothesis_profile(env: Mapping[str, str]) -> str:
    """The profile to load: HYPOTHESIS_PROFILE if set, else ``ci`` when CI=true, else ``dev``."""
    named = env.get("HYPOTHESIS_PROFILE", "").strip()
    if named:
        return named
    return "ci" if env.get("CI", "").strip().lower() in ("true", "1") else "dev"


def pytest_configure(config: pytest.Config) -> None:
    """Load the Hypothesis profile before any test module builds its settings."""
    name = hypothesis_profile(os.environ)
    try:
        settings.load_profile(name)
    except InvalidArgument:
        raise pytest.UsageError(
            f"HYPOTHESIS_PROFILE={name!r} is not a profile: use dev or ci"
        ) from None


#: The real os.fsync, for the tests marked durable.
REAL_FSYNC = os.fsync


def _no_fsync(fd: int) -> None:
    """Stand-in for os.fsync: the data is already in the kernel; only a crash of the machine
    could lose it, and no test crashes the machine."""
    os.fstat(fd)  # still refuse a closed or bad descriptor, as fsync would


@pytest.fixture(autouse=True)
def _fast_fsync(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make os.fsync a no-op, unless the test is marked durable."""
    if request.node.get_closest_marker("durable") is None:
        monkeypatch.setattr(os, "fsync", _no_fsync)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point POWERQUIZ_HOME at a fresh folder and clear a stray POWERQUIZ_BANK."""
    home = tmp_path / "powerquiz-home"
    monkeypatch.setenv("POWERQUIZ_HOME", str(home))
    monkeypatch.delenv("POWERQUIZ_BANK", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    yield home


@pytest.fixture
def mini_bank_path() -> Path:
    """The small sample bank that uses every question type."""
    return DATA / "mini.yaml"


@pytest.fixture
def mini(mini_bank_path: Path) -> Bank:
    """The small sample bank, loaded."""
    return load_bank(mini_bank_path)


@pytest.fixture
def make_bank() -> Callable[[str], Bank]:
    """Build a bank from YAML text, failing the test with the problems if it is invalid."""

    def build(text: str) -> Bank:
        bank, problems = parse(text, "test.yaml")
        assert bank is not None, [str(p) for p in problems]
        return bank

    return build


@pytest.fixture
def bundled_bank_path() -> Path:
    """The bank that ships with powerquiz."""
    return REPO / "data" / "questions.yaml"
