"""Ten officers at once against one `chitieu app` (one kernel each): all finish within a bound.
The server's peak memory under this load is measured by benchmarks/load_app.py."""

from __future__ import annotations

import time
from pathlib import Path

from .appdriver import assert_sessions_succeeded, sessions_at_once

SESSIONS, BOUND_S = 10, 180


def test_ten_sessions_upload_and_export_within_the_bound(server: str, tmp_path: Path) -> None:
    began = time.monotonic()
    reports = sessions_at_once(server, SESSIONS, tmp_path)
    elapsed = time.monotonic() - began
    assert_sessions_succeeded(reports, server)
    assert elapsed < BOUND_S, f"{SESSIONS} sessions took {elapsed:.0f} s"
