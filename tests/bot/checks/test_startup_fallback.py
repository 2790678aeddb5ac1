"""Which interpreters the terminal's unsandboxed fallback tries, and in what order."""

from __future__ import annotations

from bot.checks._pool_start import fallback_interpreters


def test_the_bots_own_interpreter_follows_the_system_one_which_may_lack_numpy():
    assert fallback_interpreters("/usr/bin/python3", False, own="/venv/bin/python") == [
        "/usr/bin/python3",
        "/venv/bin/python",
    ]


def test_an_interpreter_the_user_named_is_the_only_one_tried():
    assert fallback_interpreters("/opt/py/bin/python3", True, own="/venv/bin/python") == [
        "/opt/py/bin/python3"
    ]


def test_the_same_interpreter_is_not_tried_twice():
    assert fallback_interpreters("/venv/bin/python", False, own="/venv/bin/python") == ["/venv/bin/python"]
