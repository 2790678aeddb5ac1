"""Reads question files into a bank, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from questions._cache import CheckedFiles, default_cache_file
from questions._categories import Category
from questions._instances import instantiate
from questions._schema import Question
from questions.generators import generator_names

log = logging.getLogger(__name__)

BANK_DIR = Path(__file__).parent / "bank"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, printed as `path: field: what is wrong`."""

    path: Path
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


@dataclass
class QuestionBank:
    """All valid questions, by id and by category, plus the problems found while loading."""

    questions: dict[str, Question] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)
    """The file each question came from, so bank-wide checks can name it."""

    def get(self, question_id: str) -> Question | None:
        return self.questions.get(question_id)

    def in_category(self, category: Category) -> list[Question]:
        return [q for q in self.questions.values() if q.category is category]

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions.values())


def load_bank(root: Path | None = None, *, cache: Path | None = None) -> QuestionBank:
    """Load every `*.yaml` under root; broken files are logged and skipped, never fatal.

    The packaged bank keeps what each file loaded as in a cache (`default_cache_file`, one file per
    bank folder); another root uses one only when `cache` names it.
    """
    checked = CheckedFiles.open(cache or (default_cache_file(BANK_DIR) if root is None else None))
    root = root or BANK_DIR
    paths = sorted(root.rglob("*.yaml"), key=lambda path: path.parts) if root.is_dir() else [root]
    bank = QuestionBank()
    for path in paths:
        question, problems = _read_checked(path, checked)
        if question is not None and question.id in bank.paths:
            problems.append(
                Problem(path, "id", f"duplicate id {question.id!r} (also in {bank.paths[question.id]})")
            )
            question = None
        bank.problems.extend(problems)
        if question is None:
            continue
        bank.paths[question.id] = path
        bank.questions[question.id] = question
    checked.save(set(paths))
    for problem in bank.problems:
        log.warning("skipping broken question file: %s", problem)
    return bank


def _read_checked(path: Path, checked: CheckedFiles) -> tuple[Question | None, list[Problem]]:
    """A file's outcome from the cache while the file is unchanged, else read afresh and kept there."""
    entry = checked.get(path)
    if entry is not None:
        return entry.question, [Problem(path, where, message) for where, message in entry.problems]
    question, problems = read_question(path)
    checked.put(path, question, [(problem.field, problem.message) for problem in problems])
    return question, problems


def read_question(path: Path) -> tuple[Question | None, list[Problem]]:
    """Parse and validate one file, turning YAML and schema errors into Problems."""
    import yaml  # only files the cache does not hold are parsed: a warm start needs no YAML

    # libyaml's safe loader reads the bank about ten times faster than the pure-Python one
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(path, "file", f"cannot read: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "yaml"
        return None, [Problem(path, where, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    if not isinstance(raw, dict):
        return None, [Problem(path, "file", "expected a mapping of fields at the top level")]
    try:
        question = Question.model_validate(raw)
    except ValidationError as exc:
        return None, list(_schema_problems(path, exc.errors()))
    if path.stem != question.id:
        return None, [Problem(path, "id", f"id {question.id!r} must match the file name {path.stem!r}")]
    if question.generator is not None:
        problem = _generator_problem(question)
        if problem:
            return None, [Problem(path, "generator", problem)]
    return question, []


def _generator_problem(question: Question) -> str | None:
    """A generated question must name a known generator whose values fill both templates."""
    if question.generator not in generator_names():
        return f"unknown generator {question.generator!r}; known: {', '.join(generator_names())}"
    try:
        instantiate(question, 0)
    except (KeyError, IndexError, ValueError) as exc:
        return f"the prompt or answer template does not fit the generator's values: {exc!r}"
    return None


def _schema_problems(path: Path, errors: Iterable[ErrorDetails]) -> Iterator[Problem]:
    for error in errors:
        where = ".".join(str(part) for part in error["loc"]) or "file"
        message = error["msg"].removeprefix("Value error, ")
        yield Problem(path, where, message)
