"""Finding questions by their words: ``powerquiz.bank.search`` and ``list --search``/``--json``."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from powerquiz.bank import load_bank
from powerquiz.bank.search import fold, matches, search
from powerquiz.cli import app

REPO = Path(__file__).resolve().parent.parent
BUNDLED = load_bank(REPO / "data" / "questions.yaml")
BY_ID = {q.id: q for q in BUNDLED.questions}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1"})
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


class TestMatches:
    """Which questions a query finds."""

    def test_every_word_must_be_found(self) -> None:
        """Two words find only questions holding both."""
        found = search(BUNDLED.questions, "chief mourner")
        assert found and all("mourner" in fold(q.display_prompt + q.expected + q.explain)
                             for q in found)
        assert "chief-mourner" in [q.id for q in found]
        assert search(BUNDLED.questions, "chief mourner zzzz") == []

    def test_capitals_accents_and_word_starts(self) -> None:
        """'TROTSKY', 'trótsky' and 'trot' find what 'Trotsky' finds; 'rotsky' finds nothing
        (a word must start with what is typed)."""
        base = search(BUNDLED.questions, "Trotsky")
        assert base
        for query in ("TROTSKY", "trótsky"):
            assert search(BUNDLED.questions, query) == base
        assert set(map(id, base)) <= set(map(id, search(BUNDLED.questions, "trot")))
        assert search(BUNDLED.questions, "rotsky") == []

    def test_answer_options_and_tags_count(self) -> None:
        """A word only in a question's answer finds it."""
        q = BY_ID["right-opposition-members"]
        assert "tomsky" in fold(q.expected) and "tomsky" not in fold(q.display_prompt)
        assert matches(q, "tomsky")

    def test_empty_query_finds_all(self) -> None:
        """A query with no words is no filter."""
        assert search(BUNDLED.questions, "  ,, ") == list(BUNDLED.questions)

    @given(st.sampled_from(BUNDLED.questions), st.data())
    def test_own_words_always_find_a_question(self, q: object, data: st.DataObject) -> None:
        """Any words taken from a question's own prompt find it."""
        words = re.findall(r"\w+", q.display_prompt)  # type: ignore[attr-defined]
        chosen = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=3))
        assert matches(q, " ".join(chosen))  # type: ignore[arg-type]


class TestListCommand:
    """list --search and --json, topics --json."""

    def test_search_lists_and_counts(self) -> None:
        """The table holds the found questions and the line below counts them."""
        code, out = run("list", "--search", "chief mourner")
        wanted = search(BUNDLED.questions, "chief mourner")
        assert code == 0 and f"{len(wanted)} of {len(BUNDLED.questions)} questions" in out
        assert "chief-mourner" in out

    def test_nothing_found_is_one_line(self) -> None:
        """No match: one plain line, exit 0, no empty table."""
        code, out = run("list", "-s", "zzzz")
        total = len(BUNDLED.questions)
        assert code == 0 and out.strip() == f"No question matches, of {total} questions."

    def test_json_with_filters(self) -> None:
        """--json lists the chosen questions with the counts, after --topic and --search."""
        code, out = run("list", "--json", "--topic", "factions", "--search", "Bukharin")
        data = json.loads(out)
        wanted = [q.id for q in search(BUNDLED.select(("factions",), ()), "Bukharin")]
        assert code == 0 and [q["id"] for q in data["questions"]] == wanted
        assert data["shown"] == len(wanted) and data["total"] == len(BUNDLED.questions)
        assert set(data["questions"][0]) == {"id", "topic", "type", "prompt"}

    def test_topics_json(self) -> None:
        """topics --json gives each topic's id, title and question count."""
        code, out = run("topics", "--json")
        data = json.loads(out)
        assert code == 0 and data["questions"] == len(BUNDLED.questions)
        counts = {t["id"]: t["questions"] for t in data["topics"]}
        assert counts == {t.id: sum(q.topic == t.id for q in BUNDLED.questions)
                          for t in BUNDLED.topics}
