"""Properties of marking that hold for any question and any answer (hypothesis).

Questions are generated, not only read from the test bank: random words and
arbitrary Unicode text as answers, lists, options, items, pairs and gaps.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from powerquiz.bank import Bank, Question, load_bank
from powerquiz.bank.model import join_list
from powerquiz.bank.wording import FALSE_WORDS, TRUE_WORDS
from powerquiz.marking import Mark, UnreadableAnswer, mark, parse_answer
from powerquiz.marking.normalize import FILLER, NO_ANSWER, fold, tokenize
from powerquiz.marking.rating import RATINGS

BANK = Path(__file__).resolve().parent / "data" / "marking_bank.yaml"
SETTINGS = settings(deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
HUGE = settings(deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@cache
def bank() -> Bank:
    return load_bank(BANK)


def assert_valid(m: Mark, q: Question) -> None:
    """A mark's verdict and score agree, it says why, and it names the expected answer."""
    assert m.verdict in ("correct", "partial", "wrong")
    if m.verdict == "correct":
        assert m.score == 1.0
    elif m.verdict == "wrong":
        assert m.score == 0.0
    else:
        assert 0.0 < m.score < 1.0
    assert m.feedback
    assert all(isinstance(f, str) and f for f in m.feedback)
    assert m.expected == q.expected
    assert all(len(t) == 2 for t in m.typos)


# -- strategies ----------------------------------------------------------------------------
_RESERVED = FILLER | NO_ANSWER | TRUE_WORDS | FALSE_WORDS | set(RATINGS) | {"not", "or", "and"}

#: A plain lowercase word that is not a small word, a number word or "not".
words = st.text(alphabet=string.ascii_lowercase, min_size=3, max_size=10).filter(
    lambda w: w not in _RESERVED and fold(w) == w
)
#: A short phrase of such words, written with random capitals.
phrases = st.lists(words, min_size=1, max_size=4).flatmap(
    lambda ws: st.sampled_from([" ".join(ws), " ".join(ws).title(), " ".join(ws).upper()])
)


def distinct(strategy: st.SearchStrategy[str], lo: int, hi: int) -> st.SearchStrategy[list[str]]:
    """Phrases whose folded forms differ (the bank format needs them distinct)."""
    return st.lists(strategy, min_size=lo, max_size=hi, unique_by=fold)


#: Any text a teacher could write as an answer: at least one word, not blank.
any_answer_text = st.text(min_size=1, max_size=40).filter(
    lambda t: t.strip() != "" and bool(tokenize(t).words)
)

#: Anything a student could type, including control characters and odd Unicode.
typed_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp",
                                                                "Mn", "So"]), max_size=100),
    st.lists(st.sampled_from(["Bukharin", "Trotsky", "the", "Left", "Right", "1926", "1929-30",
                              ",", ";", " and ", "not", "or", "?", "=", ">", "|", "\n", "2"]),
             max_size=30).map("".join),
)
any_answer: st.SearchStrategy[Any] = st.one_of(
    typed_text,
    st.booleans(),
    st.lists(typed_text, max_size=6),
    st.dictionaries(typed_text, typed_text, max_size=5),
)


