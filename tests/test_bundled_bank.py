"""The bundled question bank meets the quality bar set for it.

Most checks read ``data/questions.yaml`` with ``yaml.safe_load`` directly, so they
hold the bank to its quality bar whatever state the loader is in; one test loads it
through :func:`powerquiz.bank.load` as the program does.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

BANK_PATH = Path(__file__).parents[1] / "data" / "questions.yaml"
# The source page lives beside the repository (in ../shared/seeds), whether the
# repository is checked out directly or as a worktree a level deeper.
SEEDS_DIR = next(
    (d / "shared" / "seeds" for d in Path(__file__).resolve().parents
     if (d / "shared" / "seeds").is_dir()),
    Path(__file__).resolve().parents[2] / "shared" / "seeds",
)

TYPES = ("short", "choice", "multi", "truefalse", "order", "match", "cloze", "recall",
         "explain")
REQUIRED_TOPICS = ("factions", "economy", "revolution", "tactics", "chronology", "key-terms")
LEFT = ("Trotsky", "Zinoviev", "Kamenev")
RIGHT = ("Bukharin", "Tomsky", "Rykov")
GAP = re.compile(r"\{\{(.*?)\}\}")
YEAR = re.compile(r"(?<!\d)1[89]\d\d(?!\d)")
COPY_RUN = 7  # this many words in a row, found verbatim in the source, count as copying
MIN_EXPLAIN_WORDS = 20
BARE_DATE = re.compile(r"^\d{4}(?:[–-]\d{4})?$")
LENGTH_SLACK = 1.25  # a key may be at most this much longer than the longest distractor


@pytest.fixture(scope="module")
def bank() -> dict[str, Any]:
    data = yaml.safe_load(BANK_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def questions(bank: dict[str, Any]) -> list[dict[str, Any]]:
    return list(bank["questions"])


@pytest.fixture(scope="module")
def points(bank: dict[str, Any]) -> list[dict[str, Any]]:
    return list(bank.get("points") or [])


@pytest.fixture(scope="module")
def choices(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [q for q in questions if q["type"] == "choice"]


@pytest.fixture(scope="module")
def source_text() -> str:
    files = sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []
    if not files:
        pytest.skip(f"the source pages are not here ({SEEDS_DIR})")
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def words(text: str) -> list[str]:
    """Lowercase words of ``text`` with accents, dashes, quotes and punctuation gone."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^0-9a-z]+", " ", text).split()


def cloze_filled(text: str) -> str:
    return GAP.sub(lambda m: m.group(1).split("|")[0], text)


def as_texts(value: Any) -> Iterator[str]:
    """Every piece of text inside a YAML value (lists, mappings and scalars)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from as_texts(key)
            yield from as_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from as_texts(item)
    elif value is not None and not isinstance(value, bool):
        yield str(value)


def answer_texts(q: dict[str, Any]) -> Iterator[str]:
    """The texts that make up a question's answer, whatever its type."""
    for key in ("answer", "accept", "items", "pairs"):
        if key in q:
            yield from as_texts(q[key])
    if q["type"] == "cloze":
        for gap in GAP.findall(q["text"]):
            yield from gap.split("|")


def written_texts(bank: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, text) for every sentence-like text a teacher wrote in the bank."""
    for key in ("title", "description"):
        if bank.get(key):
            yield key, str(bank[key])
    for tid, line in bank["topics"].items():
        yield f"topic {tid}", str(line)
    for point in bank.get("points") or []:
        yield f"point {point['id']}", point["text"]
    for q in bank["questions"]:
        where = f"question {q['id']}"
        for key in ("prompt", "explain", "hint"):
            if q.get(key):
                yield f"{where} {key}", str(q[key])
        if q["type"] == "cloze":
            yield f"{where} text", cloze_filled(q["text"])
        for key in ("answer", "options", "items", "pairs", "wrong"):
            for text in as_texts(q.get(key)):
                yield f"{where} {key}", text
        for entry in q.get("scheme") or []:
            yield f"{where} scheme", str(entry["credit"])


def wrong_keys(q: dict[str, Any]) -> list[str]:
    wrong = q.get("wrong") or []
    return [str(k) for k in (wrong.keys() if isinstance(wrong, dict) else wrong)]


class TestSize:
    """Bank size: at least 80 questions, 25 to 40 learning points, all ids unique."""
    def test_has_at_least_80_questions(self, questions: list[dict[str, Any]]) -> None:
        """The bank holds at least 80 questions."""
        assert len(questions) >= 80

    def test_question_ids_are_unique(self, questions: list[dict[str, Any]]) -> None:
        """No two questions share an id."""
        dupes = [i for i, n in Counter(q["id"] for q in questions).items() if n > 1]
        assert dupes == []

    def test_point_ids_are_unique(self, points: list[dict[str, Any]]) -> None:
        """No two learning points share an id."""
        dupes = [i for i, n in Counter(p["id"] for p in points).items() if n > 1]
        assert dupes == []

    def test_has_between_25_and_40_points(self, points: list[dict[str, Any]]) -> None:
        """The page's facts are covered by 25 to 40 learning points."""
        assert 25 <= len(points) <= 40


