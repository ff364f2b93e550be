"""The parts of the marker one at a time: folding, year ranges, typos, parse_answer, selfcheck."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from powerquiz.bank import Bank, Loc, Question, WrongAnswer, load_bank
from powerquiz.marking import (
    Mark,
    UnreadableAnswer,
    clear_cache,
    mark,
    model_answers,
    parse_answer,
    selfcheck,
)
from powerquiz.marking.compiled import compiled
from powerquiz.marking.normalize import fold, is_no_answer, tokenize, year_range
from powerquiz.marking.result import make_mark, verdict_of
from powerquiz.marking.typos import Lexicon, allowed_edits, is_slip, spelling_key

DATA = Path(__file__).resolve().parent / "data"
SRC = Path(__file__).resolve().parents[1] / "src"


@cache
def bank() -> Bank:
    return load_bank(DATA / "marking_bank.yaml")


def question(qid: str) -> Question:
    q = bank().question(qid)
    assert q is not None
    return q


def short(answer: str | list[str | list[str]], **fields: object) -> Question:
    """A short-answer question built in code."""
    parts = tuple((p,) if isinstance(p, str) else tuple(p) for p in
                  ([answer] if isinstance(answer, str) else answer))
    return Question(id="q", topic="t", type="short", prompt="?", parts=parts,
                    **fields)  # type: ignore[arg-type]


class TestFold:
    """fold: case, accents and punctuation dropped, separators and typed words kept, no answer."""
    @pytest.mark.parametrize(("text", "folded"), [
        ("Trotsky", "trotsky"),
        ("  The   Right! ", "the right"),
        ("Lenin's Testament", "lenins testament"),
        ("“Socialism in One Country”", "socialism in 1 country"),
        ("Trótsky", "trotsky"),
        ("Five-Year Plan", "5 year plan"),
        ("N.E.P.", "nep"),
        ("U.S.S.R", "ussr"),
        ("1,000 kulaks", "1000 kulaks"),
        ("2.5 million", "2.5 million"),
        ("the LATE 1920s", "the late 1920s"),
        ("15th Congress", "15th congress"),
        ("ＦＵＬＬＷＩＤＴＨ", "fullwidth"),
        ("tab\there\x00and\x07bell", "tab here and bell"),
        ("January of 1924", "january 1924"),
        ("January 21, 1924", "21 january 1924"),
        ("Jan. 21st 1924", "21 jan 1924"),
        ("1924 January", "january 1924"),
        ("1924, January", "january 1924"),
        ("January 45, 1924", "january 45 1924"),
        ("1929-1930 January", "1929–1930 january"),
        ("", ""),
    ])
    def test_fold(self, text: str, folded: str) -> None:
        """Folding drops case, accents, quotes and punctuation and spells numbers as digits."""
        assert fold(text) == folded

    def test_separators_are_remembered_as_breaks(self) -> None:
        """Commas, semicolons, slashes, & and new lines mark a break before the next word."""
        tokens = tokenize("Bukharin, Tomsky;Rykov / Stalin & Lenin\nKirov Kamenev")
        assert tokens.breaks == (False, True, True, True, True, True, False)

    def test_which_separator_is_remembered(self) -> None:
        """Each word keeps the separator before it: a comma joins a list, a full stop does not."""
        tokens = tokenize("Trotsky, Zinoviev. Kamenev & Rykov / Tomsky")
        assert tokens.seps == ("", ",", ".", "&", "/")

    def test_shown_words_keep_their_case(self) -> None:
        """The words as typed keep their capitals, for messages and typo diffs."""
        assert tokenize("Nikolai bukharin").shown == ("Nikolai", "bukharin")

    @pytest.mark.parametrize("text", ["", "  ", "?", "idk", "IDK", "don't know", "I don’t know",
                                      "dunno", "no idea", "n/a", "pass"])
    def test_no_answer(self, text: str) -> None:
        """Empty answers and ways of saying "I don't know" are recognised."""
        assert is_no_answer(tokenize(text))

    @pytest.mark.parametrize("text", ["no", "none", "Trotsky", "I don't know Trotsky's dates"])
    def test_answers_that_are_not_no_answer(self, text: str) -> None:
        """A real answer (including "no" for a true/false) is not taken for "don't know"."""
        assert not is_no_answer(tokenize(text))


class TestYearRanges:
    """Year ranges: one token however written; backwards ranges, lists and plain words are not."""
    @pytest.mark.parametrize("text", [
        "1929–1930", "1929-1930", "1929-30", "1929 to 1930", "1929—30", "1929 – 1930",
        "1929 until 1930", "1929‐30", "1929 TO 1930", "1929/30", "between 1929 and 1930",
    ])
    def test_every_spelling_is_one_token(self, text: str) -> None:
        """A range of years is one token however it is written."""
        assert tokenize(text).words == ("1929–1930",)
        assert year_range(tokenize(text).words[0]) == (1929, 1930)

    @pytest.mark.parametrize(("text", "words"), [
        ("1930-1929", ("1930", "1929")),
        ("1929-1929", ("1929", "1929")),
        ("1929", ("1929",)),
        ("1929, 1930", ("1929", "1930")),
        ("1929 and 1930", ("1929", "and", "1930")),
        ("1999-2001", ("1999–2001",)),
        ("1929-5", ("1929", "5")),
        ("1929/1931", ("1929", "1931")),
    ])
    def test_what_is_not_a_range(self, text: str, words: tuple[str, ...]) -> None:
        """A backwards range, a list of years and a single year stay separate numbers."""
        assert tokenize(text).words == words

    def test_year_range_of_a_plain_word(self) -> None:
        """A word that is not a range has no start and end."""
        assert year_range("1929") is None
        assert year_range("left") is None


class TestTypoAllowance:
    """Typo allowance: by length; none for acronyms, ties or different words; transliterations."""
    @pytest.mark.parametrize(("word", "edits"), [
        ("nep", 0), ("left", 0), ("rykov", 1), ("trotsky", 1), ("bukharin", 1),
        ("collectivise", 2), ("industrialisation", 3), ("1926", 0),
    ])
    def test_allowance_grows_with_length(self, word: str, edits: int) -> None:
        """No typo in words of 4 letters or fewer, then 1, 2, 3 as words grow."""
        assert allowed_edits(word) == edits

    def test_acronyms_get_no_typos(self) -> None:
        """An acronym written in capitals gets no typo, whatever its length."""
        assert allowed_edits("gosplan", acronym=True) == 0

    def test_a_strictly_closest_word_is_a_typo(self) -> None:
        """A word within reach of exactly one closest known word is read as it."""
        lex = Lexicon([("bukharin", "Bukharin", False), ("tomsky", "Tomsky", False)])
        res = lex.resolve("bukarin")
        assert (res.word, res.typo) == ("bukharin", True)

    def test_a_tie_is_no_typo(self) -> None:
        """A word as close to two known words is read as neither."""
        lex = Lexicon([("trotsky", "Trotsky", False), ("tomsky", "Tomsky", False)])
        res = lex.resolve("tromsky")
        assert (res.word, res.typo) == ("tromsky", False)
        assert set(res.blocked) == {"trotsky", "tomsky"}

    def test_closer_to_a_short_rival_is_no_typo(self) -> None:
        """A word closer to a word with no allowance is not a typo of a farther long word."""
        lex = Lexicon([("lefts", "Lefts", True), ("leftist", "Leftist", False)])
        assert lex.resolve("lefts").word == "lefts"
        assert not lex.resolve("leftss").typo

    @pytest.mark.parametrize(("typed", "known"), [
        ("decollectivisation", "collectivisation"),
        ("impermanent", "permanent"),
        ("deindustrialisation", "industrialisation"),
        ("inflation", "deflation"),
        ("devolution", "revolution"),
        ("evolution", "revolution"),
        ("bright", "right"),
        ("night", "right"),
        ("wealth", "health"),
    ])
    def test_a_different_word_is_no_slip(self, typed: str, known: str) -> None:
        """A negating prefix, or a first letter added, dropped or changed in a short word."""
        lex = Lexicon([(known, known, False)])
        assert not lex.resolve(typed).typo
        assert not is_slip(typed, known, 2)

    @pytest.mark.parametrize(("typed", "known"), [
        ("trotksy", "trotsky"), ("rtotsky", "trotsky"), ("vukharin", "bukharin"),
        ("industrialization", "industrialisation"), ("colectivisation", "collectivisation"),
        ("permanant", "permanent"), ("rihgt", "right"), ("helth", "health"),
    ])
    def test_real_slips_are_typos(self, typed: str, known: str) -> None:
        """Slips inside a word, a swap of the first two letters, a long word's first letter."""
        lex = Lexicon([(known, known, False)])
        assert lex.resolve(typed).word == known

    @pytest.mark.parametrize(("typed", "known"), [
        ("tomskii", "tomsky"), ("trotskiy", "trotsky"), ("trotskii", "trotsky"),
        ("rykow", "rykov"), ("rykoff", "rykov"),
    ])
    def test_transliterations_are_read_as_the_name(self, typed: str, known: str) -> None:
        """Russian names in another transliteration are the name, however far in edits."""
        assert spelling_key(typed) == spelling_key(known)
        lex = Lexicon([(known, known, False), ("trotsky", "Trotsky", False)])
        assert lex.resolve(typed).word == known

    def test_the_cache_is_bounded(self) -> None:
        """Resolving many different words does not grow memory without limit."""
        lex = Lexicon([("bukharin", "Bukharin", False)])
        for n in range(5000):
            lex.resolve(f"word{n}x")
        assert len(lex._cache) <= 4096


