"""`screenprep grade --batch`: a real process grading 1,000 JSON lines, and the line rules in-process."""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import cycle, islice
from pathlib import Path

from adapters.batch import BatchError, grade_lines
from bot.grading import Ungradable, grade
from questions import Kind, QuestionBank, instantiate

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=300
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    return result


def answers_for(bank: QuestionBank, count: int) -> list[dict]:
    """Reference answers, their first sentence and a shrug, over every gradable question, with seeds."""
    records = []
    gradable = [q for q in bank if q.kind is not Kind.CODE]
    for n, question in enumerate(islice(cycle(gradable), count)):
        instance = instantiate(question, n)
        full = str(instance.expected) if question.kind is Kind.NUMERIC else instance.answer
        answer = [full, full.split(". ")[0], "no idea, sorry"][n % 3]
        records.append({"question": question.id, "answer": answer, "seed": n})
    return records


def test_a_thousand_answers_in_one_process_match_grading_one_by_one(bank: QuestionBank, tmp_path: Path):
    records = answers_for(bank, 1_000)
    broken = {100: "{not json", 200: json.dumps({"question": "no-such-question", "answer": "x"})}
    broken[300] = json.dumps({"question": "kmeans", "answer": "def kmeans(X, k): pass"})
    broken[400] = json.dumps({"question": "dropout"})
    lines = [broken.get(n) or json.dumps(r, ensure_ascii=False) for n, r in enumerate(records, start=1)]
    source = tmp_path / "answers.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = cli("grade", "--batch", str(source))

    assert result.returncode == 1, "some lines have errors"
    outputs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["line"] for o in outputs] == list(range(1, 1_001))
    kinds = {o["line"]: o["error"]["kind"] for o in outputs if "error" in o}
    assert kinds[100] == kinds[400] == BatchError.BAD_LINE
    assert (kinds[200], kinds[300]) == (BatchError.UNKNOWN_QUESTION, BatchError.UNGRADABLE)
    for output, record in zip(outputs, records, strict=True):
        if output["line"] in broken:
            continue
        question = bank.get(record["question"])
        try:
            expected = grade(question, record["answer"], instantiate(question, record["seed"]).expected)
        except Ungradable as exc:
            assert output["error"] == {"kind": BatchError.UNGRADABLE, "message": str(exc)}
            continue
        assert output["question"] == question.id
        assert (output["score"], output["verdict"]) == (expected.score, expected.verdict)
        assert (output["covered"], output["missing"]) == (list(expected.covered), list(expected.missing))
        assert output["feedback"] == expected.feedback
    graded = [o for o in outputs if "error" not in o]
    assert (
        len(graded) > 700 and any(o["score"] >= 0.8 for o in graded) and any(o["score"] < 0.4 for o in graded)
    )


def test_standard_input_and_a_clean_batch_exit_zero():
    line = json.dumps({"question": "dropout", "answer": "dropout zeroes units with probability p"})
    result = cli("grade", "--batch", "-", stdin=(line + "\n\n" + line + "\n").encode())
    outputs = [json.loads(text) for text in result.stdout.decode().splitlines()]
    assert result.returncode == 0
    assert [o["line"] for o in outputs] == [1, 3], "blank lines are skipped but keep their numbers"


def test_usage_errors_exit_two():
    assert cli("grade", "--batch", "/no/such/file.jsonl").returncode == 2
    assert cli("grade", "--question", "dropout").returncode == 2
    assert cli("grade").returncode == 2


def test_lines_that_cannot_be_graded_get_error_objects(bank: QuestionBank):
    lines = [
        b"\xff\xfe not utf-8",
        b"[1, 2]",
        b'{"question": 3, "answer": "x"}',
        b'{"question": "dropout", "answer": "x", "seed": "one"}',
        b'{"question": "dropout", "answer": "x", "seed": true}',
        json.dumps({"question": "dropout", "answer": "x" * 100_000}).encode(),
    ]
    results = list(grade_lines(lines, bank))
    assert [r["error"]["kind"] for r in results] == [BatchError.BAD_LINE] * 5 + [BatchError.UNGRADABLE]
    assert [r["question"] for r in results] == [None, None, None, "dropout", "dropout", "dropout"]
    assert "limit" in results[-1]["error"]["message"]
