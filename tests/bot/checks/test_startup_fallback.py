"""Which interpreters the terminal's unsandboxed fallback tries, and in what order."""

from __future__ import annotations

import os

from bot.checks._pool_start import fallback_interpreters, unisolated_launchers
from bot.sandbox import Launcher


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


def test_root_tries_every_interpreter_as_nobody_before_any_as_root():
    """As root, `nobody` comes first; only then root itself (for an interpreter only root may run)."""
    bwrap = Launcher("/usr/bin/python3", "/usr/bin/bwrap")
    tried = [(fallback.python, fallback.as_caller) for fallback in unisolated_launchers(bwrap, False)]
    as_nobody = [(python, False) for python in fallback_interpreters("/usr/bin/python3", False)]
    as_root = [(python, True) for python, _ in as_nobody] if os.geteuid() == 0 else []
    assert tried == as_nobody + as_root
    assert all(fallback.bwrap is None for fallback in unisolated_launchers(bwrap, False))


def test_without_bubblewrap_the_interpreter_that_already_failed_as_nobody_is_not_tried_again():
    plain = Launcher("/usr/bin/python3", None)
    tried = [(fallback.python, fallback.as_caller) for fallback in unisolated_launchers(plain, True)]
    assert tried == ([("/usr/bin/python3", True)] if os.geteuid() == 0 else [])
