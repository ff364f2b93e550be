"""How long does marking a 150-word extended answer against a 6-entry scheme take?

Builds an explain question of six scheme entries (each with four ways of making
the point, a detail and a `not:` statement, plus synonyms), and answers of 150 words
that make some points, misspell some words and negate others.  Times
``powerquiz.marking.mark`` on each (the scheme compiled once, as in a session: the
first marking of a question compiles it), best of R runs, and prints the slowest
answer's time; exits 1 at 5 ms or more.

    PYTHONPATH=src python benchmarks/bench_explain.py [--answers N] [--repeat R]
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from powerquiz.bank.model import Detail, Question, SchemeEntry
from powerquiz.marking import mark

LIMIT_MS = 5.0
#: What this measures, and its target (read by benchmarks/run_all.py).
ROW = "Marking a 150-word explain answer against a 6-entry scheme (target: under 5 ms)"
WORDS = [
    "the", "Party", "Stalin", "Trotsky", "Bukharin", "members", "because", "grain", "peasants",
    "economy", "growth", "slowing", "policy", "socialist", "revolution", "abroad", "Germany",
    "Hungary", "Politburo", "removed", "Left", "Right", "supported", "NEP", "and", "was",
    "were", "of", "in", "to", "by", "after", "then", "so", "not", "never",
]
POINTS = [
    ("chief mourner", ("chief mourner", "main mourner", "misled Trotsky about the funeral",
                       "led the mourners"), ("Trotsky missed the funeral", "wrong date")),
    ("heir", ("true heir", "Lenin's heir", "rightful successor", "heir of Lenin"), ("cult",)),
    ("right", ("supported the Right", "backed Bukharin", "sided with the Right",
               "with the Right against the Left"), ("1926", "removed the Left")),
    ("nep", ("attacked NEP", "turned on the Right", "switched sides", "changed sides"),
     ("1929", "replaced by his supporters")),
    ("grain", ("withholding grain", "force prices up", "grain from the markets",
               "hoarding grain"), ("1928",)),
    ("abroad", ("revolution abroad was not possible", "revolutions in Germany",
                "Germany and Hungary", "world revolution was unlikely"), ("crushed",)),
]


def question() -> Question:
    scheme = tuple(SchemeEntry(credit, anys, 1, (f"Trotsky {anys[0]}",), Detail(details))
                   for credit, anys, details in POINTS)
    return Question("bench", "t", "explain", prompt="Explain. (6 marks)", marks=6,
                    scheme=scheme, model_answer="x",
                    synonyms=(("misled", ("tricked", "deceived", "lied to")),
                              ("supported", ("backed", "helped", "sided with"))))


def answer(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(150)]
    for _credit, anys, _details in rng.sample(POINTS, 3):
        at = rng.randrange(len(words))
        words[at:at] = rng.choice(anys).split()
    text = " ".join(words[:150])
    return text.replace(" then ", ". Then ").replace("grain", "grian")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(12)
    q = question()
    answers = [answer(rng) for _ in range(args.answers)]
    mark(q, answers[0])  # compile the scheme once, as the first answer in a session does
    slowest = 0.0
    for text in answers:
        best = min(_time(q, text) for _ in range(args.repeat))
        slowest = max(slowest, best)
    words = len(answers[0].split())
    print(f"explain marking: {words}-word answers, 6-entry scheme: slowest "
          f"{slowest:.2f} ms (limit {LIMIT_MS} ms)")
    met = slowest < LIMIT_MS
    print(f"result: slowest {slowest:.2f} ms, target {'met' if met else 'MISSED'}")
    return 0 if met else 1


def _time(q: Question, text: str) -> float:
    start = time.perf_counter()
    mark(q, text)
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    sys.exit(main())