class TestTypes:
    """Question types: all eight used, none unknown, enough of each type."""
    def test_all_eight_types_are_used(self, questions: list[dict[str, Any]]) -> None:
        """Every question type appears at least once."""
        assert set(TYPES) <= {q["type"] for q in questions}

    def test_no_unknown_types(self, questions: list[dict[str, Any]]) -> None:
        """Every question has one of the eight types."""
        assert {q["type"] for q in questions} <= set(TYPES)

    @pytest.mark.parametrize("qtype", ["short", "choice", "truefalse", "cloze"])
    def test_at_least_five_of_the_main_types(
        self, questions: list[dict[str, Any]], qtype: str
    ) -> None:
        """There are at least five short, choice, truefalse and cloze questions each."""
        assert sum(q["type"] == qtype for q in questions) >= 5

    @pytest.mark.parametrize("qtype", ["order", "match", "multi", "recall"])
    def test_at_least_four_of_the_other_types(
        self, questions: list[dict[str, Any]], qtype: str
    ) -> None:
        """There are at least four order, match, multi and recall questions each."""
        assert sum(q["type"] == qtype for q in questions) >= 4


class TestTopicsAndPoints:
    """Topics and points: required topics declared and used, each point tested by two types."""
    def test_required_topics_present(self, bank: dict[str, Any]) -> None:
        """The six required topics are declared, each with a line saying what it covers."""
        topics = bank["topics"]
        for tid in REQUIRED_TOPICS:
            assert tid in topics
            assert str(topics[tid]).strip()

    def test_every_question_topic_exists(
        self, bank: dict[str, Any], questions: list[dict[str, Any]]
    ) -> None:
        """Every question's topic is one of the declared topics."""
        assert [q["id"] for q in questions if q["topic"] not in bank["topics"]] == []

    def test_every_point_topic_exists(
        self, bank: dict[str, Any], points: list[dict[str, Any]]
    ) -> None:
        """Every learning point's topic is one of the declared topics."""
        assert [p["id"] for p in points if p["topic"] not in bank["topics"]] == []

    def test_every_required_topic_has_questions(self, questions: list[dict[str, Any]]) -> None:
        """Each required topic has at least one question."""
        used = {q["topic"] for q in questions}
        assert [t for t in REQUIRED_TOPICS if t not in used] == []

    def test_questions_reference_only_known_points(
        self, questions: list[dict[str, Any]], points: list[dict[str, Any]]
    ) -> None:
        """Every point a question lists is a declared learning point."""
        known = {p["id"] for p in points}
        unknown = [(q["id"], pid) for q in questions for pid in q["points"] if pid not in known]
        assert unknown == []

    def test_each_point_tested_twice_by_different_types(
        self, questions: list[dict[str, Any]], points: list[dict[str, Any]]
    ) -> None:
        """Every learning point is tested by at least two questions of two different types."""
        types: dict[str, list[str]] = defaultdict(list)
        for q in questions:
            for pid in q["points"]:
                types[pid].append(q["type"])
        weak = [p["id"] for p in points if len(types[p["id"]]) < 2 or len(set(types[p["id"]])) < 2]
        assert weak == []


