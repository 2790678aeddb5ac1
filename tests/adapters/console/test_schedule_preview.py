"""`screenprep schedule preview`: what a schedule will post, as an admin would check it."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

from tests.support.cli import screenprep


def preview(*options: str) -> list[dict]:
    result = screenprep("schedule", "preview", *options, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_berlin_weekdays_at_nine_keep_local_time_across_both_dst_changes():
    slots = preview(
        "--time",
        "09:00",
        "--tz",
        "Europe/Berlin",
        "--days",
        "mon-fri",
        "--from",
        "2026-03-20",
        "--count",
        "160",
    )
    moments = [datetime.fromisoformat(s["at"]) for s in slots]
    assert all((m.hour, m.minute) == (9, 0) and m.weekday() < 5 for m in moments)
    assert moments[0].isoformat() == "2026-03-20T09:00:00+01:00"
    offsets = {m.date().isoformat(): m.utcoffset().total_seconds() / 3600 for m in moments}
    assert offsets["2026-03-27"] == 1 and offsets["2026-03-30"] == 2, "CET before 29 March, CEST after"
    assert offsets["2026-10-23"] == 2 and offsets["2026-10-26"] == 1, "CEST before 25 October, CET after"
    assert "2026-03-28" not in offsets and "2026-03-29" not in offsets, "weekends are skipped"
    assert all(set(s) == {"at", "question", "category"} for s in slots)


def test_weights_option_shapes_the_shares():
    slots = preview(
        "--days",
        "daily",
        "--from",
        "2026-01-01",
        "--count",
        "1000",
        "--weights",
        "math=0,coding=0,dl=50,resume=0,behavioral=50",
    )
    shares = Counter(s["category"] for s in slots)
    assert set(shares) == {"deep-learning", "behavioral"}
    assert abs(shares["deep-learning"] - 500) <= 30


def test_bad_options_get_a_short_message_and_exit_2():
    for options, message in [
        (("--tz", "Berln"), "Did you mean"),
        (("--time", "25:00"), "hours run 00-23"),
        (("--from", "tomorrow"), "--from must be a date"),
        (("--weights", "math=0 coding=0 dl=0 resume=0"), "add up to 0"),
        (("--count", "0"), "--count"),
        (("--from", "9999-12-30"), "--from must be in the years"),
        (("--from", "0001-01-01", "--tz", "Asia/Tokyo"), "--from must be in the years"),
        (("--weights", "math=²"), "whole number"),
    ]:
        result = screenprep("schedule", "preview", *options)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
