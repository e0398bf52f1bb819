"""The `chitieu` command as an officer runs it."""

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import xlsxwriter
import yaml
from openpyxl import load_workbook

from chitieu.cli import build_parser, main
from chitieu.summary.columns import SUMMARY_COLUMNS
from conftest import INPUTS

ROW_FIELDS = ["unit", "parent", "level", "indicator", "indicator_label", "quota", "daily_quota", "result", "percent",
              "expected_to_date", "pace", "remaining", "required_per_day", "projected", "status", "rank", "check",
              "place", "parent_place", "label", "eligible", "baseline"]
NUMBER = {"type": ["number", "null"]}
SUMMARY_SCHEMA = {
    "type": "object", "required": ["campaign", "rows", "issues"], "additionalProperties": False,
    "properties": {
        "campaign": {"type": "object", "required": ["start", "end", "as_of", "days_total", "days_elapsed"],
                     "properties": {k: {"type": "string", "format": "date"} for k in ("start", "end", "as_of")}
                     | {"days_total": {"type": "integer"}, "days_elapsed": {"type": "integer"},
                        # each indicator's own period (summary/targets.py), the campaign's where it has none
                        "indicators": {"type": "object", "additionalProperties": {
                            "type": "object", "additionalProperties": False,
                            "required": ["start", "end", "days_total", "days_elapsed", "days_left", "own"],
                            "properties": {"start": {"type": "string", "format": "date"},
                                           "end": {"type": "string", "format": "date"},
                                           "days_total": {"type": "integer"}, "days_elapsed": {"type": "integer"},
                                           "days_left": {"type": "integer"}, "own": {"type": "boolean"}}}}}},
        "rows": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ROW_FIELDS, "additionalProperties": False,
            "properties": {"unit": {"type": "string"}, "parent": {"type": ["string", "null"]},
                           "level": {"type": "integer"}, "indicator": {"type": "string"},
                           "indicator_label": {"type": "string"},
                           "status": {"enum": ["vượt", "đạt tiến độ", "chậm", "chưa báo cáo"]},
                           "rank": {"type": ["integer", "null"]}, "check": {"type": ["string", "null"]},
                           "place": {"type": "string"}, "parent_place": {"type": ["string", "null"]},
                           "label": {"type": "string"}}
                          | {k: NUMBER for k in [*ROW_FIELDS[5:14], "eligible", "baseline"]}}},
        "issues": {"type": "array", "items": {
            "type": "object", "required": ["severity", "code", "message", "file", "sheet", "row", "column"],
            "properties": {"severity": {"enum": ["error", "warning", "info"]}, "row": {"type": ["integer", "null"]}}}},
    },
}
SOC_TRANG = ["--quota", str(INPUTS / "soc_trang/chi_tieu_dddt.xlsx"), "--results",
             *map(str, sorted((INPUTS / "soc_trang").glob("ket_qua_*.xlsx"))), "--days", "33"]


def test_summary_table_reads_in_vietnamese(capsys):
    assert main(["summary", *SOC_TRANG]) == 0
    out = capsys.readouterr().out
    assert "Đợt: 18/07/2023 – 18/08/2023 (33 ngày); tính đến ngày 27/07/2023" in out
    assert "Tình trạng" in out and "Tỷ lệ đạt" in out
    province = next(line for line in out.splitlines() if line.startswith("Tỉnh Sóc Trăng"))
    assert "576.903" in province and "27,6%" in province
    assert "  Long Phú" in out  # districts indented under the province
    assert "Cảnh báo [total-rounding]" in out


def test_the_terminal_table_shows_the_summary_columns_as_specified(capsys):
    assert main(["summary", *SOC_TRANG]) == 0
    lines = capsys.readouterr().out.splitlines()
    title = lines.index("■ Kích hoạt tài khoản định danh điện tử (mức 1 + mức 2)")  # the indicator: the block's title
    header, province = lines[title + 1], lines[title + 3]
    shown = [spec for spec in SUMMARY_COLUMNS if spec.key != "indicator_label"]
    starts = [header.index(spec.heading) for spec in shown]
    assert starts == sorted(starts)  # every heading of the spec, in its order
    cells = {"unit": "Tỉnh Sóc Trăng", "quota": "576.903", "percent": "27,6%", "required_per_day": "18.150,2",
             "status": "chậm"}
    for spec in shown:
        if spec.key in cells:  # left-aligned cells start under their heading, right-aligned ones end under it
            at = province.index(cells[spec.key])
            edges = (at, header.index(spec.heading)) if spec.align == "left" else (
                at + len(cells[spec.key]), header.index(spec.heading) + len(spec.heading))
            assert edges[0] == edges[1], (spec.key, header, province)


