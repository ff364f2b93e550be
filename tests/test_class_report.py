"""The class report's figures (powerquiz.reports), checked against numbers worked by hand."""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from powerquiz.bank import Bank
from powerquiz.bank.loader import parse
from powerquiz.cli.class_view import csv_text, sections, suggest_wrong
from powerquiz.progress import Review
from powerquiz.reports import ClassExport, class_report, fingerprint
from powerquiz.reports.items import cronbach_alpha, pearson
from powerquiz.stats import StatsInput, build_report
from test_stats_support import Log

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=timezone.utc)
_ids = itertools.count()

BANK = textwrap.dedent("""\
    bank: cls
    title: Class test bank
    topics:
      leaders: Leaders
      dates: Dates
    points:
      - id: p-right
        topic: leaders
        text: Tomsky was on the Right.
      - id: p-never
        topic: dates
        text: Nobody practises this one.
    questions:
      - id: q1
        topic: leaders
        type: short
        prompt: Name a member of the Right.
        answer: Tomsky
        explain: He led the unions.
        points: [p-right]
      - id: q2
        topic: leaders
        type: short
        prompt: Who led the Left?
        answer: Trotsky
        wrong:
          Zinoviev: He sided with Trotsky later.
        explain: Trotsky led it.
      - id: q3
        topic: dates
        type: short
        prompt: When was NEP brought in?
        answer: "1921"
        explain: At the Tenth Party Congress.
    """)


@pytest.fixture
def bank(make_bank: Callable[[str], Bank]) -> Bank:
    """The three-question bank of the constructed class."""
    return make_bank(BANK)


def review(question: str, right: bool, answer: str = "", *, kind: str = "exam",
           minutes: int = 0, bank: str = "cls") -> Review:
    """One answer, ``minutes`` after a fixed start an hour before NOW."""
    return Review(id=f"r{next(_ids)}", bank=bank, question=question, kind=kind,  # type: ignore[arg-type]
                  at=NOW - timedelta(hours=1) + timedelta(minutes=minutes),
                  answer=answer or ("right" if right else "wrong"),
                  verdict="correct" if right else "wrong", score=1.0 if right else 0.0,
                  rating=None)


#: First-attempt marks of the constructed class (q1, q2, q3), worked by hand below.
MARKS = {
    "Ann": (1, 1, 1),
    "Ben": (1, 1, 0),
    "Cat": (1, 0, 0),
    "Dan": (0, 1, 0),
    "Eve": (0, 0, 0),
}


def constructed_class() -> list[ClassExport]:
    """Five students who each sat the three questions once, in an exam."""
    return [
        ClassExport(source=f"{name}.json", name=name, reviews=[
            review(q, bool(mark), minutes=i) for i, (q, mark) in
            enumerate(zip(("q1", "q2", "q3"), marks, strict=True))
        ])
        for name, marks in MARKS.items()
    ]


