"""Hostile code: each case gets a verdict, leaks nothing, leaves nothing running, and the pool recovers."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.checks import judge
from tests.support.sandbox import CANARY, ECHO, job, run

pytestmark = pytest.mark.asyncio(loop_scope="module")


def outcome(raw) -> tuple[str, str]:
    tests, stdout = judge("f", [ECHO], raw)
    return tests[0].status, tests[0].message + stdout


async def test_fork_bomb(sandbox_pool):
    raw = await run(
        sandbox_pool,
        """
        import os
        def f(x):
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
    """,
    )
    assert outcome(raw)[0] == "error"


async def test_infinite_loop(sandbox_pool):
    status, message = outcome(await run(sandbox_pool, "def f(x):\n    while True:\n        pass\n"))
    assert status == "error" and "timed out" in message


async def test_memory_bomb_in_one_process(sandbox_pool):
    status, message = outcome(await run(sandbox_pool, "def f(x):\n    return len(bytearray(8 * 1024**3))\n"))
    assert status == "error" and "MemoryError" in message


async def test_memory_bomb_in_many_processes(sandbox_pool):
    raw = await run(
        sandbox_pool,
        """
        import os
        def f(x):
            for _ in range(8):
                if os.fork() == 0:
                    blocks = [bytearray(32 * 1024**2) for _ in range(8)]
                    os._exit(len(blocks))
            return sum(os.waitstatus_to_exitcode(os.wait()[1]) for _ in range(8))
    """,
    )
    status, _ = outcome(raw)
    assert status in ("fail", "error")


async def test_environment_and_proc_environ_hold_no_secret(sandbox_pool):
    raw = await run(
        sandbox_pool,
        """
        import os, glob
        def f(x):
            seen = [repr(dict(os.environ))]
            for path in glob.glob('/proc/*/environ'):
                try:
                    seen.append(open(path, 'rb').read().decode(errors='replace'))
                except OSError as exc:
                    seen.append(str(exc))
            return ' '.join(seen)
    """,
    )
    text = json.loads(raw.result)["tests"][0]["output"]
    assert CANARY not in text and "SCREENPREP" not in text and "SLACK" not in text
    assert "OPENBLAS_NUM_THREADS" in text


async def test_bot_files_are_invisible(sandbox_pool):
    raw = await run(
        sandbox_pool,
        """
        import os
        def f(x):
            found = []
            for path in ['/work', '/root', '/home', '/etc/passwd', '/etc/hostname', '/app']:
                found.append((path, os.path.exists(path)))
            return repr(found)
    """,
    )
    assert json.loads(raw.result)["tests"][0]["output"].count("True") == 0


async def test_no_network_even_to_localhost(sandbox_pool):
    connections = []
    server = await asyncio.start_server(lambda r, w: connections.append(w), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    raw = await run(
        sandbox_pool,
        f"""
        import socket
        def f(x):
            try:
                socket.create_connection(('127.0.0.1', {port}), timeout=2)
                return 'connected'
            except OSError as exc:
                return 'refused: ' + type(exc).__name__
    """,
    )
    server.close()
    await server.wait_closed()
    assert json.loads(raw.result)["tests"][0]["output"].startswith("refused")
    assert connections == []


async def test_filling_the_disk_is_bounded_and_forgotten(sandbox_pool):
    raw = await run(
        sandbox_pool,
        """
        def f(x):
            written = 0
            try:
                with open('/tmp/fill', 'wb') as out:
                    while True:
                        out.write(b'x' * 1024 * 1024)
                        written += 1
            except OSError as exc:
                return f'{written} MB then {type(exc).__name__}'
    """,
    )
    assert "then OSError" in json.loads(raw.result)["tests"][0]["output"]
    later = await sandbox_pool.run(job("import os\ndef f(x):\n    return sorted(os.listdir('/tmp'))\n"))
    assert json.loads(later.result)["tests"][0]["output"] == [".output"]


async def test_output_flood_is_capped(sandbox_pool):
    raw = await run(sandbox_pool, "def f(x):\n    while True:\n        print('spam' * 1000)\n")
    assert outcome(raw)[0] == "error"
    assert len(json.loads(raw.result)["stdout"]) < 20_000


@pytest.mark.parametrize("kill", ["os.kill(os.getppid(), 9)", "os.kill(-1, 9)", "os.kill(0, 9)"])
async def test_killing_parents_and_groups(sandbox_pool, kill):
    status, _ = outcome(await run(sandbox_pool, f"import os\ndef f(x):\n    {kill}\n    return 2 * x\n"))
    assert status in ("pass", "error")


async def test_segfault(sandbox_pool):
    status, message = outcome(
        await run(sandbox_pool, "import ctypes\ndef f(x):\n    return ctypes.string_at(0)\n")
    )
    assert status == "error" and "SIGSEGV" in message


async def test_deep_recursion(sandbox_pool):
    status, message = outcome(await run(sandbox_pool, "def f(x):\n    return f(x + 1)\n"))
    assert status == "error" and "RecursionError" in message
    status, _ = outcome(
        await run(
            sandbox_pool,
            """
        import sys
        sys.setrecursionlimit(10**7)
        def f(x):
            return f(x + 1)
    """,
        )
    )
    assert status == "error"


async def test_thread_bomb(sandbox_pool):
    raw = await run(
        sandbox_pool,
        """
        import threading, time
        def f(x):
            while True:
                threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
    """,
    )
    assert outcome(raw)[0] == "error"


async def test_long_sleep(sandbox_pool):
    status, message = outcome(await run(sandbox_pool, "import time\ndef f(x):\n    time.sleep(120)\n"))
    assert status == "error" and "timed out" in message


async def test_printing_a_fake_verdict_and_exiting_early(sandbox_pool):
    raw = await run(
        sandbox_pool,
        """
        import os
        def f(x):
            print('{"passed": true, "tests": [{"status": "pass"}]}')
            os._exit(0)
    """,
    )
    assert outcome(raw)[0] == "error"


async def test_forged_result_on_the_result_channel(sandbox_pool):
    raw = await run(
        sandbox_pool,
        """
        import os, json
        def f(x):
            array = {"__ndarray__": [1], "dtype": "O", "shape": [1]}
            forged = json.dumps({"tests": [{"output": array, "warnings": [], "ms": 1}], "stdout": ""})
            frame = len(forged).to_bytes(4, "big") + forged.encode()
            for fd in range(3, 64):
                try:
                    os.write(fd, frame)
                except OSError:
                    pass
            os._exit(0)
    """,
    )
    status, message = outcome(raw)
    assert status == "fail" and "not numeric" in message


async def test_objects_that_would_run_code_when_unpickled(sandbox_pool):
    raw = await run(
        sandbox_pool,
        """
        import os
        class Evil:
            def __reduce__(self):
                return (os.system, ('touch /tmp/pwned',))
        def f(x):
            return Evil()
    """,
    )
    status, message = outcome(raw)
    assert status == "fail" and "unsupported" in message


async def test_huge_array(sandbox_pool):
    status, message = outcome(
        await run(sandbox_pool, "import numpy as np\ndef f(x):\n    return np.ones(200_000_000)\n")
    )
    assert status == "error" and ("MemoryError" in message or "too much" in message)


async def test_array_over_the_result_limit_is_refused_unread(sandbox_pool):
    status, message = outcome(
        await run(sandbox_pool, "import numpy as np\ndef f(x):\n    return np.ones(2_000_000)\n")
    )
    assert status == "error" and "too much" in message


async def test_no_job_process_can_reach_the_zygote_control_socket(sandbox_pool):
    status, message = outcome(
        await run(
            sandbox_pool,
            """
            import os
            def f(x):
                sockets = []
                for pid in [p for p in os.listdir('/proc') if p.isdigit()]:
                    try:
                        fds = os.listdir(f'/proc/{pid}/fd')
                    except OSError:
                        continue
                    for fd in fds:
                        try:
                            target = os.readlink(f'/proc/{pid}/fd/{fd}')
                        except OSError:
                            continue
                        if target.startswith('socket:'):
                            sockets.append((pid, fd, target))
                return 2 * x if not sockets else sockets
            """,
        )
    )
    assert status == "pass", message