@st.composite
def huge_text(draw: st.DrawFn) -> str:
    """About 100 KB of text: a drawn piece repeated."""
    piece = draw(st.one_of(
        st.text(min_size=1, max_size=30),
        st.sampled_from(["Bukharin, ", "1929-1930 ", "a" * 50, "\x00\x07\u200b", "Trotsky or ",
                         "9", "é", "=;>|"]),
    ))
    return (piece * (100_000 // len(piece) + 1))[:100_000]


def q_short(parts: list[list[str]], **fields: Any) -> Question:
    return Question(id="q", topic="t", type="short", prompt="?",
                    parts=tuple(tuple(p) for p in parts), **fields)


# -- the model answer always scores 1.0 ------------------------------------------------------
class TestModelAnswersAreCorrect:
    """The bank's own answer, in any accepted form, always scores 1.0."""

    @SETTINGS
    @given(answer=phrases, accept=distinct(phrases, 0, 2))
    def test_a_single_answer_of_random_words(self, answer: str, accept: list[str]) -> None:
        """A random-word answer, and each accepted alternative, is marked correct."""
        q = q_short([[answer]], accept=tuple(accept))
        for given_answer in [answer, *accept]:
            m = mark(q, given_answer)
            assert m.verdict == "correct", m.feedback
            assert m.typos == ()

    @SETTINGS
    @given(answer=any_answer_text)
    def test_a_single_answer_of_any_text(self, answer: str) -> None:
        """Whatever text a teacher writes as the answer, typing it back is correct."""
        q = q_short([[answer]])
        m = mark(q, answer)
        assert m.verdict == "correct", m.feedback

    @SETTINGS
    @given(parts=distinct(phrases, 2, 5),
           sep=st.sampled_from([", ", "; ", " and ", " / ", "\n", " & ", ",", " , "]),
           data=st.data())
    def test_a_list_in_any_order_with_any_separator(
        self, parts: list[str], sep: str, data: st.DataObject
    ) -> None:
        """The parts of a list, in any order and with any separator, are marked correct."""
        q = q_short([[p] for p in parts])
        assert mark(q, join_list(parts)).verdict == "correct"
        shuffled = data.draw(st.permutations(parts))
        m = mark(q, sep.join(shuffled))
        assert m.verdict == "correct", m.feedback

    @SETTINGS
    @given(parts=distinct(phrases, 2, 5))
    def test_an_ordered_list_in_order(self, parts: list[str]) -> None:
        """An ordered list given in order is correct; reversed, it is not."""
        q = q_short([[p] for p in parts], ordered=True)
        assert mark(q, ", ".join(parts)).verdict == "correct"
        assert mark(q, ", ".join(reversed(parts))).verdict == "partial"

    @SETTINGS
    @given(options=distinct(phrases, 2, 6), data=st.data())
    def test_choice_by_text_and_by_number(self, options: list[str], data: st.DataObject) -> None:
        """The right option is correct by its text and by its number; another is wrong."""
        k = data.draw(st.integers(0, len(options) - 1))
        q = Question(id="q", topic="t", type="choice", prompt="?", options=tuple(options),
                     correct=(options[k],))
        assert mark(q, options[k]).verdict == "correct"
        assert mark(q, str(k + 1)).verdict == "correct"
        other = (k + 1) % len(options)
        assert mark(q, options[other]).verdict == "wrong"

    @SETTINGS
    @given(options=distinct(phrases, 2, 6), data=st.data())
    def test_multi_by_text_and_numbers(self, options: list[str], data: st.DataObject) -> None:
        """The right options are correct as a list, as text and as numbers; all of them is not."""
        chosen = data.draw(st.lists(st.sampled_from(options), min_size=1, unique=True))
        q = Question(id="q", topic="t", type="multi", prompt="?", options=tuple(options),
                     correct=tuple(chosen))
        assert mark(q, chosen).verdict == "correct"
        assert mark(q, ", ".join(chosen)).verdict == "correct"
        numbers = " ".join(str(options.index(c) + 1) for c in chosen)
        assert mark(q, numbers).verdict == "correct"
        everything = mark(q, list(options))
        assert everything.correct == (len(chosen) == len(options))

    @SETTINGS
    @given(items=distinct(phrases, 2, 7), data=st.data())
    def test_order_scores_one_only_when_exact(
        self, items: list[str], data: st.DataObject
    ) -> None:
        """An order is correct exactly when given in order; reversed it scores 0."""
        q = Question(id="q", topic="t", type="order", prompt="?", items=tuple(items))
        assert mark(q, items).verdict == "correct"
        assert mark(q, " > ".join(items)).verdict == "correct"
        perm = data.draw(st.permutations(range(len(items))))
        m = mark(q, [str(i + 1) for i in perm])
        assert m.correct == (list(perm) == list(range(len(items))))
        assert mark(q, list(reversed(items))).score == 0.0

    @SETTINGS
    @given(lefts=distinct(phrases, 2, 5), rights=st.lists(phrases, min_size=5, max_size=5))
    def test_match_pairs(self, lefts: list[str], rights: list[str]) -> None:
        """A match given pair by pair is correct, as a mapping or as left=right text."""
        pairs = tuple(zip(lefts, rights[: len(lefts)], strict=True))
        q = Question(id="q", topic="t", type="match", prompt="?", pairs=pairs)
        assert mark(q, dict(pairs)).verdict == "correct"
        assert mark(q, "; ".join(f"{a}={b}" for a, b in pairs)).verdict == "correct"

    @SETTINGS
    @given(gaps=st.lists(distinct(phrases, 1, 3), min_size=1, max_size=4), data=st.data())
    def test_cloze_gaps(self, gaps: list[list[str]], data: st.DataObject) -> None:
        """Each gap filled with any of its alternatives is correct."""
        text = " ".join("{{" + "|".join(g) + "}}" for g in gaps)
        q = Question(id="q", topic="t", type="cloze", text=text,
                     gaps=tuple(tuple(g) for g in gaps))
        answers = [data.draw(st.sampled_from(g)) for g in gaps]
        m = mark(q, answers)
        assert m.verdict == "correct", m.feedback

    @SETTINGS
    @given(truth=st.booleans())
    def test_truefalse(self, truth: bool) -> None:
        """The truth, as a bool or a word, is correct; its opposite is wrong."""
        q = Question(id="q", topic="t", type="truefalse", prompt="?", truth=truth)
        assert mark(q, truth).correct
        assert mark(q, str(truth).upper()).correct
        assert mark(q, not truth).verdict == "wrong"


# -- typos ----------------------------------------------------------------------------------
class TestTypos:
    """Which slips are forgiven as typos, and which make a different word."""

    @SETTINGS
    @given(word=st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=12),
           data=st.data())
    def test_one_swap_in_a_long_word_is_a_typo(self, word: str, data: st.DataObject) -> None:
        """Swapping two neighbouring letters of a long word is accepted, and the typo named."""
        i = data.draw(st.integers(0, len(word) - 2))
        assume(word[i] != word[i + 1])
        typed = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        m = mark(q_short([[word]]), typed)
        assert m.verdict == "correct"
        assert m.typos == ((typed, word),)

    @SETTINGS
    @given(word=st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=5, max_size=12),
           prefix=st.sampled_from(["de", "dis", "un", "in", "im", "non", "anti", "counter"]))
    def test_a_negating_prefix_is_never_a_typo(self, word: str, prefix: str) -> None:
        """A word with a negating prefix added is a different word, however long."""
        assert mark(q_short([[word]]), prefix + word).verdict == "wrong"

    @SETTINGS
    @given(word=st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=4),
           other=st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=4))
    def test_short_words_get_no_typos(self, word: str, other: str) -> None:
        """A different word of four letters or fewer is never a typo."""
        assume(fold(word) != fold(other) and word not in _RESERVED and other not in _RESERVED)
        assert not mark(q_short([[word]]), other).correct

    @SETTINGS
    @given(year=st.integers(1000, 2099), other=st.integers(1000, 2099))
    def test_years_are_exact(self, year: int, other: int) -> None:
        """A different year is never accepted, however close."""
        assume(year != other)
        assert mark(q_short([[str(year)]]), str(other)).verdict == "wrong"


