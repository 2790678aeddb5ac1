"""Key-point matching: paraphrase, stems, typos, spelling, symbols, negation, windows and weights."""

from __future__ import annotations

import pytest

from bot.grading import grade_rubric
from bot.grading._rubric import COVERAGE_CURVE, MISCONCEPTION_PENALTY, OWNERSHIP_CAP
from bot.grading._salad import SALAD_CAP
from questions import KeyPoint, Misconception


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
        ("sigmoid", "apply σ(z) to the logit"),
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
    assert grade_rubric(rubric, "L1 is sparse").score == round(0.75**COVERAGE_CURVE, 3)
    assert grade_rubric(rubric, "a Laplace prior").score == round(0.25**COVERAGE_CURVE, 3)
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
    assert grade.score == round(0.75**COVERAGE_CURVE, 3)
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


def test_phrases_of_a_point_must_be_said_together():
    key_point = point(["l1", "lasso"], ["sparse"])
    assert covers(key_point, "With L1 most weights end up sparse.")
    assert covers(key_point, "Sparse weights are what L1 gives.")
    far_apart = "L1 is one penalty. It has a long history. In practice? Its weights come out sparse."
    assert not covers(key_point, far_apart)


def test_a_point_may_span_two_adjacent_sentences():
    key_point = point(["l1"], ["sparse"])
    assert covers(key_point, "Look at L1. Its solutions are sparse.")
    assert not covers(key_point, "Look at L1. Nothing else. Its solutions are sparse.")


def test_contrast_aside_is_not_the_claim():
    sparse_l2 = point(["l2"], ["sparse"])
    assert not covers(sparse_l2, "Unlike L2, L1 gives sparse weights.")
    assert not covers(sparse_l2, "L1 gives sparse weights, whereas L2 shrinks them.")
    assert covers(sparse_l2, "L2 gives sparse weights.")


@pytest.mark.parametrize(
    "text",
    [
        "we didn't compare against any baseline",
        "a baseline isn't something we had",
        "there was no baseline",
    ],
)
def test_negation_before_or_after_the_phrase(text):
    assert not covers(point(["baseline"]), text)


@pytest.mark.parametrize(
    "text",
    [
        "L1 gives sparse weights. That's a myth.",
        "L1 gives sparse weights. None of that holds.",
        "L1 gives sparse weights, but this is wrong.",
        "The idea that L1 gives sparse weights is simply incorrect.",
    ],
)
def test_sentence_level_denial_takes_the_claim_back(text):
    assert not covers(point(["l1"], ["sparse"]), text)


def test_bang_phrase_counts_when_denied_by_a_sentence():
    assert covers(point(["l2"], ["!zero"]), "L2 drives weights to exactly zero. That's a myth.")


@pytest.mark.parametrize(
    ("text", "same"),
    [("w ← w − η∇L", True), ("w ← w - lr * grad L", False), ("w ← w + η∇L", False)],
)
def test_operators_decide_a_formula(text, same):
    assert covers(point(["w - η∇L", "w − eta * gradient"]), text) is same


def test_sigmoid_derivative_sign():
    derivative = point(["σ(1 − σ)"])
    assert covers(derivative, "its derivative is σ(1−σ)")
    assert not covers(derivative, "its derivative is σ(1+σ)")


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("experiment", "ask an expert"),
        ("variational", "small variations"),
        ("grouped", "my research group"),
        ("normalisation", "a normal distribution"),
    ],
)
def test_typos_are_judged_on_written_words_not_stems(phrase, text):
    assert not covers(point([phrase]), text)


def test_a_typo_still_matches():
    assert covers(point(["experiment"]), "we ran an experimnet")


def test_echoing_the_prompt_earns_nothing():
    prompt = "Explain how dropout works during training and at inference."
    rubric = [point(["training"], ["dropout"], name="training")]
    echo = grade_rubric(rubric, "Dropout works during training and at inference.", prompt=prompt)
    assert echo.score == 0.0
    claim = grade_rubric(rubric, "During training dropout zeroes random units.", prompt=prompt)
    assert claim.score == 1.0


