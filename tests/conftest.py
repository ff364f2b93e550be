"""Shared test set-up: no test touches the real user directory or a real terminal."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

# typer reads these when it is first imported: plain, stable help output in tests.
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ["TERMINAL_WIDTH"] = "120"
os.environ["NO_COLOR"] = "1"

import pytest

from powerquiz.bank import Bank, load_bank
from powerquiz.bank.loader import parse

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


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
