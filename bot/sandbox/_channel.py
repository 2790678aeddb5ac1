"""The trusted side's end of a worker: a control socket, and the pipes of each prepared job.

Jobs go straight into the job process's pipe and results come straight out of it, so a submission
costs no hop through the zygote; the zygote only prepares, kills and reaps.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
from typing import Any

_MAX_MESSAGE = 1 << 16
_READ_CHUNK = 1 << 20


class WorkerFailed(Exception):
    """The worker died or broke protocol; the job may be retried on another worker."""


class ControlChannel:
    """JSON messages, one per SOCK_SEQPACKET packet; a `prepared` message carries two pipe fds."""

    def __init__(self, end: socket.socket, name: str) -> None:
        self._socket = end
        self._name = name
        self._inbox: asyncio.Queue[tuple[bytes, list[int]] | None] = asyncio.Queue()
        end.setblocking(False)
        self._loop = asyncio.get_running_loop()
        self._loop.add_reader(end.fileno(), self._on_readable)

    def send(self, message: dict[str, Any]) -> None:
        try:
            self._socket.send(json.dumps(message).encode())
        except OSError as exc:
            raise WorkerFailed(f"{self._name}: control socket: {exc.strerror}") from exc

    async def expect(self, key: str) -> tuple[dict[str, Any], list[int]]:
        """The next message holding `key`; earlier ones (a finished job's exit status) are dropped."""
        while True:
            item = await self._inbox.get()
            if item is None:
                self._inbox.put_nowait(None)
                raise WorkerFailed(f"{self._name} closed its control socket")
            data, fds = item
            try:
                message = json.loads(data)
            except ValueError:
                message = None
            if isinstance(message, dict) and key in message:
                return message, fds
            close_all(fds)
            if not isinstance(message, dict):
                raise WorkerFailed(f"{self._name} garbled its control socket")

    def close(self) -> None:
        if self._socket.fileno() >= 0:
            self._loop.remove_reader(self._socket.fileno())
            self._socket.close()
        while not self._inbox.empty():
            item = self._inbox.get_nowait()
            if item is not None:
                close_all(item[1])

    def _on_readable(self) -> None:
        while True:
            try:
                data, fds, _, _ = socket.recv_fds(self._socket, _MAX_MESSAGE, 2, socket.MSG_CMSG_CLOEXEC)
            except BlockingIOError:
                return
            except OSError:
                data, fds = b"", []
            if not data:
                close_all(fds)
                self._loop.remove_reader(self._socket.fileno())
                self._inbox.put_nowait(None)
                return
            self._inbox.put_nowait((data, fds))


async def send_job(pipe: int, data: bytes) -> None:
    """Write the job, length first, without blocking the loop; a job process already dead is no error."""
    os.set_blocking(pipe, False)
    view = memoryview(len(data).to_bytes(4, "big") + data)
    try:
        while view:
            try:
                view = view[os.write(pipe, view) :]
            except BlockingIOError:
                await _ready(pipe, writing=True)
    except BrokenPipeError:
        return


async def read_result(pipe: int, limit: int) -> tuple[bytes | None, bool]:
    """One length-prefixed result: (its bytes, or None if the job closed the pipe early; too large)."""
    os.set_blocking(pipe, False)
    buffer = bytearray()
    while True:
        try:
            chunk = os.read(pipe, _READ_CHUNK)
        except BlockingIOError:
            await _ready(pipe, writing=False)
            continue
        buffer += chunk
        outcome = _framed(buffer, limit)
        if outcome is not None:
            return outcome
        if not chunk:
            return None, False


def _framed(buffer: bytearray, limit: int) -> tuple[bytes | None, bool] | None:
    if len(buffer) < 4:
        return None
    expected = int.from_bytes(buffer[:4], "big")
    if expected > limit or len(buffer) > limit + 4:
        return None, True
    if len(buffer) >= 4 + expected:
        return bytes(buffer[4 : 4 + expected]), False
    return None


async def _ready(fd: int, *, writing: bool) -> None:
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    add, remove = (loop.add_writer, loop.remove_writer) if writing else (loop.add_reader, loop.remove_reader)

    def mark_ready() -> None:
        if not ready.done():
            ready.set_result(None)

    add(fd, mark_ready)
    try:
        await ready
    finally:
        remove(fd)


def close_all(fds: list[int]) -> None:
    """Received fds nobody will use: a garbled message's, or a worker's on its way out."""
    for fd in fds:
        os.close(fd)
