"""Every generated answer, rounded as its prompt asks, is accepted; one or two units off is not."""

from __future__ import annotations

import pytest

from bot.grading._numeric import within
from questions import BANK_DIR, read_question
from questions.generators import generate
from tests.questions.generators.test_classic_ml import DECIMALS as CLASSIC_ML_DECIMALS
from tests.questions.generators.test_experiments import DECIMALS as EXPERIMENT_DECIMALS
from tests.questions.generators.test_layers import DECIMALS as LAYER_DECIMALS
from tests.questions.generators.test_ranking import DECIMALS as RANKING_DECIMALS
from tests.questions.generators.test_stats import DECIMALS as STATS_DECIMALS

DECIMALS = {
    **STATS_DECIMALS,
    **LAYER_DECIMALS,
    **CLASSIC_ML_DECIMALS,
    **EXPERIMENT_DECIMALS,
    **RANKING_DECIMALS,
    "bayes-rare-disease": 3,
}
SEEDS = range(100)


def test_every_generated_question_states_its_precision(bank):
    assert {q.id for q in bank if q.generator} <= set(DECIMALS)


@pytest.mark.parametrize("question_id", sorted(DECIMALS))
def test_answers_rounded_as_asked_are_accepted_and_wrong_ones_are_not(question_id):
    question, problems = read_question(next(BANK_DIR.rglob(f"{question_id}.yaml")))
    assert question is not None, problems
    places = DECIMALS[question_id]
    asked = "an integer" if places == 0 else f"{places} decimal place"
    assert asked in " ".join(question.prompt.split()), question_id
    wrong_by = 1 if places == 0 else 2 * 10.0**-places
    for seed in SEEDS:
        expected = generate(question.generator, seed).answer
        if places == 0:
            assert expected == int(expected), (seed, expected)
        rounded = round(expected, places)
        assert within(question.numeric, rounded, expected), (seed, expected)
        assert not within(question.numeric, rounded + wrong_by, expected), (seed, expected)
        assert not within(question.numeric, rounded - wrong_by, expected), (seed, expected)
