"""The merged plan of a session over several banks, on plain data: two banks whose
question ids repeat, due dates interleaved, each bank's own allowance of new ones."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from powerquiz.bank.model import Bank, Question, Topic
from powerquiz.scheduling import CardState
from powerquiz.session.banks import (
    Part,
    banks_title,
    merge_drill,
    session_questions,
    topic_labels,
)
from powerquiz.session.plan import DrillPlan, plan_drill

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def card(due: datetime) -> CardState:
    seen = due - timedelta(days=3)
    return CardState(card_id=1, state=2, step=None, stability=3.0, difficulty=5.0, due=due,
                     last_review=seen, reps=1, first_review=seen)


def question(qid: str, topic: str = "t") -> Question:
    return Question(id=qid, topic=topic, type="truefalse", prompt=f"{qid}?", truth=True)


def bank_plan(ids: list[str], due_days: dict[str, float], *, limit: int, allowance: int):
    """A bank's own plan over questions ``ids``, with cards due ``due_days`` from now."""
    cards = {qid: card(NOW + timedelta(days=d)) for qid, d in due_days.items()}
    return plan_drill([question(q) for q in ids], cards, NOW, limit=limit,
                      new_allowance=allowance), cards


class TestMergeDrill:
    """Due reviews merged by due date across banks, then new ones within each allowance."""

    def test_due_reviews_of_two_banks_are_merged_most_overdue_first(self):
        """Cards due -5, -1 (bank 0) and -3, -2 (bank 1) come as -5, -3, -2, -1."""
        a = bank_plan(["q1", "q2"], {"q1": -5, "q2": -1}, limit=10, allowance=0)
        b = bank_plan(["q1", "q2"], {"q1": -3, "q2": -2}, limit=10, allowance=0)
        merged = merge_drill([a, b], NOW, limit=10)
        assert [(n, q.id) for n, q in merged.chosen] == [(0, "q1"), (1, "q1"), (1, "q2"),
                                                          (0, "q2")]
        assert merged.due == 4 and merged.new == 0

    def test_same_ids_in_two_banks_stay_apart(self):
        """A question id in both banks is two questions: each with its own bank's place."""
        a = bank_plan(["same"], {"same": -1}, limit=5, allowance=0)
        b = bank_plan(["same"], {}, limit=5, allowance=3)
        merged = merge_drill([a, b], NOW, limit=5)
        assert [(n, q.id) for n, q in merged.chosen] == [(0, "same"), (1, "same")]
        assert (merged.due, merged.new) == (1, 1)

    def test_each_bank_keeps_its_own_new_allowance(self):
        """Bank 0 may add 1 new question, bank 1 may add 3: 4 new in all, round-robin."""
        a = bank_plan(["a1", "a2", "a3"], {}, limit=10, allowance=1)
        b = bank_plan(["b1", "b2", "b3", "b4"], {}, limit=10, allowance=3)
        merged = merge_drill([a, b], NOW, limit=10)
        assert [(n, q.id) for n, q in merged.chosen] == [(0, "a1"), (1, "b1"), (1, "b2"),
                                                          (1, "b3")]
        assert merged.new_waiting == 2 + 1

    def test_the_limit_is_for_the_whole_session(self):
        """--limit 3 over two banks of 3 due each: the 3 most overdue, whichever bank."""
        a = bank_plan(["x", "y", "z"], {"x": -1, "y": -4, "z": -6}, limit=3, allowance=5)
        b = bank_plan(["x", "y", "z"], {"x": -2, "y": -3, "z": -5}, limit=3, allowance=5)
        merged = merge_drill([a, b], NOW, limit=3)
        assert [(n, q.id) for n, q in merged.chosen] == [(0, "z"), (1, "z"), (0, "y")]
        assert merged.per_bank == (2, 1)

    def test_new_questions_come_after_every_due_one(self):
        """A bank's new questions wait until the other bank's due ones are asked."""
        a = bank_plan(["n1", "n2"], {}, limit=3, allowance=5)
        b = bank_plan(["d1", "d2"], {"d1": -1, "d2": -2}, limit=3, allowance=5)
        merged = merge_drill([a, b], NOW, limit=3)
        assert [(n, q.id) for n, q in merged.chosen] == [(1, "d2"), (1, "d1"), (0, "n1")]
        assert merged.new_waiting == 1

    def test_next_due_counts_cards_left_out_by_the_limit(self):
        """A due card cut by the session's limit is the next due, not a later one."""
        a = bank_plan(["p"], {"p": -1}, limit=1, allowance=0)
        b = bank_plan(["p", "later"], {"p": -2, "later": 4}, limit=1, allowance=0)
        merged = merge_drill([a, b], NOW, limit=1)
        assert [(n, q.id) for n, q in merged.chosen] == [(1, "p")]
        assert merged.next_due == NOW - timedelta(days=1)

    def test_questions_brought_forward_for_an_exam_come_between_due_and_new(self):
        """drill --exam: a bank's card not yet due but brought forward comes after every
        bank's due cards and before any new question."""
        qs = {q: question(q) for q in ("due", "ahead", "other", "fresh")}
        cards_a = {"due": card(NOW - timedelta(days=1)), "ahead": card(NOW + timedelta(days=2))}
        cards_b = {"other": card(NOW - timedelta(days=2))}
        a = DrillPlan((qs["due"], qs["ahead"]), due=2, new=0, new_waiting=0, next_due=None)
        b = DrillPlan((qs["other"], qs["fresh"]), due=1, new=1, new_waiting=0, next_due=None)
        merged = merge_drill([(a, cards_a), (b, cards_b)], NOW, limit=10)
        assert [(n, q.id) for n, q in merged.chosen] == [(1, "other"), (0, "due"),
                                                          (0, "ahead"), (1, "fresh")]

    def test_one_bank_merges_to_its_own_plan(self):
        """Merging a single bank's plan asks exactly what that plan asks."""
        plan, cards = bank_plan(["a", "b", "c", "d"], {"a": 2, "b": -1, "c": -3}, limit=3,
                                allowance=2)
        merged = merge_drill([(plan, cards)], NOW, limit=3)
        assert [q for _, q in merged.chosen] == list(plan.questions)
        assert (merged.next_due, merged.new_waiting) == (plan.next_due, plan.new_waiting)