def test_summary_json_has_the_documented_shape(capsys):
    assert main(["summary", *SOC_TRANG, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SUMMARY_SCHEMA, format_checker=jsonschema.FormatChecker())
    province = next(r for r in data["rows"] if r["unit"] == "Tỉnh Sóc Trăng")
    assert province["quota"] == 576903 and 0 < province["percent"] < 1
    assert data["campaign"]["days_total"] == 33
    assert [i["code"] for i in data["issues"]] == ["total-rounding"]


def test_summary_csv_and_date_options(capsys):
    assert main(["summary", *SOC_TRANG, "--as-of", "2023-07-24", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split(",") == ROW_FIELDS
    assert len(lines) == 13  # the province and its 11 districts


def test_read_lists_each_unit_and_column(capsys):
    assert main(["read", str(INPUTS / "soc_trang/chi_tieu_dddt.xlsx"), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 22  # 11 districts × 2 columns; the province total is checked, not read as a unit
    first = records[0]
    assert {k: first[k] for k in ("file", "sheet", "row", "unit", "indicator", "role", "value")} == {
        "file": "chi_tieu_dddt.xlsx", "sheet": "Phụ lục", "row": 5, "unit": "TP Sóc Trăng",
        "indicator": "dddt", "role": "quota", "value": 50802}
    assert first["label"] == "Chỉ tiêu thu nhận và kích hoạt (Mức 1+Mức 2)"


def test_check_exit_codes(capsys):
    assert main(["check", str(INPUTS / "soc_trang/chi_tieu_dddt.xlsx")]) == 0  # a rounding warning only
    assert main(["check", str(INPUTS / "my_phu_dong/phu_luc_ke_hoach_46.xlsx")]) == 1
    out = capsys.readouterr().out
    assert "Dòng tổng ghi 1.057, nhưng cộng các dòng được 1.157" in out
    assert "trang tính 'Phụ lục III', dòng 8" in out
    with pytest.raises(SystemExit) as usage:
        main(["check"])
    assert usage.value.code == 2


@pytest.mark.parametrize("content, expected", [
    (b"", "Tệp rỗng"), (b"PK\x03\x04 not really a zip", "Không đọc được tệp"),
])
def test_a_file_that_cannot_be_read_is_one_vietnamese_line(tmp_path, content, expected):
    bad = tmp_path / "bao cáo.xlsx"
    bad.write_bytes(content)
    done = subprocess.run([sys.executable, "-m", "chitieu.cli", "summary", "--quota", str(bad)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and "bao cáo.xlsx" in lines[0]


def test_missing_file_and_unsupported_format(tmp_path, capsys):
    assert main(["check", str(tmp_path / "khong_co.xlsx")]) == 1
    (tmp_path / "so_lieu.pdf").write_bytes(b"%PDF-1.4")
    assert main(["check", str(tmp_path / "so_lieu.pdf")]) == 1
    out = capsys.readouterr().out
    assert "Không tìm thấy tệp" in out and "'.pdf' chưa được hỗ trợ" in out


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise KeyError("bug")
    monkeypatch.setattr("chitieu.cli.summarise_loaded", broken)
    monkeypatch.delenv("CHITIEU_DEBUG", raising=False)
    assert main(["summary", *SOC_TRANG]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi ngoài dự kiến (KeyError)") and len(err.strip().splitlines()) == 1

def workbook(path: Path, header: list[str], rows: list[list[object]], title: str = "") -> Path:
    """A one-sheet workbook: a title line, then the header and rows of a table."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    sheet.write_row(0, 0, [title or path.stem])
    for i, row in enumerate([header, *rows]):
        sheet.write_row(2 + i, 0, row)
    book.close()
    return path


@pytest.fixture
def phones(tmp_path: Path) -> list[str]:
    """Campaign options for a smartphone quota of two hamlets and results whose one column, "Số máy đã
    phát", names no indicator and whose "Ấp 1 cũ" is the quota's "Ấp 1" under its old name."""
    quota = workbook(tmp_path / "chi_tieu.xlsx", ["STT", "Đơn vị", "Chỉ tiêu điện thoại thông minh"],
                     [[1, "Ấp 1", 10], [2, "Ấp 2", 8]], "CHỈ TIÊU TRANG BỊ ĐIỆN THOẠI THÔNG MINH")
    results = workbook(tmp_path / "KQ 31.5.2024.xlsx", ["STT", "Đơn vị", "Số máy đã phát"],
                       [[1, "Ấp 1 cũ", 4], [2, "Ấp 2", 2]], "KẾT QUẢ (tính đến ngày 31/05/2024)")
    return ["--quota", str(quota), "--results", str(results), "--start", "2024-05-01", "--end", "2024-06-30"]


CORRECTIONS = ["--map", "Số máy đã phát=smartphone:result", "--alias", "Ấp 1 cũ=Ấp 1"]


def test_read_columns_shows_each_columns_reading_and_a_doubtful_one_waits_for_map(tmp_path, capsys):
    results = workbook(tmp_path / "bao_cao.xlsx", ["STT", "Đơn vị", "Số lượng", "Tỷ lệ (%)"],
                       [[1, "Ấp 1", 40, 30.5], [2, "Ấp 2", 35, 29.9]], "BÁO CÁO ĐỊNH DANH ĐIỆN TỬ")
    assert main(["read", "--columns", "--kind", "result", str(results)]) == 0
    out, err = capsys.readouterr()
    columns = {row["label"]: row for row in csv.DictReader(io.StringIO(out))}
    assert list(next(iter(columns.values()))) == ["file", "sheet", "column", "label", "indicator", "role",
                                                   "confidence", "counted", "needs_confirmation", "evidence"]
    doubtful, percent = columns["Số lượng"], columns["Tỷ lệ (%)"]
    assert (doubtful["indicator"], doubtful["role"], doubtful["confidence"]) == ("dddt", "result", "0.72")
    assert (doubtful["counted"], doubtful["needs_confirmation"]) == ("False", "True")
    assert doubtful["evidence"] == ("tiêu đề bảng có 'định danh điện tử'; "
                                    "tiêu đề không nói vai trò: tệp được nạp là sổ kết quả")
    assert (percent["role"], percent["counted"], percent["needs_confirmation"]) == ("percent", "False", "False")
    assert "Cảnh báo [column-unconfirmed]: Cột 'Số lượng'" in err and "[tệp 'bao_cao.xlsx'" in err
    # the records hold nothing of it until it is confirmed with --map, as the warning says
    assert main(["read", "--kind", "result", str(results)]) == 0
    assert [r["label"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))] == ["Tỷ lệ (%)"] * 2
    assert main(["read", "--kind", "result", "--map", "Số lượng=dddt:result", str(results)]) == 0
    records = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["unit"], r["indicator"], r["value"]) for r in records if r["role"] == "result"] == [
        ("Ấp 1", "dddt", "40.0"), ("Ấp 2", "dddt", "35.0")]


def summary_rows(capsys) -> dict[str, dict]:
    return {row["unit"]: row for row in json.loads(capsys.readouterr().out)["rows"]}


def test_summary_saves_the_choices_in_the_profile_and_the_next_run_applies_them(phones, tmp_path, capsys):
    profile = tmp_path / "profile.yaml"
    assert main(["summary", *phones, *CORRECTIONS, "--profile", str(profile), "--format", "json"]) == 0
    assert summary_rows(capsys)["Ấp 1"]["result"] == 4
    saved = yaml.safe_load(profile.read_text(encoding="utf-8"))
    assert saved["profiles"] == [{"header": "STT Đơn vị Số máy đã phát",
                                  "columns": {"Số máy đã phát": "smartphone:result"}}]
    assert list(saved["units"].values()) == ["Ấp 1"]
    assert main(["summary", *phones, "--profile", str(profile), "--format", "json"]) == 0
    rows = summary_rows(capsys)
    assert (rows["Ấp 1"]["result"], rows["Ấp 2"]["result"]) == (4, 2)


def test_report_reads_with_the_officers_corrections_and_saves_them(phones, tmp_path, capsys):
    profile = tmp_path / "profile.yaml"
    assert main(["report", *phones, *CORRECTIONS, "--profile", str(profile), "--out", str(tmp_path / "bc.xlsx")]) == 0
    written = Path(capsys.readouterr().out.strip().splitlines()[-1])
    sheet = load_workbook(written).worksheets[0]
    hamlet = next(row for row in sheet.iter_rows(values_only=True) if "Ấp 1" in row)
    assert 4 in hamlet  # its result, from the mapped column under the unit's old name
    saved = yaml.safe_load(profile.read_text(encoding="utf-8"))
    assert saved["profiles"][0]["columns"] == {"Số máy đã phát": "smartphone:result"}
    assert list(saved["units"].values()) == ["Ấp 1"]


@pytest.mark.parametrize("command", ["summary", "read", "check", "report"])
def test_every_command_that_reads_workbooks_takes_the_reading_options(command, tmp_path):
    files = ["--quota", "q.xlsx", "--out", "r.xlsx"] if command == "report" else (
        ["--quota", "q.xlsx"] if command == "summary" else ["q.xlsx"])
    args = build_parser().parse_args([command, *files, *CORRECTIONS, "--profile", "p.yaml", "--hidden"])
    assert (args.map, args.alias, args.profile, args.hidden) == (
        [CORRECTIONS[1]], [CORRECTIONS[3]], "p.yaml", True)


def communes(folder: Path) -> Path:
    """A quota workbook whose unit column, "Nơi nhận chỉ tiêu", the reader does not recognise: no table.
    ("Xã, thị trấn" is a unit heading: tests/mapping/test_places.py.)"""
    return workbook(folder / "chi_tieu_xa.xlsx", ["STT", "Nơi nhận chỉ tiêu", "Chỉ tiêu điện thoại thông minh"],
                    [[1, "Xã Long Đức", 10], [2, "Thị trấn Long Phú", 8]])


def test_check_fails_on_a_file_with_nothing_to_count(tmp_path, capsys):
    assert main(["check", str(communes(tmp_path))]) == 1
    said = [line for line in capsys.readouterr().out.splitlines() if "[file-nothing-counted]" in line]
    assert said == ["Lỗi [file-nothing-counted]: Không có số liệu nào được tính từ tệp này: không tìm thấy bảng có "
                    "cột tên đơn vị và cột chỉ tiêu hoặc kết quả nhận ra được; hãy xem các cảnh báo khác về tệp. "
                    "[tệp 'chi_tieu_xa.xlsx']"]


def test_a_summary_without_any_quota_says_where_it_looked(phones, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("CHITIEU_DEBUG", raising=False)
    phones[1] = str(communes(tmp_path))
    assert main(["summary", *phones]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Không tìm thấy chỉ tiêu giao nào trong các tệp đã đọc: 'chi_tieu_xa.xlsx', "
                          "'KQ 31.5.2024.xlsx'.")
    assert len(err.strip().splitlines()) == 1


def test_a_doubtful_figure_is_checked_in_json_and_ranked_once_accepted(tmp_path, capsys):
    """Ấp 1's 9 smartphones on 15/5 typed 900 on 16/5: marked and unranked until ``--accept``, which the
    profile keeps for the next run."""
    quota = workbook(tmp_path / "chi_tieu.xlsx", ["STT", "Đơn vị", "Chỉ tiêu điện thoại thông minh"],
                     [[1, "Ấp 1", 100], [2, "Ấp 2", 100]], "CHỈ TIÊU TRANG BỊ ĐIỆN THOẠI THÔNG MINH")
    results = [workbook(tmp_path / f"KQ {day}.5.2024.xlsx", ["STT", "Đơn vị", "Kết quả điện thoại thông minh"],
                        [[1, "Ấp 1", first], [2, "Ấp 2", second]], f"KẾT QUẢ (tính đến ngày {day}/05/2024)")
               for day, first, second in ((15, 9, 10), (16, 900, 11))]
    options = ["--quota", str(quota), "--results", *map(str, results), "--start", "2024-05-01", "--end", "2024-06-30",
               "--format", "json", "--profile", str(tmp_path / "p.yaml")]
    assert main(["summary", *options]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SUMMARY_SCHEMA)
    rows = {row["unit"]: row for row in data["rows"]}
    assert rows["Ấp 1"]["rank"] is None and "tăng bất thường" in rows["Ấp 1"]["check"]
    assert (rows["Ấp 2"]["rank"], rows["Ấp 2"]["check"]) == (1, None)
    assert any(i["code"] == "result-jump" and "Ấp 1" in i["message"] for i in data["issues"])
    assert main(["summary", *options, "--accept", "Ấp 1:smartphone"]) == 0
    rows = summary_rows(capsys)
    assert (rows["Ấp 1"]["rank"], rows["Ấp 1"]["check"], rows["Ấp 2"]["rank"]) == (1, None, 2)
    saved = yaml.safe_load((tmp_path / "p.yaml").read_text(encoding="utf-8"))
    assert saved["accepted"] == [{"unit": "Ấp 1", "indicator": "smartphone", "through": date(2024, 5, 16)}]
    assert main(["summary", *options]) == 0
    assert summary_rows(capsys)["Ấp 1"]["rank"] == 1


def test_an_accept_option_not_naming_a_unit_and_an_indicator_is_refused(capsys):
    assert main(["summary", *SOC_TRANG, "--accept", "Mỹ Tú"]) == 1
    assert "Mỹ Tú" in capsys.readouterr().err