class TestItemAnalysis:
    """Facility, discrimination and alpha match the values worked out by hand."""

    def test_facility_is_the_mean_first_attempt_score(self, bank: Bank) -> None:
        """q1 and q2: 3 of 5 right (0.6); q3: 1 of 5 (0.2)."""
        doc = class_report(constructed_class(), bank, NOW).doc
        assert [q["facility"] for q in doc["questions"]] == [0.6, 0.6, 0.2]

    def test_discrimination_is_the_correlation_with_the_rest(self, bank: Bank) -> None:
        """q1: cov 0.30 / sqrt(1.2 x 0.70) = 0.3273; q3: 0.40 / sqrt(0.80 x 0.70) = 0.5345."""
        doc = class_report(constructed_class(), bank, NOW).doc
        by_id = {q["id"]: q for q in doc["questions"]}
        assert by_id["q1"]["discrimination"] == 0.3273
        assert by_id["q3"]["discrimination"] == 0.5345

    def test_alpha_sd_and_mean_of_the_mock_exam(self, bank: Bank) -> None:
        """Item variances 0.3 + 0.3 + 0.2 = 0.8, total variance 1.3: alpha = 1.5 x 0.5/1.3;
        scores 3, 2, 1, 1, 0 thirds: mean 7/15, sample SD sqrt(1.3)/3."""
        exam = class_report(constructed_class(), bank, NOW).doc["exam"]
        assert exam["alpha"] == 0.5769
        assert exam["mean"] == 0.4667
        assert exam["sd"] == 0.3801
        assert [s["score"] for s in exam["students"]] == [1.0, 0.6667, 0.3333, 0.3333, 0.0]

    def test_discrimination_needs_five_students(self, bank: Bank) -> None:
        """With four students who answered, there is no discrimination index."""
        doc = class_report(constructed_class()[:4], bank, NOW).doc
        assert all(q["discrimination"] is None for q in doc["questions"])

    def test_flags(self, bank: Bank) -> None:
        """Under 0.2 is too hard, over 0.95 too easy, a negative index says check the key."""
        marks = {"A": (1, 0, 0), "B": (1, 0, 0), "C": (1, 0, 1), "D": (1, 0, 1),
                 "E": (1, 1, 1), "F": (1, 0, 1)}
        exports = [ClassExport(f"{n}.json", [review(q, bool(m), minutes=i) for i, (q, m)
                                              in enumerate(zip(("q1", "q2", "q3"), ms,
                                                                strict=True))], name=n)
                   for n, ms in marks.items()]
        by_id = {q["id"]: q for q in class_report(exports, bank, NOW).doc["questions"]}
        assert by_id["q1"]["flags"] == ["too-easy"]
        assert by_id["q2"]["flags"] == ["too-hard"]
        assert "negative-discrimination" not in by_id["q3"]["flags"]
        weakest_right = [ClassExport(f"{n}.json", [review("q1", n in "ABC"),
                                                   review("q3", n in "DE", minutes=1)], name=n)
                         for n in "ABCDE"]
        q3 = class_report(weakest_right, bank, NOW).doc["questions"][2]
        assert q3["discrimination"] == -1.0
        assert "negative-discrimination" in q3["flags"]

    def test_formula_edge_cases(self) -> None:
        """No spread gives no correlation; alpha needs two items and two students."""
        assert pearson([1, 1, 1], [0, 1, 0]) is None
        assert cronbach_alpha([{"a": 1.0, "b": 0.0}], ["a", "b"]) is None
        assert cronbach_alpha([{"a": 1.0}, {"a": 0.0}], ["a"]) is None

    def test_only_the_first_attempt_counts(self, bank: Bank) -> None:
        """A later right answer does not raise the facility; it still counts as an attempt."""
        export = ClassExport("a.json", [review("q1", False), review("q1", True, minutes=5)],
                             name="A")
        q1 = class_report([export], bank, NOW).doc["questions"][0]
        assert q1["facility"] == 0.0 and q1["attempts"] == 2 and q1["students"] == 1


class TestMerging:
    """Exports merge into students: each review once, each student once, one bank only."""

    def test_the_same_review_twice_counts_once(self, bank: Bank) -> None:
        """Two exports of the same progress make one student with each review once."""
        reviews = [review("q1", True), review("q2", False, minutes=1)]
        doc = class_report([ClassExport("a.json", reviews), ClassExport("b.json", reviews)],
                           bank, NOW).doc
        assert len(doc["students"]) == 1
        assert doc["students"][0]["reviews"] == 2

    def test_one_student_in_two_files_is_one_student(self, bank: Bank) -> None:
        """Exports under the same name (case and spaces aside) are one student."""
        home = ClassExport("home.json", [review("q1", True)], name="Alex Smith")
        school = ClassExport("school.json", [review("q2", False, minutes=3)],
                             name="alex  smith")
        doc = class_report([home, school], bank, NOW).doc
        assert [(s["name"], s["reviews"], s["seen"]) for s in doc["students"]] == [
            ("Alex Smith", 2, 2)]

    def test_another_banks_reviews_are_never_mixed_in(self, bank: Bank) -> None:
        """Reviews of another bank in an export are left out of every figure."""
        export = ClassExport("a.json", [review("q1", True), review("q1", False, bank="other")])
        doc = class_report([export], bank, NOW).doc
        assert doc["students"][0]["reviews"] == 1
        assert doc["questions"][0]["attempts"] == 1

    def test_the_order_of_the_files_does_not_matter(self, bank: Bank) -> None:
        """The same exports in reverse order give the same figures."""
        exports = constructed_class()
        assert class_report(exports, bank, NOW).doc == \
            class_report(exports[::-1], bank, NOW).doc

    def test_a_correction_replaces_the_review_it_corrects(self, bank: Bank) -> None:
        """A review corrected in another file of the same student counts as corrected."""
        wrong = review("q1", False, "Tomsky!")
        fixed = Review(id="fix", bank="cls", question="q1", kind="exam", at=wrong.at,
                       answer=wrong.answer, verdict="correct", score=1.0, rating=None,
                       override=True, corrects=wrong.id)
        doc = class_report([ClassExport("a.json", [wrong], name="A"),
                            ClassExport("b.json", [fixed], name="A")], bank, NOW).doc
        assert doc["questions"][0]["facility"] == 1.0


