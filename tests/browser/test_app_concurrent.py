"""Five officers at once against one `chitieu app`: all finish, each gets a report of its own."""

from __future__ import annotations

from pathlib import Path

from .appdriver import assert_sessions_succeeded, sessions_at_once


def test_five_sessions_upload_filter_and_download_at_once(server: str, tmp_path: Path) -> None:
    assert_sessions_succeeded(sessions_at_once(server, 5, tmp_path), server)