def bank(bid: str, title: str, topics: list[str], ids: list[str]) -> Bank:
    return Bank(id=bid, title=title, topics=tuple(Topic(t, t.title()) for t in topics),
                questions=tuple(question(q, topics[0]) for q in ids))


class TestSessionQuestions:
    """Each question of a several-bank session gets an id of its own."""

    def test_repeated_ids_become_distinct_and_point_back(self):
        """Two banks with the same ids: the session's ids differ, each knows its bank."""
        a, b = bank("a", "A", ["t"], ["q1", "q2"]), bank("b", "B", ["t"], ["q1"])
        questions, where = session_questions([Part(a, a.questions), Part(b, b.questions)])
        assert len({q.id for q in questions}) == 3
        assert [(where[q.id].part, where[q.id].qid) for q in questions] == [
            (0, "q1"), (0, "q2"), (1, "q1")]

    def test_a_shared_topic_names_its_bank_in_the_question(self):
        """Topic 't' in both banks: each question's topic (its header) names its bank,
        and where it came from keeps the bank's own topic id."""
        a, b = bank("a", "A", ["t"], ["q1"]), bank("b", "B", ["t", "u"], ["q1"])
        questions, where = session_questions([Part(a, a.questions), Part(b, b.questions)])
        assert [q.topic for q in questions] == ["t (A)", "t (B)"]
        assert {w.topic for w in where.values()} == {"t"}

    def test_one_bank_keeps_its_questions(self):
        """A one-bank session asks the bank's own question objects, ids unchanged."""
        a = bank("a", "A", ["t"], ["q1"])
        questions, where = session_questions([Part(a, a.questions)])
        assert questions == list(a.questions) and where == {}


class TestNames:
    """How the header and the summary name the banks and their topics."""

    def test_title_names_every_bank(self):
        """Two banks: '2 banks: ' and their titles; one bank: its title alone."""
        a, b = bank("a", "Stalin's rise", ["t"], []), bank("b", "Tudors", ["t"], [])
        assert banks_title([a, b]) == "2 banks: Stalin's rise, Tudors"
        assert banks_title([a]) == "Stalin's rise"

    def test_a_topic_id_in_two_banks_names_its_bank(self):
        """A shared topic id carries its bank's title; a topic of one bank does not."""
        a = bank("a", "Stalin's rise", ["factions", "economy"], [])
        b = bank("b", "Tudors", ["factions", "wives"], [])
        assert topic_labels([a, b]) == [
            {"factions": "factions (Stalin's rise)", "economy": "economy"},
            {"factions": "factions (Tudors)", "wives": "wives"}]