class TestMisconceptions:
    """Wrong answers group as the marker reads them; right answers never appear."""

    def exports(self) -> list[ClassExport]:
        """Wrong answers to q1 (Tomsky): Trotsky three ways, Zinoviev, and Tomsky itself."""
        answers = {"A": "Trotsky", "B": "trotsky.", "C": "Trotksy", "D": "Zinoviev",
                   "E": "  TOMSKY ", "F": "Trotsky"}
        return [ClassExport(f"{n}.json", [review("q1", False, a, kind="drill")], name=n)
                for n, a in answers.items()]

    def test_typo_variants_group_together(self, bank: Bank) -> None:
        """Trotsky, trotsky. and Trotksy are one answer, given 4 times by 4 students."""
        wrong = class_report(self.exports(), bank, NOW).doc["questions"][0]["wrong_answers"]
        assert wrong[0] == {"answer": "Trotsky", "count": 4, "students": 4, "known": False}
        assert [w["answer"] for w in wrong] == ["Trotsky", "Zinoviev"]

    def test_right_answers_never_appear(self, bank: Bank) -> None:
        """An answer matching the key (marked wrong under an older key) is not listed."""
        wrong = class_report(self.exports(), bank, NOW).doc["questions"][0]["wrong_answers"]
        assert all("tomsky" not in w["answer"].casefold() for w in wrong)

    def test_known_says_the_bank_has_the_entry(self, bank: Bank) -> None:
        """A wrong answer the bank lists under wrong: is known."""
        exports = [ClassExport(f"{n}.json", [review("q2", False, "zinoviev")], name=n)
                   for n in "AB"]
        wrong = class_report(exports, bank, NOW).doc["questions"][1]["wrong_answers"]
        assert wrong == [{"answer": "zinoviev", "count": 2, "students": 2, "known": True}]

    def test_suggested_entries_load(self, bank: Bank) -> None:
        """--suggest-wrong's YAML, pasted into the question, loads with the new entries."""
        report = class_report(self.exports(), bank, NOW)
        text = suggest_wrong(report, bank)
        assert "Zinoviev" not in text  # one student only: not frequent
        pasted = BANK.replace("    points: [p-right]\n",
                              "    points: [p-right]\n" + textwrap.indent(text, "    "))
        loaded, problems = parse(pasted, "pasted.yaml")
        assert loaded is not None, [str(p) for p in problems]
        q1 = loaded.question("q1")
        assert q1 is not None and [w.text for w in q1.wrong] == ["Trotsky"]

    def test_nothing_to_suggest_says_so(self, bank: Bank) -> None:
        """With no frequent unknown wrong answer, the YAML is only a comment."""
        exports = [ClassExport(f"{n}.json", [review("q1", True, "Tomsky")], name=n)
                   for n in "ABC"]
        text = suggest_wrong(class_report(exports, bank, NOW), bank)
        assert text.startswith("#") and "wrong:" not in text


