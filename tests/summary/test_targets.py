"""Targets as the seed plans set them: a deadline per indicator, a quota given only per day, a quota that is
a share of an eligible population, and progress counted from a baseline — in workbooks written here with
the plans' own figures (Mỹ Phú Đông, Điềm Mặc)."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu import summarise_files
from chitieu.cli import main
from chitieu.mapping.targets import table_deadlines
from chitieu.summary.campaign import Campaign
from chitieu.summary.table import summarise_progress
from chitieu.values import deadline_in_text
from conftest import make_records
from summary.test_plausibility import workbook as book

MPD_START, MPD_END, MPD_AS_OF = date(2023, 5, 25), date(2023, 6, 30), date(2023, 6, 10)
CCCD_END = date(2023, 6, 20)  # "đến 20/6/2023 … thu nhận hồ sơ cấp CCCD (97 trường hợp)"


def my_phu_dong(tmp_path: Path) -> tuple[Path, Path]:
    """Mỹ Phú Đông's plan (25/5–30/6/2023): 97 CCCD by 20/6, 1,057 eID before 30/6; results on 10/6."""
    quota = book(tmp_path / "chi_tieu_my_phu_dong.xlsx",
                 "CHỈ TIÊU ĐỀ ÁN 06 XÃ MỸ PHÚ ĐÔNG (Thời gian thực hiện: Từ ngày 25/5/2023 đến ngày 30/6/2023)",
                 ["STT", "Đơn vị", "Chỉ tiêu thu nhận hồ sơ cấp CCCD (đến 20/6/2023)",
                  "Chỉ tiêu tài khoản định danh điện tử (trước ngày 30/6/2023)"],
                 [[1, "Xã Mỹ Phú Đông", 97, 1057]])
    results = book(tmp_path / "ket_qua.xlsx", "KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06 (tính đến ngày 10/6/2023)",
                   ["STT", "Đơn vị", "Thu nhận hồ sơ cấp CCCD", "Tài khoản định danh điện tử"],
                   [[1, "Xã Mỹ Phú Đông", 60, 500]])
    return quota, results


def row_of(summary, indicator: str) -> dict:
    rows = summary.table[summary.table["indicator"] == indicator]
    assert len(rows) == 1
    return rows.iloc[0].to_dict()


def test_my_phu_dong_two_deadlines_give_two_periods_and_two_paces(tmp_path: Path) -> None:
    summary = summarise_files(*([path] for path in my_phu_dong(tmp_path)))
    cccd, dddt = summary.campaign.of("cccd"), summary.campaign.of("dddt")
    assert (cccd.start, cccd.end, cccd.days_total, cccd.days_elapsed, cccd.days_left) == (MPD_START, CCCD_END,
                                                                                          27, 17, 10)
    assert (dddt.start, dddt.end, dddt.days_total, dddt.days_left) == (MPD_START, MPD_END, 37, 20)
    first, second = row_of(summary, "cccd"), row_of(summary, "dddt")
    assert first["expected_to_date"] == pytest.approx(97 / 27 * 17)
    assert second["expected_to_date"] == pytest.approx(1057 / 37 * 17)
    assert first["required_per_day"] == pytest.approx((97 - 60) / 10)
    assert second["required_per_day"] == pytest.approx((1057 - 500) / 20)
    assert first["projected"] == pytest.approx(60 + 60 / 17 * 10)
    # 60 of 97 is behind a pace to 20/6, though it would be on pace to the campaign's 30/6 (44.6 expected)
    assert (first["status"], second["status"]) == ("chậm", "đạt tiến độ")
    said = {(f.column, f.params["deadline"]) for f in summary.findings if f.code == "deadline-read"}
    assert said == {("C", "20/06/2023"), ("D", "30/06/2023")}
    assert all(f.file == "chi_tieu_my_phu_dong.xlsx" for f in summary.findings if f.code == "deadline-read")


