"""``powerquiz optimize``: fitting FSRS to a student's history, its thresholds and storage."""

from __future__ import annotations

import json
import math
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from powerquiz.cli import app
from powerquiz.exitcodes import ExitCode
from powerquiz.progress import EXPORT_FORMAT, ProgressError, ProgressStore, Review, new_review_id
from powerquiz.scheduling import Rating, Scheduler, new_card
from powerquiz.stats import Fitted, load_parameters, parameters_path, save_parameters
from powerquiz.stats.optimizer import (
    FULL_ITEMS,
    MIN_ITEMS,
    default_parameters,
    fit_parameters,
    training_items,
)

UTC = timezone.utc
START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def drill(question: str, at: datetime, rating: int, bank: str = "mini") -> Review:
    """A drill answer rated ``rating``."""
    return Review(id=new_review_id(), bank=bank, question=question, kind="drill", at=at,
                  answer="x", verdict="wrong" if rating == 1 else "correct",
                  score=0.0 if rating == 1 else 1.0, rating=rating)


def synthetic(cards: int, reviews_each: int, seed: int = 7) -> list[Review]:
    """A student who forgets far more slowly than FSRS's defaults expect.

    Each question is answered at growing random gaps; whether it is recalled is drawn from
    a forgetting curve with a stability ten times the gap, so most answers are right
    even after long gaps.
    """
    rng = random.Random(seed)
    out = []
    for c in range(cards):
        at = START + timedelta(hours=c)
        out.append(drill(f"q{c}", at, 3))
        stability = 20.0
        for _ in range(reviews_each):
            gap = rng.randint(1, 40)
            at += timedelta(days=gap)
            recalled = rng.random() < (1 + gap / (9 * stability)) ** -1
            out.append(drill(f"q{c}", at, 3 if recalled else 1))
            stability = stability * 2 if recalled else max(2.0, stability / 2)
    return out


def test_the_fitted_parameters_beat_the_defaults() -> None:
    """On a synthetic history the full fit has lower log loss than the defaults."""
    fit = fit_parameters(synthetic(120, 6), UTC)
    assert fit.stage == "full" and fit.items >= FULL_ITEMS and fit.needed == 0
    assert fit.log_loss_after is not None and fit.log_loss_before is not None
    assert fit.log_loss_after < fit.log_loss_before
    assert fit.better
    assert len(fit.parameters) == 21 and all(math.isfinite(p) for p in fit.parameters)
    assert fit.parameters != default_parameters()


class TestThresholds:
    """The library's thresholds decide what is fitted, and the user is told which."""

    def test_too_few_keeps_the_defaults(self) -> None:
        """Under 8 training items nothing is fitted and the count still needed is given."""
        fit = fit_parameters(synthetic(3, 2), UTC)
        assert fit.stage == "too few" and fit.items == 6
        assert fit.needed == MIN_ITEMS - 6
        assert fit.parameters == default_parameters() and not fit.better

    def test_initial_stabilities_only(self) -> None:
        """Under 64 items only the four initial stabilities change."""
        reviews = []
        for c in range(20):  # answered, then a day later, then three days after that
            reviews += [drill(f"q{c}", START, 3),
                        drill(f"q{c}", START + timedelta(days=1), 3 if c % 5 else 1),
                        drill(f"q{c}", START + timedelta(days=4), 3)]
        fit = fit_parameters(reviews, UTC)
        assert fit.stage == "initial stabilities" and fit.items == 40
        assert fit.needed == FULL_ITEMS - 40
        assert fit.parameters[:4] != pytest.approx(default_parameters()[:4], abs=1e-3)
        assert fit.parameters[4:] == pytest.approx(default_parameters()[4:], abs=1e-6)

    def test_what_counts_as_a_training_item(self) -> None:
        """First answers, same-day repeats and practice answers are not training items."""
        reviews = [
            drill("a", START, 3),
            drill("a", START + timedelta(hours=2), 3),   # same day: delta 0, not long-term
            drill("a", START + timedelta(days=3), 3),    # an item
            drill("b", START, 1),                        # first answer only
        ]
        practice = Review(id=new_review_id(), bank="mini", question="a", kind="practice",
                          at=START + timedelta(days=9), answer="x", verdict="correct",
                          score=1.0, rating=None)
        items = training_items([*reviews, practice], UTC)
        assert len(items) == 1
        assert len(items[0].reviews) == 3 and items[0].long_term_review_cnt() == 1


def damaged_settings(progress: Path, entry: bytes) -> bytes:
    """Write a schema-3 progress file whose settings for bank "mini" are ``entry``."""
    content = (b'{"schema": 3, "log_bytes": 0, "cards": {}, "settings": {"mini": '
               + entry + b"}}")
    progress.write_bytes(content)
    return content


