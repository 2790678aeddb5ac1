"""Key-point matching: paraphrase, stems, typos, spelling, symbols, negation and weights."""

from __future__ import annotations

import pytest

from bot.grading import grade_rubric
from questions import KeyPoint


def point(*groups: list[str], weight: float = 1.0, name: str = "the point") -> KeyPoint:
    return KeyPoint(point=name, match=list(groups), weight=weight)


def covers(key_point: KeyPoint, text: str) -> bool:
    return grade_rubric([key_point], text).score == 1.0


def test_exact_phrase():
    assert covers(point(["weight decay"]), "we add weight decay to the loss")


def test_absent_phrase_is_missing():
    grade = grade_rubric([point(["ensemble"], name="Ensemble view")], "it scales activations")
    assert grade.score == 0.0
    assert grade.covered == ()
    assert grade.missing == ("Ensemble view",)


def test_any_phrase_in_a_group_suffices():
    assert covers(point(["bernoulli", "random", "stochastic"]), "units are dropped at random")


def test_every_group_must_be_matched():
    key_point = point(["inference", "test time"], ["full network", "all units"])
    assert covers(key_point, "at test time the full network is used")
    assert not covers(key_point, "at test time we rescale")


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("sparse weight", "L1 gives sparse weights"),
        ("overfitting", "it reduces overfit"),
        ("overfit", "it stops the model overfitting"),
        ("feature selection", "L1 does feature selections"),
        ("shrinks", "the penalty shrinking every weight"),
    ],
)
def test_plural_and_stem_variants(phrase, text):
    assert covers(point([phrase]), text)


def test_one_letter_typo_in_a_long_word():
    assert covers(point(["regularisation"]), "regulerisation helps generalise")


def test_typos_are_not_allowed_in_short_words():
    assert not covers(point(["bias"]), "bais")


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("regularization", "regularisation helps"),
        ("regularisation", "regularization helps"),
        ("normalize", "we normalise inputs"),
        ("batch normalization", "add batch normalisation"),
    ],
)
def test_british_and_american_spelling(phrase, text):
    assert covers(point([phrase]), text)


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("sigmoid", "apply σ to the logit"),
        ("sigmoid derivative", "σ' = σ(1 − σ)"),
        ("gradient", "compute ∇L with respect to w"),
        ("l1", "add λ||w||₁ to the loss"),
        ("l1", "add lambda ||w||_1 to the loss"),
        ("l2", "penalise ||w||²"),
        ("l2", "use weight decay"),
        ("l2", "ridge regression"),
        ("l1", "lasso regression"),
    ],
)
def test_symbols_and_notation(phrase, text):
    assert covers(point([phrase]), text)


def test_negated_plain_phrase_does_not_count():
    assert not covers(point(["sparse"]), "L1 does not give sparse weights")
    assert covers(point(["sparse"]), "L1 gives sparse weights")


def test_contracted_negation_does_not_count():
    assert not covers(point(["sparse"]), "L2 doesn't give sparse weights")


def test_negation_stops_at_a_clause_break():
    assert covers(point(["sparse"]), "L2 is not like that. L1 gives sparse weights")


def test_bang_phrase_counts_when_negated():
    dense = point(["l2"], ["!zero"])
    assert covers(dense, "L2 weights are not zero")
    assert covers(dense, "with L2 the weights never become exactly zero")


def test_bang_phrase_counts_with_rarely():
    assert covers(point(["l2"], ["!zero"]), "L2 rarely drives weights to exactly zero")


def test_bang_phrase_does_not_count_when_affirmed():
    assert not covers(point(["l2"], ["!zero"]), "L2 drives weights to zero")


def test_rarely_negates_a_plain_phrase():
    assert not covers(point(["sparse"]), "L2 rarely gives sparse weights")


@pytest.mark.parametrize(
    "text",
    [
        "L1 is not smooth, whereas L2 goes to zero",
        "L1 is not smooth whereas L2 goes to zero",
        "L1 is not smooth however L2 goes to zero",
    ],
)
def test_negation_does_not_reach_across_a_contrast_word(text):
    """'not' belongs to the L1 clause; the L2 clause affirms zero, so the '!zero' point is not earned."""
    assert not covers(point(["l2"], ["!zero"]), text)


def test_weights_set_the_score():
    rubric = [
        point(["sparse"], name="Sparsity", weight=3),
        point(["laplace"], name="Laplace prior", weight=1),
    ]
    assert grade_rubric(rubric, "L1 is sparse").score == 0.75
    assert grade_rubric(rubric, "a Laplace prior").score == 0.25
    assert grade_rubric(rubric, "sparse, from a Laplace prior").score == 1.0


def test_covered_and_missing_keep_rubric_order():
    rubric = [
        point(["sign"], name="first"),
        point(["proportional"], name="second"),
        point(["sparse"], name="third"),
        point(["laplace"], name="fourth"),
    ]
    grade = grade_rubric(rubric, "a Laplace prior makes L1 sparse; its gradient is the sign of w")
    assert grade.covered == ("first", "third", "fourth")
    assert grade.missing == ("second",)
    assert grade.score == 0.75
    assert "3 of 4" in grade.feedback


@pytest.mark.parametrize(
    "text", ["", "nothing relevant", "sparse sparse sparse laplace laplace sign sign", "σ∇λ" * 50]
)
def test_score_is_within_unit_interval(text):
    rubric = [point(["sparse"]), point(["laplace"], weight=0.5), point(["sign"], weight=2)]
    score = grade_rubric(rubric, text).score
    assert 0.0 <= score <= 1.0


def test_all_points_covered_scores_one_and_says_so():
    grade = grade_rubric([point(["sparse"]), point(["laplace"])], "sparse weights from a Laplace prior")
    assert grade.score == 1.0
    assert grade.missing == ()
    assert grade.feedback == "You covered all 2 key points."


@pytest.mark.parametrize(
    ("written", "expected", "same"),
    [
        ("gradeint", "gradient", True),
        ("varience", "variance", True),
        ("correct", "incorrect", False),
        ("biased", "unbiased", False),
        ("lower", "power", False),
    ],
)
def test_typo_tolerance_keeps_opposites_apart(written, expected, same):
    assert covers(point([expected]), f"the {written} one") is same
