"""Tokens: operators kept, hyphens, LaTeX, claim windows, negation scope and sentence-level denials."""

from __future__ import annotations

import pytest

from bot.grading._text import NEGATION, tokenize


def words(text: str) -> list[str]:
    return [w for w in tokenize(text).words if w != NEGATION]


def negated_words(text: str) -> set[str]:
    tokens = tokenize(text)
    return {w for i, w in enumerate(tokens.words) if w != NEGATION and tokens.negated(i, i + 1)}


def same_window(text: str, first: str, second: str) -> bool:
    tokens = tokenize(text)
    windows = {w: tokens.window[i] for i, w in reversed(list(enumerate(tokens.words)))}
    return windows[first] == windows[second]


@pytest.mark.parametrize(
    ("plus", "minus"),
    [("w + η∇L", "w − η∇L"), ("σ(1+σ)", "σ(1−σ)"), ("w + lr * grad", "w - lr * grad")],
)
def test_signs_are_kept(plus, minus):
    assert "+" in words(plus) and "-" not in words(plus)
    assert "-" in words(minus) and "+" not in words(minus)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("a ≤ b", ["a", "≤", "b"]),
        ("a <= b", ["a", "≤", "b"]),
        ("a at most b", ["a", "≤", "b"]),
        ("x → 0", ["x", "→", "zero"]),
        ("x -> 0", ["x", "→", "zero"]),
        ("p ∝ q", ["p", "proport", "to", "q"]),
        ("a > b", ["a", ">", "b"]),
        ("x = y", ["x", "=", "y"]),
    ],
)
def test_relations_are_tokens(written, expected):
    assert words(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("co-adaptation", ["co", "adapt"]),
        ("1-p", ["one", "-", "p"]),
        ("1 - p", ["one", "-", "p"]),
        ("1−p", ["one", "-", "p"]),
        ("n-1", ["n", "-", "one"]),
        ("p-y", ["p", "-", "y"]),
        ("k-means", ["k", "mean"]),
    ],
)
def test_hyphens_inside_words_join_and_between_symbols_subtract(written, expected):
    assert words(written) == expected


def test_non_prefix_negates_only_its_own_word():
    assert negated_words("ReLU is non-linear and cheap") == {"linear"}


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        (r"$\frac{1}{1-p}$", "1/(1-p)"),
        (r"$\sigma(z)(1-\sigma(z))$", "σ(z)(1−σ(z))"),
        (r"$w \leftarrow w - \eta \nabla L$", "w leftarrow w − η∇L"),
    ],
)
def test_latex_reads_like_unicode(latex, plain):
    assert words(latex) == words(plain)


def test_al_minus_y_is_the_prediction_error():
    assert words("dZ = AL - Y") == words("dZ = ŷ - y")


def test_sigma_alone_is_not_sigmoid():
    assert "sigmoid" not in words("the variance σ² of the noise")
    assert "sigmoid" in words("σ(z) squashes the logit")


@pytest.mark.parametrize(
    ("text", "claim", "aside"),
    [
        ("Unlike L2, L1 gives sparse weights", "l1", "l2"),
        ("L1, unlike L2, gives sparse weights", "l1", "l2"),
        ("L1 is more likely to give sparse weights than L2", "l1", "l2"),
        ("L1 gives sparse weights, whereas L2 shrinks them", "l1", "l2"),
        ("L1 gives sparse weights but L2 shrinks them", "l1", "l2"),
        ("Although L2 shrinks weights, L1 makes them sparse", "l1", "l2"),
    ],
)
def test_contrast_words_split_claims(text, claim, aside):
    assert same_window(text, claim, "spars")
    assert not same_window(text, aside, "spars")


def test_temporal_while_does_not_split():
    assert same_window("while training, units are dropped at random", "train", "drop")


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("L1 does not give sparse weights", {"l1", "doe", "give", "spars", "weight"}),
        ("we didn't compare against any baseline", {"we", "did", "compar", "against", "ani", "baselin"}),
        ("overfitting isn't a concern", {"overfit", "is", "a", "concern"}),
        ("no rescaling is needed at inference", {"rescal"}),
        ("without a baseline, the gain means little", {"a", "baselin"}),
        ("the model never overfits, so we stop early", {"the", "model", "overfit"}),
    ],
)
def test_negation_reaches_its_subclause_before_and_after(text, negated):
    assert negated_words(text) == negated


def test_not_only_is_not_a_negation():
    assert negated_words("not only does it shrink weights") == set()


def test_two_negations_in_a_clause_both_negate():
    assert {"updat", "recov"} <= negated_words("the bias never updates and never recovers")


@pytest.mark.parametrize(
    "text",
    [
        "L2 gives sparse weights. That's a myth.",
        "L2 gives sparse weights. This is wrong.",
        "L2 gives sparse weights. That explanation is simply incorrect.",
        "L2 gives sparse weights. None of that holds.",
        "People say L2 gives sparse weights, but that's not true.",
        "It is a myth that L2 gives sparse weights.",
        "The claim that L2 gives sparse weights is wrong.",
        "A common misconception is that L2 gives sparse weights.",
    ],
)
def test_sentence_level_denials_negate_the_claim_they_refer_to(text):
    assert {"l2", "spars"} <= negated_words(text)


def test_a_denial_points_back_only_one_sentence():
    text = "L1 gives sparse weights. L2 gives sparse weights. That's a myth."
    tokens = tokenize(text)
    first_sparse = tokens.words.index("spars")
    assert not tokens.negated(first_sparse, first_sparse + 1)


def test_wrong_about_a_topic_is_not_a_denial():
    assert "accuraci" not in negated_words("accuracy is the wrong metric for imbalanced data")


def test_greek_letters_read_by_name_and_odd_code_points_do_not_crash():
    assert words("α + β") == ["alpha", "+", "beta"]
    assert words("\u03a2") == []