def test_a_non_echo_phrase_is_enough():
    prompt = "Explain dropout."
    rubric = [point(["dropout"], ["bernoulli"])]
    assert grade_rubric(rubric, "Dropout uses a Bernoulli mask.", prompt=prompt).score == 1.0


DROPOUT_RUBRIC = [
    point(["bernoulli", "random"], ["mask", "zero"], name="random mask"),
    point(["1 - p", "keep probability"], ["scale", "divide"], name="rescale"),
    point(["inference", "test time"], ["!dropout", "full network"], name="inference"),
    point(["ensemble", "sub-network"], name="ensemble"),
    point(["co-adaptation", "overfitting"], name="co-adaptation"),
]


def test_keyword_salad_is_capped_and_told_why():
    salad = (
        "Dropout, Bernoulli mask, random zero, 1 - p, keep probability, scale, divide, inference, "
        "full network, ensemble, sub-network, co-adaptation, overfitting"
    )
    grade = grade_rubric(DROPOUT_RUBRIC, salad)
    assert grade.score == SALAD_CAP
    assert "list of terms" in grade.feedback


def test_run_on_salad_without_punctuation_is_capped():
    salad = (
        "dropout bernoulli mask random zero units keep probability 1 - p scale divide inference "
        "full network ensemble of sub-network co-adaptation overfitting"
    )
    assert grade_rubric(DROPOUT_RUBRIC, salad).score == SALAD_CAP


def test_terse_notation_is_not_salad():
    terse = (
        "train: m ~ Bernoulli(1−p) zero mask, h = m⊙h/(1−p) → divide by keep probability, "
        "E[h]=h; inference: full network, no dropout; ≈ ensemble of sub-networks → less overfitting"
    )
    grade = grade_rubric(DROPOUT_RUBRIC, terse)
    assert grade.score == 1.0
    assert "list of terms" not in grade.feedback


SPARSITY_RUBRIC = [
    point(["l1", "lasso"], ["sparse", "exactly zero"], name="L1 gives sparse weights"),
    point(["l2", "ridge"], ["shrink"], name="L2 shrinks weights"),
]
L2_SPARSE = Misconception(
    claim="L2 gives sparse weights",
    match=[["l2", "ridge"], ["sparse", "exactly zero"]],
    correction="it is L1 that does, because its gradient does not fade near zero.",
    contradicts=[0],
)


def test_a_misconception_zeroes_its_point_costs_and_explains():
    text = "L1 gives sparse weights and L2 shrinks them. Also L2 gives sparse weights."
    grade = grade_rubric(SPARSITY_RUBRIC, text, misconceptions=[L2_SPARSE])
    assert grade.covered == ("L2 shrinks weights",)
    assert grade.missing == ("L1 gives sparse weights",)
    assert grade.score == round(0.5**COVERAGE_CURVE - MISCONCEPTION_PENALTY, 3)
    assert grade.mistakes == (
        "You said L2 gives sparse weights; it is L1 that does, because its gradient does not fade near zero.",
    )


@pytest.mark.parametrize(
    "text",
    [
        "L1 gives sparse weights; L2 does not give sparse weights. L2 shrinks them.",
        "Unlike L2, L1 gives sparse weights; L2 shrinks them.",
        "People think L2 gives sparse weights, but that's a myth: L1 gives sparse weights and L2 shrinks.",
    ],
)
def test_denying_a_misconception_is_not_saying_it(text):
    grade = grade_rubric(SPARSITY_RUBRIC, text, misconceptions=[L2_SPARSE])
    assert grade.mistakes == ()
    assert grade.score == 1.0


def test_a_misconception_costs_nothing_below_zero():
    grade = grade_rubric(SPARSITY_RUBRIC, "L2 gives sparse weights.", misconceptions=[L2_SPARSE])
    assert grade.score == 0.0


OWN_WORK = [
    point(["logistic regression", "heuristic"], name="baseline"),
    point(["same split", "same data"], name="fair"),
]