class TestVerdicts:
    """Verdicts and marks: verdict from score, clamped and deduplicated marks, to_dict."""
    @pytest.mark.parametrize(("score", "verdict"), [
        (1.0, "correct"), (0.0, "wrong"), (0.5, "partial"), (1e-9, "partial"), (2.0, "correct"),
        (-1.0, "wrong"),
    ])
    def test_verdict_follows_the_score(self, score: float, verdict: str) -> None:
        """1 is correct, 0 is wrong, anything strictly between is partial."""
        assert verdict_of(score) == verdict

    def test_make_mark_clamps_and_deduplicates(self) -> None:
        """A mark's score is clamped to 0..1 and repeated feedback is said once."""
        m = make_mark(1.5, ["a", "a", "", "b"], "x", [("p", "q"), ("p", "q")])
        assert (m.score, m.verdict, m.feedback, m.typos) == (1.0, "correct", ("a", "b"),
                                                              (("p", "q"),))

    def test_to_dict(self) -> None:
        """A mark turns into plain JSON-ready data."""
        m = Mark("partial", 0.5, ("why",), "Trotsky", (("Trotksy", "Trotsky"),))
        assert m.to_dict() == {"verdict": "partial", "score": 0.5, "feedback": ["why"],
                               "expected": "Trotsky", "typos": [["Trotksy", "Trotsky"]]}
        assert not m.correct


