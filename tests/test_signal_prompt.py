"""A signal during a running prompt ends the prompt through its own loop (no raise mid-loop)."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import Application
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from powerquiz.cli import errors


@pytest.fixture(autouse=True)
def _forget_the_signal() -> Iterator[None]:
    """The handler records the signal for the run; a test must not leave it behind."""
    yield
    errors._received.clear()


class TestSignalDuringAPrompt:
    """SIGTERM/SIGHUP while prompt_toolkit is running."""

    def test_the_prompt_ends_with_the_signal_stop(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The handler asks the running application to exit with SignalStop (it does not
        raise in the middle of the loop), and run() then raises it."""
        exits: list[BaseException | None] = []
        real_exit = Application.exit

        def exit_(self: Application[None], **kwargs: object) -> None:
            exits.append(kwargs.get("exception"))  # type: ignore[arg-type]
            real_exit(self, **kwargs)

        monkeypatch.setattr(Application, "exit", exit_)
        with create_pipe_input() as pipe:
            app: Application[None] = Application(input=pipe, output=DummyOutput())

            async def main() -> None:
                asyncio.get_running_loop().call_later(
                    0.05, errors._on_signal, int(signal.SIGTERM), None)
                await app.run_async()

            with pytest.raises(errors.SignalStop) as caught:
                asyncio.run(main())
        assert caught.value.signum == signal.SIGTERM
        assert len(exits) == 1 and isinstance(exits[0], errors.SignalStop)
        assert errors.received_signal() == signal.SIGTERM

    def test_without_a_prompt_the_handler_raises(self) -> None:
        """Outside any prompt the handler raises SignalStop at once."""
        with pytest.raises(errors.SignalStop):
            errors._on_signal(int(signal.SIGHUP), None)
