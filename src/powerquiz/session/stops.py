"""Holding the signals that stop a session while an answer is being saved."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["stops_deferred"]


#: The signals that stop a session; held while an answer is being saved.
_STOPS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
               if hasattr(signal, name))


@contextmanager
def stops_deferred() -> Iterator[None]:
    """Hold Ctrl-C (and SIGTERM/SIGHUP when the front end handles them) until the block
    is done, so a save is never cut in half; then deliver them as they would have been."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous: dict[int, signal._HANDLER] = {}

    def hold(signum: int, _frame: FrameType | None) -> None:
        caught.append(signum)

    for signum in _STOPS:
        handler = signal.getsignal(signum)
        if signum == signal.SIGINT or callable(handler):
            previous[signum] = handler
            signal.signal(signum, hold)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    for signum in caught:
        handler = previous[signum]
        if handler is signal.SIG_IGN:
            continue
        if callable(handler) and handler is not signal.default_int_handler:
            handler(signum, None)  # the front end's own stop (it raises to end the session)
            continue
        raise KeyboardInterrupt