class TestQuestionQuality:
    """Each question: explanation, points, prompt, valid choices, no wrong: entry that is right."""
    def test_every_question_has_an_explanation(self, questions: list[dict[str, Any]]) -> None:
        """Every question has a non-empty explain that teaches why."""
        assert [q["id"] for q in questions if not str(q.get("explain") or "").strip()] == []

    def test_every_question_lists_points(self, questions: list[dict[str, Any]]) -> None:
        """Every question lists the learning points it tests."""
        assert [q["id"] for q in questions if not q.get("points")] == []

    def test_prompts_present_except_cloze(self, questions: list[dict[str, Any]]) -> None:
        """Every question but a cloze has a prompt."""
        missing = [q["id"] for q in questions if q["type"] != "cloze" and not q.get("prompt")]
        assert missing == []

    def test_choice_answers_are_options(self, questions: list[dict[str, Any]]) -> None:
        """Each choice and multi answer is one of that question's options."""
        bad = []
        for q in questions:
            if q["type"] in ("choice", "multi"):
                answers = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
                options = [str(o) for o in q["options"]]
                bad += [(q["id"], a) for a in answers if str(a) not in options]
        assert bad == []

    def test_wrong_entries_do_not_contain_the_answer(self, questions: list[dict[str, Any]]) -> None:
        """No wrong: entry contains a right answer, so a right answer is never a hedge."""
        bad = []
        for q in questions:
            rights = [" ".join(words(t)) for t in answer_texts(q) if q["type"] != "recall"]
            for key in wrong_keys(q):
                norm = " ".join(words(key))
                bad += [(q["id"], key) for r in rights if r and f" {r} " in f" {norm} "]
        assert bad == []


ARTICLES = ("the", "a", "an")


def phrase(text: str) -> str:
    """``text`` as a run of words, without a leading article."""
    ws = words(text)
    while ws and ws[0] in ARTICLES:
        ws = ws[1:]
    return " ".join(ws)


def offered(q: dict[str, Any]) -> list[str]:
    """What a question offers or takes as an answer: its options, or a short answer."""
    if q["type"] in ("choice", "multi"):
        return [str(o) for o in q["options"]]
    if q["type"] == "short":
        return [t for key in ("answer", "accept") for t in as_texts(q.get(key))]
    return []


def distractors(q: dict[str, Any]) -> list[str]:
    return [str(o) for o in q["options"] if str(o) != str(q["answer"])]


def shared_opening(texts: list[list[str]]) -> list[str]:
    """The words every one of ``texts`` opens with."""
    opening: list[str] = []
    for column in zip(*texts, strict=False):
        if len(set(column)) != 1:
            break
        opening.append(column[0])
    return opening


class TestChoiceForm:
    """Choice options make a student think, and the key never stands out by its form."""

    def test_every_choice_has_four_unique_options(self, choices: list[dict[str, Any]]) -> None:
        """Every choice question has exactly four options, no two the same."""
        bad = [q["id"] for q in choices if len({phrase(str(o)) for o in q["options"]}) != 4]
        assert bad == []

    def test_multi_options_are_unique(self, questions: list[dict[str, Any]]) -> None:
        """A multi question has at least four options, no two the same."""
        multis = [[phrase(str(o)) for o in q["options"]] for q in questions if q["type"] == "multi"]
        assert [o for o in multis if len(o) < 4 or len(set(o)) != len(o)] == []

    def test_no_option_repeats_the_prompts_subject(self, questions: list[dict[str, Any]]) -> None:
        """No option or short answer is a phrase the prompt itself already names."""
        bad = []
        for q in questions:
            prompt = f" {phrase(str(q.get('prompt') or ''))} "
            bad += [(q["id"], t) for t in offered(q) if phrase(t) and f" {phrase(t)} " in prompt]
        assert bad == []

    def test_key_is_a_bare_date_exactly_when_the_distractors_are(
        self, choices: list[dict[str, Any]]
    ) -> None:
        """A key is never the only option with a month among bare years, or the only year."""
        bad = []
        for q in choices:
            kinds = {bool(BARE_DATE.match(o)) for o in distractors(q)}
            if len(kinds) == 1 and bool(BARE_DATE.match(str(q["answer"]))) not in kinds:
                bad.append(q["id"])
        assert bad == []

    def test_key_starts_like_the_distractors(self, choices: list[dict[str, Any]]) -> None:
        """When every distractor opens with the same words, so does the key."""
        openings = [(q, shared_opening([words(o) for o in distractors(q)])) for q in choices]
        assert [q["id"] for q, o in openings if words(str(q["answer"]))[: len(o)] != o] == []

    def test_key_is_not_the_long_one(self, choices: list[dict[str, Any]]) -> None:
        """The key is never much longer than the longest distractor."""
        longest = [(q, max(len(o) for o in distractors(q))) for q in choices]
        assert [q["id"] for q, n in longest if len(str(q["answer"])) > LENGTH_SLACK * n] == []


