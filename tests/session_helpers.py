"""A scripted session run shared by the session tests, and an answer that is wrong for
any question type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from powerquiz.bank import Bank
from powerquiz.marking import Answer
from powerquiz.progress import ProgressStore
from powerquiz.session import Asked, Session, SessionConfig
from powerquiz.session.scripted import Reply, ScriptedPrompter

__all__ = ["NOW", "run", "wrong_answer"]

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def run(
    bank: Bank,
    store: ProgressStore,
    replies: list[Reply],
    *,
    mode: str = "drill",
    now: datetime = NOW,
    topics: tuple[str, ...] = (),
    types: tuple[str, ...] = (),
    overrides: list[bool | type[BaseException]] | None = None,
    ratings: list[str | type[BaseException]] | None = None,
    timer: Callable[[], float] | None = None,
    **config: int,
) -> ScriptedPrompter:
    prompter = ScriptedPrompter(list(replies), ratings=list(ratings or []),  # type: ignore[arg-type]
                                overrides=list(overrides or []))
    cfg = SessionConfig(mode=mode, seed=7, fuzz=False, **config)  # type: ignore[arg-type]
    ticks = iter(range(0, 10_000, 2))
    session = Session(bank, bank.select(topics, types), store, prompter, cfg,
                      clock=lambda: now, timer=timer or (lambda: float(next(ticks))))
    prompter.summary = session.run()  # also when there was nothing to ask (no finish)
    return prompter


def wrong_answer(asked: Asked) -> Answer:
    """An answer that is wrong for any type."""
    q = asked.question
    others = [o for o in q.options if o not in q.correct]
    wrong: dict[str, Callable[[], Answer]] = {
        "short": lambda: "Lenin",
        "choice": lambda: others[0],
        "multi": lambda: others[:1],
        "truefalse": lambda: "false" if q.truth else "true",
        "order": lambda: list(reversed(q.items)),
        "match": lambda: {left: "nobody" for left, _ in q.pairs},
        "cloze": lambda: ["xyz"] * len(q.gaps),
        "recall": lambda: "no idea",
    }
    return wrong[q.type]()
