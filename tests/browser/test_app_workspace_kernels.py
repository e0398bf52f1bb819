"""Kernels are given back: a tab's kernel is shut down soon after the tab closes (Jupyter Server culls
idle kernels no page is connected to, voila.json), while the spare and the open tabs keep theirs."""

from __future__ import annotations

import time
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

from .appdriver import descendants, is_running, launch_chromium, running_app

TABS, GIVEN_BACK_S = 10, 200  # voila.json culls kernels idle for 120 s with no page connected


def kernels(process) -> list[psutil.Process]:
    """The kernels the server runs now."""
    found = []
    for child in descendants(process):
        try:
            if is_running(child) and "ipykernel_launcher" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


def test_closed_tabs_give_their_kernels_back(tmp_path: Path) -> None:
    with running_app(timeout=120, env={"CHITIEU_UPLOADS": str(tmp_path)}) as (url, process), \
            sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        tabs = []
        for _ in range(TABS):
            tab = context.new_page()
            tab.goto(url, timeout=300_000)
            tab.wait_for_selector(".ct-table", timeout=300_000)
            tabs.append(tab)
        opened = len(kernels(process))
        assert opened >= TABS  # one kernel per tab at least
        kept = tabs.pop()
        for tab in tabs:
            tab.close()
        deadline = time.monotonic() + GIVEN_BACK_S
        while len(kernels(process)) > 2 and time.monotonic() < deadline:
            time.sleep(2)
        # the open tab's kernel and the spare at most
        assert len(kernels(process)) <= 2, (opened, len(kernels(process)))
        assert kept.locator(".ct-table tbody tr").count() == 40  # the open tab still works
        browser.close()
