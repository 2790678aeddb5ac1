"""The question bank: one YAML file per question, a typed schema and a loader."""

from questions._categories import DEFAULT_WEIGHTS, Category, category_words, parse_category
from questions._instances import Instance, instantiate
from questions._loader import BANK_DIR, Problem, QuestionBank, load_bank, read_question
from questions._schema import (
    CodeTask,
    Difficulty,
    KeyPoint,
    Kind,
    Language,
    Misconception,
    NumericAnswer,
    Question,
    Tolerance,
)

__all__ = [
    "BANK_DIR",
    "DEFAULT_WEIGHTS",
    "Category",
    "CodeTask",
    "Difficulty",
    "Instance",
    "KeyPoint",
    "Kind",
    "Language",
    "Misconception",
    "NumericAnswer",
    "Problem",
    "Question",
    "QuestionBank",
    "Tolerance",
    "category_words",
    "instantiate",
    "load_bank",
    "parse_category",
    "read_question",
]
