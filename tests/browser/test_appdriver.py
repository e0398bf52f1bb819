"""running_app stops what it started, however its block ends: the server's process group and the
kernels it started (in sessions of their own). No Chromium here."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time

import psutil
import pytest

from .appdriver import group_members, is_running, running_app


class BodyFailed(Exception):
    """What the block of a failing test raises."""


def server_and_kernel(process: subprocess.Popen, timeout: float = 120.0) -> list[psutil.Process]:
    """The server and what it started, once it has started its spare kernel."""
    server = psutil.Process(process.pid)
    deadline = time.monotonic() + timeout
    while not server.children(recursive=True):
        assert time.monotonic() < deadline, "the server started no kernel"
        time.sleep(0.2)
    return [server, *server.children(recursive=True)]


@pytest.mark.parametrize("ending", ["ends", "raises", "hangs"])
def test_nothing_the_server_started_outlives_running_app(ending: str) -> None:
    started: list[psutil.Process] = []
    with pytest.raises(BodyFailed) if ending == "raises" else contextlib.nullcontext():
        with running_app() as (_url, process):
            started = server_and_kernel(process)
            if ending == "hangs":  # a stopped server does not act on SIGTERM: it is killed after the grace period
                os.kill(process.pid, signal.SIGSTOP)
            elif ending == "raises":
                raise BodyFailed
    assert len(started) >= 2  # the server and its spare kernel
    assert [p for p in started if is_running(p)] == []
    assert group_members(process.pid) == []


def test_a_server_that_died_already_is_stopped_without_error() -> None:
    with running_app() as (_url, process):
        kernels = server_and_kernel(process)[1:]
        os.kill(process.pid, signal.SIGKILL)
        process.wait()  # waited for: its PID is gone before running_app stops it
    for kernel in kernels:  # orphans, no longer followed by running_app: they end when they see their server gone
        with contextlib.suppress(psutil.NoSuchProcess):
            kernel.terminate()
    assert group_members(process.pid) == []
