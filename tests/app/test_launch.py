"""Starting the app from the wrong folder says where chitieu looked, in Vietnamese, before anything starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.cli import main


def test_chitieu_app_outside_the_project_says_where_it_looked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHITIEU_HOME", raising=False)
    assert main(["app", "--port", "8999"]) == 1
    error = capsys.readouterr().err
    assert "Không tìm thấy thư mục chương trình chitieu" in error and str(tmp_path) in error
    assert "CHITIEU_HOME" in error and "Traceback" not in error
