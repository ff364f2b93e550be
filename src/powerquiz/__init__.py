"""powerquiz: terminal revision quizzes with spaced repetition."""

__version__ = "0.1.0"
