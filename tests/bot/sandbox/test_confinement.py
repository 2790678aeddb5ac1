"""The seccomp filter and the fresh session keyring every job gets, tried from inside real jobs."""

from __future__ import annotations

import json
import textwrap

import pytest

from tests.support.sandbox import CANARY, CANARY_KEY, Keyring, job, run

pytestmark = pytest.mark.asyncio(loop_scope="module")

SYSCALL = """
import ctypes, errno, seccomp
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long

def call(name, *arguments):
    number = seccomp.resolve_syscall(seccomp.Arch.NATIVE, name)
    typed = [ctypes.c_char_p(a) if isinstance(a, bytes) else ctypes.c_long(a) for a in arguments]
    result = libc.syscall(ctypes.c_long(number), *typed)
    return errno.errorcode.get(ctypes.get_errno(), "?") if result < 0 else "allowed"
"""

DENIED = {
    "keyctl (read the session keyring)": "call('keyctl', 0, -3, 0)",
    "add_key": "call('add_key', 0, 0, 0, 0, -3)",
    "request_key": "call('request_key', 0, 0, 0, 0)",
    "ptrace (trace me)": "call('ptrace', 0, 0, 0, 0)",
    "process_vm_readv": "call('process_vm_readv', 1, 0, 0, 0, 0, 0)",
    "mount": "call('mount', 0, 0, 0, 0, 0)",
    "umount2": "call('umount2', 0, 0)",
    "pivot_root": "call('pivot_root', 0, 0)",
    "unshare (a nested user namespace)": "call('unshare', 0x10000000)",
    "setns": "call('setns', 0, 0)",
    "clone (with a new namespace)": "call('clone', 0x10000000 | 17, 0, 0, 0, 0)",
    "bpf": "call('bpf', 0, 0, 0)",
    "perf_event_open": "call('perf_event_open', 0, 0, -1, -1, 0)",
    "userfaultfd": "call('userfaultfd', 0)",
    "io_uring_setup": "call('io_uring_setup', 1, 0)",
    "open_by_handle_at": "call('open_by_handle_at', 0, 0, 0)",
    "init_module": "call('init_module', 0, 0, 0)",
    "kexec_load": "call('kexec_load', 0, 0, 0, 0)",
    "shmget (System V shared memory)": "call('shmget', 0, 4096, 0o1600)",
    "shmat": "call('shmat', 0, 0, 0)",
    "msgget": "call('msgget', 0, 0o1600)",
}


def output(raw) -> object:
    return json.loads(raw.result)["tests"][0]["output"]


@pytest.mark.parametrize("attempt", DENIED.values(), ids=DENIED.keys())
async def test_denied_system_calls_get_eperm(sandbox_pool, attempt):
    raw = await run(sandbox_pool, SYSCALL + f"\ndef f(x):\n    return {attempt}\n")
    assert output(raw) == "EPERM"


async def test_the_filter_is_on_and_ordinary_calls_still_work(sandbox_pool):
    raw = await run(
        sandbox_pool,
        SYSCALL
        + textwrap.dedent(
            """
            import os, threading
            def f(x):
                status = dict(line.split(':\\t', 1) for line in open('/proc/self/status').read().splitlines()
                              if line.startswith(('Seccomp', 'NoNewPrivs')))
                threading.Thread(target=len, args=('',)).start()
                child = os.fork()
                if child == 0:
                    os._exit(7)
                code = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
                return [status['Seccomp'].strip(), status['NoNewPrivs'].strip(), call('getpid'), code]
            """
        ),
    )
    assert output(raw) == ["2", "1", "allowed", 7], "filter mode 2, no_new_privs, fork and threads work"


PLANTED = "planted-by-a-job"
KEYRING_VIEW = SYSCALL + textwrap.dedent(
    f"""
    import json

    def f(x):
        keys = open('/proc/keys').read()
        return json.dumps({{
            "keyrings": [line.split()[-1] for line in keys.splitlines() if line.split()[-2] == "_ses:"],
            "planted seen": {PLANTED!r} in keys,
            "search": call('keyctl', 10, -3, b'user', {CANARY_KEY.encode()!r}, 0),
            "canary seen": {CANARY!r} in keys or {CANARY_KEY!r} in keys,
        }})
    """
)


async def test_a_job_cannot_read_a_key_the_bot_holds(sandbox_pool):
    assert Keyring().find(CANARY_KEY), "the bot side holds the canary key while the pool runs"
    seen = json.loads(output(await run(sandbox_pool, KEYRING_VIEW)))
    assert seen["search"] == "EPERM"
    assert not seen["canary seen"]
    assert seen["keyrings"] and set(seen["keyrings"]) == {"empty"}, "a fresh, empty session keyring"


async def test_a_job_cannot_leave_a_key_for_the_next_job(sandbox_pool):
    plant = [f"call('add_key', b'user', b'{PLANTED}', b'x', 1, {ring})" for ring in (-3, -4, -5)]
    code = SYSCALL + f"\ndef f(x):\n    return [{', '.join(plant)}]\n"
    assert output(await run(sandbox_pool, code)) == ["EPERM"] * 3, "session, user and user-session keyrings"
    views = [json.loads(output(await sandbox_pool.run(job(KEYRING_VIEW)))) for _ in range(2)]
    assert all(set(view["keyrings"]) == {"empty"} and not view["planted seen"] for view in views)
    assert Keyring().find(PLANTED) is None
