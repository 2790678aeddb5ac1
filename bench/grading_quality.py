"""How well the offline grader ranks answers it was not tuned on (figures for issue 14's targets).

- labelled set (tests/data/grader_labels/): pooled within-question AUC strong > weak, strong > partial;
- external set (../shared/eval/external_answers.yaml): mean score of correct (complete + partial)
  answers, how many score 0, and correct > off_target AUC within each question;
- an adversarial set (a folder of `{question, answers: [{kind, text}]}` files, optional): strong >
  each other kind AUC within each question, and each kind's mean.

    python bench/grading_quality.py [--external FILE] [--adversarial DIR]

For measuring only: never copy phrases from these answers into rubrics or the grader.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from itertools import product
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.grading import grade
from questions import QuestionBank, load_bank

ROOT = Path(__file__).resolve().parent.parent

Levels = dict[str, dict[str, list[float]]]


def pooled_auc(scores: Levels, better: str, worse: str) -> float:
    """Chance that, within a question, an answer of `better` outscores one of `worse` (ties half)."""
    wins = pairs = 0.0
    for levels in scores.values():
        for high, low in product(levels.get(better, []), levels.get(worse, [])):
            wins += 1.0 if high > low else 0.5 if high == low else 0.0
            pairs += 1
    return wins / pairs if pairs else float("nan")


def scored(bank: QuestionBank, items: list[tuple[str, str, str]]) -> Levels:
    scores: Levels = defaultdict(lambda: defaultdict(list))
    for question_id, level, text in items:
        question = bank.get(question_id)
        if question is not None:
            scores[question_id][level].append(grade(question, text).score)
    return scores


def labelled(bank: QuestionBank) -> None:
    items = []
    for path in sorted((ROOT / "tests" / "data" / "grader_labels").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items += [(data["question"], a["level"], a["text"]) for a in data["answers"]]
    scores = scored(bank, items)
    print(
        f"labelled: strong>weak AUC {pooled_auc(scores, 'strong', 'weak'):.4f}, "
        f"strong>partial AUC {pooled_auc(scores, 'strong', 'partial'):.4f}"
    )


def external(bank: QuestionBank, path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    correct = ("complete", "partial")
    items = [
        (i["question"], "correct" if i["label"] in correct else i["label"], i["text"]) for i in data["items"]
    ]
    scores = scored(bank, items)
    right = [s for levels in scores.values() for s in levels.get("correct", [])]
    print(
        f"external: correct mean {statistics.mean(right):.3f}, scoring 0: {sum(s == 0 for s in right)} "
        f"of {len(right)}, correct>off_target AUC {pooled_auc(scores, 'correct', 'off_target'):.3f}"
    )


def adversarial(bank: QuestionBank, folder: Path) -> None:
    items = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items += [(data["question"], a["kind"], a["text"]) for a in data["answers"]]
    scores = scored(bank, items)
    kinds = sorted({kind for levels in scores.values() for kind in levels} - {"strong"})
    print(f"adversarial ({len(scores)} questions):")
    for kind in ["strong", *kinds]:
        values = [s for levels in scores.values() for s in levels.get(kind, [])]
        auc = "" if kind == "strong" else f"  strong>{kind} AUC {pooled_auc(scores, 'strong', kind):.3f}"
        print(f"  {kind:10s} n={len(values):3d} mean {statistics.mean(values):.3f}{auc}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--external", type=Path, default=ROOT.parent / "shared" / "eval" / "external_answers.yaml"
    )
    parser.add_argument("--adversarial", type=Path, help="a folder of adversarial answer files")
    args = parser.parse_args()
    bank = load_bank()
    labelled(bank)
    if args.external.is_file():
        external(bank, args.external)
    if args.adversarial:
        adversarial(bank, args.adversarial)


if __name__ == "__main__":
    main()