class TestCaching:
    """Caching and imports: hashable questions compiled once, rapidfuzz lazy, marking kept pure."""
    def test_questions_are_hashable(self) -> None:
        """A loaded question hashes (its dict of field places is left out): it can key a cache."""
        for q in bank():
            assert isinstance(hash(q), int)

    def test_compiled_once_per_question(self) -> None:
        """Marking a question twice folds its answers once."""
        clear_cache()
        q = question("right-members")
        mark(q, "Bukharin")
        mark(q, "Tomsky")
        info = compiled.cache_info()
        assert (info.misses, info.hits) == (1, 1)

    def test_an_equal_question_built_again_shares_the_entry(self) -> None:
        """A question rebuilt with different field places is the same key."""
        q = question("left-leader")
        again = dataclasses.replace(q, field_locs={"answer": Loc(99, 1)})
        assert compiled(q) is compiled(again)

    def test_importing_marking_does_not_import_rapidfuzz(self) -> None:
        """rapidfuzz is imported on first use, not when the CLI starts."""
        code = ("import sys, powerquiz.marking, powerquiz.cli.check; "
                "print('rapidfuzz' in sys.modules)")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={"PYTHONPATH": str(SRC)}, check=True)
        assert out.stdout.strip() == "False"

    def test_marking_package_is_pure(self) -> None:
        """The marking package never imports typer, rich or questionary."""
        code = ("import sys, powerquiz.marking as m; from powerquiz.bank import Question; "
                "m.mark(Question(id='q', topic='t', type='short', parts=(('Bukharin',),)), "
                "'Bukarin'); print(sorted(x for x in ('typer', 'rich', 'questionary') "
                "if x in sys.modules))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={"PYTHONPATH": str(SRC)}, check=True)
        assert out.stdout.strip() == "[]"


class TestParseAnswer:
    """parse_answer: command-line words read per type, unreadable ones refused, marks as a drill."""
    @pytest.mark.parametrize(("qid", "words", "answer"), [
        ("right-members", ["Bukharin,", "Tomsky", "and", "Rykov"], "Bukharin, Tomsky and Rykov"),
        ("nep-defender", ["2"], "2"),
        ("nep-defender", ["Nikolai", "Bukharin"], "Nikolai Bukharin"),
        ("left-removed-choice", ["1929"], "1929"),
        ("left-members-multi", ["1,", "3"], "1, 3"),
        ("right-kept-nep", ["Yes"], "Yes"),
        ("nep-turn-recall", ["hard"], "hard"),
        ("sioc-cloze", ["Socialism in One Country"], "Socialism in One Country"),
        ("dates-cloze", ["1924", "1926", "1929-30"], ["1924", "1926", "1929-30"]),
        ("dates-cloze", ["1924 | 1926 | 1929-30"], ["1924", "1926", "1929-30"]),
        ("turn-sequence", ["2", "3", "1"],
         ["First Five-Year Plan begins", "Grain procurement crisis", "Dizzy with Success"]),
        ("turn-sequence", ["2 > 3 > 1"],
         ["First Five-Year Plan begins", "Grain procurement crisis", "Dizzy with Success"]),
        ("turn-sequence", ["2,", "3,", "1"],
         ["First Five-Year Plan begins", "Grain procurement crisis", "Dizzy with Success"]),
        ("turn-sequence", ["dizzy", ">", "grain", "crisis", ">", "five-year", "plan"],
         ["Dizzy with Success", "Grain procurement crisis", "First Five-Year Plan begins"]),
        ("factions-match", ["Trotsky=Left;", "Bukharin=Right"],
         {"Trotsky": "Left", "Bukharin": "Right"}),
        ("factions-match", ["Trotsky=Left", "Bukharin=Right"],
         {"Trotsky": "Left", "Bukharin": "Right"}),
        ("factions-match", ["trotksy", "=", "left"], {"Trotsky": "left"}),
        ("posts-match", ["Stalin=General", "Secretary;", "Trotsky=War"],
         {"Stalin": "General Secretary", "Trotsky": "War"}),
    ])
    def test_readable_answers(self, qid: str, words: list[str], answer: object) -> None:
        """Command-line words become the answer a drill would pass to mark()."""
        assert parse_answer(question(qid), words) == answer

    @pytest.mark.parametrize(("qid", "words", "message"), [
        ("nep-defender", ["9"], "there is no option 9"),
        ("nep-defender", ["0"], "there is no option 0"),
        ("left-removed-choice", ["9"], "there is no option 9"),
        ("left-members-multi", ["1,", "7"], "there is no option 7"),
        ("right-kept-nep", ["maybe"], "not true or false"),
        ("nep-turn-recall", ["meh"], "again, hard, good or easy"),
        ("dates-cloze", ["1924", "1926"], "has 3 gaps"),
        ("dates-cloze", ["1924", "1926", "1929", "1930"], "(4 given)"),
        ("turn-sequence", ["1", "1", "2"], "given twice"),
        ("turn-sequence", ["1", "9", "2"], "there is no item 9"),
        ("turn-sequence", ["Lenin dies > 1 > 2"], "not one of the items"),
        ("factions-match", ["Trotsky"], "is not a pair"),
        ("factions-match", ["Trotsky=Left;", "Zinoviev"], "is not a pair"),
        ("factions-match", ["Stalin=Left"], "unknown left side 'Stalin'"),
        ("factions-match", ["Trotsky=Left;", "Trotsky=Right"], "matched twice"),
    ])
    def test_unreadable_answers(self, qid: str, words: list[str], message: str) -> None:
        """An answer that cannot be read for the type raises with a plain reason."""
        with pytest.raises(UnreadableAnswer, match=message.replace("(", r"\(").replace(")", r"\)")):
            parse_answer(question(qid), words)

    def test_parsed_answers_mark_as_the_drill_would(self) -> None:
        """What parse_answer returns marks exactly as the same answer given to mark()."""
        q = question("fall-sequence")
        # Numbers as `show` lists the items: the bank's 2 1 3 4 5.
        assert mark(q, parse_answer(q, ["5", "2", "3", "4", "1"])).score == pytest.approx(0.9)


class TestSelfcheck:
    """selfcheck: the banks pass; accepted wrong: entries and clashing match sides are reported."""
    def test_the_marking_bank_passes(self) -> None:
        """Every answer of the test bank is marked correct, and no wrong: entry is."""
        assert selfcheck(bank()) == []

    def test_the_sample_bank_passes(self) -> None:
        """The small sample bank passes selfcheck too."""
        assert selfcheck(load_bank(DATA / "mini.yaml")) == []

    def test_model_answers_cover_alternatives(self) -> None:
        """Each alternative of each part is tried in a full answer."""
        tried = [a for _key, _what, a in model_answers(question("right-members"))]
        assert tried == ["Bukharin, Tomsky and Rykov", "Nikolai Bukharin, Tomsky and Rykov"]

    def test_a_refused_answer_is_reported_where_it_is(self) -> None:
        """Left sides the marker cannot tell apart (Trotsky, trotsky) are an error at the pairs."""
        q = Question(id="m", topic="t", type="match", prompt="?",
                     pairs=(("Trotsky", "Left"), ("trotsky", "Right")),
                     field_locs={"pairs": Loc(7, 13)})
        b = Bank(id="b", title="B", questions=(q,), source="b.yaml")
        problems = selfcheck(b)
        assert problems
        for p in problems:
            assert (p.file, p.line, p.col, p.severity) == ("b.yaml", 7, 13, "error")
        assert "question 'm': the marker does not accept its pairs" in problems[0].message

    def test_options_differing_by_an_article_stay_apart(self) -> None:
        """An option written exactly is that option, even if another differs by "the"."""
        q = Question(id="c", topic="t", type="choice", prompt="?",
                     options=("The Left", "Left"), correct=("Left",))
        assert mark(q, "Left").correct
        assert not mark(q, "The Left").correct

    def test_a_wrong_entry_that_is_accepted_is_reported(self) -> None:
        """A wrong: entry the marker would accept is an error at the wrong: key."""
        q = short("Trotsky", accept=("Leon Trotsky",), wrong=(WrongAnswer("Leon Trotsky"),),
                  loc=Loc(3, 5), field_locs={"wrong": Loc(9, 7)})
        b = Bank(id="b", title="B", questions=(q,), source="b.yaml")
        problems = selfcheck(b)
        assert [(p.line, p.col) for p in problems] == [(9, 7)]
        assert "the wrong answer 'Leon Trotsky' would not be refused" in problems[0].message

    def test_a_list_may_need_the_same_part_twice(self) -> None:
        """A list naming one answer twice ("the Right, the Left, the Right") can be answered."""
        q = short(["the Right", "the Left", "the Right"], ordered=True)
        assert selfcheck(Bank(id="b", title="B", questions=(q,))) == []
        assert mark(q, "Right, Left").score == pytest.approx(2 / 3)

    def test_a_wrong_entry_that_is_a_needed_part_is_reported(self) -> None:
        """In a list, a wrong: entry read as one of the needed parts is reported."""
        q = short(["Bukharin", "Tomsky"], wrong=(WrongAnswer("Tomsky"),))
        problems = selfcheck(Bank(id="b", title="B", questions=(q,)))
        assert any("needed parts" in p.message for p in problems)

    def test_a_wrong_entry_accepted_in_a_gap_is_reported(self) -> None:
        """In a cloze, a wrong: entry accepted in a gap is reported with the gap."""
        q = Question(id="c", topic="t", type="cloze", text="{{Left}} then {{Right}}",
                     gaps=(("Left",), ("Right",)), wrong=(WrongAnswer("the Right"),))
        problems = selfcheck(Bank(id="b", title="B", questions=(q,)))
        assert any("accepted in gap 2" in p.message for p in problems)


class TestRobustness:
    """Robustness: no answer marks wrong, and any answer shape is accepted for any type."""
    def test_a_question_with_no_answer_is_wrong_not_an_error(self) -> None:
        """A question built in code with no answer marks everything wrong."""
        for qtype in ("short", "choice", "multi", "order", "match", "cloze"):
            q = Question(id="q", topic="t", type=qtype)
            assert mark(q, "anything").verdict == "wrong"

    @pytest.mark.parametrize("answer", [True, False, ["a", "b"], {"a": "b"}, "", "9" * 5000])
    def test_any_answer_shape_for_any_type(self, answer: object) -> None:
        """Every type accepts every shape of answer without raising."""
        for q in bank():
            m = mark(q, answer)  # type: ignore[arg-type]
            assert m.verdict in ("correct", "partial", "wrong")
