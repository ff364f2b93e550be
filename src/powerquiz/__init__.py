"""powerquiz: terminal revision quizzes with spaced repetition."""

__version__ = "0.1.0"

# Every question type registers its kind (see powerquiz.bank.registry) before any
# part of powerquiz runs.
import powerquiz.qtypes  # noqa: F401
