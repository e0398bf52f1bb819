"""Starting the app: what ``chitieu app`` runs. Voilà (``chitieu.app.server``) replaces this process, so
stopping the app's PID stops the server.

Kept apart from ``server.py``, which imports Voilà: the command line imports this module for every
command, and only ``chitieu app`` needs Voilà.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import NoReturn

from chitieu.findings import ChitieuError, fail, finding
from chitieu.settings import APP_NOTEBOOK, STARTUP_QUOTA, STARTUP_RESULTS, project_home


def launch_app(quota: list[str], results: list[str], port: int, host: str) -> NoReturn:
    """Run Voilà on notebooks/app.ipynb with the repo's voila.json (read from the repo root), opening
    on these workbooks (the samples when ``quota`` is empty); prints the address officers open."""
    root = project_home()
    if not (root / APP_NOTEBOOK).is_file():
        raise fail("app-folder-missing", folder=str(root))
    os.environ.update(startup_environment(quota, results))  # the kernels inherit it
    command, token = voila_command(root / APP_NOTEBOOK, port, host)
    address = f"http://{host}:{port}/" + (f"?token={token}" if token else "")
    print(f"Ứng dụng chạy tại: {address}", flush=True)
    if token:
        print(f"Mã truy cập (token): {token}", flush=True)
    os.chdir(root)  # voila.json is read from the working directory
    os.execve(sys.executable, command, server_environment(root, host))


# The kernels' Arrow memory pool, read when pyarrow is imported: the system's allocator gives freed memory
# back on a trim (``app.kernel.give_back_memory``); mimalloc, Arrow's default here, keeps more of it.
ARROW_POOL = {"ARROW_DEFAULT_MEMORY_POOL": "system"}


def server_environment(root: Path, host: str) -> dict[str, str]:
    """This process's environment with what the server and its kernels need: where a spare kernel asks
    for its page (``VOILA_APP_IP``), the project folder, its ``lib`` and its Voilà template."""
    # any address listened on reaches the server from this machine, but Windows cannot connect to the
    # wildcard 0.0.0.0
    reachable = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return {**ARROW_POOL, **os.environ, "VOILA_APP_IP": reachable, "CHITIEU_HOME": str(root),
            "PYTHONPATH": _prepended(root / "lib", "PYTHONPATH"),
            # the repo's own Voilà template ("chitieu": the lab template without CDN links) is found here
            "JUPYTER_PATH": _prepended(root / "share" / "jupyter", "JUPYTER_PATH")}


def _prepended(folder: Path, variable: str) -> str:
    """The search path in ``variable`` with ``folder`` first."""
    return os.pathsep.join(filter(None, [str(folder), os.environ.get(variable)]))


def startup_environment(quota: list[str], results: list[str]) -> dict[str, str]:
    """The variables that make the app open on these workbooks (absolute paths: Voilà runs from the repo root)."""
    if not quota:
        return {}
    if missing := [f for f in [*quota, *results] if not Path(f).is_file()]:
        raise ChitieuError(finding("file-missing", file=missing[0]))
    return {STARTUP_QUOTA: os.pathsep.join(str(Path(f).resolve()) for f in quota),
            STARTUP_RESULTS: os.pathsep.join(str(Path(f).resolve()) for f in results)}


def voila_command(notebook: Path, port: int, host: str) -> tuple[list[str], str]:
    """The command line of Voilà with a ready spare kernel (``chitieu.app.server``), and the token it
    requires (empty when listening on 127.0.0.1 only)."""
    token = "" if host in ("127.0.0.1", "localhost") else secrets.token_urlsafe(24)
    command = [sys.executable, "-m", "chitieu.app.server", str(notebook), f"--port={port}", f"--Voila.ip={host}",
               "--no-browser", f"--token={token}", "--template=chitieu"]
    return command, token
