"""Voilà with a spare kernel that is handed out only once it is ready.

Voilà's pre-heated kernels (``preheat_kernel``) run the notebook before anyone asks, so an officer's
page skips the kernel's start, the imports and reading the workbooks. But Voilà 0.5 hands the spare
out as soon as a page asks, even while it is still starting: under a burst of officers, pages then
wait for a spare that competes with their own kernels. Here a page takes the spare only when its
notebook is waiting for a page (``ChitieuApp.wait_for_page``: the app is built); otherwise it gets
an ordinary kernel, as without pre-heating.

``chitieu app`` (``chitieu.app.launch``) runs ``python -m chitieu.app.server`` with Voilà's own
command-line flags.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import voila.app
from voila.request_info_handler import RequestInfoSocketHandler
from voila.voila_kernel_manager import voila_kernel_manager_factory

# Flags that turn pre-heating on: one spare kernel, refilled 5 s after it is taken so that a burst
# of officers does not also pay for the next spare's start.
PREHEAT_FLAGS = ["--VoilaConfiguration.preheat_kernel=True", "--VoilaConfiguration.default_pool_size=1",
                 "--VoilaKernelManager.fill_delay=5"]


def is_ready(task: asyncio.Task) -> bool:
    """Whether a pooled kernel's notebook is waiting for its page (it opened the request-info socket)."""
    if not task.done() or task.cancelled() or task.exception() is not None:
        return False
    return task.result()["kernel_id"] in RequestInfoSocketHandler._waiters


def ready_first_factory(base_class: type, preheat_kernel: bool, default_pool_size: int,
                        page_config_hook: Any = None) -> type:
    """``voila_kernel_manager_factory`` whose pool counts (and hands out) only ready kernels."""
    manager = voila_kernel_manager_factory(base_class, preheat_kernel, default_pool_size, page_config_hook)
    if not preheat_kernel:
        return manager

    class ReadyFirstKernelManager(manager):
        def get_pool_size(self, notebook_name: str) -> int:
            return sum(map(is_ready, self._pools.get(notebook_name, [])))

        async def get_rendered_notebook(self, notebook_name: str, *args: Any, **kwargs: Any) -> Any:
            pool = self._pools[notebook_name]
            pool.sort(key=lambda task: not is_ready(task))  # Voilà takes the first of the pool
            return await super().get_rendered_notebook(notebook_name, *args, **kwargs)

    return ReadyFirstKernelManager


def main(argv: list[str] | None = None) -> None:
    """Run Voilà (its command-line flags in ``argv``) with the ready-first kernel pool."""
    voila.app.voila_kernel_manager_factory = ready_first_factory
    voila.app.main(argv=[*PREHEAT_FLAGS, *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
