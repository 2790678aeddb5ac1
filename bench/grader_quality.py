"""How far the offline grader can be trusted, on three labelled answer sets, against issue 14's targets.

- adversarial (tests/data/adversarial): per kind, the mean score and how often strong answers to the
  same question score strictly higher (ties count half); target ≥ 0.90 for every adversarial kind and
  a keyword-salad mean ≤ 0.30;
- external (../shared/eval/external_answers.yaml): correct (complete + partial) mean ≥ 0.55, none at
  0, partial above off-target ≥ 0.95;
- labelled chat answers (tests/data/grader_labels): strong above weak and strong above partial.

    python bench/grader_quality.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from questions import QuestionBank, load_bank
from tests.support.grader_eval import (
    ADVERSARIAL_KINDS,
    EXTERNAL_CORRECT_MEAN_AT_LEAST,
    EXTERNAL_PARTIAL_ABOVE_OFF_TARGET,
    SALAD_MEAN_AT_MOST,
    STRONG_ABOVE_ADVERSARIAL,
    AnswerKind,
    EvalSetError,
    ExternalFigures,
    KindFigures,
    Scores,
    adversarial_scores,
    by_category,
    external_figures,
    external_scores,
    kind_figures,
    kind_table,
    labelled_scores,
    pooled_auc,
)


def verdict(ok: bool) -> str:
    """A short pass/fail mark for the human-readable report."""
    return "meets target" if ok else "BELOW TARGET"


def adversarial_report(rows: list[KindFigures]) -> str:
    """The per-kind table plus the two adversarial targets."""
    by_kind = {row.kind: row for row in rows}
    rates = [by_kind[kind].strong_above for kind in ADVERSARIAL_KINDS if kind in by_kind]
    worst = min(rate for rate in rates if rate is not None)
    salad = by_kind[AnswerKind.SALAD].mean
    return "\n".join(
        [
            "Adversarial set (strong above = within-question rate, ties half):",
            kind_table(rows),
            f"lowest strong-above rate over adversarial kinds: {worst:.3f} "
            f"(target ≥ {STRONG_ABOVE_ADVERSARIAL}) {verdict(worst >= STRONG_ABOVE_ADVERSARIAL)}",
            f"keyword-salad mean: {salad:.3f} (target ≤ {SALAD_MEAN_AT_MOST}) "
            f"{verdict(salad <= SALAD_MEAN_AT_MOST)}",
        ]
    )


def category_report(scores: Scores, bank: QuestionBank) -> str:
    """Strong-above rate per adversarial kind within each question category (— where a kind is absent)."""
    rates = {
        category: {row.kind: row.strong_above for row in kind_figures(part)}
        for category, part in sorted(by_category(scores, bank).items())
    }
    lines = ["By category (strong above):", f"{'kind':<10}" + "".join(f"{c:>15}" for c in rates)]
    for kind in ADVERSARIAL_KINDS:
        cells = ("—" if kind not in row else f"{row[kind]:.3f}" for row in rates.values())
        lines.append(f"{kind:<10}" + "".join(f"{cell:>15}" for cell in cells))
    return "\n".join(lines)


def external_report(figures: ExternalFigures) -> str:
    """The external set's figures against their targets."""
    pooling = "all answers pooled" if figures.pooled_over_all_answers else "within questions"
    zeros = len(figures.correct_scoring_zero)
    return "\n".join(
        [
            "External set:",
            f"correct answers: {figures.correct_answers}, mean {figures.correct_mean:.3f} "
            f"(target ≥ {EXTERNAL_CORRECT_MEAN_AT_LEAST}) "
            f"{verdict(figures.correct_mean >= EXTERNAL_CORRECT_MEAN_AT_LEAST)}",
            f"correct answers scoring 0: {zeros} (target 0) {verdict(zeros == 0)}",
            f"partial above off-target: {figures.partial_above_off_target:.3f} ({pooling}, "
            f"{figures.pairs_within_questions} within-question pairs; target ≥ "
            f"{EXTERNAL_PARTIAL_ABOVE_OFF_TARGET}) "
            f"{verdict(figures.partial_above_off_target >= EXTERNAL_PARTIAL_ABOVE_OFF_TARGET)}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON line of every figure")
    args = parser.parse_args()

    bank = load_bank()
    adversarial = adversarial_scores(bank)
    rows = kind_figures(adversarial)
    print(adversarial_report(rows), end="\n\n")
    print(category_report(adversarial, bank), end="\n\n")

    external: ExternalFigures | None
    try:
        external = external_figures(external_scores(bank))
    except EvalSetError as error:
        external = None
        print(f"External set: not measured: {error}", end="\n\n")
    else:
        print(external_report(external), end="\n\n")

    labelled = labelled_scores(bank)
    strong_over_weak = pooled_auc(labelled, "strong", "weak")
    strong_over_partial = pooled_auc(labelled, "strong", "partial")
    print(
        f"Labelled chat answers: strong above weak {strong_over_weak:.3f} (keep ≥ 0.99), "
        f"strong above partial {strong_over_partial:.3f} (keep ≥ 0.97)"
    )

    if args.json:
        print(
            json.dumps(
                {
                    "adversarial": {row.kind: asdict(row) for row in rows},
                    "salad_mean": next(row.mean for row in rows if row.kind is AnswerKind.SALAD),
                    "external": None if external is None else asdict(external),
                    "labelled_strong_over_weak": strong_over_weak,
                    "labelled_strong_over_partial": strong_over_partial,
                }
            )
        )


if __name__ == "__main__":
    main()
