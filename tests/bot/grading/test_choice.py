"""Which option a reply names: by letter, by number or by the option's text."""

from __future__ import annotations

import pytest

from bot.grading import Ungradable, grade_choice, pick_option

CHOICES = ["L2 penalty", "L1 penalty", "Dropout", "Early stopping"]


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("B", 1),
        ("b", 1),
        ("b)", 1),
        ("(c)", 2),
        ("option C", 2),
        ("the answer is d", 3),
        ("A.", 0),
    ],
)
def test_pick_by_letter(text, index):
    assert pick_option(CHOICES, text) == index


@pytest.mark.parametrize(("text", "index"), [("2", 1), ("4", 3), ("option 3", 2)])
def test_pick_by_number(text, index):
    assert pick_option(CHOICES, text) == index


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("I would go with dropout", 2),
        ("Dropout", 2),
        ("L1 penalty", 1),
        ("I pick early stopping", 3),
        ("early stoping", 3),
    ],
)
def test_pick_by_option_text(text, index):
    assert pick_option(CHOICES, text) == index


@pytest.mark.parametrize(
    "text", ["hmm", "dropout or early stopping", "L1 penalty, not L2 penalty", "penalty", "5", "e"]
)
def test_unclear_pick_is_ungradable(text):
    with pytest.raises(Ungradable, match="A to D"):
        pick_option(CHOICES, text)


def test_letter_beyond_the_options_is_not_accepted():
    with pytest.raises(Ungradable, match="A to B"):
        pick_option(["yes", "no"], "c")


def test_article_a_is_not_read_as_option_a():
    """'It's a ...' uses the article, not option A; the named option (L1 penalty) is meant."""
    assert pick_option(CHOICES, "It's a tough one, but I think the L1 penalty") == 1


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("the answer is b because its corners give zeros", 1),
        ("option c because it regularises", 2),
        ("I pick b since it is sparse", 1),
        ("option a because it shrinks weights", 0),
    ],
)
def test_letter_followed_by_a_reason(text, index):
    assert pick_option(CHOICES, text) == index


def test_grade_choice_correct():
    grade = grade_choice(CHOICES, 1, "b")
    assert grade.score == 1.0
    assert grade.covered == ("B) L1 penalty",)
    assert grade.details == {"picked": 1}


def test_grade_choice_wrong():
    grade = grade_choice(CHOICES, 1, "A")
    assert grade.score == 0.0
    assert grade.missing == ("A) L2 penalty is not the answer",)
    assert grade.details == {"picked": 0}


def test_grade_choice_unclear_raises():
    with pytest.raises(Ungradable):
        grade_choice(CHOICES, 1, "no idea")


def test_a_5000_digit_answer_is_asked_which_option_not_a_crash():
    with pytest.raises(Ungradable, match="Which option"):
        pick_option(["yes", "no"], "7" * 5000)
