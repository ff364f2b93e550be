"""The question bank: its model, loading and validation."""

from powerquiz.bank.loader import load, load_bank
from powerquiz.bank.model import (
    QUESTION_TYPES,
    Bank,
    Loc,
    Point,
    Question,
    QuestionType,
    Topic,
    WrongAnswer,
)
from powerquiz.bank.problems import BankError, Problem

__all__ = [
    "QUESTION_TYPES",
    "Bank",
    "BankError",
    "Loc",
    "Point",
    "Problem",
    "Question",
    "QuestionType",
    "Topic",
    "WrongAnswer",
    "load",
    "load_bank",
]
