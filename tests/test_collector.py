"""The one pause of Python's cycle collector (powerquiz.bank.collector)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from powerquiz.bank.collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    """Each test starts with the collector on and leaves it as it found it."""
    was_on = gc.isenabled()
    gc.enable()
    yield
    if was_on:
        gc.enable()
    else:
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

    @pytest.mark.parametrize("file_as_old", [False, True])
    def test_file_as_old_files_what_was_built_with_the_oldest(self, file_as_old: bool) -> None:
        """With file_as_old, what the block built is in the oldest generation; without, not."""
        with collector_paused(file_as_old=file_as_old):
            kept = [[i] for i in range(5000)]
        oldest = {id(o) for o in gc.get_objects(generation=2)}
        assert (id(kept[-1]) in oldest) is file_as_old