class TestExplanations:
    """Every explanation is long enough to teach why."""

    def test_no_explanation_under_twenty_words(self, questions: list[dict[str, Any]]) -> None:
        """Every explanation has at least twenty words."""
        counts = [(q["id"], len(words(str(q.get("explain") or "")))) for q in questions]
        assert [(i, n) for i, n in counts if n < MIN_EXPLAIN_WORDS] == []


class TestRightOpposition:
    """The Right Opposition question: Bukharin, Tomsky and Rykov; the Left names marked wrong."""
    def test_right_opposition_question(self, questions: list[dict[str, Any]]) -> None:
        """'Who made up the Right Opposition?' expects Bukharin, Tomsky and Rykov."""
        found = [q for q in questions if q.get("prompt") == "Who made up the Right Opposition?"]
        assert len(found) == 1
        q = found[0]
        assert q["type"] == "short"
        assert sorted(q["answer"]) == sorted(RIGHT)

    def test_right_opposition_wrong_names_the_left(self, questions: list[dict[str, Any]]) -> None:
        """Trotsky, Zinoviev and Kamenev are wrong, with feedback saying they were the Left."""
        q = next(q for q in questions if q.get("prompt") == "Who made up the Right Opposition?")
        wrong = q["wrong"]
        for name in LEFT:
            assert name in wrong
            assert "Left" in wrong[name]


class TestClassicConfusions:
    """Classic confusions are caught by wrong: entries: Left for Right, slogans, 1926, NEP."""
    def test_left_names_are_wrong_in_a_right_question(
        self, questions: list[dict[str, Any]]
    ) -> None:
        """A question whose answer is the Right has a wrong: entry naming a Left member."""
        hits = [
            q["id"]
            for q in questions
            if any(r in " ".join(answer_texts(q)) for r in RIGHT)
            and any(n in k for k in wrong_keys(q) for n in LEFT)
        ]
        assert hits

    @pytest.mark.parametrize(
        "needle",
        [("Permanent Revolution",), ("1926",), ("collectivisation", "NEP")],
        ids=["permanent-revolution", "1926", "nep-or-collectivisation"],
    )
    def test_wrong_entries_cover_confusion(
        self, questions: list[dict[str, Any]], needle: tuple[str, ...]
    ) -> None:
        """Some wrong: entry catches each classic confusion: slogans, 1926, NEP."""
        keys = [k for q in questions for k in wrong_keys(q)]
        assert any(n.casefold() in k.casefold() for k in keys for n in needle)


class TestFaithfulToSource:
    """Faithful to the source page: every year appears on it, no seven words copied from it."""
    def test_every_year_is_on_the_page(
        self, bank: dict[str, Any], questions: list[dict[str, Any]], source_text: str
    ) -> None:
        """Every year in an answer (or anywhere else in the bank) appears in the source."""
        on_page = set(YEAR.findall(source_text))
        in_answers = {y for q in questions for t in answer_texts(q) for y in YEAR.findall(t)}
        anywhere = {y for _, t in written_texts(bank) for y in YEAR.findall(t)}
        assert in_answers, "expected some years among the answers"
        assert sorted(in_answers - on_page) == []
        assert sorted(anywhere - on_page) == []

    def test_nothing_copies_the_page(self, bank: dict[str, Any], source_text: str) -> None:
        """No question, explanation or point repeats seven words in a row from the page."""
        source = " " + " ".join(words(source_text)) + " "
        copied = []
        for where, text in written_texts(bank):
            ws = words(text)
            for i in range(len(ws) - COPY_RUN + 1):
                run = " ".join(ws[i : i + COPY_RUN])
                if f" {run} " in source:
                    copied.append((where, run))
                    break
        assert copied == []


class TestProjectLoader:
    """The project's loader reads the bundled bank with no errors or warnings."""
    def test_loads_cleanly_with_the_loader(self) -> None:
        """The project's loader reads the bundled bank with no errors and no warnings."""
        from powerquiz.bank import load

        loaded, problems = load(BANK_PATH)
        assert loaded is not None
        assert [str(p) for p in problems if p.is_error] == []
        assert [str(p) for p in problems] == []
        assert len(loaded.questions) >= 80
