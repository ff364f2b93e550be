"""The one pause of Python's cycle collector (powerquiz.bank.collector)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from powerquiz.bank.collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.enable()
    yield
    if not was_on:
        gc.disable()


class TestCollectorPaused:
    """Paused inside, restored after, nested pauses left to the outermost."""

    def test_paused_inside_and_on_again_after(self) -> None:
        """The collector is off in the block and on again once it ends."""
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled()

    def test_restored_after_an_exception(self) -> None:
        """An exception in the block still turns the collector back on."""
        with pytest.raises(RuntimeError), collector_paused():
            raise RuntimeError
        assert gc.isenabled()

    def test_a_nested_pause_leaves_it_to_the_outermost(self) -> None:
        """The inner block's end does not turn the collector on under the outer one."""
        with collector_paused():
            with collector_paused():
                pass
            assert not gc.isenabled()
        assert gc.isenabled()

    def test_left_off_when_it_was_off(self) -> None:
        """A collector that was off before stays off after."""
        gc.disable()
        with collector_paused():
            pass
        assert not gc.isenabled()

    def test_file_as_old_empties_the_young_generations(self) -> None:
        """With file_as_old, what the block built is moved out of the young generations."""
        with collector_paused(file_as_old=True):
            kept = [[i] for i in range(5000)]
        assert gc.get_count()[0] < 100
        assert len(kept) == 5000
