"""Every numeric answer in the bank is computed by code here, never just trusted from a file."""

from __future__ import annotations

import importlib
import math
import pkgutil

import pytest

from bot.grading._numeric import within
from questions import Kind, instantiate
from questions.generators import generator_names
from tests.questions import answers


def _expected() -> dict:
    merged: dict = {}
    for module in pkgutil.iter_modules(answers.__path__):
        table = importlib.import_module(f"{answers.__name__}.{module.name}").EXPECTED
        assert not set(table) & set(merged), f"{module.name} repeats ids"
        merged.update(table)
    return merged


EXPECTED = _expected()


def test_every_static_numeric_answer_is_recomputed(test_bank):
    static = {q.id: q for q in test_bank if q.kind is Kind.NUMERIC and q.generator is None}
    assert set(static) <= set(EXPECTED), f"no computation for {sorted(set(static) - set(EXPECTED))}"
    for question_id, question in static.items():
        computed = EXPECTED[question_id]()
        assert within(question.numeric, computed), (
            f"{question_id}: file says {question.numeric.value}, code {computed}"
        )


def test_every_generator_is_used_and_varies(bank):
    used = {q.generator for q in bank if q.generator}
    assert used == set(generator_names()), f"unused generators: {set(generator_names()) - used}"
    for question in (q for q in bank if q.generator):
        answers_seen = {round(instantiate(question, seed).expected, 9) for seed in range(40)}
        assert len(answers_seen) > 1, f"{question.id} gives the same answer for every seed"


@pytest.mark.parametrize("seed", range(100))
def test_generated_questions_render_with_finite_answers(bank, seed):
    for question in (q for q in bank if q.generator):
        instance = instantiate(question, seed)
        assert math.isfinite(instance.expected), question.id
        assert "{" not in instance.prompt and "}" not in instance.prompt, question.id
