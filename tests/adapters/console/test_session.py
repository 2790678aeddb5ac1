"""The console session over a real pipe: whatever bytes arrive, it answers and carries on."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import console


def test_bytes_that_are_not_utf8_do_not_end_the_session(tmp_path: Path):
    result = console(
        tmp_path / "bytes.db", b"\xff\xfe\xed\xa0\x80\n/quiz weights math=\xff\n/quiz help\n", timeout=120
    )
    output = (result.stdout + result.stderr).decode("utf-8", "replace")
    assert result.returncode == 0 and "Traceback" not in output, output[-2000:]
    assert "The weight for math must be" in output and "ScreenPrep commands" in output
