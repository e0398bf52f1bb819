"""`chitieu summary --schedule` as an officer runs it: the stale unit's rank is empty and the warning names it."""

from __future__ import annotations

import json
import os
from datetime import datetime

import yaml

from chitieu.cli import main
from report.books import quota_book, result_book

from .test_timeliness import QUOTAS


def test_the_command_line_leaves_a_stale_unit_unranked_and_keeps_the_schedule(tmp_path, capsys):
    early = result_book(tmp_path, "4.6.2025", {"Thôn Đông": 10, "Thôn Tây": 8, "Thôn Nam": 9, "Thôn Bắc": 20})
    late = result_book(tmp_path, "12.6.2025", {"Thôn Đông": 20, "Thôn Tây": 15, "Thôn Nam": 30})
    os.utime(early, (datetime(2025, 6, 5, 8).timestamp(),) * 2)  # the file's own time: received on time
    profile = tmp_path / "profile.yaml"
    common = ["summary", "--quota", str(quota_book(tmp_path, QUOTAS)), "--results", str(early), str(late),
              "--start", "2025-06-01", "--end", "2025-06-30", "--as-of", "2025-06-19", "--format", "json",
              "--profile", str(profile)]
    assert main([*common, "--schedule", "thứ năm 9 giờ 00 phút", "--received", f"{late.name}=2025-06-12 10:30"]) == 0
    rows = {r["unit"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    assert rows["Thôn Bắc"]["rank"] is None and rows["Thôn Bắc"]["check"].startswith("báo cáo cũ")
    assert yaml.safe_load(profile.read_text(encoding="utf-8"))["report"]["schedule"] == "thứ năm 9 giờ 00 phút"
    assert main(common) == 0  # the next run takes the schedule from the profile
    found = json.loads(capsys.readouterr().out)
    assert {r["unit"]: r["rank"] for r in found["rows"]}["Thôn Bắc"] is None
    assert any(i["code"] == "report-stale" and "Thôn Bắc" in i["message"] for i in found["issues"])


def test_a_schedule_the_command_cannot_read_is_refused_with_how_to_write_it(tmp_path, capsys):
    common = ["summary", "--quota", str(quota_book(tmp_path, QUOTAS)), "--start", "2025-06-01", "--end", "2025-06-30"]
    assert main([*common, "--schedule", "hằng tuần"]) == 1
    assert "Không hiểu lịch báo cáo 'hằng tuần'" in capsys.readouterr().err