# -- hedges ---------------------------------------------------------------------------------
class TestHedges:
    """A second answer offered beside the right one is never marked right."""

    @SETTINGS
    @given(answer=words, other=words,
           join=st.sampled_from([" or ", " and ", " / ", " & ", " or maybe "]),
           first=st.booleans())
    def test_a_second_answer_is_never_right(
        self, answer: str, other: str, join: str, first: bool
    ) -> None:
        """One answer asked: the right one joined to another word is never marked right."""
        q = q_short([[answer]])
        assume(mark(q, other).verdict == "wrong")  # not the answer with a typo
        typed = join.join([other, answer] if first else [answer, other])
        assert mark(q, typed).verdict == "wrong", typed

    @SETTINGS
    @given(answer=words, other=words)
    def test_a_second_answer_after_not_is_set_aside(self, answer: str, other: str) -> None:
        """"X, not Y" is X."""
        assume(fold(other) != fold(answer))
        assert mark(q_short([[answer]]), f"{answer}, not {other}").verdict == "correct"


# -- marking never fails ----------------------------------------------------------------------
class TestNeverRaises:
    """mark() returns a consistent mark for any answer of any shape, never an error."""

    @SETTINGS
    @given(data=st.data(), answer=any_answer)
    def test_any_answer_to_any_question(self, data: st.DataObject, answer: Any) -> None:
        """Any answer of any shape to any question is marked, with a consistent verdict."""
        q = data.draw(st.sampled_from(bank().questions))
        assert_valid(mark(q, answer), q)

    @pytest.mark.slow
    @HUGE
    @given(data=st.data(), text=huge_text())
    def test_huge_answers(self, data: st.DataObject, text: str) -> None:
        """A 100 KB answer is marked without error."""
        q = data.draw(st.sampled_from(bank().questions))
        assert_valid(mark(q, text), q)

    @SETTINGS
    @given(answer=any_answer_text, typed=typed_text)
    def test_any_text_answer_against_any_typed_text(self, answer: str, typed: str) -> None:
        """A generated question marks arbitrary typed text consistently."""
        q = q_short([[answer]])
        assert_valid(mark(q, typed), q)
        lst = q_short([[answer], ["Bukharin"]], wrong=())
        assert_valid(mark(lst, typed), lst)

    @SETTINGS
    @given(data=st.data(), words_=st.lists(typed_text, min_size=1, max_size=5))
    def test_parse_answer_raises_only_unreadable(
        self, data: st.DataObject, words_: list[str]
    ) -> None:
        """parse_answer either reads the words or raises UnreadableAnswer, nothing else."""
        q = data.draw(st.sampled_from(bank().questions))
        try:
            answer = parse_answer(q, words_)
        except UnreadableAnswer as exc:
            assert str(exc)
        else:
            assert_valid(mark(q, answer), q)