def test_own_work_needs_the_candidates_own_actions():
    team = (
        "The team compared the model against a heuristic on the same split. They trained a logistic "
        "regression too, and the data scientists reported the gain."
    )
    mine = "I compared the model against a heuristic and a logistic regression, both on the same split."
    team_grade = grade_rubric(OWN_WORK, team, own_work=True)
    assert team_grade.score == OWNERSHIP_CAP
    assert "first person" in team_grade.feedback
    assert grade_rubric(OWN_WORK, mine, own_work=True).score == 1.0
    assert grade_rubric(OWN_WORK, team).score == 1.0


def test_terse_notes_about_own_work_are_not_capped():
    notes = "- baseline: heuristic + logistic regression\n- eval: same split for all three"
    assert grade_rubric(OWN_WORK, notes, own_work=True).score == 1.0


def test_a_phrase_without_operators_reads_through_them():
    assert covers(point(["n one"], ["unbiased"]), "dividing by n-1 is unbiased")
    assert covers(point(["sw lambda w"]), "so Sw = λw at the optimum")


def test_a_phrase_with_operators_must_match_them():
    assert not covers(point(["n + 1"]), "dividing by n - 1")


def test_notation_abbreviations():
    assert covers(point(["eigenvectors"]), "the stationary points are eigvecs of S")
    assert covers(point(["pr auc"]), "report the AU PR")


def test_a_passive_story_about_own_work_is_capped():
    passive = (
        "A heuristic was chosen as the baseline and a logistic regression was trained on the same split. "
        "The gain was reported to the product team."
    )
    assert grade_rubric(OWN_WORK, passive, own_work=True).score == OWNERSHIP_CAP


def test_credit_grows_with_the_square_root_of_the_share_covered_and_keeps_the_order():
    rubric = [KeyPoint(point=f"point {i}", match=[[f"word{i}"]]) for i in range(4)]
    scores = [grade_rubric(rubric, " ".join(f"word{i} matters." for i in range(n))).score for n in range(5)]
    assert scores == [round((n / 4) ** COVERAGE_CURVE, 3) for n in range(5)]
    assert scores == sorted(scores) and scores[1] > 0.25


def test_a_phrase_that_is_only_a_negator_matches_nothing():
    """'none' or 'nothing' alone would match every 'not' in an answer, the prompt's included."""
    rubric = [KeyPoint(point="The result is empty", match=[["result"], ["none", "nothing", "empty"]])]
    assert grade_rubric(rubric, "The result does not change").score == 0.0
    assert grade_rubric(rubric, "The result is empty").score == 1.0


def test_a_claim_made_in_part_earns_half_its_point_unless_the_answer_says_something_wrong():
    rubric = [point(["l1", "lasso"], ["sparse", "zero"], name="L1 gives sparse weights")]
    assert grade_rubric(rubric, "L1 gives sparse weights.").score == 1.0
    assert grade_rubric(rubric, "Lasso is the L1 penalty.").score == round(0.5**COVERAGE_CURVE, 3)
    wrong = grade_rubric(
        rubric, "Lasso is the L1 penalty. L2 gives sparse weights.", misconceptions=[L2_SPARSE]
    )
    assert wrong.score == 0.0


def test_one_of_the_claims_a_point_lists_said_in_other_words_earns_half_the_point():
    rubric = [
        KeyPoint(point="It increases effective data, encodes invariances and regularises", match=[["zzz"]])
    ]
    half = round(0.5**COVERAGE_CURVE, 3)
    assert grade_rubric(rubric, "Augmenting increases the data you train on.").score == half
    assert grade_rubric(rubric, "It never increases the data.").score == 0.0
    assert grade_rubric(rubric, "More data.").score == 0.0


def test_prompt_words_alone_do_not_restate_part_of_a_point():
    rubric = [KeyPoint(point="It increases effective data, encodes invariances", match=[["zzz"]])]
    prompt = "Why does data augmentation increase effective data?"
    assert grade_rubric(rubric, "It increases effective data.", prompt=prompt).score == 0.0
    assert grade_rubric(rubric, "Augmentation increases the data.", prompt="What is augmentation?").score > 0