class TestStorage:
    """Parameters live in the progress file, behind save/load_parameters."""

    def test_round_trip_and_reset(self, tmp_path: Path) -> None:
        """What is saved is loaded back per bank; None forgets one bank only."""
        progress = tmp_path / "progress.json"
        assert load_parameters(progress, "mini") is None
        fitted = Fitted(parameters=default_parameters(), desired_retention=0.85, reviews=3)
        save_parameters(progress, "mini", fitted)
        save_parameters(progress, "other", Fitted(parameters=None, desired_retention=0.8))
        assert not parameters_path(progress).exists()
        on_disk = json.loads(progress.read_text())["settings"]
        assert on_disk["mini"]["parameters"] == list(default_parameters())
        assert load_parameters(progress, "mini") == fitted
        save_parameters(progress, "mini", None)
        assert load_parameters(progress, "mini") is None
        assert load_parameters(progress, "other") == Fitted(None, 0.8)

    @pytest.mark.parametrize("entry", [
        b'{"parameters": [1, 2]}', b'{"parameters": null, "desired_retention": 1.5}',
        b'{"parameters": null, "desired_retention": true}', b'"text"',
    ])
    def test_damaged_bank_entry(self, tmp_path: Path, entry: bytes) -> None:
        """A damaged bank entry is refused on reading and writing; the file is untouched."""
        progress = tmp_path / "progress.json"
        content = damaged_settings(progress, entry)
        with pytest.raises(ProgressError, match="settings of bank 'mini'"):
            load_parameters(progress, "mini")
        with pytest.raises(ProgressError, match="settings of bank 'mini'"):
            save_parameters(progress, "mini", None)
        assert progress.read_bytes() == content

    @pytest.mark.parametrize("content", [b"not json", b"[]", b'{"format": "x", "banks": {}}'])
    def test_damaged_interim_file_is_ignored_untouched(self, tmp_path: Path,
                                                       content: bytes) -> None:
        """A damaged interim parameters file is never adopted nor changed: the defaults."""
        progress = tmp_path / "progress.json"
        parameters_path(progress).write_bytes(content)
        assert load_parameters(progress, "mini") is None
        save_parameters(progress, "mini", Fitted(None, 0.8))
        assert load_parameters(progress, "mini") == Fitted(None, 0.8)
        assert parameters_path(progress).read_bytes() == content


def save(path: Path, reviews: list[Review]) -> None:
    """Put ``reviews`` into the progress store at ``path``."""
    export = path.with_name("export.json")
    export.write_text(json.dumps({"format": EXPORT_FORMAT, "schema": 2, "cards": {},
                                  "reviews": [r.to_dict() for r in reviews]}))
    ProgressStore(path).import_(export)


def run(*args: str) -> Result:
    """Run ``powerquiz ARGS``."""
    return CliRunner().invoke(app, list(args))


class TestCommand:
    """The optimize command shows the fit, keeps it only when better, and resets."""

    def test_too_few_reviews(self, mini_bank_path: Path, tmp_path: Path) -> None:
        """With no history it says how many more are needed and writes nothing."""
        progress = tmp_path / "progress.json"
        result = run("optimize", "--bank", str(mini_bank_path), "--progress", str(progress))
        assert result.exit_code == 0, result.output
        assert "Too few to fit" in result.stdout and "8 more are needed" in result.stdout
        assert not progress.exists() and not parameters_path(progress).exists()

    def test_fit_keep_use_and_reset(self, mini_bank_path: Path, tmp_path: Path) -> None:
        """A good fit is kept with the retention, stats uses it, --reset forgets it."""
        progress = tmp_path / "progress.json"
        save(progress, synthetic(120, 6))
        base = ["--bank", str(mini_bank_path), "--progress", str(progress)]
        result = run("optimize", *base, "--retention", "0.85")
        assert result.exit_code == 0, result.output
        assert "Fit before: log loss" in result.stdout and "kept." in result.stdout
        saved = load_parameters(progress, "mini")
        assert saved is not None and saved.parameters is not None
        assert saved.desired_retention == 0.85
        stats = run("stats", *base, "--json")
        assert json.loads(stats.stdout)["desired_retention"] == 0.85
        reset = run("optimize", *base, "--reset")
        assert reset.exit_code == 0 and "default" in reset.stdout
        assert load_parameters(progress, "mini") is None

    def test_damaged_parameters(self, mini_bank_path: Path, tmp_path: Path) -> None:
        """Damaged saved parameters: a clear error, exit 1, the progress file untouched."""
        progress = tmp_path / "progress.json"
        content = damaged_settings(progress, b'{"parameters": [1, 2]}')
        for extra in ([], ["--reset"], ["--retention", "0.8"]):
            result = run("optimize", "--bank", str(mini_bank_path), "--progress",
                         str(progress), *extra)
            assert result.exit_code == ExitCode.INVALID
            assert "parameters must be 21 numbers" in result.stderr
            assert "Traceback" not in result.output
        assert progress.read_bytes() == content