# -- scores move the right way ------------------------------------------------------------------
class TestMonotone:
    """Scores move the right way as parts are added or removed."""

    @SETTINGS
    @given(parts=distinct(phrases, 2, 5), extra=phrases, data=st.data())
    def test_an_extra_part_never_raises_a_list_score(
        self, parts: list[str], extra: str, data: st.DataObject
    ) -> None:
        """Adding a part that is not needed never raises the score of a list answer."""
        assume(fold(extra) not in {fold(p) for p in parts})
        q = q_short([[p] for p in parts])
        given_parts = data.draw(st.lists(st.sampled_from(parts), unique=True))
        before = mark(q, ", ".join(given_parts)).score
        after = mark(q, ", ".join([*given_parts, extra])).score
        assert after <= before

    @SETTINGS
    @given(parts=distinct(phrases, 2, 5), data=st.data())
    def test_each_part_found_is_worth_one_nth(
        self, parts: list[str], data: st.DataObject
    ) -> None:
        """Naming k of n parts (and nothing else) scores k/n."""
        q = q_short([[p] for p in parts])
        k = data.draw(st.integers(0, len(parts)))
        assert mark(q, ", ".join(parts[:k])).score == k / len(parts)


# -- marking a huge answer is bounded work ----------------------------------------------------
class _CountedWords(tuple):
    """The typed words, counting each time the marker looks one up by its place."""

    lookups = 0
    #: More look-ups than this per typed word is not linear: stop there (and fail).
    PER_WORD = 40
    limit = 0

    def __getitem__(self, index: Any) -> Any:
        _CountedWords.lookups += 1
        if _CountedWords.lookups > _CountedWords.limit:
            raise AssertionError(f"more than {_CountedWords.limit} look-ups of a word")
        return super().__getitem__(index)


def _count_word_lookups(monkeypatch: pytest.MonkeyPatch, words: int) -> None:
    """Make every read_typed the marking modules call return counted words (at most
    PER_WORD look-ups for each of ``words``)."""
    import dataclasses
    import sys

    from powerquiz.marking import phrases

    original = phrases.read_typed

    def counted(text: str, lexicon: Any) -> Any:
        typed = original(text, lexicon)
        return dataclasses.replace(typed, words=_CountedWords(typed.words))

    _CountedWords.lookups = 0
    _CountedWords.limit = _CountedWords.PER_WORD * words
    for name, module in list(sys.modules.items()):
        if name.startswith("powerquiz.marking") and getattr(module, "read_typed", None) is original:
            monkeypatch.setattr(module, "read_typed", counted)


class TestHugeAnswersAreBoundedWork:
    """A 20,000-word answer is marked with work in proportion to its length (review D12)."""

    WORDS = 20_000

    @pytest.mark.parametrize("answer", ["left " * WORDS, "Left Opposition " * (WORDS // 2),
                                        "not left " * (WORDS // 2)])
    def test_rival_words_are_looked_at_a_bounded_number_of_times(
        self, monkeypatch: pytest.MonkeyPatch, answer: str
    ) -> None:
        """A wrong answer's own word typed 20,000 times: wrong, in linear word look-ups."""
        q = next(q for q in bank().questions if q.id == "right-label")
        _count_word_lookups(monkeypatch, self.WORDS)
        m = mark(q, answer)
        assert m.verdict == "wrong"
        assert 0 < _CountedWords.lookups <= _CountedWords.PER_WORD * self.WORDS

    @pytest.mark.slow
    def test_a_20000_word_answer_to_every_question_is_marked_wrong(self) -> None:
        """20,000 made-up words are marked, and wrong, for every question of the test bank."""
        answer = " ".join(f"zq{i % 97}x" for i in range(self.WORDS))
        for q in bank().questions:
            m = mark(q, answer)
            assert_valid(m, q)
            assert m.verdict == "wrong", q.id