class TestStudentsAndTopics:
    """Mastery, accuracy, the at-risk list, points no one practised, changes and names."""

    def test_mastery_is_what_stats_computes(self, bank: Bank) -> None:
        """A student's topic mastery is the `stats` figure for the same drill answers."""
        log = Log(bank="cls")
        log.drill("q1", NOW - timedelta(days=3), 3, answer="Tomsky")
        log.drill("q2", NOW - timedelta(days=2), 1, answer="Zinoviev")
        log.drill("q1", NOW - timedelta(days=1), 3, answer="Tomsky")
        doc = class_report([ClassExport("a.json", log.reviews, name="A")], bank, NOW).doc
        expected = build_report(StatsInput(bank=bank, reviews=log.reviews, cards=log.cards,
                                           now=NOW, tz=timezone.utc))
        leaders = doc["students"][0]["topics"]["leaders"]
        assert leaders["mastery"] == expected["topics"][0]["mastery"]
        assert 0 < leaders["mastery"] < 1
        assert leaders["accuracy"] == round(2 / 3, 4)
        assert doc["students"][0]["topics"]["dates"] == {"mastery": 0.0, "accuracy": None}

    def test_points_no_one_practised_are_listed(self, bank: Bank) -> None:
        """Every learning point is listed, with how many students practised it."""
        points = class_report(constructed_class(), bank, NOW).doc["points"]
        assert [(p["id"], p["students_practised"]) for p in points] == [
            ("p-right", 5), ("p-never", 0)]

    def test_changed_questions(self, bank: Bank) -> None:
        """A question answered under another fingerprint is listed as changed."""
        q1 = bank.question("q1")
        assert q1 is not None
        prints = {"q1": "000000000000", "q2": fingerprint(bank.questions[1])}
        export = ClassExport("a.json", [review("q1", True)], name="A", fingerprints=prints)
        assert class_report([export], bank, NOW).doc["changed_questions"] == ["q1"]

    def test_anonymise_hides_every_name(self, bank: Bank) -> None:
        """With anonymise, S1... replace the names in the figures, the text and the CSV."""
        report = class_report(constructed_class(), bank, NOW, anonymise=True)
        names = [s["name"] for s in report.doc["students"]]
        assert names == ["S1", "S2", "S3", "S4", "S5"]
        shown = str(report.doc) + csv_text(report) + str(sections(report, bank))
        assert not any(name in shown for name in MARKS)

    def test_at_risk_lists_the_weakest_first(self, bank: Bank) -> None:
        """The at-risk list is ordered by mastery, lowest first."""
        report = class_report(constructed_class(), bank, NOW)
        masteries = [r["mastery"] for r in report.at_risk]
        assert masteries == sorted(masteries)

    def test_json_keys_are_exactly_the_documented_ones(self, bank: Bank) -> None:
        """The figures have exactly the keys of the issue, at every level."""
        doc = class_report(constructed_class(), bank, NOW).doc
        assert set(doc) == {"bank", "students", "questions", "topics", "points", "exam",
                            "changed_questions"}
        assert set(doc["students"][0]) == {"name", "reviews", "seen", "mastery", "accuracy",
                                           "topics"}
        assert set(doc["questions"][0]) == {"id", "topic", "attempts", "students", "facility",
                                            "discrimination", "flags", "wrong_answers"}
        assert set(doc["topics"][0]) == {"id", "mastery", "accuracy"}
        assert set(doc["points"][0]) == {"id", "mastery", "students_practised"}
        assert set(doc["exam"]) == {"students", "mean", "sd", "alpha"}

    def test_no_exam_is_null(self, bank: Bank) -> None:
        """Without exam answers the exam figures are null."""
        export = ClassExport("a.json", [review("q1", True, kind="drill")], name="A")
        assert class_report([export], bank, NOW).doc["exam"] is None