def test_stats_refuses_damaged_parameters(mini_bank_path: Path, tmp_path: Path) -> None:
    """stats with damaged saved parameters: a clear error, exit 1, the file untouched."""
    progress = tmp_path / "progress.json"
    content = damaged_settings(progress, b'{"parameters": null, "desired_retention": 2}')
    result = run("stats", "--bank", str(mini_bank_path), "--progress", str(progress))
    assert result.exit_code == ExitCode.INVALID
    assert "desired_retention must be a number between 0 and 1" in result.stderr
    assert progress.read_bytes() == content


@pytest.mark.parametrize("value", ["0.5", "1", "abc"])
def test_retention_out_of_range(mini_bank_path: Path, tmp_path: Path, value: str) -> None:
    """--retention outside 0.7 to 0.99 is a usage error and nothing is written."""
    progress = tmp_path / "progress.json"
    result = run("optimize", "--bank", str(mini_bank_path), "--progress", str(progress),
                 "--retention", value)
    assert result.exit_code == ExitCode.USAGE
    assert not progress.exists() and not parameters_path(progress).exists()


class TestNextSession:
    """Later drills schedule with the saved parameters and retention."""

    def test_a_drill_after_optimize_uses_the_fitted_parameters(
        self, mini_bank_path: Path, tmp_path: Path
    ) -> None:
        """The card a drill saves is what FSRS gives with the fitted parameters."""
        progress = tmp_path / "progress.json"
        save(progress, synthetic(120, 6))
        assert run("optimize", "--bank", str(mini_bank_path), "--progress",
                   str(progress)).exit_code == 0
        saved = load_parameters(progress, "mini")
        assert saved is not None and saved.parameters is not None
        assert saved.parameters != default_parameters()
        result = CliRunner().invoke(app, [
            "drill", "--bank", str(mini_bank_path), "--progress", str(progress),
            "--type", "short", "--seed", "3"], input="Bukharin, Tomsky and Rykov\n")
        assert result.exit_code == 0, result.output
        (review,) = [r for r in ProgressStore(progress).reviews("mini")
                     if r.question == "right-opposition-members"]
        assert review.card is not None and review.rating is not None
        start = new_card("mini", review.question, review.at)
        fitted = Scheduler(0.9, enable_fuzzing=False, parameters=saved.parameters)
        default = Scheduler(0.9, enable_fuzzing=False)
        expected = fitted.review(start, Rating(review.rating), review.at)
        assert review.card.stability == expected.stability
        assert review.card.difficulty == expected.difficulty
        assert expected.stability != default.review(start, Rating(review.rating),
                                                     review.at).stability

    def test_drill_retention_is_kept_for_the_bank(self, mini_bank_path: Path,
                                                  tmp_path: Path) -> None:
        """drill --retention R stores R; fitted parameters stay; the stats show R."""
        progress = tmp_path / "progress.json"
        save_parameters(progress, "mini", Fitted(parameters=default_parameters(),
                                                 desired_retention=0.9, reviews=9))
        base = ["--bank", str(mini_bank_path), "--progress", str(progress)]
        result = CliRunner().invoke(app, ["drill", *base, "--type", "short", "--retention",
                                          "0.8"], input="Bukharin, Tomsky and Rykov\n")
        assert result.exit_code == 0, result.output
        saved = load_parameters(progress, "mini")
        assert saved == Fitted(parameters=default_parameters(), desired_retention=0.8,
                               reviews=9)
        stats = run("stats", *base, "--json")
        assert json.loads(stats.stdout)["desired_retention"] == 0.8

    def test_a_drill_without_retention_changes_nothing(self, mini_bank_path: Path,
                                                       tmp_path: Path) -> None:
        """Without --retention nothing is stored (the defaults stay the defaults)."""
        progress = tmp_path / "progress.json"
        result = CliRunner().invoke(app, ["drill", "--bank", str(mini_bank_path),
                                          "--progress", str(progress), "--type", "short"],
                                    input="Bukharin, Tomsky and Rykov\n")
        assert result.exit_code == 0, result.output
        assert load_parameters(progress, "mini") is None


def test_without_progress_every_command_uses_the_data_folder(mini_bank_path: Path) -> None:
    """drill, optimize and stats all use $POWERQUIZ_HOME's progress file when none is given."""
    bank = ["--bank", str(mini_bank_path)]
    drilled = CliRunner().invoke(app, ["drill", *bank, "--type", "short", "--retention", "0.85"],
                                 input="Bukharin, Tomsky and Rykov\n")
    assert drilled.exit_code == 0, drilled.output
    assert run("optimize", *bank, "--retention", "0.8").exit_code == 0
    stats = json.loads(run("stats", *bank, "--json").stdout)
    assert stats["overview"]["reviews"] == 1
    assert stats["desired_retention"] == 0.8
