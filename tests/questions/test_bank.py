"""The bank's files are data, so tests hold them to the schema and to the seed's promises."""

from __future__ import annotations

from pathlib import Path

from questions import BANK_DIR, Kind, load_bank, read_question
from questions._checks import bank_problems

SEED_IDS = {
    "bias-variance",
    "logistic-regression-gradient",
    "l1-vs-l2",
    "kmeans",
    "classification-metrics",
    "nn-forward",
    "vanishing-gradients",
    "dropout",
    "transformer-attention",
    "complex-algorithm",
    "critique-methodology",
    "learn-new-technology",
    "insufficient-data",
}


def test_bank_loads_without_problems(bank):
    assert bank.problems == []


def test_every_seed_question_is_present_and_marked(bank):
    assert set(bank.questions) >= SEED_IDS
    assert {q.id for q in bank if q.source == "seed"} == SEED_IDS


def test_seed_mistakes_are_recorded(bank):
    corrected = [q.id for q in bank if "Seed mistake" in q.notes]
    assert len(corrected) >= 4, corrected


def test_free_text_questions_have_rubrics_and_substantial_answers(bank):
    for question in bank:
        assert len(question.answer.split()) >= 40, question.id
        if question.kind in (Kind.CONCEPT, Kind.BEHAVIORAL):
            assert len(question.rubric) >= 3, question.id


def test_code_questions_name_their_function(bank):
    signatures = {q.id: q.code.signature for q in bank if q.kind is Kind.CODE}
    assert "def kmeans(X, k, max_iters=100, init=None)" in signatures["kmeans"]
    assert "def classification_metrics(y_true, y_pred)" in signatures["classification-metrics"]
    assert "def nn_forward(X, parameters)" in signatures["nn-forward"]


def test_each_file_is_named_after_its_id_and_lives_in_its_category():
    for path in BANK_DIR.rglob("*.yaml"):
        question, problems = read_question(path)
        assert question is not None, problems
        assert path.parent.name == question.category.value, path


def test_broken_files_are_reported_and_skipped(tmp_path: Path):
    good = next(BANK_DIR.rglob("dropout.yaml")).read_text()
    (tmp_path / "dropout.yaml").write_text(good)
    (tmp_path / "wrong-name.yaml").write_text(good)
    (tmp_path / "empty.yaml").write_text("")
    (tmp_path / "missing-hints.yaml").write_text(
        good.replace("id: dropout", "id: missing-hints").replace("hints:", "old_hints:")
    )
    bank = load_bank(tmp_path)
    assert list(bank.questions) == ["dropout"]
    reported = {(p.path.name, p.field) for p in bank.problems}
    assert ("wrong-name.yaml", "id") in reported
    assert ("empty.yaml", "file") in reported
    assert ("missing-hints.yaml", "hints") in reported
    assert ("missing-hints.yaml", "old_hints") in reported


def test_duplicate_ids_are_reported(tmp_path: Path):
    good = next(BANK_DIR.rglob("dropout.yaml")).read_text()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "dropout.yaml").write_text(good)
    (tmp_path / "b" / "dropout.yaml").write_text(good)
    bank = load_bank(tmp_path)
    assert len(bank) == 1
    assert [p.field for p in bank.problems] == ["id"] and "duplicate" in bank.problems[0].message


def test_kind_specific_fields_are_enforced(tmp_path: Path):
    good = next(BANK_DIR.rglob("dropout.yaml")).read_text()
    (tmp_path / "dropout.yaml").write_text(good.replace("kind: concept", "kind: numeric"))
    _, problems = read_question(tmp_path / "dropout.yaml")
    assert any("numeric" in p.message for p in problems)


def test_bank_wide_problems_name_the_files_that_were_checked(tmp_path: Path):
    good = next(BANK_DIR.rglob("dropout.yaml")).read_text()
    (tmp_path / "dropout.yaml").write_text(good)
    (tmp_path / "dropout-again.yaml").write_text(good.replace("id: dropout", "id: dropout-again"))
    problems = bank_problems(load_bank(tmp_path), coverage=False)
    assert [(p.path, p.field) for p in problems] == [(tmp_path / "dropout.yaml", "prompt")]


def test_no_drawn_value_is_left_unfilled_in_hints_or_followups(bank):
    shown_raw = [p for p in bank_problems(bank, coverage=False) if p.field in ("hints", "followups")]
    assert shown_raw == []


def test_a_drawn_value_in_a_followup_is_reported(tmp_path: Path):
    good = next(BANK_DIR.rglob("binomial-exact-successes.yaml")).read_text()
    (tmp_path / "binomial-exact-successes.yaml").write_text(
        good.replace("followups:\n", "followups:\n  - What about at least {k} correct, or {unknown}?\n")
    )
    problems = bank_problems(load_bank(tmp_path), coverage=False)
    assert [(p.field, p.message.split()[0]) for p in problems] == [("followups", "{k}")]
