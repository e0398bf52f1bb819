"""The page's kernel: a spare's hand-off (``chitieu app`` pre-heats one kernel that builds the app before
any officer asks, ``chitieu.app.server``; it then waits here until a page takes it), and the memory a read
freed given back to the system."""

from __future__ import annotations

import ctypes
import gc
import json
import os

import pyarrow as pa
from websockets.exceptions import WebSocketException
from websockets.sync.client import connect


def is_spare_kernel() -> bool:
    """Whether this kernel was started ahead of any page (Voilà's pre-heated kernel)."""
    return os.environ.get("VOILA_PREHEAT") == "True"


def take_page_request() -> None:
    """Block until a page takes this spare kernel, then take on the page's request variables.

    What ``voila.utils.wait_for_request`` does, without importing Jupyter Server with it (4 s).
    """
    url = (f"ws://{os.environ.get('VOILA_APP_IP', '127.0.0.1')}:{os.environ['VOILA_APP_PORT']}"
           f"{os.environ.get('VOILA_SERVER_URL', '/')}voila/query/{os.environ['VOILA_KERNEL_ID']}")
    try:
        with connect(url, open_timeout=5) as socket:
            os.environ.update(json.loads(socket.recv()))
    except (OSError, WebSocketException):  # the server is gone: the notebook just goes on
        return


def give_back_memory() -> None:
    """Free what is no longer referenced and return the freed pages to the system, so that the kernel holds
    its summary and the records it keeps, not the peak of reading the workbooks: Arrow's memory pool and
    glibc's heap keep freed memory otherwise (at national size, 550 MiB held where 300 are in use)."""
    gc.collect()
    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (Windows, macOS): its allocator returns memory itself
        pass