def test_the_json_contract_gives_each_indicators_period_and_keeps_its_keys(tmp_path: Path, capsys) -> None:
    quota, results = my_phu_dong(tmp_path)
    assert main(["summary", "--quota", str(quota), "--results", str(results), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    campaign = data["campaign"]
    assert (campaign["start"], campaign["end"], campaign["days_total"]) == ("2023-05-25", "2023-06-30", 37)
    assert campaign["indicators"]["cccd"] == {"start": "2023-05-25", "end": "2023-06-20", "days_total": 27,
                                              "days_elapsed": 17, "days_left": 10, "own": True}
    assert {"eligible", "baseline", "quota", "pace", "status"} <= set(data["rows"][0])


def test_a_deadline_option_wins_and_is_kept_in_the_profile(tmp_path: Path, capsys) -> None:
    quota, results = my_phu_dong(tmp_path)
    profile = tmp_path / "ho_so.yaml"
    argv = ["summary", "--quota", str(quota), "--results", str(results), "--format", "json", "--profile", str(profile)]
    assert main([*argv, "--deadline", "Kích hoạt tài khoản định danh điện tử (mức 1 + mức 2)=15/06/2023"]) == 0
    first = json.loads(capsys.readouterr().out)["campaign"]["indicators"]
    assert (first["dddt"]["end"], first["dddt"]["days_total"]) == ("2023-06-15", 22)
    assert yaml.safe_load(profile.read_text(encoding="utf-8"))["deadlines"] == {"dddt": {"end": date(2023, 6, 15)}}
    assert main(argv) == 0  # the next run, without the option, takes it from the profile
    assert json.loads(capsys.readouterr().out)["campaign"]["indicators"]["dddt"]["end"] == "2023-06-15"
    assert main([*argv, "--deadline", "dddt=20/06/2023"]) == 0  # a new one replaces the kept one
    assert json.loads(capsys.readouterr().out)["campaign"]["indicators"]["dddt"]["end"] == "2023-06-20"


def test_the_terminal_table_says_an_indicators_own_period(tmp_path: Path, capsys) -> None:
    quota, results = my_phu_dong(tmp_path)
    assert main(["summary", "--quota", str(quota), "--results", str(results)]) == 0
    out = capsys.readouterr().out
    assert "Đợt: 25/05/2023 – 30/06/2023 (37 ngày); tính đến ngày 10/06/2023" in out
    assert "■ Thu nhận hồ sơ cấp CCCD (hạn riêng: 25/05/2023 – 20/06/2023, 27 ngày; đã qua 17 ngày, còn 10 ngày)" in out


def test_a_profile_deadline_typed_by_hand_is_read_or_refused(tmp_path: Path, capsys) -> None:
    quota, results = my_phu_dong(tmp_path)
    profile = tmp_path / "ho_so.yaml"
    argv = ["summary", "--quota", str(quota), "--results", str(results), "--format", "json", "--profile", str(profile)]
    profile.write_text("deadlines:\n  dddt: {end: 15/06/2023}\n", encoding="utf-8")
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["campaign"]["indicators"]["dddt"]["end"] == "2023-06-15"
    profile.write_text("deadlines:\n  dddt: {end: 31/06/2023}\n", encoding="utf-8")
    assert main(argv) == 1
    assert "ho_so.yaml" in capsys.readouterr().err


def test_a_deadline_option_not_understood_is_said(tmp_path: Path, capsys) -> None:
    quota, _ = my_phu_dong(tmp_path)
    assert main(["summary", "--quota", str(quota), "--deadline", "cccd=20/13/2023"]) == 1
    assert "Hạn của chỉ tiêu 'cccd=20/13/2023' không đúng dạng" in capsys.readouterr().err


def test_a_deadline_before_the_campaigns_start_is_said_and_not_used(tmp_path: Path) -> None:
    quota, results = my_phu_dong(tmp_path)
    summary = summarise_files([quota], [results], deadlines={"cccd": (None, date(2023, 5, 20))})
    assert summary.campaign.of("cccd").days_total == 37  # the campaign's
    [said] = [f for f in summary.findings if f.code == "deadline-before-start"]
    assert said.severity == "warning" and "20/05/2023" in said.text() and "25/05/2023" in said.text()


def test_dien_mac_daily_only_targets_are_tracked(tmp_path: Path) -> None:
    """Điềm Mặc: "30 hồ sơ/ngày" CCCD and "70 hồ sơ/ngày" eID, no whole-campaign figure (dropped before)."""
    quota = book(tmp_path / "chi_tieu_diem_mac.xlsx",
                 "CHỈ TIÊU CẤP CCCD VÀ ĐỊNH DANH ĐIỆN TỬ XÃ ĐIỀM MẶC (Từ ngày 01/4/2024 đến ngày 30/12/2024)",
                 ["STT", "Đơn vị", "Thu nhận hồ sơ CCCD (hồ sơ/ngày)", "Định danh điện tử (hồ sơ/ngày)"],
                 [[1, "Xã Điềm Mặc", 30, 70]])
    results = book(tmp_path / "ket_qua.xlsx", "KẾT QUẢ (tính đến ngày 30/4/2024)",
                   ["STT", "Đơn vị", "Thu nhận hồ sơ CCCD", "Định danh điện tử"], [[1, "Xã Điềm Mặc", 800, 2200]])
    summary = summarise_files([quota], [results])
    days = (date(2024, 12, 30) - date(2024, 4, 1)).days + 1
    cccd, dddt = row_of(summary, "cccd"), row_of(summary, "dddt")
    assert (cccd["quota"], cccd["daily_quota"], dddt["quota"]) == (30 * days, 30, 70 * days)
    assert cccd["expected_to_date"] == 30 * 30 and cccd["status"] == "chậm"  # 800 of 900 in 30 days
    assert dddt["expected_to_date"] == 70 * 30 and dddt["status"] == "đạt tiến độ"
    said = [f for f in summary.findings if f.code == "quota-from-daily"]
    assert len(said) == 2 and said[0].severity == "info"
    assert f"30 × {days} = {30 * days:,}".replace(",", ".") in said[0].text()


def test_a_daily_only_target_runs_over_the_indicators_own_days(tmp_path: Path) -> None:
    quota = book(tmp_path / "chi_tieu.xlsx", "CHỈ TIÊU (Từ ngày 01/4/2024 đến ngày 30/12/2024)",
                 ["STT", "Đơn vị", "Thu nhận hồ sơ CCCD (hồ sơ/ngày) - hoàn thành trước ngày 20/5/2024"],
                 [[1, "Xã Điềm Mặc", 30]])
    summary = summarise_files([quota], as_of=date(2024, 4, 30))
    assert row_of(summary, "cccd")["quota"] == 30 * 50  # 1/4–20/5/2024


def test_a_share_of_the_eligible_population_is_the_quota(tmp_path: Path) -> None:
    """"90% dân số trưởng thành" of 1,000 adults is a quota of 900, shown with the population."""
    quota = book(tmp_path / "chi_tieu.xlsx", "CHỈ TIÊU ĐỊNH DANH ĐIỆN TỬ (Từ ngày 01/4/2024 đến ngày 30/6/2024)",
                 ["STT", "Đơn vị", "Dân số trưởng thành", "Tỷ lệ định danh điện tử phải đạt"],
                 [[1, "Xóm Bản Tèn", 1000, "90%"], [2, "Xóm Đồng Tâm", 333, "90%"]])
    summary = summarise_files([quota], as_of=date(2024, 4, 30))
    rows = summary.table.set_index("unit")
    assert (rows.loc["Xóm Bản Tèn", "quota"], rows.loc["Xóm Bản Tèn", "eligible"]) == (900, 1000)
    assert rows.loc["Xóm Đồng Tâm", "quota"] == math.ceil(0.9 * 333)  # 299.7 → 300: a share rounds up
    assert rows.loc["Tổng cộng", "eligible"] == 1333
    [said] = [f for f in summary.findings if f.code == "quota-from-share"]
    assert "90,0% × 1.000 = 900" in said.text() and said.file == "chi_tieu.xlsx" and said.column == "C"


def test_a_share_in_the_header_fills_the_quotas_left_blank(tmp_path: Path) -> None:
    quota = book(tmp_path / "chi_tieu.xlsx", "CHỈ TIÊU (Từ ngày 01/4/2024 đến ngày 30/6/2024)",
                 ["STT", "Đơn vị", "Dân số trưởng thành", "Chỉ tiêu định danh điện tử (90% dân số)"],
                 [[1, "Xóm Bản Tèn", 1000, None], [2, "Xóm Đồng Tâm", 500, 460]])
    rows = summarise_files([quota], as_of=date(2024, 4, 30)).table.set_index("unit")
    assert rows.loc["Xóm Bản Tèn", "quota"] == 900  # computed
    assert rows.loc["Xóm Đồng Tâm", "quota"] == 460  # as the plan gave it


def test_a_quota_column_left_blank_under_a_share_header_is_computed(tmp_path: Path) -> None:
    """Only the header says the target ("Chỉ tiêu định danh điện tử (90% dân số)"); every cell under it is
    blank, and the population column names no indicator itself."""
    quota = book(tmp_path / "chi_tieu.xlsx", "CHỈ TIÊU (Từ ngày 01/4/2024 đến ngày 30/6/2024)",
                 ["STT", "Đơn vị", "Dân số trưởng thành", "Chỉ tiêu định danh điện tử (90% dân số)"],
                 [[1, "Xóm Bản Tèn", 1000, None], [2, "Xóm Đồng Tâm", 500, None]])
    summary = summarise_files([quota], as_of=date(2024, 4, 30))
    rows = summary.table.set_index("unit")
    assert rows.loc[["Xóm Bản Tèn", "Xóm Đồng Tâm"], "quota"].tolist() == [900, 450]
    assert rows.loc["Xóm Bản Tèn", "eligible"] == 1000
    assert [f.code for f in summary.findings if f.column == "C"] == ["quota-from-share"]


def test_a_percent_column_beside_results_is_no_target(tmp_path: Path) -> None:
    quota = book(tmp_path / "chi_tieu.xlsx", "KẾT QUẢ (Từ ngày 01/4/2024 đến ngày 30/6/2024)",
                 ["STT", "Đơn vị", "Chỉ tiêu định danh điện tử", "Dân số", "Đã kích hoạt", "Tỷ lệ (%)"],
                 [[1, "Xóm Bản Tèn", 800, 1000, 400, "40%"]])
    summary = summarise_files([quota], as_of=date(2024, 4, 30))
    assert row_of(summary, "dddt")["quota"] == 800
    assert not [f for f in summary.findings if f.code == "quota-from-share"]


def dien_mac_baseline(tmp_path: Path, cumulative: int) -> tuple[Path, Path]:
    """Điềm Mặc: "Tài khoản mức 2 đã được cấp là 2.875" before the plan, 990 still to do; results cumulative."""
    quota = book(tmp_path / "chi_tieu.xlsx", "CHỈ TIÊU ĐỊNH DANH MỨC 2 (Từ ngày 01/4/2024 đến ngày 30/12/2024)",
                 ["STT", "Đơn vị", "Chỉ tiêu tài khoản định danh mức 2", "Tài khoản mức 2 đã cấp trước đợt"],
                 [[1, "Xã Điềm Mặc", 990, 2875]])
    results = book(tmp_path / "ket_qua.xlsx", "KẾT QUẢ (tính đến ngày 30/4/2024)",
                   ["STT", "Đơn vị", "Tài khoản định danh mức 2 lũy kế"], [[1, "Xã Điềm Mặc", cumulative]])
    return quota, results


def test_a_baseline_is_subtracted_from_cumulative_results(tmp_path: Path) -> None:
    summary = summarise_files(*([path] for path in dien_mac_baseline(tmp_path, 3375)))
    row = row_of(summary, "dddt_muc2")
    assert (row["result"], row["baseline"], row["remaining"]) == (3375 - 2875, 2875, 990 - 500)
    [said] = [f for f in summary.findings if f.code == "baseline-subtracted"]
    assert said.severity == "info" and "2.875" in said.text()


def test_a_baseline_each_result_workbook_repeats_counts_once(tmp_path: Path) -> None:
    quota = book(tmp_path / "chi_tieu.xlsx", "CHỈ TIÊU ĐỊNH DANH MỨC 2 (Từ ngày 01/4/2024 đến ngày 30/12/2024)",
                 ["STT", "Đơn vị", "Chỉ tiêu tài khoản định danh mức 2"], [[1, "Xã Điềm Mặc", 990]])
    days = [book(tmp_path / f"ket_qua_2024-04-{day:02d}.xlsx", f"KẾT QUẢ (tính đến ngày {day}/4/2024)",
                 ["STT", "Đơn vị", "Tài khoản mức 2 đã cấp trước đợt", "Tài khoản định danh mức 2 lũy kế"],
                 [[1, "Xã Điềm Mặc", 2875, cumulative]]) for day, cumulative in ((15, 3100), (30, 3375))]
    row = row_of(summarise_files([quota], days), "dddt_muc2")
    assert (row["baseline"], row["result"]) == (2875, 3375 - 2875)


def test_a_result_below_its_baseline_is_kept_and_said(tmp_path: Path) -> None:
    summary = summarise_files(*([path] for path in dien_mac_baseline(tmp_path, 420)))
    assert row_of(summary, "dddt_muc2")["result"] == 420
    assert [f.params["baseline"] for f in summary.findings if f.code == "result-below-baseline"] == ["2.875"]


def test_one_result_below_its_baseline_leaves_every_unit_of_the_indicator_as_reported(tmp_path: Path) -> None:
    """Results that count from the campaign's start show it where one is below its unit's baseline: the
    indicator's results are then all kept as reported, never some subtracted and some not."""
    quota = book(tmp_path / "chi_tieu.xlsx", "CHỈ TIÊU ĐỊNH DANH MỨC 2 (Từ ngày 01/4/2024 đến ngày 30/12/2024)",
                 ["STT", "Đơn vị", "Chỉ tiêu tài khoản định danh mức 2"], [[1, "Thôn 1", 990], [2, "Thôn 2", 500]])
    results = book(tmp_path / "ket_qua.xlsx", "KẾT QUẢ (tính đến ngày 30/4/2024)",
                   ["STT", "Đơn vị", "Tài khoản mức 2 đã cấp trước đợt", "Tài khoản định danh mức 2"],
                   [[1, "Thôn 1", 300, 420], [2, "Thôn 2", 200, 150]])
    summary = summarise_files([quota], [results])
    assert [row_of_unit(summary, unit)["result"] for unit in ("Thôn 1", "Thôn 2")] == [420, 150]
    [said] = [f for f in summary.findings if f.code == "result-below-baseline"]
    assert said.params["unit"] == "Thôn 2" and not [f for f in summary.findings if f.code == "baseline-subtracted"]


def row_of_unit(summary, unit: str):
    return summary.table.set_index("unit").loc[unit]


PHRASES = ["đến", "đến ngày", "trước", "trước ngày", "hạn", "đến hết ngày"]


@settings(max_examples=60, deadline=None)
@given(start=st.dates(date(2023, 1, 1), date(2026, 1, 1)), length=st.integers(1, 200),
       cut=st.integers(0, 199), seen=st.integers(0, 220), phrase=st.sampled_from(PHRASES),
       quota=st.integers(1, 50_000), result=st.integers(0, 50_000))
def test_an_indicators_period_sets_its_pace(start, length, cut, seen, phrase, quota, result) -> None:
    """Generated campaigns and deadlines: the deadline read from the plan's words gives the indicator's days,
    over which its quota is spread; the other indicator keeps the campaign's."""
    end = start + timedelta(days=length - 1)
    deadline = start + timedelta(days=min(cut, length - 1))
    assert deadline_in_text(f"Chỉ tiêu CCCD ({phrase} {deadline.day}/{deadline.month}/{deadline.year})") == deadline
    period_end = deadline_in_text(f"Từ ngày {start:%d/%m/%Y} {phrase} {end:%d/%m/%Y}")
    assert period_end == (None if phrase.startswith("đến") else end)  # a period's end is no deadline
    as_of = start + timedelta(days=seen)
    records = make_records([("Xã A", None, code, "quota", quota, None) for code in ("cccd", "dddt")]
                           + [("Xã A", None, code, "result", result, as_of) for code in ("cccd", "dddt")])
    campaign = Campaign(start, end, as_of, periods={"cccd": (start, deadline)})
    table = summarise_progress(records, campaign).table.set_index("indicator")
    for code, last in (("cccd", deadline), ("dddt", end)):
        days = (last - start).days + 1
        elapsed = min(seen + 1, days)
        assert table.loc[code, "expected_to_date"] == pytest.approx(min(quota / days * elapsed, quota))
        left = days - elapsed
        required = table.loc[code, "required_per_day"]
        assert required == pytest.approx(max(quota - result, 0) / left) if left else math.isnan(required)


@settings(max_examples=25, deadline=None)
@given(share=st.integers(1, 100), eligible=st.integers(1, 100_000))
def test_a_share_quota_is_the_share_rounded_up(share, eligible, tmp_path_factory) -> None:
    tmp = tmp_path_factory.mktemp("share")
    quota = book(tmp / "chi_tieu.xlsx", "CHỈ TIÊU (Từ ngày 01/4/2024 đến ngày 30/6/2024)",
                 ["STT", "Đơn vị", "Dân số", "Tỷ lệ định danh điện tử phải đạt"], [[1, "Xóm A", eligible, f"{share}%"]])
    row = row_of(summarise_files([quota], as_of=date(2024, 4, 30)), "dddt")
    assert row["quota"] == -(-share * eligible // 100)  # exact: ⌈share × eligible / 100⌉
    assert row["eligible"] == eligible


def test_the_title_gives_the_deadline_of_a_one_indicator_quota_table(tmp_path: Path) -> None:
    from chitieu.mapping.catalog import load_catalog
    from chitieu.mapping.records import read_records
    from chitieu.reading.layout import find_tables
    from chitieu.reading.sheets import read_sheets

    path = book(tmp_path / "sim.xlsx", "CHỈ TIÊU SIM CHÍNH CHỦ, hoàn thành trước ngày 01/9/2024 (Từ ngày 04/4/2024 "
                "đến ngày 03/7/2024)", ["STT", "Khu dân cư", "Chỉ tiêu"], [[1, "Khu 1", 120], [2, "Khu 2", 80]])
    loaded = read_records([path])
    assert loaded.deadlines == {"sim": date(2024, 9, 1)}
    [table] = find_tables(read_sheets(path)[0])[0]
    assert table_deadlines(table, loaded.records, "result", load_catalog())[0] == {}  # a result table's title: no


def test_the_reports_required_per_day_divides_by_the_indicators_own_days_left(tmp_path: Path) -> None:
    """The workbook's "Cần / ngày" stays a formula over the campaign's days left only where those are the
    indicator's; CCCD's (to 20/6) is its own figure, so a recalculation cannot put the campaign's in its place."""
    from openpyxl import load_workbook

    from chitieu import write_report

    summary = summarise_files(*([path] for path in my_phu_dong(tmp_path)))
    sheet = load_workbook(write_report(summary, tmp_path / "bao_cao.xlsx"))["Tổng hợp"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in rows if "Cần / ngày" in row)
    column = header.index("Cần / ngày")
    cells = [row[column] for row in rows if row[column] not in (None, "Cần / ngày")]
    assert (97 - 60) / 10 in cells  # the CCCD row: a value
    assert any(isinstance(cell, str) and cell.endswith("/20") for cell in cells)  # eID: the campaign's 20 days


def test_the_reports_unrounded_daily_quota_spreads_over_the_indicators_own_days(tmp_path: Path) -> None:
    """10 CCCD to 20/6 is 0,37 a day over its own 27 days (rounded, 0: the report shows the fraction)."""
    from openpyxl import load_workbook

    from chitieu import write_report

    quota = book(tmp_path / "chi_tieu.xlsx", "CHỈ TIÊU (Từ ngày 25/5/2023 đến ngày 30/6/2023)",
                 ["STT", "Đơn vị", "Chỉ tiêu thu nhận hồ sơ cấp CCCD (đến 20/6/2023)"], [[1, "Xã Mỹ Phú Đông", 10]])
    summary = summarise_files([quota], as_of=MPD_AS_OF)
    sheet = load_workbook(write_report(summary, tmp_path / "bao_cao.xlsx"))["Tổng hợp"]
    values = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, float)]
    assert any(value == pytest.approx(10 / 27) for value in values)
    assert not any(value == pytest.approx(10 / 37) for value in values)