class TestReadingFiles:
    """Export files read for the report give the same figures as the store's own data."""

    def test_mastery_from_a_file_uses_the_latest_cards(self, bank: Bank, tmp_path: Path) -> None:
        """Read from an export file, mastery is `stats`' with the store's cards."""
        from powerquiz.progress.transfer import ExportHeader, export_bytes
        from powerquiz.reports.loading import read_class_exports

        log = Log(bank="cls")
        for day in (9, 6, 4, 2):
            log.drill("q1", NOW - timedelta(days=day), 3 if day != 6 else 1, answer="Tomsky")
        log.drill("q2", NOW - timedelta(days=3), 3, answer="Trotsky")
        path = tmp_path / "a.json"
        path.write_bytes(export_bytes({}, log.reviews, ExportHeader(name="A", bank_id="cls")))
        exports, skipped = read_class_exports([path], bank)
        assert not skipped
        doc = class_report(exports, bank, NOW).doc
        expected = build_report(StatsInput(bank=bank, reviews=log.reviews, cards=log.cards,
                                           now=NOW, tz=timezone.utc))
        assert doc["students"][0]["topics"]["leaders"]["mastery"] == \
            expected["topics"][0]["mastery"]
        assert doc["students"][0]["reviews"] == 5

    def test_a_damaged_card_on_the_latest_review_is_refused(self, bank: Bank,
                                                            tmp_path: Path) -> None:
        """The card that is read is still checked: a bad one skips the file, naming it."""
        import json

        from powerquiz.progress.transfer import export_bytes
        from powerquiz.reports.loading import read_class_exports

        log = Log(bank="cls")
        log.drill("q1", NOW - timedelta(days=2), 3)
        doc = json.loads(export_bytes({}, log.reviews))
        doc["reviews"][0]["card"]["stability"] = -5
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        exports, skipped = read_class_exports([path], bank)
        assert exports == [] and len(skipped) == 1
        assert str(path) in str(skipped[0]) and "card" in str(skipped[0])


class TestTerminalLines:
    """The terminal view's lines fit 80 columns and show hostile text escaped."""

    def test_bundled_bank_with_long_and_hostile_names(self, bundled_bank_path: Path) -> None:
        """A 150-character name with ESC and markup, on the bundled bank: every line fits."""
        from powerquiz.bank import load_bank

        bundled = load_bank(bundled_bank_path)
        first = bundled.questions[0]
        name = "\x1b[31m[bold]Alexandra" + "x" * 140
        reviews = [Review(id=f"b{i}", bank=bundled.id, question=q.id, kind="exam",
                          at=NOW - timedelta(minutes=i), answer="Trotsky" * (i % 3 + 1),
                          verdict="wrong", score=0.0, rating=None)
                   for i, q in enumerate(bundled.questions)]
        report = class_report([ClassExport("a.json", reviews, name=name),
                               ClassExport("b.json", reviews[:1], name="B")], bundled, NOW)
        lines = [line for _, body in sections(report, bundled) for line in body]
        assert max(len(line) for line in lines) <= 78  # printed with a 2-space indent
        assert not any("\x1b" in line for line in lines)
        assert any("\\x1b[31m[bold]Alexandra" in line for line in lines)
        assert first.id in "\n".join(lines)


def test_answers_to_questions_gone_from_the_bank_count_nowhere(bank: Bank) -> None:
    """A question deleted from the bank does not change the other questions' figures."""
    base = constructed_class()
    extra = [ClassExport(e.source, [*e.reviews, review("gone", i % 2 == 0, minutes=9)],
                         name=e.name) for i, e in enumerate(base)]
    assert class_report(extra, bank, NOW).doc == class_report(base, bank, NOW).doc


MARK_LISTS = st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=2, max_size=12)


class TestFormulaProperties:
    """Properties the item-analysis formulas keep on any marks."""

    @given(MARK_LISTS, MARK_LISTS)
    def test_pearson_is_symmetric_and_bounded(self, xs: list[float], ys: list[float]) -> None:
        """The correlation is the same both ways round and within -1..1."""
        n = min(len(xs), len(ys))
        r = pearson(xs[:n], ys[:n])
        assert r == pearson(ys[:n], xs[:n])
        assert r is None or -1.0 <= r <= 1.0

    @given(st.lists(st.lists(st.sampled_from([0.0, 1.0]), min_size=3, max_size=3),
                    min_size=2, max_size=10))
    def test_alpha_is_at_most_one(self, rows: list[list[float]]) -> None:
        """Cronbach's alpha never exceeds 1."""
        matrix = [dict(zip("abc", row, strict=True)) for row in rows]
        alpha = cronbach_alpha(matrix, ["a", "b", "c"])
        assert alpha is None or alpha <= 1.0 + 1e-9
