"""Ten officers at once against one `chitieu app` (one kernel each): all of them finish. How long they
take and the server's peak memory under this load are measured by benchmarks/load_app.py."""

from __future__ import annotations

from pathlib import Path


from .appdriver import assert_sessions_succeeded, sessions_at_once

SESSIONS = 10


def test_ten_sessions_upload_and_export_at_once(server: str, tmp_path: Path) -> None:
    assert_sessions_succeeded(sessions_at_once(server, SESSIONS, tmp_path), server)
