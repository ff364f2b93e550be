"""How much slower than bare YAML parsing is loading and checking a bank?

Generates a bank of 5,000 questions of every type, with realistic sizes, writes it
to a temporary file, and times (best of 5, interleaved in one run):

- ``yaml.load(text, Loader=yaml.CSafeLoader)``: parsing alone, the floor;
- ``powerquiz.bank.load(path)``: reading, parsing, building the model and every check.

Prints both and their ratio; exits 1 when the ratio is 1.5 or more.  For
context it also times ``yaml.load`` with the cycle collector paused, as
``powerquiz.bank.load`` runs (see ``loader.parse``), and prints that ratio too.

    PYTHONPATH=src python benchmarks/bench_loader.py [--questions N] [--repeat R]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from powerquiz.bank import load

ROW = "powerquiz.bank.load of 5,000 questions (in-process) vs yaml.load: < 1.5×"
LIMIT = 1.5
TYPES = ("short", "choice", "multi", "truefalse", "order", "match", "cloze", "recall")
WORDS = [
    "Stalin", "Trotsky", "Bukharin", "Zinoviev", "Kamenev", "Rykov", "Tomsky", "Lenin",
    "Politburo", "Party", "NEP", "peasants", "grain", "kulaks", "industrialisation",
    "collectivisation", "Five-Year", "Plan", "Congress", "opposition", "faction", "Left",
    "Right", "Central", "Committee", "Gosplan", "procurement", "crisis", "prices", "workers",
    "factories", "Moscow", "Leningrad", "Ukraine", "famine", "quotas", "targets",
    "propaganda", "purge", "the", "a", "of", "in", "and", "to", "was", "were", "by", "with",
    "for", "their", "after", "before", "during", "because", "which",
]
SMALL = frozenset(WORDS[WORDS.index("the"):])


def words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def sentence(rng: random.Random, low: int = 8, high: int = 20) -> str:
    text = words(rng, low, high)
    return text[0].upper() + text[1:] + "."


def option_words(rng: random.Random) -> str:
    """Words for an option; never only small words, so that it is never read as its number
    (an option "2. the" folds to "2", which a student's "2" then names)."""
    text = words(rng, 1, 5)
    if all(w in SMALL for w in text.split()):
        text += " Party"
    return text


def question(rng: random.Random, n: int, qtype: str, topics: list[str],
             points: list[str]) -> dict[str, Any]:
    q: dict[str, Any] = {"id": f"q-{n}-{qtype}", "topic": rng.choice(topics), "type": qtype}
    if qtype != "cloze":
        q["prompt"] = sentence(rng)[:-1] + "?"
    if qtype == "short":
        if rng.random() < 0.3:
            q["answer"] = [[words(rng, 1, 2), words(rng, 2, 3)], words(rng, 1, 2),
                           words(rng, 1, 2)]
        else:
            q["answer"] = words(rng, 1, 4)
            q["accept"] = [words(rng, 1, 4) for _ in range(rng.randint(0, 2))]
        q["wrong"] = {f"wrong {k} {words(rng, 1, 2)}": sentence(rng) for k in range(2)}
    elif qtype in ("choice", "multi"):
        options = [f"{k}. {option_words(rng)}" for k in range(rng.randint(3, 5))]
        q["options"] = options
        q["answer"] = options[1] if qtype == "choice" else options[:2]
    elif qtype == "truefalse":
        q["answer"] = rng.random() < 0.5
    elif qtype == "order":
        q["items"] = [f"{k}. {words(rng, 3, 8)}" for k in range(rng.randint(3, 6))]
    elif qtype == "match":
        q["pairs"] = {f"{k}. {words(rng, 1, 3)}": words(rng, 1, 3)
                      for k in range(rng.randint(3, 5))}
    elif qtype == "cloze":
        q["text"] = (f"{sentence(rng, 5, 10)} {{{{{words(rng, 1, 2)}|{words(rng, 1, 2)}}}}} "
                     f"{words(rng, 3, 8)} {{{{{words(rng, 1, 2)}}}}} {sentence(rng, 3, 8)}")
    else:
        q["answer"] = " ".join(sentence(rng) for _ in range(3))
    q["explain"] = " ".join(sentence(rng) for _ in range(2))
    if rng.random() < 0.3:
        q["hint"] = sentence(rng, 4, 8)
    q["points"] = rng.sample(points, rng.randint(1, 2))
    if rng.random() < 0.5:
        q["tags"] = rng.sample(["1920s", "exam", "source", "core", "extension"], 2)
    return q


def bank_text(count: int, seed: int = 1917, *, unexplained_every: int = 0) -> str:
    """A generated bank of ``count`` questions, as YAML.

    With ``unexplained_every`` = k, every k-th question has no ``explain`` (one warning
    each), for the cost of reporting many warnings.
    """
    rng = random.Random(seed)
    topics = {f"topic-{k}": sentence(rng, 2, 5) for k in range(20)}
    topic_ids = list(topics)
    points = [{"id": f"point-{k}", "topic": topic_ids[k % len(topic_ids)],
               "text": sentence(rng)} for k in range(count // 5)]
    point_ids = [p["id"] for p in points]
    questions = [question(rng, n, TYPES[n % len(TYPES)], topic_ids, point_ids)
                 for n in range(count)]
    if unexplained_every:
        for q in questions[::unexplained_every]:
            del q["explain"]
    bank = {"bank": "bench", "title": "A large generated bank", "topics": topics,
            "points": points, "questions": questions}
    text: str = yaml.safe_dump(bank, sort_keys=False, allow_unicode=True, width=100)
    return text


def best(fn: Any, times: list[float]) -> None:
    start = time.perf_counter()
    fn()
    times.append(time.perf_counter() - start)


def without_gc(fn: Any) -> Any:
    def run() -> None:
        gc.disable()
        try:
            fn()
        finally:
            gc.enable()
    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    text = bank_text(args.questions)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        path.write_text(text, encoding="utf-8")
        bank, problems = load(path)
        errors = [str(p) for p in problems if p.is_error]
        if bank is None or errors:
            print("the generated bank does not load:", *errors[:10], sep="\n  ")
            return 2
        print(f"bank: {len(bank)} questions, {len(bank.points)} points, "
              f"{len(text) / 1e6:.1f} MB of YAML, {len(problems)} warnings")

        yaml_times: list[float] = []
        nogc_times: list[float] = []
        load_times: list[float] = []
        for _ in range(args.repeat):
            best(lambda: yaml.load(text, Loader=yaml.CSafeLoader), yaml_times)
            best(lambda: load(path), load_times)
            best(without_gc(lambda: yaml.load(text, Loader=yaml.CSafeLoader)), nogc_times)

    floor, ours, nogc = min(yaml_times), min(load_times), min(nogc_times)
    ratio = ours / floor
    print(f"yaml.load (CSafeLoader): {floor * 1000:8.1f} ms")
    print(f"powerquiz.bank.load:     {ours * 1000:8.1f} ms")
    print(f"ratio: {ratio:.2f} (limit {LIMIT})")
    print(f"for context: yaml.load with gc paused {nogc * 1000:.1f} ms, "
          f"ratio {ours / nogc:.2f}")
    if ratio >= LIMIT:
        print("too slow: profile with python -m cProfile -s cumtime benchmarks/bench_loader.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
